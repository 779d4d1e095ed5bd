//! `wait(fs, timeout, return_when)`: block until a condition on a set of
//! futures holds, then split them into done and not done.

use std::collections::HashSet;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::base::deadline::Deadline;
use crate::base::future::Future;
use crate::base::return_when::ReturnWhen;
use crate::base::state::FutureState;
use crate::base::waiter::{WaitKind, Waiter};

/// What [`wait`] returns: Python's `DoneAndNotDoneFutures`. Each list holds
/// every future once, in the order first given.
#[derive(Debug)]
pub struct DoneAndNotDone<T> {
    /// Futures that finished, failed, or were cancelled and noticed.
    pub done: Vec<Future<T>>,
    /// The others.
    pub not_done: Vec<Future<T>>,
}

impl<T> Clone for DoneAndNotDone<T> {
    fn clone(&self) -> Self {
        Self {
            done: self.done.clone(),
            not_done: self.not_done.clone(),
        }
    }
}

/// The futures once each, in first-seen order.
pub(crate) fn unique<T>(futures: &[Future<T>]) -> Vec<Future<T>> {
    let mut seen = HashSet::with_capacity(futures.len());
    futures
        .iter()
        .filter(|f| seen.insert(f.key()))
        .cloned()
        .collect()
}

/// Waits until `return_when` holds for `futures`, or `timeout` passes, and
/// returns which are done. A timeout never raises: the unfinished ones are in
/// `not_done`. A future cancelled but not yet noticed by its executor counts
/// as not done (CPython's rule), although its `done()` is true.
///
/// # Blocking
///
/// Blocks until the condition holds or the timeout passes; [`try_wait`] and
/// [`wait_async`] are the twins that do not.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use futures_lab_core::{wait, Future, ReturnWhen};
///
/// let (fast, slow) = (Future::new(), Future::<u8>::new());
/// fast.set_result(1).unwrap();
/// let split = wait(&[fast.clone(), slow.clone()], Some(Duration::from_millis(10)), ReturnWhen::AllCompleted);
/// assert_eq!(split.done, vec![fast]);
/// assert_eq!(split.not_done, vec![slow]);
/// ```
pub fn wait<T>(
    futures: &[Future<T>],
    timeout: Option<Duration>,
    return_when: ReturnWhen,
) -> DoneAndNotDone<T> {
    let deadline = Deadline::after(timeout);
    let futures = unique(futures);
    let kind = match return_when {
        ReturnWhen::FirstCompleted => WaitKind::First,
        ReturnWhen::FirstException => WaitKind::All {
            stop_on_exception: true,
        },
        ReturnWhen::AllCompleted => WaitKind::All {
            stop_on_exception: false,
        },
    };
    let waiter = Arc::new(Waiter::new(kind));
    let initially_done: Vec<bool> = futures
        .iter()
        .enumerate()
        .map(|(index, f)| f.install_waiter(&waiter, index))
        .collect();
    waiter.installed();
    if !met_before_waiting(&futures, &initially_done, return_when) {
        waiter.wait(deadline);
    }
    let mut done = initially_done;
    for index in waiter.finished() {
        done[index] = true;
    }
    for future in &futures {
        future.remove_waiter(&waiter);
    }
    split(futures, &done)
}

/// CPython's early returns: the condition already holds for the futures that
/// were complete when the call began.
fn met_before_waiting<T>(futures: &[Future<T>], done: &[bool], when: ReturnWhen) -> bool {
    let done_futures = || futures.iter().zip(done).filter(|(_, d)| **d);
    done.iter().all(|d| *d)
        || match when {
            ReturnWhen::FirstCompleted => done.iter().any(|d| *d),
            ReturnWhen::FirstException => done_futures().any(|(f, _)| f.failed()),
            ReturnWhen::AllCompleted => false,
        }
}

fn split<T>(futures: Vec<Future<T>>, done: &[bool]) -> DoneAndNotDone<T> {
    let (done, not_done): (Vec<_>, Vec<_>) = futures
        .into_iter()
        .zip(done)
        .partition(|(_, is_done)| **is_done);
    DoneAndNotDone {
        done: done.into_iter().map(|(f, _)| f).collect(),
        not_done: not_done.into_iter().map(|(f, _)| f).collect(),
    }
}

/// The non-blocking twin of [`wait`]: the split as it is now (`timeout=0`).
pub fn try_wait<T>(futures: &[Future<T>], return_when: ReturnWhen) -> DoneAndNotDone<T> {
    wait(futures, Some(Duration::ZERO), return_when)
}

/// The async twin of [`wait`] (without a timeout: race it with a timer for
/// one). Polling never blocks: it only tries the futures' locks.
///
/// # Examples
///
/// ```
/// use std::future::Future as _;
/// use futures_lab_core::{wait_async, Future, ReturnWhen};
///
/// let (a, b) = (Future::new(), Future::<u8>::new());
/// let mut waiting = std::pin::pin!(wait_async(&[a.clone(), b.clone()], ReturnWhen::FirstCompleted));
/// # let waker = std::task::Waker::noop();
/// # let mut cx = std::task::Context::from_waker(&waker);
/// assert!(waiting.as_mut().poll(&mut cx).is_pending());
/// a.set_result(1).unwrap();
/// let std::task::Poll::Ready(split) = waiting.as_mut().poll(&mut cx) else { panic!() };
/// assert_eq!(split.done, vec![a]);
/// ```
pub fn wait_async<T>(futures: &[Future<T>], return_when: ReturnWhen) -> WaitAsync<T> {
    WaitAsync {
        futures: unique(futures),
        return_when,
    }
}

/// The future made by [`wait_async`].
#[must_use = "futures do nothing unless polled"]
pub struct WaitAsync<T> {
    futures: Vec<Future<T>>,
    return_when: ReturnWhen,
}

impl<T> std::future::Future for WaitAsync<T> {
    type Output = DoneAndNotDone<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut done = Vec::with_capacity(self.futures.len());
        let mut any_failed = false;
        for future in &self.futures {
            let Some((state, failed)) = future.poll_state(cx.waker()) else {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            };
            let is_done = matches!(
                state,
                FutureState::Finished | FutureState::CancelledAndNotified
            );
            any_failed |= is_done && failed;
            done.push(is_done);
        }
        let met = done.iter().all(|d| *d)
            || match self.return_when {
                ReturnWhen::FirstCompleted => done.iter().any(|d| *d),
                ReturnWhen::FirstException => any_failed,
                ReturnWhen::AllCompleted => false,
            };
        if met {
            Poll::Ready(split(self.futures.clone(), &done))
        } else {
            Poll::Pending
        }
    }
}
