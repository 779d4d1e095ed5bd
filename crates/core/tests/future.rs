//! CONFORMANCE.md section A: the Future (CPython's test_future.py).

mod support;

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use futures_lab_core::block_on;
use futures_lab_core::{Error, ErrorKind, Future, FutureState, TaskError};

fn pending() -> Future<u32> {
    Future::new()
}

fn running() -> Future<u32> {
    let f = Future::new();
    f.set_running_or_notify_cancel().unwrap();
    f
}

fn cancelled() -> Future<u32> {
    let f = Future::new();
    f.cancel();
    f
}

fn cancelled_and_notified() -> Future<u32> {
    let f = cancelled();
    assert!(!f.set_running_or_notify_cancel().unwrap());
    f
}

fn failed() -> Future<u32> {
    let f = Future::new();
    f.set_exception(TaskError::new("OSError", "boom")).unwrap();
    f
}

fn succeeded(value: u32) -> Future<u32> {
    let f = Future::new();
    f.set_result(value).unwrap();
    f
}

fn all_states() -> Vec<(FutureState, Future<u32>)> {
    vec![
        (FutureState::Pending, pending()),
        (FutureState::Running, running()),
        (FutureState::Cancelled, cancelled()),
        (FutureState::CancelledAndNotified, cancelled_and_notified()),
        (FutureState::Finished, failed()),
        (FutureState::Finished, succeeded(42)),
    ]
}

#[test]
fn c1_cancel_pending_future_returns_true_and_cancels() {
    let f = pending();
    assert!(f.cancel());
    assert_eq!(f.state(), FutureState::Cancelled);
}

#[test]
fn c2_cancel_running_future_returns_false_and_keeps_running() {
    let f = running();
    assert!(!f.cancel());
    assert_eq!(f.state(), FutureState::Running);
}

#[test]
fn c3_cancel_cancelled_future_returns_true_and_keeps_state() {
    for (state, f) in [
        (FutureState::Cancelled, cancelled()),
        (FutureState::CancelledAndNotified, cancelled_and_notified()),
    ] {
        assert!(f.cancel());
        assert_eq!(f.state(), state);
    }
}

#[test]
fn c4_cancel_finished_future_returns_false() {
    for f in [failed(), succeeded(1)] {
        assert!(!f.cancel());
        assert_eq!(f.state(), FutureState::Finished);
    }
}

#[test]
fn c5_cancelled_is_true_only_for_the_cancelled_states() {
    for (state, f) in all_states() {
        assert_eq!(f.cancelled(), state.is_cancelled(), "{state}");
    }
}

#[test]
fn c6_done_is_true_for_cancelled_and_finished_only() {
    for (state, f) in all_states() {
        let expected = !matches!(state, FutureState::Pending | FutureState::Running);
        assert_eq!(f.done(), expected, "{state}");
    }
}

#[test]
fn c7_running_is_true_only_while_running() {
    for (state, f) in all_states() {
        assert_eq!(f.running(), state == FutureState::Running, "{state}");
    }
}

#[test]
fn c8_result_with_zero_timeout_by_state() {
    let zero = Some(Duration::ZERO);
    assert_eq!(
        pending().result(zero).unwrap_err().kind(),
        ErrorKind::Timeout
    );
    assert_eq!(
        running().result(zero).unwrap_err().kind(),
        ErrorKind::Timeout
    );
    assert_eq!(
        cancelled().result(zero).unwrap_err().kind(),
        ErrorKind::Cancelled
    );
    assert_eq!(
        cancelled_and_notified().result(zero).unwrap_err().kind(),
        ErrorKind::Cancelled
    );
    assert_eq!(
        failed().result(zero).unwrap_err().to_string(),
        "OSError: boom"
    );
    assert_eq!(succeeded(42).result(zero).unwrap(), 42);
}

#[test]
fn c9_result_blocks_until_another_thread_sets_it() {
    let f = pending();
    let setter = f.clone();
    let handle = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        setter.set_result(42).unwrap();
    });
    assert_eq!(f.result(Some(Duration::from_secs(5))).unwrap(), 42);
    handle.join().unwrap();
}

