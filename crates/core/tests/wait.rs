//! CONFORMANCE.md section B: wait(fs, timeout, return_when) (CPython's test_wait.py).

mod support;

use std::thread;
use std::time::Duration;

use futures_lab_core::block_on;
use futures_lab_core::{try_wait, wait, wait_async, Future, ReturnWhen, TaskError};
use support::poll_once;

const LONG: Option<Duration> = Some(Duration::from_secs(10));

fn done(value: u32) -> Future<u32> {
    let f = Future::new();
    f.set_result(value).unwrap();
    f
}

fn failed() -> Future<u32> {
    let f = Future::new();
    f.set_exception(TaskError::new("OSError", "x")).unwrap();
    f
}

fn cancelled_and_notified() -> Future<u32> {
    let f = Future::new();
    f.cancel();
    f.set_running_or_notify_cancel().unwrap();
    f
}

/// Completes `f` from another thread after `ms` milliseconds.
fn later(f: &Future<u32>, ms: u64, outcome: Result<u32, TaskError>) -> thread::JoinHandle<()> {
    let f = f.clone();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(ms));
        match outcome {
            Ok(v) => f.set_result(v).unwrap(),
            Err(e) => f.set_exception(e).unwrap(),
        }
    })
}

#[test]
fn c28_duplicates_collapse() {
    let f = done(1);
    let split = wait(&[f.clone(), f.clone()], LONG, ReturnWhen::AllCompleted);
    assert_eq!(split.done, vec![f]);
    assert!(split.not_done.is_empty());
}

#[test]
fn c29_returns_done_and_not_done_each_once() {
    let (a, b, c) = (done(1), Future::new(), failed());
    let split = wait(
        &[a.clone(), b.clone(), c.clone(), a.clone()],
        Some(Duration::ZERO),
        ReturnWhen::AllCompleted,
    );
    assert_eq!(split.done, vec![a, c]);
    assert_eq!(split.not_done, vec![b]);
}

#[test]
fn c30_first_completed_returns_when_the_first_completes() {
    let (slow, fast) = (Future::new(), Future::new());
    let handle = later(&fast, 20, Ok(1));
    let split = wait(
        &[slow.clone(), fast.clone()],
        LONG,
        ReturnWhen::FirstCompleted,
    );
    assert_eq!(split.done, vec![fast]);
    assert_eq!(split.not_done, vec![slow]);
    handle.join().unwrap();
}

#[test]
fn c30_cancelled_but_not_noticed_counts_as_not_done() {
    let noticed = cancelled_and_notified();
    let unnoticed: Future<u32> = Future::new();
    unnoticed.cancel();
    assert!(unnoticed.done());
    let split = wait(
        &[unnoticed.clone(), noticed.clone()],
        Some(Duration::from_millis(5)),
        ReturnWhen::AllCompleted,
    );
    assert_eq!(split.done, vec![noticed]);
    assert_eq!(split.not_done, vec![unnoticed.clone()]);
    // Once the executor notices, wait sees it.
    let waiting = {
        let unnoticed = unnoticed.clone();
        thread::spawn(move || wait(&[unnoticed], LONG, ReturnWhen::FirstCompleted))
    };
    thread::sleep(Duration::from_millis(10));
    assert!(!unnoticed.set_running_or_notify_cancel().unwrap());
    assert_eq!(waiting.join().unwrap().done.len(), 1);
}

#[test]
fn c31_first_completed_returns_at_once_with_every_complete_future_in_done() {
    let (a, b, pending) = (done(1), cancelled_and_notified(), Future::new());
    let split = wait(
        &[a.clone(), b.clone(), pending.clone()],
        LONG,
        ReturnWhen::FirstCompleted,
    );
    assert_eq!(split.done, vec![a, b]);
    assert_eq!(split.not_done, vec![pending]);
}

