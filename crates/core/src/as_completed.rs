//! `as_completed`: futures in the order they complete.

use std::sync::mpsc::{channel, Receiver};

use crate::future::Future;

/// Yields each of `futures` once, as it completes: those already done first,
/// then the others in completion order. Failed and cancelled futures are
/// yielded too; duplicates are yielded once.
///
/// # Blocking
///
/// `next()` blocks until another future completes.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{as_completed, Future};
///
/// let (a, b) = (Future::new(), Future::new());
/// b.set_result(2).unwrap();
/// let mut order = as_completed(&[a.clone(), b.clone()]);
/// assert_eq!(order.next().unwrap(), b);
/// a.set_result(1).unwrap();
/// assert_eq!(order.next().unwrap(), a);
/// assert!(order.next().is_none());
/// ```
pub fn as_completed<T: Send + 'static>(futures: &[Future<T>]) -> AsCompleted<T> {
    let (sender, receiver) = channel();
    let mut pending: Vec<Option<Future<T>>> = Vec::with_capacity(futures.len());
    for future in futures {
        if pending.iter().flatten().any(|seen| seen == future) {
            continue;
        }
        let index = pending.len();
        pending.push(Some(future.clone()));
        let sender = sender.clone();
        future.add_done_callback(move |_| {
            // The iterator may be gone already; then nobody is waiting.
            let _ = sender.send(index);
        });
    }
    AsCompleted {
        remaining: pending.len(),
        pending,
        receiver,
    }
}

/// The iterator made by [`as_completed`]. It lets go of each future once
/// yielded.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct AsCompleted<T> {
    pending: Vec<Option<Future<T>>>,
    remaining: usize,
    receiver: Receiver<usize>,
}

impl<T> Iterator for AsCompleted<T> {
    type Item = Future<T>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        let index = self.receiver.recv().ok()?;
        self.remaining -= 1;
        self.pending[index].take()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}
