//! Replaying a finished run: the views at any moment of its trace.

use std::sync::Arc;

use futures_lab::replay::Replay;
use futures_lab::state::{Action, PlayerAction, State};
use futures_lab_core::{TraceBuffer, TraceEvent, TraceSink};
use futures_lab_scenarios::TaskState;
use futures_lab_scenarios::{play, Report, RunEnv, Scenario};

/// A real run: its scenario, every trace event and its report.
fn recorded(query: &str) -> (Scenario, Vec<TraceEvent>, Report) {
    let scenario = Scenario::from_query(query).unwrap();
    let buffer = Arc::new(TraceBuffer::default());
    let mut env = RunEnv::native();
    env.live = Some(Arc::clone(&buffer) as Arc<dyn TraceSink>);
    let report = play(&scenario, &env).unwrap();
    (scenario, buffer.drain(), report)
}

/// Feeds a run to the page state as the browser would, after `before`.
fn fed(query: &str, before: &[Action]) -> State {
    let (scenario, events, report) = recorded(query);
    let mut state = State::default();
    before
        .iter()
        .cloned()
        .for_each(|action| state.apply(action));
    state.apply(Action::Started(scenario));
    state.apply(Action::Events(events));
    state.apply(Action::Finished(Box::new(report)));
    state
}

/// A real run fed to the page state.
fn finished(query: &str) -> State {
    fed(query, &[])
}

const DOWNLOADS: &str = "workload=download&inputs=a.example@20,b.example@60,c.example@40&executor=threads&max_workers=2";

fn states(replay: &Replay) -> Vec<TaskState> {
    replay.rows.borrow().iter().map(|r| r.state).collect()
}

#[test]
fn at_its_end_the_replay_shows_what_the_run_showed() {
    let state = finished(DOWNLOADS);
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(replay.cursor, replay.len());
    assert!(replay.len() >= 9, "submitted, started, finished for each");
    assert_eq!(*replay.rows.borrow(), *state.rows.borrow());
    assert_eq!(
        replay.timeline.borrow().lanes(),
        state.timeline.borrow().lanes()
    );
    assert!(!replay.playing);
}

#[test]
fn stepping_back_then_forward_gives_the_same_views() {
    let mut state = finished(DOWNLOADS);
    state.apply(Action::Player(PlayerAction::SeekEvent(5)));
    let (rows, lanes) = {
        let replay = state.replay.as_ref().unwrap();
        (
            replay.rows.borrow().clone(),
            replay.timeline.borrow().lanes().to_vec(),
        )
    };
    state.apply(Action::Player(PlayerAction::Step(-1)));
    state.apply(Action::Player(PlayerAction::Step(-1)));
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(replay.cursor, 3);
    state.apply(Action::Player(PlayerAction::Step(1)));
    state.apply(Action::Player(PlayerAction::Step(1)));
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(replay.cursor, 5);
    assert_eq!(*replay.rows.borrow(), rows);
    assert_eq!(replay.timeline.borrow().lanes(), lanes.as_slice());
}

#[test]
fn before_the_first_event_everything_is_pending_and_midway_some_run() {
    let mut state = finished(DOWNLOADS);
    state.apply(Action::Player(PlayerAction::SeekEvent(0)));
    let replay = state.replay.as_ref().unwrap();
    assert!(states(replay).iter().all(|s| *s == TaskState::Pending));
    assert!(replay.timeline.borrow().lanes().is_empty());
    // 30 ms in: a (20 ms) is done, b and c are running on the two threads.
    state.apply(Action::Player(PlayerAction::SeekTime(30_000_000)));
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(
        states(replay),
        [TaskState::Finished, TaskState::Running, TaskState::Running]
    );
    assert_eq!(
        replay.rows.borrow()[0].outcome,
        state.rows.borrow()[0].outcome,
        "its result is shown"
    );
    assert_eq!(
        replay.timeline.borrow().end_ns(),
        30_000_000,
        "running bars reach the moment"
    );
}

#[test]
fn playing_advances_at_its_speed_and_stops_at_the_end() {
    let mut state = finished(DOWNLOADS);
    state.apply(Action::Player(PlayerAction::Play(true)));
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(
        (replay.cursor, replay.playing),
        (0, true),
        "play at the end starts over"
    );
    state.apply(Action::Player(PlayerAction::Speed(0.5)));
    state.apply(Action::Player(PlayerAction::Tick(20.0)));
    assert_eq!(
        state.replay.as_ref().unwrap().moment_ns,
        10_000_000,
        "20 ms at half speed"
    );
    state.apply(Action::Player(PlayerAction::Tick(10_000.0)));
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(replay.cursor, replay.len());
    assert!(!replay.playing);
    // A new run leaves the replay.
    state.apply(Action::Started(Scenario::from_query(DOWNLOADS).unwrap()));
    assert!(state.replay.is_none());
}