#[test]
fn c32_first_exception_returns_when_one_fails_with_earlier_ones_in_done() {
    let (finished, failing, pending) = (done(1), Future::new(), Future::new());
    let handle = later(&failing, 20, Err(TaskError::new("OSError", "late")));
    let split = wait(
        &[finished.clone(), failing.clone(), pending.clone()],
        LONG,
        ReturnWhen::FirstException,
    );
    assert_eq!(split.done, vec![finished, failing]);
    assert_eq!(split.not_done, vec![pending]);
    handle.join().unwrap();
}

#[test]
fn c33_first_exception_does_not_count_cancellation() {
    let (cancelled, pending) = (cancelled_and_notified(), Future::new());
    let split = wait(
        &[cancelled.clone(), pending.clone()],
        Some(Duration::from_millis(20)),
        ReturnWhen::FirstException,
    );
    assert_eq!(split.done, vec![cancelled]);
    assert_eq!(split.not_done, vec![pending], "waited the full timeout");
}

#[test]
fn c34_first_exception_returns_at_once_if_one_already_failed() {
    let (failed, pending) = (failed(), Future::<u32>::new());
    let split = wait(
        &[pending.clone(), failed.clone()],
        None,
        ReturnWhen::FirstException,
    );
    assert_eq!(split.done, vec![failed]);
    assert_eq!(split.not_done, vec![pending]);
}

#[test]
fn c35_first_exception_without_a_failure_waits_for_all() {
    let (a, b) = (Future::new(), Future::new());
    let handles = [later(&a, 10, Ok(1)), later(&b, 30, Ok(2))];
    let split = wait(&[a.clone(), b.clone()], LONG, ReturnWhen::FirstException);
    assert_eq!(split.done, vec![a, b]);
    assert!(split.not_done.is_empty());
    handles.into_iter().for_each(|h| h.join().unwrap());
}

#[test]
fn c36_all_completed_counts_failed_and_cancelled_as_complete() {
    let (ok, bad, cancelled, late) = (done(1), failed(), cancelled_and_notified(), Future::new());
    let handle = later(&late, 20, Err(TaskError::new("OSError", "late")));
    let all = [ok, bad, cancelled, late];
    let split = wait(&all, LONG, ReturnWhen::AllCompleted);
    assert_eq!(split.done, all.to_vec());
    assert!(split.not_done.is_empty());
    handle.join().unwrap();
}

#[test]
fn c37_a_timeout_returns_the_unfinished_in_not_done_without_raising() {
    let (ok, pending) = (done(1), Future::new());
    let split = wait(
        &[ok.clone(), pending.clone()],
        Some(Duration::from_millis(30)),
        ReturnWhen::AllCompleted,
    );
    assert_eq!(split.done, vec![ok]);
    assert_eq!(split.not_done, vec![pending]);
}

#[test]
fn c38_an_invalid_return_when_is_an_error() {
    let error = "ANY_OF_THEM".parse::<ReturnWhen>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "ValueError: Invalid return condition: \"ANY_OF_THEM\""
    );
}

#[test]
fn wait_of_no_futures_returns_at_once() {
    for when in ReturnWhen::ALL {
        let split = wait::<u32>(&[], None, when);
        assert!(split.done.is_empty() && split.not_done.is_empty());
    }
}

#[test]
fn try_wait_never_blocks() {
    let (ok, pending) = (done(1), Future::new());
    let split = try_wait(&[ok.clone(), pending.clone()], ReturnWhen::AllCompleted);
    assert_eq!((split.done, split.not_done), (vec![ok], vec![pending]));
}

#[test]
fn wait_async_follows_the_same_rules() {
    let (a, b) = (Future::<u32>::new(), Future::new());
    let mut waiting = Box::pin(wait_async(
        &[a.clone(), b.clone()],
        ReturnWhen::FirstException,
    ));
    assert!(poll_once(&mut waiting).is_pending());
    a.set_result(1).unwrap();
    assert!(
        poll_once(&mut waiting).is_pending(),
        "a result is not an exception"
    );
    let handle = later(&b, 10, Err(TaskError::new("OSError", "x")));
    let split = block_on(waiting);
    assert_eq!(split.done, vec![a, b]);
    handle.join().unwrap();
}