#[test]
fn c10_waiter_in_result_gets_cancelled_error_when_cancelled_meanwhile() {
    let f = pending();
    let canceller = f.clone();
    let handle = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        assert!(canceller.cancel());
    });
    let error = f.result(Some(Duration::from_secs(5))).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Cancelled);
    handle.join().unwrap();
}

#[test]
fn c11_exception_with_zero_timeout_by_state() {
    let zero = Some(Duration::ZERO);
    assert_eq!(
        pending().exception(zero).unwrap_err().kind(),
        ErrorKind::Timeout
    );
    assert_eq!(
        running().exception(zero).unwrap_err().kind(),
        ErrorKind::Timeout
    );
    assert_eq!(
        cancelled().exception(zero).unwrap_err().kind(),
        ErrorKind::Cancelled
    );
    assert_eq!(
        failed().exception(zero).unwrap(),
        Some(TaskError::new("OSError", "boom"))
    );
    assert_eq!(succeeded(1).exception(zero).unwrap(), None);
}

#[test]
fn c12_exception_blocks_until_the_future_fails() {
    let f = pending();
    let setter = f.clone();
    let handle = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        setter
            .set_exception(TaskError::new("OSError", "late"))
            .unwrap();
    });
    let error = f.exception(Some(Duration::from_secs(5))).unwrap().unwrap();
    assert_eq!(error.message(), "late");
    handle.join().unwrap();
}

type Callback = Box<dyn FnOnce(&Future<u32>) + Send>;
type Log = Arc<Mutex<Vec<String>>>;

/// A log, and a maker of callbacks that write `tag:State` into it.
fn recorder() -> (Log, impl Fn(&'static str) -> Callback) {
    let log: Log = Arc::default();
    let log2 = Arc::clone(&log);
    let make = move |tag: &'static str| -> Callback {
        let log = Arc::clone(&log2);
        Box::new(move |f: &Future<u32>| log.lock().unwrap().push(format!("{tag}:{:?}", f.state())))
    };
    (log, make)
}

#[test]
fn c13_callback_added_before_result_runs_once_after_it() {
    let (log, make) = recorder();
    let f = pending();
    f.add_done_callback(make("a"));
    assert!(log.lock().unwrap().is_empty());
    f.set_result(5).unwrap();
    assert_eq!(*log.lock().unwrap(), vec!["a:Finished"]);
}

#[test]
fn c14_callback_added_before_exception_runs_once_after_it() {
    let (log, make) = recorder();
    let f = pending();
    f.add_done_callback(make("a"));
    f.set_exception(TaskError::new("OSError", "x")).unwrap();
    assert_eq!(*log.lock().unwrap(), vec!["a:Finished"]);
}

#[test]
fn c15_cancel_runs_the_callbacks() {
    let (log, make) = recorder();
    let f = pending();
    f.add_done_callback(make("a"));
    assert!(f.cancel());
    assert!(f.cancel(), "a second cancel runs nothing again");
    assert_eq!(*log.lock().unwrap(), vec!["a:Cancelled"]);
}

#[test]
fn c16_callback_added_after_completion_runs_at_once_in_the_caller() {
    for f in [succeeded(1), failed(), cancelled()] {
        let caller = thread::current().id();
        let ran_on = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&ran_on);
        f.add_done_callback(move |_| *slot.lock().unwrap() = Some(thread::current().id()));
        assert_eq!(*ran_on.lock().unwrap(), Some(caller));
    }
}

#[test]
fn c17_a_panicking_callback_does_not_stop_later_callbacks() {
    let (log, make) = recorder();
    let f = pending();
    f.add_done_callback(|_| panic!("callback fails"));
    f.add_done_callback(make("after"));
    f.set_result(1).unwrap();
    assert_eq!(*log.lock().unwrap(), vec!["after:Finished"]);
}

#[test]
fn c18_a_panicking_callback_added_after_completion_is_logged_not_raised() {
    let f = succeeded(1);
    f.add_done_callback(|_| panic!("callback fails at once"));
    assert_eq!(f.try_result().unwrap(), 1);
}

