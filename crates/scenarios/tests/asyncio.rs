//! CONFORMANCE.md section I: asyncio's own rules, played natively on the
//! event loop (wait, wait_for, as_completed, gather, TaskGroup).

use futures_lab_scenarios::{play, Report, RunEnv, Scenario};
use serde_json::json;

fn run(query: &str) -> Report {
    play(&Scenario::from_query(query).unwrap(), &RunEnv::native()).unwrap()
}

fn states(report: &Report) -> Vec<&str> {
    report.tasks.iter().map(|t| t.state.as_str()).collect()
}

#[test]
fn a1_wait_never_raises_on_timeout_and_leaving_asyncio_run_cancels_the_rest() {
    let report = run("workload=download&executor=asyncio&api=wait&timeout_s=0.1&inputs=fast.example@5,slow.example@3000");
    let split = report.wait.clone().unwrap();
    assert_eq!((split.done, split.not_done), (vec![0], vec![1]));
    assert_eq!(split.reason, "timeout");
    assert_eq!(report.error, None, "wait does not raise");
    assert_eq!(
        states(&report),
        ["finished", "cancelled"],
        "asyncio.run cancels what is left"
    );
}

#[test]
fn a2_wait_for_on_a_gather_cancels_it_on_timeout_and_raises() {
    let report = run("workload=download&executor=asyncio&api=gather&timeout_s=0.1&inputs=fast.example@5,slow.example@3000");
    assert_eq!(report.error.as_deref(), Some("TimeoutError"));
    assert_eq!(states(&report), ["finished", "cancelled"]);
    assert!(
        report.wall_ms < 3000.0,
        "the slow task did not run to its end"
    );
}

#[test]
fn a3_as_completed_has_one_deadline_and_raises_when_late() {
    let report = run(
        "workload=download&executor=asyncio&timeout_s=0.1&inputs=a.example@5,b.example@10,slow.example@3000",
    );
    // asyncio's TimeoutError has no message (concurrent.futures counts).
    assert_eq!(report.error.as_deref(), Some("TimeoutError"));
    assert_eq!(report.completion_order, vec![0, 1]);
}

#[test]
fn a4_gather_returns_results_in_argument_order() {
    let report = run("workload=download&executor=asyncio&api=gather&inputs=a.example@60,b.example@5,c.example@30");
    assert_eq!(report.error, None);
    assert_eq!(report.result_order, vec![0, 1, 2]);
    assert_eq!(report.completion_order, vec![1, 2, 0]);
}

#[test]
fn a4_without_return_exceptions_the_first_error_propagates() {
    let report = run("workload=download&executor=asyncio&api=gather&inputs=ok.example@5,x.invalid@10,slow.example@3000");
    assert_eq!(
        report.error.as_deref(),
        Some("URLError: <urlopen error [Errno -2] Name or service not known>")
    );
    assert_eq!(states(&report), ["finished", "failed", "cancelled"]);
    assert!(report.result_order.is_empty());
}

#[test]
fn a4_with_return_exceptions_errors_are_results() {
    let report = run(
        "workload=download&executor=asyncio&api=gather&return_exceptions=true&inputs=ok.example@5,x.invalid@10,late.example@40",
    );
    assert_eq!(report.error, None);
    assert_eq!(states(&report), ["finished", "failed", "finished"]);
    assert_eq!(report.result_order, vec![0, 1, 2]);
}

#[test]
fn a5_a_failing_task_group_cancels_the_others_and_reports_every_error() {
    let report = run(
        "workload=points&executor=asyncio&api=task_group&inputs=-5,12.5,1000&params=lookup_ms:1000",
    );
    let error = report.error.unwrap();
    assert!(
        error.starts_with("ExceptionGroup: unhandled errors in a TaskGroup ("),
        "{error}"
    );
    assert!(
        error.contains("ValueError: points must not be negative (got -5)"),
        "{error}"
    );
    assert_eq!(
        report.tasks[2].state, "cancelled",
        "the lookup was cut short"
    );
    let fine =
        run("workload=points&executor=asyncio&api=task_group&inputs=1000,2500&params=lookup_ms:1");
    assert_eq!(fine.error, None);
    assert_eq!(fine.tasks[1].result, Some(json!(1875)));
}

#[test]
fn a6_the_loop_is_one_thread_and_cpu_work_holds_it() {
    let report = run("workload=cpu_bound&executor=asyncio&inputs=20000000,10");
    assert!(report
        .tasks
        .iter()
        .all(|t| t.worker.as_deref() == Some("MainThread")));
    assert!(report.tasks[1].started_ms.unwrap() >= report.tasks[0].finished_ms.unwrap());
}

#[test]
fn asyncio_shapes_need_the_asyncio_executor() {
    let error = Scenario::from_query("api=gather&executor=threads").unwrap_err();
    assert_eq!(
        error.to_string(),
        "api: gather is asyncio's: use executor=asyncio (got executor=threads)"
    );
}

/// A6 with a timer: the timeout is a callback on the loop, so it cannot fire
/// while a coroutine that never awaits holds the loop. By the program's turn
/// both tasks are done, and it receives both (CPython prints both results).
#[test]
fn a6_a_timeout_cannot_fire_while_a_coroutine_holds_the_loop_on_either_clock() {
    for clock in ["real", "virtual"] {
        for api in ["map", "submit_as_completed", "gather", "wait"] {
            let report = run(&format!(
                "workload=is_prime&inputs=112272535095293,97&executor=asyncio&api={api}&timeout_s=0.001&clock={clock}"
            ));
            assert_eq!(report.error, None, "{api} on the {clock} clock");
            assert_eq!(states(&report), ["finished", "finished"], "{api}, {clock}");
            if let Some(split) = &report.wait {
                assert!(split.not_done.is_empty(), "{api}, {clock}: {split:?}");
            }
        }
    }
}

/// `wait(FIRST_COMPLETED)` on the loop: the program wakes at its turn, after
/// the task that was ready before it, so both are done.
#[test]
fn a6_first_completed_wakes_the_program_after_the_tasks_ready_before_it() {
    for clock in ["real", "virtual"] {
        let report = run(&format!(
            "workload=is_prime&inputs=112272535095293,97&executor=asyncio&api=wait&return_when=FIRST_COMPLETED&clock={clock}"
        ));
        let split = report.wait.unwrap();
        assert_eq!(
            (split.done, split.not_done),
            (vec![0, 1], vec![]),
            "{clock}"
        );
    }
}
