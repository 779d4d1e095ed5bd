//! Control of a run while it goes on: the page's cancel and shutdown
//! commands, applied by the run's watcher as the Python program would, and
//! noted in the report. Commands are sent once the trace shows a task
//! started; the tasks are pinned 300 ms downloads, ample margin for the
//! watcher's 5 ms tick.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use futures_lab_core::{TraceBuffer, TraceEvent, TraceKind};
use futures_lab_scenarios::{
    play, Command, ControlNote, ControlOutcome, Report, RunControl, RunEnv, Scenario,
};

/// Four 300 ms downloads, one at a time.
const FOUR_ON_ONE_THREAD: &str = "workload=download&inputs=a.example@300,b.example@300,c.example@300,d.example@300&executor=threads&max_workers=1";

/// A run going on in another thread, with its control and its live trace.
struct Running {
    control: Arc<RunControl>,
    live: Arc<TraceBuffer>,
    seen: Vec<TraceEvent>,
    run: thread::JoinHandle<Report>,
}

impl Running {
    fn start(query: &str, env: RunEnv) -> Self {
        let control = Arc::new(RunControl::new());
        let live = Arc::new(TraceBuffer::default());
        let env = RunEnv {
            control: Some(Arc::clone(&control)),
            live: Some(live.clone()),
            ..env
        };
        let scenario = Scenario::from_query(query).unwrap();
        let run = thread::spawn(move || play(&scenario, &env).unwrap());
        Self {
            control,
            live,
            seen: Vec::new(),
            run,
        }
    }

    /// Waits (up to 10 s) until the trace shows `kind` for future `id`.
    fn wait_for(&mut self, kind: TraceKind, id: u64) {
        let began = Instant::now();
        while !self.seen.iter().any(|e| e.kind == kind && e.future == id) {
            assert!(
                began.elapsed() < Duration::from_secs(10),
                "no {kind} of {id}"
            );
            self.seen.extend(self.live.drain());
            thread::sleep(Duration::from_millis(1));
        }
    }

    fn send(&self, commands: impl IntoIterator<Item = Command>) {
        for command in commands {
            self.control.send(command);
        }
    }

    fn report(self) -> Report {
        self.run.join().unwrap()
    }
}

fn outcomes(notes: &[ControlNote]) -> Vec<(Command, ControlOutcome)> {
    notes
        .iter()
        .map(|note| (note.command.clone(), note.outcome.clone()))
        .collect()
}

fn states(report: &Report) -> Vec<&str> {
    report.tasks.iter().map(|t| t.state.as_str()).collect()
}

fn sorted(mut ids: Vec<u64>) -> Vec<u64> {
    ids.sort_unstable();
    ids
}