#[test]
fn c19_callbacks_run_in_the_order_added() {
    let (log, make) = recorder();
    let f = pending();
    for tag in ["1", "2", "3"] {
        f.add_done_callback(make(tag));
    }
    f.set_result(0).unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        vec!["1:Finished", "2:Finished", "3:Finished"]
    );
}

#[test]
fn c20_second_set_result_is_invalid_state_and_keeps_first() {
    let f = succeeded(1);
    assert_eq!(f.set_result(2).unwrap_err().kind(), ErrorKind::InvalidState);
    assert_eq!(f.try_result().unwrap(), 1);
}

#[test]
fn c21_second_set_exception_is_invalid_state_and_keeps_first() {
    let f = failed();
    let error = f
        .set_exception(TaskError::new("ValueError", "second"))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidState);
    assert!(error
        .to_string()
        .starts_with("InvalidStateError: FINISHED: <Future state=finished raised OSError>"));
    assert_eq!(f.try_result().unwrap_err().to_string(), "OSError: boom");
}

#[test]
fn c22_set_result_or_exception_on_a_cancelled_future_is_invalid_state() {
    for f in [cancelled(), cancelled_and_notified()] {
        assert_eq!(f.set_result(1).unwrap_err().kind(), ErrorKind::InvalidState);
        let error = f.set_exception(TaskError::new("OSError", "x")).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidState);
        assert!(f.cancelled());
    }
}

#[test]
fn c23_debug_shows_the_state() {
    assert_eq!(format!("{:?}", pending()), "<Future state=pending>");
    assert_eq!(format!("{:?}", running()), "<Future state=running>");
    assert_eq!(format!("{:?}", cancelled()), "<Future state=cancelled>");
    assert_eq!(
        format!("{:?}", cancelled_and_notified()),
        "<Future state=cancelled_and_notified>"
    );
    assert_eq!(
        format!("{:?}", failed()),
        "<Future state=finished raised OSError>"
    );
    assert_eq!(
        format!("{:?}", succeeded(1)),
        "<Future state=finished returned u32>"
    );
}

#[test]
fn c24_error_kinds_are_named_as_cpython_classes() {
    assert_eq!(Error::cancelled().to_string(), "CancelledError");
    assert_eq!(Error::timeout("").to_string(), "TimeoutError");
    assert_eq!(
        Error::new(ErrorKind::InvalidState, "x").to_string(),
        "InvalidStateError: x"
    );
    assert_eq!(
        Error::new(ErrorKind::BrokenExecutor, "x").to_string(),
        "BrokenExecutor: x"
    );
    assert_eq!(
        Error::from(TaskError::new("BrokenThreadPool", "y")).to_string(),
        "BrokenThreadPool: y"
    );
}

#[test]
fn c25_set_running_or_notify_cancel_by_state() {
    assert!(pending().set_running_or_notify_cancel().unwrap());
    let f = cancelled();
    assert!(!f.set_running_or_notify_cancel().unwrap());
    assert_eq!(f.state(), FutureState::CancelledAndNotified);
    for f in [running(), cancelled_and_notified(), succeeded(1), failed()] {
        let error = f.set_running_or_notify_cancel().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidState);
    }
}

#[test]
fn c26_an_error_with_an_empty_message_is_still_raised() {
    let f = pending();
    f.set_exception(TaskError::new("Exception", "")).unwrap();
    assert!(f.try_result().is_err());
    assert_eq!(
        f.try_exception().unwrap(),
        Some(TaskError::new("Exception", ""))
    );
}

#[test]
fn async_twins_resolve_when_another_thread_completes_the_future() {
    let f = pending();
    let setter = f.clone();
    let handle = thread::spawn(move || {
        thread::sleep(Duration::from_millis(10));
        setter
            .set_exception(TaskError::new("OSError", "async"))
            .unwrap();
    });
    assert_eq!(
        block_on(f.result_async()).unwrap_err().to_string(),
        "OSError: async"
    );
    assert_eq!(
        block_on(f.exception_async()).unwrap(),
        Some(TaskError::new("OSError", "async"))
    );
    assert_eq!(
        block_on(cancelled().exception_async()).unwrap_err().kind(),
        ErrorKind::Cancelled
    );
    handle.join().unwrap();
}
