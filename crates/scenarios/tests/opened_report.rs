//! Reports opened from files: a CPython trace and a lab report decode,
//! become the events the page replays, and a broken file is refused naming
//! the field.

use futures_lab_core::{Activities, Activity, TraceKind};
use futures_lab_scenarios::{
    events_of_report, open_report, play, Clock, RunEnv, Scenario, TaskState,
};

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cpython-trace.json"
    ))
    .unwrap()
}

#[test]
fn a_cpython_trace_becomes_the_events_of_its_futures() {
    let report = open_report(&fixture()).unwrap();
    assert_eq!(report.mode, "cpython");
    assert!(report.scenario.is_none());
    let events = events_of_report(&report);
    for task in &report.tasks {
        let own: Vec<_> = events.iter().filter(|e| e.future == task.id).collect();
        assert_eq!(own[0].kind, TraceKind::Submitted);
        let end = own
            .iter()
            .find(|e| {
                matches!(
                    e.kind,
                    TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled
                )
            })
            .unwrap();
        assert_eq!(
            end.kind == TraceKind::Failed,
            task.state == TaskState::Failed
        );
        // The stretches between start and end cover its running time.
        let mut activities = Activities::default();
        let stretches: Vec<_> = own.iter().filter_map(|e| activities.observe(e)).collect();
        let covered: u64 = stretches.iter().map(|s| s.ns()).sum();
        let running_ns =
            ((task.finished_ms.unwrap() - task.started_ms.unwrap()) * 1e6).round() as u64;
        assert!(
            covered.abs_diff(running_ns) <= 2,
            "{covered} vs {running_ns}"
        );
        // A process call's trivial work is mostly its result travelling back: untold.
        assert!(stretches.iter().any(|s| s.activity == Activity::Untold));
    }
    let workers = events
        .iter()
        .filter(|e| e.kind == TraceKind::WorkerReady)
        .count();
    assert_eq!(workers, report.program.as_ref().unwrap().workers.len());
    let received = events
        .iter()
        .filter(|e| e.kind == TraceKind::Received)
        .count();
    assert_eq!(
        received,
        report.tasks.len(),
        "as_completed gave each future"
    );
}

#[test]
fn a_lab_report_saved_as_json_opens_as_it_was() {
    let scenario = Scenario::from_query(
        "workload=download&inputs=a@300,b@75,c@150&executor=threads&max_workers=2&api=wait&return_when=FIRST_COMPLETED&clock=virtual",
    )
    .unwrap();
    assert_eq!(scenario.clock, Clock::Virtual);
    let report = play(&scenario, &RunEnv::native()).unwrap();
    let opened = open_report(&serde_json::to_string(&report).unwrap()).unwrap();
    assert_eq!(opened, report);
    let events = events_of_report(&opened);
    assert_eq!(
        events
            .iter()
            .filter(|e| e.kind == TraceKind::WaitReturned)
            .count(),
        1
    );
}

/// What breaks a report, in place.
type Breaks = fn(&mut serde_json::Value);

#[test]
fn a_broken_report_is_refused_naming_the_field() {
    let mut report: serde_json::Value = serde_json::from_str(&fixture()).unwrap();
    let cases: [(&str, Breaks); 5] = [
        ("tasks[1].state: unknown variant `runing`", |r| {
            r["tasks"][1]["state"] = "runing".into()
        }),
        ("tasks[2].id: 7 where 2 was expected", |r| {
            r["tasks"][2]["id"] = 7.into()
        }),
        ("completion_order[0]: 9 is no task's id", |r| {
            r["completion_order"][0] = 9.into()
        }),
        ("tasks[0].started_ms: -1 is not a time", |r| {
            r["tasks"][0]["started_ms"] = (-1.0).into()
        }),
        ("scenario: workload: must be one of", |r| {
            r["scenario"] = "workload=nothing".into()
        }),
    ];
    for (expected, breaks) in cases {
        let mut broken = report.clone();
        breaks(&mut broken);
        let error = open_report(&broken.to_string()).unwrap_err();
        assert!(error.starts_with(expected), "{expected}: {error}");
    }
    report.as_object_mut().unwrap().remove("tasks");
    let error = open_report(&report.to_string()).unwrap_err();
    assert!(error.contains("missing field `tasks`"), "{error}");
    assert!(open_report("[1, 2]").unwrap_err().starts_with("not JSON"));
}
