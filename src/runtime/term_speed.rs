//! How fast this build computes on this machine: the time of one term of
//! the sum of squares, the virtual clock's unit, measured once a page.

use std::cell::Cell;

use futures_lab_scenarios::Scenario;

use super::launch::run;

/// Terms of each measured task: a few ms each here.
const TERMS: u64 = 2_000_000;
/// Terms of each task run first, unmeasured, so that the browser has
/// optimised the code before the measured ones (see `warm_up`).
const WARM_UP_TERMS: u64 = 200_000;

thread_local! {
    static MEASURED: Cell<Option<f64>> = const { Cell::new(None) };
}

/// ns this build takes for a term of the sum of squares here: the fastest
/// of three sequential tasks of [`TERMS`] terms (a busy moment only ever
/// adds time) after five small ones, measured on the first call and kept
/// for the page's life.
/// `None` if the run failed.
pub async fn this_build_term_ns() -> Option<f64> {
    if let Some(ns) = MEASURED.get() {
        return Some(ns);
    }
    let warm = [WARM_UP_TERMS; 5].map(|n| n.to_string()).join(",");
    let query =
        format!("workload=cpu_bound&inputs={warm},{TERMS},{TERMS},{TERMS}&executor=sequential");
    let scenario = Scenario::from_query(&query).ok()?;
    let report = run(scenario, None).await.ok()?;
    let ns = report
        .tasks
        .iter()
        .filter(|task| task.input.as_u64() == Some(TERMS))
        .map(|task| task.time.computing_ms * 1e6 / TERMS as f64)
        .filter(|ns| *ns > 0.0)
        .fold(f64::INFINITY, f64::min);
    ns.is_finite().then(|| {
        MEASURED.set(Some(ns));
        ns
    })
}