#[test]
fn the_orders_form_and_wait_returns_as_the_replay_goes() {
    let mut state = finished(DOWNLOADS);
    let report = state.report.clone().unwrap();
    state.apply(Action::Player(PlayerAction::SeekEvent(0)));
    let replay = state.replay.as_ref().unwrap();
    assert!(replay.completed_so_far(&report).is_empty());
    state.apply(Action::Player(PlayerAction::SeekTime(30_000_000)));
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(
        replay.completed_so_far(&report),
        [0],
        "a came back at 20 ms"
    );
    assert_eq!(replay.results_so_far(&report), [0]);
    state.apply(Action::Player(PlayerAction::SeekEvent(usize::MAX)));
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(replay.completed_so_far(&report), report.completion_order);

    let mut waited = finished("workload=download&inputs=a.example@10,b.example@80&executor=threads&max_workers=2&api=wait&return_when=FIRST_COMPLETED");
    let report = waited.report.clone().unwrap();
    assert!(waited.replay.as_ref().unwrap().wait_returned);
    waited.apply(Action::Player(PlayerAction::SeekTime(5_000_000)));
    assert!(!waited.replay.as_ref().unwrap().wait_returned);
    assert!(waited
        .replay
        .as_ref()
        .unwrap()
        .results_so_far(&report)
        .is_empty());
    waited.apply(Action::Player(PlayerAction::SeekTime(40_000_000)));
    let replay = waited.replay.as_ref().unwrap();
    assert!(
        replay.wait_returned,
        "FIRST_COMPLETED returned at about 10 ms"
    );
    assert_eq!(replay.results_so_far(&report), [0]);
}

#[test]
fn a_link_with_t_opens_the_replay_at_that_moment() {
    let load = Action::LoadQuery(format!("?{DOWNLOADS}&run=1&t=30"));
    let mut probe = State::default();
    probe.apply(load.clone());
    assert!(
        Scenario::from_query(&probe.form.to_query()).is_ok(),
        "t is the page's, not the scenario's"
    );
    let state = fed(DOWNLOADS, &[load]);
    let replay = state.replay.as_ref().unwrap();
    assert_eq!(replay.moment_ns, 30_000_000);
    assert_eq!(
        states(replay),
        [TaskState::Finished, TaskState::Running, TaskState::Running]
    );
    // Only the first run after loading opens there.
    assert_eq!(state.open_at_ns, None);
}

#[test]
fn slow_motion_follows_the_recording_then_goes_on_as_a_replay() {
    let (scenario, events, report) = recorded(DOWNLOADS);
    let mut state = State::default();
    state.apply(Action::SetSlowMotion(true));
    state.apply(Action::Started(scenario));
    state.apply(Action::Events(events));
    // 100 ms of real time at 1/10× is 10 ms of the run: nothing has finished.
    state.apply(Action::Player(PlayerAction::Tick(100.0)));
    let follow = state.follow.as_ref().unwrap();
    assert_eq!(follow.moment_ns, 10_000_000);
    assert!(follow
        .rows
        .borrow()
        .iter()
        .all(|r| r.state != TaskState::Finished));
    assert_eq!(
        state.rows.borrow()[0].state,
        TaskState::Finished,
        "the run itself is ahead"
    );
    state.apply(Action::Finished(Box::new(report)));
    assert!(state.follow.is_none());
    let replay = state.replay.as_ref().unwrap();
    assert!(replay.playing, "it goes on playing");
    assert_eq!((replay.moment_ns, replay.speed), (10_000_000, 0.1));
}

/// A replay shows at its cursor what another shows at its own.
fn assert_same_views(one: &Replay, other: &Replay, report: &Report, at: &str) {
    assert_eq!(*one.rows.borrow(), *other.rows.borrow(), "rows {at}");
    // Compared as values: the timeline's maps print in any order.
    assert!(
        *one.timeline.borrow() == *other.timeline.borrow(),
        "timeline {at}"
    );
    assert_eq!(
        one.completed_so_far(report),
        other.completed_so_far(report),
        "{at}"
    );
    assert_eq!(
        one.results_so_far(report),
        other.results_so_far(report),
        "{at}"
    );
    assert_eq!(one.program_step, other.program_step, "{at}");
    assert_eq!(one.moment_ns, other.moment_ns, "{at}");
}

#[test]
fn going_on_from_the_last_views_shows_what_starting_over_shows() {
    // Failures, callbacks and a wait: every kind of event a replay takes.
    for query in [
        DOWNLOADS,
        "workload=download&inputs=a@30,b@10,bad.invalid,d@50&executor=threads&max_workers=2&api=wait&return_when=FIRST_EXCEPTION",
        "workload=cpu_bound&inputs=2000,10,300&executor=threads&max_workers=2&callbacks=true&gil=true",
    ] {
        let (_, events, report) = recorded(query);
        let mut stepping = Replay::new(&report, events.clone());
        stepping.seek_event(0, &report);
        for cursor in 0..=stepping.len() {
            // Forward one event at a time: each view goes on from the last.
            stepping.seek_event(cursor, &report);
            // A replay that jumps here from its end starts over.
            let mut jumping = Replay::new(&report, events.clone());
            jumping.seek_event(cursor, &report);
            assert_same_views(&stepping, &jumping, &report, &format!("{query} at {cursor}"));
        }
        // And by time: half-way, then on to three quarters.
        let end = stepping.end_ns();
        stepping.seek_time(end / 2, &report);
        stepping.seek_time(end * 3 / 4, &report);
        let mut jumping = Replay::new(&report, events.clone());
        jumping.seek_time(end * 3 / 4, &report);
        assert_same_views(&stepping, &jumping, &report, &format!("{query} by time"));
    }
}
