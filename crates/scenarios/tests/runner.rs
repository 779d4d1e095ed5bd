//! Playing scenarios natively: exact results, orders, and the report's shape.

use std::collections::BTreeSet;

use futures_lab_scenarios::{play, RunEnv, Scenario};
use serde_json::json;

fn run(query: &str) -> futures_lab_scenarios::Report {
    play(&Scenario::from_query(query).unwrap(), &RunEnv::native()).unwrap()
}

/// sum(i * i for i in range(n)), by the closed formula.
fn sum_of_squares(n: u128) -> u128 {
    n.saturating_sub(1) * n * (2 * n).saturating_sub(1) / 6
}

#[test]
fn cpu_bound_results_are_exact_beyond_u64() {
    let report = run("inputs=0,1,10,5000000&executor=sequential");
    let results: Vec<_> = report
        .tasks
        .iter()
        .map(|t| t.result.clone().unwrap())
        .collect();
    assert_eq!(
        results,
        vec![
            json!(0),
            json!(0),
            json!(285),
            json!(sum_of_squares(5_000_000).to_string())
        ]
    );
    assert!(sum_of_squares(5_000_000) > u128::from(u64::MAX));
}

#[test]
fn sequential_runs_every_task_on_main_thread_in_order() {
    let report = run("inputs=3,2,1&executor=sequential");
    assert!(report
        .tasks
        .iter()
        .all(|t| t.worker.as_deref() == Some("MainThread")));
    assert_eq!(report.completion_order, vec![0, 1, 2]);
    assert_eq!(report.pool.threads, 0);
}

#[test]
fn threads_run_uses_max_workers_threads_and_finishes_every_future() {
    let report = run("executor=threads&max_workers=2&inputs=2000000,2000000,2000000,2000000");
    assert_eq!(report.pool.threads, 2);
    let workers: BTreeSet<_> = report
        .tasks
        .iter()
        .filter_map(|t| t.worker.clone())
        .collect();
    assert!(workers.len() <= 2 && workers.iter().all(|w| w.starts_with("ThreadPoolExecutor-")));
    assert!(report.tasks.iter().all(|t| t.state == "finished"));
    let mut order = report.completion_order.clone();
    order.sort_unstable();
    assert_eq!(order, vec![0, 1, 2, 3]);
}

#[test]
fn map_gives_results_in_input_order() {
    let report = run("executor=threads&max_workers=2&api=map&inputs=3000000,10,20");
    assert_eq!(report.result_order, vec![0, 1, 2]);
    assert_eq!(report.tasks[1].result, Some(json!(285)));
}

#[test]
fn report_times_are_ordered_and_json_has_every_field() {
    let report = run("executor=threads&max_workers=2&inputs=100000,200000");
    for task in &report.tasks {
        let (started, finished) = (task.started_ms.unwrap(), task.finished_ms.unwrap());
        assert!(task.submitted_ms <= started && started <= finished && finished <= report.wall_ms);
    }
    let value = serde_json::to_value(&report).unwrap();
    let keys: BTreeSet<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = [
        "scenario",
        "mode",
        "wall_ms",
        "cpu_ms",
        "tasks",
        "completion_order",
        "result_order",
        "wait",
        "stats",
        "error",
        "pool",
        "environment",
        "control",
        "callbacks",
    ]
    .into_iter()
    .collect();
    assert_eq!(keys, expected);
    assert_eq!(value["mode"], "native");
    assert_eq!(
        value["environment"]["cross_origin_isolated"],
        serde_json::Value::Null
    );
}

#[test]
fn wait_api_reports_the_split_and_why_it_returned() {
    let report =
        run("executor=threads&max_workers=2&inputs=10,20,30&api=wait&return_when=ALL_COMPLETED");
    let split = report.wait.expect("the wait API reports its split");
    assert_eq!(split.done, vec![0, 1, 2]);
    assert!(split.not_done.is_empty());
    assert_eq!(split.reason, "ALL_COMPLETED");
    assert!(split.returned_ms <= report.wall_ms);
    let mut received = report.result_order.clone();
    received.sort_unstable();
    assert_eq!(received, vec![0, 1, 2]);
}

#[test]
fn wait_with_a_zero_timeout_on_long_work_returns_by_timeout() {
    let report = run("executor=threads&max_workers=1&inputs=20000000&api=wait&timeout_s=0&return_when=FIRST_COMPLETED");
    let split = report.wait.unwrap();
    assert_eq!((split.done, split.not_done), (vec![], vec![0]));
    assert_eq!(split.reason, "timeout");
    assert_eq!(
        report.tasks[0].state, "finished",
        "leaving the with block waited for it"
    );
}