#[test]
fn cancel_refuses_the_running_future_cancels_a_pending_one_and_shutdown_cancels_the_rest() {
    let mut run = Running::start(FOUR_ON_ONE_THREAD, RunEnv::native());
    run.wait_for(TraceKind::Started, 0);
    run.send([
        Command::Cancel(0),
        Command::Cancel(3),
        Command::Shutdown {
            wait: false,
            cancel_futures: true,
        },
    ]);
    let report = run.report();
    let (notes, shut_down) = report.control.split_at(2);
    assert_eq!(
        outcomes(notes),
        [
            (
                Command::Cancel(0),
                ControlOutcome::Refused { state: "running" }
            ),
            (Command::Cancel(3), ControlOutcome::Cancelled),
        ]
    );
    match &shut_down[0].outcome {
        ControlOutcome::ShutDown {
            cancelled,
            returned_ms,
        } => {
            assert_eq!(cancelled, &[1, 2], "3 was cancelled already");
            assert!(
                *returned_ms < report.tasks[0].finished_ms.unwrap(),
                "wait=False"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        states(&report),
        ["finished", "cancelled", "cancelled", "cancelled"]
    );
    assert_eq!(
        sorted(report.completion_order.clone()),
        [0, 1, 2, 3],
        "as_completed yields the cancelled futures too"
    );
    assert_eq!(report.error, None);
    let times: Vec<f64> = report.control.iter().map(|n| n.t_ms).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert!(times[0] >= report.tasks[0].started_ms.unwrap());
}

#[test]
fn cancel_pending_cancels_every_future_not_yet_running() {
    let mut run = Running::start(FOUR_ON_ONE_THREAD, RunEnv::native());
    run.wait_for(TraceKind::Started, 0);
    run.send([Command::CancelPending]);
    let report = run.report();
    assert_eq!(
        outcomes(&report.control),
        [(
            Command::CancelPending,
            ControlOutcome::CancelledPending { ids: vec![1, 2, 3] }
        )]
    );
    assert_eq!(
        states(&report),
        ["finished", "cancelled", "cancelled", "cancelled"]
    );
    assert_eq!(sorted(report.completion_order.clone()), [0, 1, 2, 3]);
}

#[test]
fn shutdown_with_wait_returns_once_the_running_work_has_ended() {
    let mut run = Running::start(FOUR_ON_ONE_THREAD, RunEnv::native());
    run.wait_for(TraceKind::Started, 0);
    run.send([Command::Shutdown {
        wait: true,
        cancel_futures: true,
    }]);
    let report = run.report();
    let ControlOutcome::ShutDown {
        cancelled,
        returned_ms,
    } = &report.control[0].outcome
    else {
        panic!("{:?}", report.control);
    };
    assert_eq!(cancelled, &[1, 2, 3]);
    assert!(*returned_ms >= report.tasks[0].finished_ms.unwrap());
    assert_eq!(
        states(&report),
        ["finished", "cancelled", "cancelled", "cancelled"]
    );
}

#[test]
fn asyncio_task_cancel_reaches_a_running_download_at_its_await() {
    let mut run = Running::start(
        "workload=download&inputs=a.example@300,b.example@300&executor=asyncio",
        RunEnv::native(),
    );
    run.wait_for(TraceKind::Started, 0);
    run.send([Command::Cancel(0)]);
    let report = run.report();
    assert_eq!(
        outcomes(&report.control),
        [(
            Command::Cancel(0),
            ControlOutcome::CancelRequested { state: "running" }
        )]
    );
    assert_eq!(states(&report), ["cancelled", "finished"]);
    assert!(report.tasks[0].finished_ms.unwrap() < report.tasks[1].finished_ms.unwrap());
}

#[test]
fn an_unknown_id_is_noted_as_unknown_even_when_sent_before_the_run() {
    let control = Arc::new(RunControl::new());
    control.try_send(Command::Cancel(99)).unwrap();
    let env = RunEnv {
        control: Some(Arc::clone(&control)),
        ..RunEnv::native()
    };
    let scenario =
        Scenario::from_query("workload=cpu_bound&inputs=10,20&executor=threads").unwrap();
    let report = play(&scenario, &env).unwrap();
    assert_eq!(
        outcomes(&report.control),
        [(Command::Cancel(99), ControlOutcome::Unknown)]
    );
    assert_eq!(control.try_take_notes().unwrap(), report.control);
    assert_eq!(control.try_take_notes().unwrap(), []);
    assert_eq!(states(&report), ["finished", "finished"]);
}

#[test]
fn a_finished_future_refuses_cancel() {
    let mut run = Running::start(FOUR_ON_ONE_THREAD, RunEnv::native());
    run.wait_for(TraceKind::Started, 1);
    run.send([Command::Cancel(0), Command::Cancel(1)]);
    let report = run.report();
    assert_eq!(
        outcomes(&report.control),
        [
            (
                Command::Cancel(0),
                ControlOutcome::Refused { state: "finished" }
            ),
            (
                Command::Cancel(1),
                ControlOutcome::Refused { state: "running" }
            ),
        ]
    );
}

#[test]
fn without_control_the_report_is_as_before() {
    let scenario = Scenario::from_query(FOUR_ON_ONE_THREAD).unwrap();
    let plain = play(&scenario, &RunEnv::native()).unwrap();
    assert!(plain.control.is_empty() && plain.callbacks.is_empty());
    let controlled = play(
        &scenario,
        &RunEnv {
            control: Some(Arc::new(RunControl::new())),
            ..RunEnv::native()
        },
    )
    .unwrap();
    for report in [&plain, &controlled] {
        assert!(report.control.is_empty());
        assert_eq!(states(report), ["finished"; 4]);
        assert_eq!(report.completion_order, [0, 1, 2, 3]);
        assert_eq!(report.pool.threads, 1);
    }
    let value = serde_json::to_value(&plain).unwrap();
    assert_eq!(value["control"], serde_json::json!([]));
    assert_eq!(value["callbacks"], serde_json::json!([]));
}

#[test]
fn notes_serialize_as_tidy_json() {
    let note = ControlNote {
        t_ms: 12.5,
        command: Command::Shutdown {
            wait: false,
            cancel_futures: true,
        },
        outcome: ControlOutcome::ShutDown {
            cancelled: vec![1, 2],
            returned_ms: 13.0,
        },
    };
    assert_eq!(
        serde_json::to_value(&note).unwrap(),
        serde_json::json!({
            "t_ms": 12.5,
            "command": {"shutdown": {"wait": false, "cancel_futures": true}},
            "outcome": {"shut_down": {"cancelled": [1, 2], "returned_ms": 13.0}},
        })
    );
    let refused = serde_json::to_value(ControlOutcome::Refused { state: "running" }).unwrap();
    assert_eq!(
        refused,
        serde_json::json!({"refused": {"state": "running"}})
    );
    assert_eq!(
        serde_json::to_value(Command::Cancel(3)).unwrap(),
        serde_json::json!({"cancel": 3})
    );
    assert_eq!(
        serde_json::to_value(ControlOutcome::Cancelled).unwrap(),
        serde_json::json!("cancelled")
    );
}

#[test]
fn a_shutdown_sent_while_the_producer_submits_waits_until_every_input_is_in() {
    let inputs: Vec<String> = (1..=10).map(|n| n.to_string()).collect();
    let query = format!(
        "workload=stream&inputs={}&executor=threads&max_workers=2&params=rate:20,capacity:20,c_ms:5",
        inputs.join(",")
    );
    let mut run = Running::start(&query, RunEnv::native());
    run.wait_for(TraceKind::Started, 0);
    run.send([
        Command::Cancel(9),
        Command::Shutdown {
            wait: false,
            cancel_futures: true,
        },
    ]);
    let report = run.report();
    assert_eq!(report.error, None, "every input was submitted");
    let last_submitted = report.tasks[9].submitted_ms;
    assert!(report.control[0].t_ms >= last_submitted, "{report:?}");
    assert!(report.control[1].t_ms >= last_submitted);
    assert!(matches!(
        report.control[1].outcome,
        ControlOutcome::ShutDown { .. }
    ));
}

#[test]
fn the_process_pool_refuses_cancel_for_calls_already_queued_for_a_worker() {
    let worker = PathBuf::from(env!("CARGO_BIN_EXE_futures-lab"));
    let query = FOUR_ON_ONE_THREAD.replace("threads", "processes");
    let mut run = Running::start(&query, RunEnv::native_with_worker(Some(worker)));
    run.wait_for(TraceKind::Started, 0);
    // The four calls were submitted before the worker process was up: the
    // call queue (max_workers + 1 calls) took 0 and 1, RUNNING. The worker
    // runs 0; as in CPython, the queue is filled again only when a result
    // comes in, so 2 and 3 are still PENDING.
    run.send([Command::Cancel(1), Command::CancelPending]);
    let report = run.report();
    assert_eq!(
        outcomes(&report.control),
        [
            (
                Command::Cancel(1),
                ControlOutcome::Refused { state: "running" }
            ),
            (
                Command::CancelPending,
                ControlOutcome::CancelledPending { ids: vec![2, 3] }
            ),
        ]
    );
    assert_eq!(
        states(&report),
        ["finished", "finished", "cancelled", "cancelled"]
    );
    assert_eq!(sorted(report.completion_order.clone()), [0, 1, 2, 3]);
}
