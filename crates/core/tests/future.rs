//! The future's states and transitions (CONFORMANCE.md section A, the part the
//! skeleton needs).

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use futures_lab_core::{ErrorKind, Future, FutureState, TaskError};

#[test]
fn cancel_pending_future_returns_true_and_cancels() {
    let future: Future<u32> = Future::new();
    assert!(future.cancel());
    assert_eq!(future.state(), FutureState::Cancelled);
    assert!(future.cancelled() && future.done() && !future.running());
}

#[test]
fn cancel_running_future_returns_false() {
    let future: Future<u32> = Future::new();
    assert!(future.set_running_or_notify_cancel().unwrap());
    assert!(!future.cancel());
    assert_eq!(future.state(), FutureState::Running);
    assert!(future.running() && !future.done());
}

#[test]
fn cancel_finished_future_returns_false() {
    let future = Future::new();
    future.set_result(1).unwrap();
    assert!(!future.cancel());
    assert_eq!(future.try_result().unwrap(), 1);
}

#[test]
fn result_of_unfinished_future_times_out_without_blocking() {
    let future: Future<u32> = Future::new();
    assert_eq!(future.try_result().unwrap_err().kind(), ErrorKind::Timeout);
    let waited = future.result(Some(Duration::from_millis(1)));
    assert_eq!(waited.unwrap_err().kind(), ErrorKind::Timeout);
}

#[test]
fn result_of_failed_future_is_the_task_error() {
    let future: Future<u32> = Future::new();
    future
        .set_exception(TaskError::new("ValueError", "bad"))
        .unwrap();
    let error = future.try_result().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Task);
    assert_eq!(error.to_string(), "ValueError: bad");
    assert_eq!(
        future.try_exception().unwrap(),
        Some(TaskError::new("ValueError", "bad"))
    );
}

#[test]
fn result_blocks_until_another_thread_sets_it() {
    let future = Future::new();
    let setter = future.clone();
    let handle = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        setter.set_result("late").unwrap();
    });
    assert_eq!(future.result(None).unwrap(), "late");
    handle.join().unwrap();
}

#[test]
fn second_set_result_is_invalid_state_and_keeps_first() {
    let future = Future::new();
    future.set_result(1).unwrap();
    let error = future.set_result(2).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidState);
    assert_eq!(future.try_result().unwrap(), 1);
}

#[test]
fn callbacks_run_once_in_order_and_at_once_when_done() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let future = Future::new();
    for tag in ["first", "second"] {
        let seen = Arc::clone(&seen);
        future.add_done_callback(move |_f: &Future<u8>| seen.lock().unwrap().push(tag));
    }
    future.set_result(0).unwrap();
    let late = Arc::clone(&seen);
    future.add_done_callback(move |_| late.lock().unwrap().push("late"));
    assert_eq!(*seen.lock().unwrap(), vec!["first", "second", "late"]);
}

#[test]
fn debug_shows_the_state() {
    let future: Future<u64> = Future::new();
    assert_eq!(format!("{future:?}"), "<Future state=pending>");
    future.set_result(3).unwrap();
    assert_eq!(
        format!("{future:?}"),
        "<Future state=finished returned u64>"
    );
}
