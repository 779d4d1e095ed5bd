//! A first, unmeasured run that lets the browser optimise the hot code.
//!
//! V8 first runs wasm in a quick baseline tier and compiles a function
//! optimised only after it has been busy, for its later calls. Without this,
//! the first run after loading the page is measured in the slow tier and
//! looks slower than the same run a moment later.

use futures_lab_scenarios::Scenario;

use super::launch::run;

/// Runs a few small tasks of `scenario`'s workload sequentially and drops
/// the result. Runs take turns, so a run asked for meanwhile follows it.
pub async fn warm_up(scenario: &Scenario) {
    let mut small = crate::state::baseline_scenario(scenario);
    small.inputs.truncate(4);
    small.api = futures_lab_scenarios::Api::SubmitAsCompleted;
    let _ = run(small, None).await;
}
