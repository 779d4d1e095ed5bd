//! Re-targeting a scenario to another executor (the speed-up's baseline,
//! Compare, Amdahl's runs) keeps it a scenario the lab accepts, and keeps
//! everything the new executor has.

use futures_lab_scenarios::{Api, ExecutorKind, IntoEnumIterator, Scenario};

/// Every accepted combination of executor, api, callbacks, the pool's and
/// the loop's own fields.
fn accepted() -> Vec<Scenario> {
    let mut found = Vec::new();
    for executor in ExecutorKind::iter() {
        for api in Api::iter() {
            for extra in [
                "",
                "&callbacks=true",
                "&gil=true&max_workers=3",
                "&chunksize=2&max_tasks_per_child=1",
                "&cooperative=true&return_exceptions=true",
                "&timeout_s=0.5&return_when=FIRST_COMPLETED",
            ] {
                let query = format!(
                    "workload=cpu_bound&inputs=10,20,30&executor={executor}&api={api}{extra}"
                );
                if let Ok(scenario) = Scenario::from_query(&query) {
                    found.push(scenario);
                }
            }
        }
    }
    found
}

#[test]
fn every_retarget_is_accepted_and_keeps_what_the_target_has() {
    let scenarios = accepted();
    assert!(scenarios.len() > 60, "only {} scenarios", scenarios.len());
    for scenario in &scenarios {
        for target in ExecutorKind::iter() {
            for gil in [false, true] {
                let moved = scenario.retarget(target, gil);
                let again = Scenario::from_query(&moved.to_query())
                    .unwrap_or_else(|e| panic!("{} on {target}: {e}", scenario.to_query()));
                assert_eq!(
                    again.to_query(),
                    moved.to_query(),
                    "{}",
                    scenario.to_query()
                );
                assert_eq!(moved.executor, target);
                assert_eq!(moved.gil, gil && target == ExecutorKind::Threads);
                // What every executor has is kept.
                assert_eq!(moved.inputs, scenario.inputs);
                assert_eq!(moved.workload, scenario.workload);
                assert_eq!(moved.timeout_s, scenario.timeout_s);
                assert_eq!(moved.return_when, scenario.return_when);
                if target.allows(scenario.api) {
                    assert_eq!(moved.api, scenario.api);
                } else {
                    assert_eq!(moved.api, Api::SubmitAsCompleted);
                }
                if target.is_pool() && scenario.executor.is_pool() {
                    assert_eq!(moved.max_workers, scenario.max_workers);
                }
                if target.allows_callbacks(moved.api) {
                    assert_eq!(moved.callbacks, scenario.callbacks);
                }
                assert_eq!(moved.retarget(target, gil), moved, "once is enough");
                if target == ExecutorKind::Processes && scenario.executor == target {
                    assert_eq!(moved.chunksize, scenario.chunksize);
                    assert_eq!(moved.max_tasks_per_child, scenario.max_tasks_per_child);
                }
                if target == ExecutorKind::Asyncio && scenario.executor == target {
                    assert_eq!(moved.cooperative, scenario.cooperative);
                    assert_eq!(moved.return_exceptions, scenario.return_exceptions);
                }
            }
        }
    }
}

#[test]
fn the_executors_know_their_workers_and_apis() {
    use futures_lab_core::PythonVersion;
    let v = PythonVersion::DEFAULT;
    assert_eq!(ExecutorKind::Threads.default_max_workers(v, 2), Some(6));
    assert_eq!(ExecutorKind::Processes.default_max_workers(v, 2), Some(2));
    assert_eq!(ExecutorKind::Asyncio.default_max_workers(v, 2), None);
    assert_eq!(ExecutorKind::Sequential.default_max_workers(v, 2), None);
    let pools: Vec<ExecutorKind> = ExecutorKind::iter().filter(|e| e.is_pool()).collect();
    assert_eq!(pools, [ExecutorKind::Threads, ExecutorKind::Processes]);
    for executor in ExecutorKind::iter() {
        for api in Api::iter() {
            let query = format!("executor={executor}&api={api}");
            assert_eq!(
                executor.allows(api),
                Scenario::from_query(&query).is_ok(),
                "{query}"
            );
            let with_callbacks = format!("{query}&callbacks=true");
            assert_eq!(
                executor.allows(api) && executor.allows_callbacks(api),
                Scenario::from_query(&with_callbacks).is_ok(),
                "{with_callbacks}"
            );
        }
    }
    let scenario = Scenario::from_query("executor=asyncio&max_workers=7").unwrap();
    assert_eq!(
        scenario.resolved_max_workers(4),
        1,
        "the event loop is one thread"
    );
}
