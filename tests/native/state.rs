//! The page reducer, natively: a run's rows follow the trace, then the report.

use std::sync::Arc;

use futures_lab::state::{Action, Field, State};
use futures_lab_core::{TraceEvent, TraceKind};
use futures_lab_scenarios::TaskState;
use futures_lab_scenarios::{play, RunEnv, Scenario};

fn event(future: u64, kind: TraceKind, t_ns: u64, detail: Option<&str>) -> TraceEvent {
    TraceEvent {
        future,
        kind,
        t_ns,
        worker: Some(Arc::from("ThreadPoolExecutor-0_1")),
        detail: detail.map(str::to_owned),
    }
}

#[test]
fn rows_go_pending_running_finished_as_events_arrive() {
    let scenario = Scenario::from_query("inputs=10,20&executor=threads&max_workers=2").unwrap();
    let mut state = State::default();
    state.apply(Action::Started(scenario.clone()));
    assert!(state.running);
    assert!(state
        .rows
        .borrow()
        .iter()
        .all(|r| r.state == TaskState::Pending));

    state.apply(Action::Events(vec![
        event(0, TraceKind::Started, 1_000_000, None),
        event(0, TraceKind::Checkpoint, 1_500_000, Some("0.500")),
    ]));
    assert_eq!(state.rows.borrow()[0].state, TaskState::Running);
    assert_eq!(state.rows.borrow()[0].progress, 0.5);
    assert_eq!(
        state.rows.borrow()[0].worker.as_deref(),
        Some("ThreadPoolExecutor-0_1")
    );

    state.apply(Action::Events(vec![event(
        0,
        TraceKind::Finished,
        3_000_000,
        None,
    )]));
    assert_eq!(state.rows.borrow()[0].state, TaskState::Finished);
    assert_eq!(state.rows.borrow()[0].duration_ms(), Some(2.0));
    assert_eq!(state.rows.borrow()[1].state, TaskState::Pending);

    let report = play(&scenario, &RunEnv::native()).unwrap();
    state.apply(Action::Finished(Box::new(report)));
    assert!(!state.running);
    assert_eq!(state.rows.borrow()[0].outcome.as_deref(), Some("285"));
    assert_eq!(state.rows.borrow()[1].outcome.as_deref(), Some("2470"));
    assert!(state
        .rows
        .borrow()
        .iter()
        .all(|r| r.state == TaskState::Finished));
}

#[test]
fn events_after_the_report_do_not_change_the_rows() {
    let scenario = Scenario::from_query("inputs=10&executor=sequential").unwrap();
    let mut state = State::default();
    state.apply(Action::Started(scenario.clone()));
    state.apply(Action::Finished(Box::new(
        play(&scenario, &RunEnv::native()).unwrap(),
    )));
    state.apply(Action::Events(vec![event(0, TraceKind::Started, 9, None)]));
    assert_eq!(state.rows.borrow()[0].state, TaskState::Finished);
    assert_eq!(state.rows.borrow()[0].outcome.as_deref(), Some("285"));
}

#[test]
fn invalid_input_shows_the_message_and_keeps_the_last_run() {
    let scenario = Scenario::from_query("inputs=10&executor=sequential").unwrap();
    let mut state = State::default();
    state.apply(Action::Started(scenario.clone()));
    state.apply(Action::Finished(Box::new(
        play(&scenario, &RunEnv::native()).unwrap(),
    )));
    state.apply(Action::Invalid(
        "max_workers: must be a whole number from 1 to 32 (got \"0\")".into(),
    ));
    assert!(state.error.as_deref().unwrap().starts_with("max_workers:"));
    assert_eq!(state.rows.borrow().len(), 1, "what was shown is not lost");
    assert!(state.report.is_some());
}

#[test]
fn the_form_reads_the_url_and_writes_a_valid_query() {
    let mut state = State::default();
    state.apply(Action::LoadQuery(
        "?executor=sequential&max_workers=7&inputs=1,2&run=1".into(),
    ));
    state.apply(Action::Edit(Field::MaxWorkers, "3".into()));
    let scenario = Scenario::from_query(&state.form.to_query()).unwrap();
    assert_eq!(scenario.max_workers, Some(3));
    assert_eq!(scenario.inputs.len(), 2);
    assert_eq!(scenario.executor.as_str(), "sequential");
}
