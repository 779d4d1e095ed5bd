//! A process pool run watched from outside (the page's asynchronous pool)
//! is played back to the program's own code: given the same moments, the
//! program sees what it sees when it plays the run itself.

use futures_lab_core::TraceKind;
use futures_lab_scenarios::{
    observed, simulate, Environment, Outcome, Report, Scenario, Simulated, Source, Stats,
    TaskReport, TaskState,
};

/// Each task's outcome as the watcher saw it in `report`; for a task that
/// never ran there, the one it has in a run that collects every one.
fn outcomes(query: &str, report: &Report) -> Vec<Outcome> {
    let all = Scenario::from_query(&format!(
        "{query}&api=submit_as_completed&clock=virtual&cpus=2"
    ))
    .unwrap();
    let every = simulate(&all, 2).unwrap().report;
    let outcome = |t: &TaskReport| match (&t.result, &t.error) {
        (Some(value), None) => Some(Ok(value.clone())),
        (None, Some(error)) => Some(Err(error.clone())),
        _ => None,
    };
    report
        .tasks
        .iter()
        .zip(&every.tasks)
        .map(|(seen, ran)| {
            outcome(seen)
                .or_else(|| outcome(ran))
                .expect("every task ends")
        })
        .collect()
}

/// The virtual run of `query`, and the same run's moments played back.
fn played_and_replayed(query: &str, collect: &str) -> (Report, Report) {
    let full = format!("{query}&{collect}&clock=virtual&cpus=2");
    let scenario = Scenario::from_query(&full).unwrap();
    let Simulated { report, trace } = simulate(&scenario, 2).unwrap();
    // What a watcher of the pool sees: the workers and the calls, not the
    // program's own steps (it makes them again).
    let watched = trace
        .into_iter()
        .filter(|e| {
            !matches!(
                e.kind,
                TraceKind::Received
                    | TraceKind::WaitReturned
                    | TraceKind::Callback
                    | TraceKind::Cancelled
            )
        })
        .collect();
    let source = Source {
        mode: "browser",
        environment: Environment {
            cross_origin_isolated: Some(false),
            hardware_concurrency: 2,
            user_agent: "test".to_owned(),
        },
        stats: Stats::default(),
        threads: report.pool.threads,
    };
    let outcomes = outcomes(query, &report);
    let (replayed, _) = observed(&scenario, watched, &outcomes, source).unwrap();
    (report, replayed)
}

/// What the program saw, and what became of each future. (Not when `wait`
/// returned: the virtual clock holds the program while it launches the
/// worker processes, so its timeout starts later than the page's, whose
/// workers start without holding it.)
fn program_side(report: &Report) -> String {
    let states: Vec<String> = report.tasks.iter().map(|t| t.state.to_string()).collect();
    let callbacks: Vec<(u64, Option<&str>)> = report
        .callbacks
        .iter()
        .map(|c| (c.future, c.thread.as_deref()))
        .collect();
    let wait = report
        .wait
        .as_ref()
        .map(|w| (&w.done, &w.not_done, &w.reason));
    format!(
        "completion {:?}\nresults {:?}\nwait {wait:?}\nerror {:?}\nstates {states:?}\ncallbacks {callbacks:?}",
        report.completion_order, report.result_order, report.error
    )
}

#[test]
fn the_program_sees_the_same_in_a_replay_of_its_run() {
    let runs = [
        // Latencies pinned apart: a known finishing order; x.invalid fails.
        "workload=download&inputs=a.example@40,b.example@10,c.example@30,d.example@20,e.example@5",
        "workload=download&inputs=a.example@40,x.invalid@10,c.example@30,d.example@20,e.example@5",
        "workload=download&inputs=a.example@10,b.example@20,c.example@30,x.invalid@60,e.example@5,f.example@5,g.example@5,h.example@5",
        "workload=cpu_bound&inputs=2000000,1000000,3000000,500000",
    ];
    let collects = [
        "api=submit_as_completed",
        "api=submit_as_completed&timeout_s=0.025",
        "api=submit_as_completed&callbacks=true",
        "api=map",
        "api=map&timeout_s=0.025",
        "api=map&chunksize=2",
        "api=map&chunksize=3&max_workers=1",
        "api=wait&return_when=FIRST_COMPLETED",
        "api=wait&return_when=FIRST_EXCEPTION",
        "api=wait&return_when=ALL_COMPLETED&timeout_s=0.025",
    ];
    let mut compared = 0;
    for run in runs {
        for collect in collects {
            let query = format!("{run}&executor=processes&max_workers=2");
            let (played, replayed) = played_and_replayed(&query, collect);
            assert_eq!(
                program_side(&replayed),
                program_side(&played),
                "{query}&{collect}"
            );
            assert_eq!(replayed.mode, "browser");
            if let Some(wait) = replayed.wait.as_ref().filter(|w| w.reason == "timeout") {
                assert_eq!(
                    wait.returned_ms, 25.0,
                    "the replay's wait times out on time"
                );
            }
            compared += 1;
        }
    }
    assert_eq!(compared, runs.len() * collects.len());
}

#[test]
fn a_call_the_program_cancelled_does_not_run_in_the_replay() {
    // map stops at the failure at 10 ms: the calls still queued then are
    // cancelled, and their measured moments are not played.
    let query = "workload=download&inputs=x.invalid@10,b.example@40,c.example@40,d.example@40,e.example@40&executor=processes&max_workers=1";
    let (played, replayed) = played_and_replayed(query, "api=map");
    assert_eq!(
        replayed.error.as_deref(),
        played.error.as_deref(),
        "the program raises the failure"
    );
    let cancelled = replayed
        .tasks
        .iter()
        .filter(|t| t.state == TaskState::Cancelled)
        .count();
    assert!(cancelled >= 1, "{}", program_side(&replayed));
    for task in replayed
        .tasks
        .iter()
        .filter(|t| t.state == TaskState::Cancelled)
    {
        assert_eq!(task.started_ms, None, "task {} never ran", task.id);
        assert_eq!(task.result, None);
    }
}
