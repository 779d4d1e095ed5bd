//! The sequential baseline behind the summary's speed-up.

use futures_lab_scenarios::{ExecutorKind, Report, DEFAULT_OP_NS};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::frozen::Frozen;
use crate::runtime::run;
use crate::state::{baseline_key, baseline_scenario, Action, State};

/// Runs longer than this (the sum of their tasks' times) get no automatic
/// baseline: a sequential run would keep the learner waiting; Compare makes one.
const AUTOMATIC_UP_TO_MS: f64 = 3_000.0;

/// After a run on a pool or a loop, measures the same scenario run
/// sequentially, once per scenario, unless it would take long.
#[hook]
pub fn use_baseline(
    dispatcher: UseReducerDispatcher<State>,
    report: Option<Frozen<Report>>,
    known: bool,
) {
    use_effect_with(report, move |report| {
        let Some((report, scenario)) = report
            .as_ref()
            .and_then(|report| Some((report, report.scenario.as_ref()?)))
        else {
            return;
        };
        if known
            || report.mode == "cpython"
            || scenario.executor == ExecutorKind::Sequential
            || real_work_ms(report) > AUTOMATIC_UP_TO_MS
        {
            return;
        }
        let key = baseline_key(scenario);
        let scenario = baseline_scenario(scenario);
        spawn_local(async move {
            if let Ok(baseline) = run(scenario, None).await {
                dispatcher.dispatch(Action::Baseline(key, baseline.wall_ms));
            }
        });
    });
}

/// About how long a sequential run of the same scenario would keep this
/// machine busy, in ms: its tasks' running time; on the virtual clock, the
/// real computing of its results (an operation takes about `DEFAULT_OP_NS`
/// here, whatever speed the virtual machine has).
fn real_work_ms(report: &Report) -> f64 {
    match &report.scenario {
        Some(scenario) if report.mode == "virtual" => {
            report.cpu_ms * DEFAULT_OP_NS / scenario.virtual_op_ns()
        }
        _ => report.cpu_ms,
    }
}
