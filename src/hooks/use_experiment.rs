//! Compare and Amdahl: a series of runs, one after another, each reported
//! to the page as it finishes.

use futures_lab_scenarios::Scenario;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::experiments::{Experiment, ExperimentKind};
use crate::runtime::{run, warm_up};
use crate::state::{Action, State};

/// The most workers an Amdahl series tries: twice the cores, 4 to 8.
fn most_workers() -> usize {
    let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency());
    ((cores as usize) * 2).clamp(4, 8)
}

/// A callback that plans the series for a scenario and runs it. Each run
/// waits its turn behind any other, so the measurements do not disturb each
/// other.
#[hook]
pub fn use_experiment(
    dispatcher: UseReducerDispatcher<State>,
) -> Callback<(ExperimentKind, Scenario)> {
    use_callback(
        dispatcher,
        |(kind, base): (ExperimentKind, Scenario), dispatcher| {
            let experiment = match kind {
                ExperimentKind::Compare => Experiment::compare(&base),
                ExperimentKind::Amdahl => Experiment::amdahl(&base, most_workers()),
            };
            dispatcher.dispatch(Action::ExperimentStarted(experiment.clone()));
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                warm_up(&base).await;
                for (index, (_, scenario)) in experiment.runs.into_iter().enumerate() {
                    let outcome = run(scenario, None).await.map(|report| report.wall_ms);
                    dispatcher.dispatch(Action::ExperimentRun(index, outcome));
                }
            });
        },
    )
}
