//! `callbacks=true`: the program adds a done callback to every future right
//! after submitting it; the report lists each run and the thread it ran on,
//! as CPython runs it: in the thread that completes the future.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use futures_lab_scenarios::{play, Command, Report, RunControl, RunEnv, Scenario};

fn run(query: &str, env: &RunEnv) -> Report {
    play(&Scenario::from_query(query).unwrap(), env).unwrap()
}

/// Each future's callback threads, by future id.
fn threads_by_future(report: &Report) -> BTreeMap<u64, Vec<Option<String>>> {
    let mut threads: BTreeMap<u64, Vec<Option<String>>> = BTreeMap::new();
    for note in &report.callbacks {
        threads
            .entry(note.future)
            .or_default()
            .push(note.thread.clone());
    }
    threads
}

/// Every done future has exactly one callback run, on the worker that ran it.
fn assert_one_callback_each_on_its_worker(report: &Report) {
    let threads = threads_by_future(report);
    assert_eq!(threads.len(), report.tasks.len(), "{:?}", report.callbacks);
    for task in &report.tasks {
        assert_eq!(threads[&task.id].len(), 1, "{:?}", report.callbacks);
        if matches!(task.state.as_str(), "finished" | "failed") {
            assert!(task.worker.is_some());
            assert_eq!(threads[&task.id][0], task.worker, "{task:?}");
        }
    }
    let times: Vec<f64> = report.callbacks.iter().map(|n| n.t_ms).collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "in the order they ran"
    );
}

#[test]
fn every_thread_pool_future_has_one_callback_on_the_worker_that_completed_it() {
    let report = run(
        "workload=download&inputs=a.example@150,b.invalid@100,c.example@120,d.example@100&executor=threads&max_workers=2&callbacks=true",
        &RunEnv::native(),
    );
    assert_eq!(report.tasks[1].state, "failed");
    assert_one_callback_each_on_its_worker(&report);
    for note in &report.callbacks {
        let finished = report.tasks[note.future as usize].finished_ms.unwrap();
        assert!(note.t_ms >= finished, "{note:?} after its future's end");
    }
}

#[test]
fn a_cancelled_future_has_its_callback_on_the_programs_thread() {
    let control = Arc::new(RunControl::new());
    let env = RunEnv {
        control: Some(Arc::clone(&control)),
        ..RunEnv::native()
    };
    let query = "workload=download&inputs=a.example@300,b.example@300,c.example@300&executor=threads&max_workers=1&callbacks=true";
    let scenario = Scenario::from_query(query).unwrap();
    let run = thread::spawn(move || play(&scenario, &env).unwrap());
    // Future 2 waits in the queue for 600 ms: plenty of time to cancel it.
    thread::sleep(Duration::from_millis(50));
    control.send(Command::Cancel(2));
    let report = run.join().unwrap();
    assert_eq!(report.tasks[2].state, "cancelled", "{:?}", report.control);
    assert_one_callback_each_on_its_worker(&report);
    assert_eq!(threads_by_future(&report)[&2], [None]);
}

#[test]
fn asyncio_callbacks_run_on_the_loop_as_main_thread() {
    let report = run(
        "workload=download&inputs=a.example@100,b.example@50&executor=asyncio&callbacks=true",
        &RunEnv::native(),
    );
    assert_one_callback_each_on_its_worker(&report);
    assert_eq!(
        report.callbacks[0].future, 1,
        "the shorter download ends first"
    );
    assert!(report
        .callbacks
        .iter()
        .all(|n| n.thread.as_deref() == Some("MainThread")));
}

#[test]
fn process_pool_callbacks_run_on_the_manager_thread() {
    let worker = PathBuf::from(env!("CARGO_BIN_EXE_futures-lab"));
    let report = run(
        "workload=download&inputs=a.example@100,b.example@100&executor=processes&max_workers=2&callbacks=true",
        &RunEnv::native_with_worker(Some(worker)),
    );
    let threads = threads_by_future(&report);
    assert_eq!(threads.len(), 2, "{:?}", report.callbacks);
    assert!(threads
        .values()
        .all(|t| t == &[Some("Thread-1".to_owned())]));
}

#[test]
fn without_callbacks_the_report_lists_none() {
    let report = run(
        "workload=download&inputs=a.example@10,b.example@10&executor=threads&max_workers=2",
        &RunEnv::native(),
    );
    assert!(report.callbacks.is_empty());
}
