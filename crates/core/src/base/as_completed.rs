//! `as_completed(fs, timeout)`: futures in the order they complete.

use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use crate::base::deadline::Deadline;
use crate::base::error::Error;
use crate::base::future::Future;
use crate::base::state::FutureState;
use crate::base::wait::unique;
use crate::base::waiter::{WaitKind, Waiter};

/// Yields each of `futures` once as it completes: those already complete
/// first, then the others in completion order. Failed and cancelled (and
/// noticed) futures are yielded too, not raised; duplicates are yielded once.
/// `timeout` is one deadline from this call: when it passes, the iterator
/// yields `TimeoutError: N (of M) futures unfinished` and ends.
///
/// # Blocking
///
/// `next()` blocks until a future completes; [`AsCompleted::try_next`] and
/// [`AsCompleted::next_async`] are the twins that do not.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{as_completed, Future};
///
/// let (a, b) = (Future::new(), Future::new());
/// b.set_result(2).unwrap();
/// let mut order = as_completed(&[a.clone(), b.clone()], None);
/// assert_eq!(order.next().unwrap().unwrap(), b);
/// a.set_result(1).unwrap();
/// assert_eq!(order.next().unwrap().unwrap(), a);
/// assert!(order.next().is_none());
/// ```
pub fn as_completed<T>(futures: &[Future<T>], timeout: Option<Duration>) -> AsCompleted<T> {
    let deadline = Deadline::after(timeout);
    let futures = unique(futures);
    let waiter = Arc::new(Waiter::new(WaitKind::Each));
    let mut ready = Vec::new();
    for (index, future) in futures.iter().enumerate() {
        if future.install_waiter(&waiter, index) {
            ready.push(index);
        }
    }
    waiter.installed();
    // Yielded from the end: already-complete futures come out in input order.
    ready.reverse();
    AsCompleted {
        total: futures.len(),
        unyielded: futures.len(),
        futures: futures.into_iter().map(Some).collect(),
        ready,
        waiter,
        deadline,
        timed_out: false,
    }
}

/// The iterator made by [`as_completed`]. It lets go of each future once it
/// has yielded it.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct AsCompleted<T> {
    futures: Vec<Option<Future<T>>>,
    /// Indices found complete, yielded from the end.
    ready: Vec<usize>,
    total: usize,
    unyielded: usize,
    waiter: Arc<Waiter>,
    deadline: Deadline,
    timed_out: bool,
}

impl<T> AsCompleted<T> {
    fn pop_ready(&mut self) -> Option<Future<T>> {
        while let Some(index) = self.ready.pop() {
            if let Some(future) = self.futures[index].take() {
                self.unyielded -= 1;
                return Some(future);
            }
        }
        None
    }

    fn collect_finished(&mut self) {
        let mut finished = self.waiter.take_finished();
        finished.reverse();
        finished.append(&mut self.ready);
        self.ready = finished;
    }

    /// How many futures have not been yielded yet.
    pub fn remaining(&self) -> usize {
        self.unyielded
    }

    /// The non-blocking twin of `next()`: a completed future if one is
    /// waiting to be yielded, otherwise `None` at once.
    pub fn try_next(&mut self) -> Option<Future<T>> {
        if self.ready.is_empty() {
            self.collect_finished();
        }
        self.pop_ready()
    }

    /// The async twin of `next()` (the timeout does not apply): the next
    /// future to complete, or `None` once all are yielded. Futures that
    /// complete between two polls come out in input order. Polling never
    /// blocks.
    pub async fn next_async(&mut self) -> Option<Future<T>> {
        std::future::poll_fn(|cx| {
            if let Some(future) = self.pop_ready() {
                return Poll::Ready(Some(future));
            }
            if self.unyielded == 0 {
                return Poll::Ready(None);
            }
            for (index, slot) in self.futures.iter().enumerate() {
                let Some(future) = slot else { continue };
                match future.poll_state(cx.waker()) {
                    Some((FutureState::Finished | FutureState::CancelledAndNotified, _)) => {
                        self.ready.insert(0, index);
                    }
                    Some(_) => {}
                    None => cx.waker().wake_by_ref(),
                }
            }
            match self.pop_ready() {
                Some(future) => Poll::Ready(Some(future)),
                None => Poll::Pending,
            }
        })
        .await
    }
}

impl<T> Iterator for AsCompleted<T> {
    type Item = Result<Future<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(future) = self.pop_ready() {
                return Some(Ok(future));
            }
            if self.unyielded == 0 || self.timed_out {
                return None;
            }
            if self.deadline.expired() {
                self.timed_out = true;
                return Some(Err(Error::timeout(format!(
                    "{} (of {}) futures unfinished",
                    self.unyielded, self.total
                ))));
            }
            let fired = self.waiter.wait(self.deadline);
            self.collect_finished();
            if !fired && self.ready.is_empty() && crate::simulation::current().is_some() {
                // The simulation has nothing left that could finish them:
                // the wait ends, as `result` and `wait` do.
                self.timed_out = true;
                return Some(Err(Error::timeout(format!(
                    "{} (of {}) futures unfinished",
                    self.unyielded, self.total
                ))));
            }
        }
    }
}

impl<T> Drop for AsCompleted<T> {
    fn drop(&mut self) {
        for future in self.futures.iter().flatten() {
            future.remove_waiter(&self.waiter);
        }
    }
}
