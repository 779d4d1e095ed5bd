//! CONFORMANCE.md section C: as_completed(fs, timeout) (CPython's test_as_completed.py).

mod support;

use std::thread;
use std::time::Duration;

use futures_lab_core::block_on;
use futures_lab_core::{as_completed, ErrorKind, Future, TaskError};
use support::{Live, Tracked};

fn done(value: u32) -> Future<u32> {
    let f = Future::new();
    f.set_result(value).unwrap();
    f
}

fn later(f: &Future<u32>, ms: u64, value: u32) -> thread::JoinHandle<()> {
    let f = f.clone();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(ms));
        f.set_result(value).unwrap();
    })
}

#[test]
fn c40_every_future_is_yielded_once_failed_and_cancelled_included() {
    let ok = done(1);
    let failed = Future::new();
    failed
        .set_exception(TaskError::new("OSError", "x"))
        .unwrap();
    let cancelled = Future::new();
    cancelled.cancel();
    cancelled.set_running_or_notify_cancel().unwrap();
    let late = Future::new();
    let handle = later(&late, 10, 4);
    let yielded: Vec<Future<u32>> = as_completed(
        &[ok.clone(), failed.clone(), cancelled.clone(), late.clone()],
        None,
    )
    .map(Result::unwrap)
    .collect();
    assert_eq!(yielded, vec![ok, failed, cancelled, late]);
    handle.join().unwrap();
}

#[test]
fn c41_complete_futures_come_first_then_a_zero_timeout_raises() {
    let (a, b, pending) = (done(1), done(2), Future::new());
    let items: Vec<_> = as_completed(
        &[pending.clone(), a.clone(), b.clone()],
        Some(Duration::ZERO),
    )
    .collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap(), &a);
    assert_eq!(items[1].as_ref().unwrap(), &b);
    assert_eq!(items[2].as_ref().unwrap_err().kind(), ErrorKind::Timeout);
}

#[test]
fn c42_the_timeout_is_one_deadline_from_the_call() {
    let futures: Vec<Future<u32>> = (0..3).map(|_| Future::new()).collect();
    let handles: Vec<_> = futures
        .iter()
        .enumerate()
        .map(|(i, f)| later(f, 100 * (i as u64 + 1), i as u32))
        .collect();
    let items: Vec<_> = as_completed(&futures, Some(Duration::from_millis(250))).collect();
    // Each gap is 100 ms, well under the timeout, but the third arrives at
    // 300 ms, past the one deadline.
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    assert_eq!(items[2].as_ref().unwrap_err().kind(), ErrorKind::Timeout);
    handles.into_iter().for_each(|h| h.join().unwrap());
}

#[test]
fn c43_the_timeout_error_says_how_many_are_unfinished() {
    let futures = [done(1), Future::new(), Future::new()];
    let error = as_completed(&futures, Some(Duration::from_millis(5)))
        .find_map(Result::err)
        .unwrap();
    assert_eq!(
        error.to_string(),
        "TimeoutError: 2 (of 3) futures unfinished"
    );
}

#[test]
fn c44_duplicates_are_yielded_once() {
    let (a, b) = (done(1), Future::new());
    let handle = later(&b, 10, 2);
    let yielded: Vec<_> = as_completed(&[a.clone(), b.clone(), a.clone(), b.clone()], None)
        .map(Result::unwrap)
        .collect();
    assert_eq!(yielded, vec![a, b]);
    handle.join().unwrap();
}

#[test]
fn c45_later_futures_come_in_completion_order() {
    let futures: Vec<Future<u32>> = (0..4).map(|_| Future::new()).collect();
    let delays = [80, 20, 60, 40];
    let handles: Vec<_> = futures
        .iter()
        .zip(delays)
        .enumerate()
        .map(|(i, (f, ms))| later(f, ms, i as u32))
        .collect();
    let order: Vec<u32> = as_completed(&futures, None)
        .map(|f| f.unwrap().try_result().unwrap())
        .collect();
    assert_eq!(order, vec![1, 3, 2, 0]);
    handles.into_iter().for_each(|h| h.join().unwrap());
}

#[test]
fn c45_yielded_futures_are_not_kept_alive() {
    let live = Live::default();
    let futures: Vec<Future<Tracked>> = (0..3)
        .map(|_| {
            let f = Future::new();
            f.set_result(live.make()).unwrap();
            f
        })
        .collect();
    let mut iterator = as_completed(&futures, None);
    drop(futures);
    assert_eq!(live.count(), 3);
    drop(iterator.next().unwrap().unwrap());
    assert_eq!(live.count(), 2, "the iterator let go of the yielded future");
    drop(iterator.next().unwrap().unwrap());
    assert_eq!(live.count(), 1);
}

#[test]
fn try_next_never_blocks_and_next_async_awaits() {
    let (a, b) = (done(1), Future::new());
    let mut iterator = as_completed(&[a.clone(), b.clone()], None);
    assert_eq!(iterator.try_next(), Some(a));
    assert_eq!(iterator.try_next(), None);
    assert_eq!(iterator.remaining(), 1);
    let handle = later(&b, 10, 2);
    assert_eq!(block_on(iterator.next_async()), Some(b));
    assert_eq!(block_on(iterator.next_async()), None);
    handle.join().unwrap();
}
