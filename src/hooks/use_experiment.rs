//! Compare and Amdahl: a series of runs, one after another, each reported
//! to the page as it finishes.

use futures_lab_scenarios::{cpython_prediction, Clock, Scenario};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::experiments::{Experiment, ExperimentKind};
use crate::runtime::{run, this_build_term_ns, warm_up};
use crate::state::{Action, State};

/// This machine's logical CPUs.
fn cpus() -> usize {
    let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).max(1)
}

/// The most workers an Amdahl series tries: twice the cores, 4 to 8.
fn most_workers() -> usize {
    (cpus() * 2).clamp(4, 8)
}

/// A callback that plans the series for a scenario and runs it. Each run
/// waits its turn behind any other, so the measurements do not disturb each
/// other. Compare on the real clock also predicts each run in CPython (the
/// virtual clock at its measured speed, fitted to this machine).
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
            let predicts = kind == ExperimentKind::Compare && base.clock == Clock::Real;
            spawn_local(async move {
                warm_up(&base).await;
                let this_build_ns = if predicts {
                    this_build_term_ns().await
                } else {
                    None
                };
                for (index, (_, scenario)) in experiment.runs.into_iter().enumerate() {
                    let prediction = predicts
                        .then(|| cpython_prediction(&scenario, cpus(), this_build_ns))
                        .flatten();
                    let outcome = run(scenario, None).await.map(|report| report.wall_ms);
                    dispatcher.dispatch(Action::ExperimentRun(index, outcome));
                    if let Some(predicted) = prediction {
                        if let Ok(report) = run(predicted, None).await {
                            dispatcher.dispatch(Action::ExperimentPredicted(index, report.wall_ms));
                        }
                    }
                }
            });
        },
    )
}