#[test]
fn as_completed_timeout_is_the_programs_error() {
    let report = run("executor=threads&max_workers=1&inputs=10,100000000&timeout_s=0.02");
    let unfinished = 2 - report.completion_order.len();
    assert!(unfinished >= 1, "the long task cannot finish in 20 ms");
    assert_eq!(
        report.error,
        Some(format!(
            "TimeoutError: {unfinished} (of 2) futures unfinished"
        ))
    );
    assert!(!report.completion_order.contains(&1));
}

#[test]
fn gil_and_python_version_are_applied_and_echoed() {
    let report =
        run("executor=threads&max_workers=2&gil=true&inputs=1000000,1000000&python_version=3.7");
    assert!(report.scenario.as_ref().is_some_and(|s| s.gil));
    assert_eq!(
        report
            .scenario
            .as_ref()
            .map(|s| s.python_version.to_string())
            .unwrap_or_default(),
        "3.7"
    );
    assert_eq!(
        report.tasks[0].result,
        Some(json!(sum_of_squares(1_000_000).to_string()))
    );
    let value = serde_json::to_value(&report).unwrap();
    assert_eq!(value["scenario"]["python_version"], "3.7");
    assert_eq!(value["scenario"]["return_when"], "ALL_COMPLETED");
    let default_workers = Scenario::from_query("python_version=3.7").unwrap();
    assert_eq!(default_workers.resolved_max_workers(2), 10);
    assert_eq!(Scenario::from_query("").unwrap().resolved_max_workers(2), 6);
}

/// A plain loop (`executor=sequential`) is the scenario's Python program:
/// Python's built-in `map` is lazy, so after a failed call the inputs after
/// it are never called, and a timeout does not apply (the loop has none).
#[test]
fn a_plain_loop_is_lazy_after_a_failure_and_has_no_timeout_on_either_clock() {
    for clock in ["real", "virtual"] {
        let report = play(
            &Scenario::from_query(&format!(
                "workload=download&inputs=a.example@5,b.invalid@5,c.example@5&executor=sequential&api=map&clock={clock}"
            ))
            .unwrap(),
            &RunEnv::native(),
        )
        .unwrap();
        let states: Vec<&str> = report.tasks.iter().map(|t| t.state.as_str()).collect();
        assert_eq!(states, ["finished", "failed", "pending"], "{clock}");
        assert_eq!(report.tasks[2].started_ms, None, "{clock}: never called");
        assert!(report.error.as_deref().unwrap().starts_with("URLError"));
        let timed = play(
            &Scenario::from_query(&format!(
                "workload=download&inputs=a.example@20,b.example@20&executor=sequential&timeout_s=0.001&clock={clock}"
            ))
            .unwrap(),
            &RunEnv::native(),
        )
        .unwrap();
        assert_eq!(timed.error, None, "{clock}: a plain loop has no timeout");
        assert_eq!(timed.result_order, vec![0, 1], "{clock}");
    }
}

/// A JSON value with every fractional number rounded to the nanosecond
/// (times are in ms): serde_json's fast float parsing may be one unit in the
/// last place off, and exact parsing costs the page 19 KB of gzipped wasm.
fn to_the_ns(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if !(n.is_u64() || n.is_i64()) => {
            serde_json::json!((n.as_f64().unwrap() * 1e6).round() / 1e6)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(to_the_ns).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (k, to_the_ns(v))).collect())
        }
        other => other,
    }
}

/// A report reads back from its JSON with serde, field for field (the
/// page's fallback workers send reports as JSON).
#[test]
fn a_report_reads_back_from_its_json_with_serde() {
    for query in [
        "workload=download&inputs=a.example@5,b.invalid@5&executor=threads&max_workers=2&api=wait&callbacks=true",
        "workload=power&inputs=2**100,3**40&executor=asyncio&api=gather&clock=virtual",
        "workload=points&inputs=1000,-5&executor=sequential&api=map&params=lookup_ms:0",
    ] {
        let report = play(&Scenario::from_query(query).unwrap(), &RunEnv::native()).unwrap();
        let json = serde_json::to_string(&report).unwrap();
        let back: futures_lab_scenarios::Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back.scenario, report.scenario, "{query}");
        assert_eq!(back.tasks.len(), report.tasks.len(), "{query}");
        assert_eq!(
            to_the_ns(serde_json::to_value(&back).unwrap()),
            to_the_ns(serde_json::to_value(&report).unwrap()),
            "{query}"
        );
    }
    let bad = serde_json::from_str::<futures_lab_scenarios::Report>(
        "{\"scenario\": {\"max_workers\": 0}}",
    );
    assert!(bad.unwrap_err().to_string().contains("max_workers"));
}
