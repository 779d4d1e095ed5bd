//! The worker a job runs on.

use std::sync::Arc;

use crate::context::Interrupt;
use crate::gil::Gil;

/// A worker thread as a task sees it: its name, the GIL it must hold to run
/// CPU work (if the executor has one), and the run's interrupt flag.
#[derive(Clone, Debug)]
pub struct Worker {
    /// The thread name (`ThreadPoolExecutor-0_1`, `MainThread`).
    pub name: Arc<str>,
    /// The executor's GIL, if it models one.
    pub gil: Option<Arc<Gil>>,
    /// Stops tasks at their next checkpoint when triggered.
    pub interrupt: Option<Interrupt>,
    /// What the worker does between computing a call's outcome and
    /// publishing it (see [`HandOver`]); nothing if `None`.
    pub hand_over: Option<HandOver>,
}

impl Worker {
    /// A worker called `name` with no GIL, no interrupt and no hand-over.
    pub fn named(name: impl Into<Arc<str>>) -> Self {
        Self {
            name: name.into(),
            gil: None,
            interrupt: None,
            hand_over: None,
        }
    }
}

/// A thread pool worker's step between a call's end and its result: under
/// CPython's GIL, the worker that sets a future's result goes on holding
/// the GIL and takes its next call from the queue (marking it RUNNING)
/// before the thread waiting for that result can act, so a program woken by
/// the result can no longer cancel that next call. The worker takes it here,
/// before publishing. (CPython takes it after running the done callbacks: a
/// callback of this future that blocks on the next call's result waits
/// here for a call that only this worker can run.)
#[derive(Clone)]
pub struct HandOver(pub Arc<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for HandOver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HandOver")
    }
}
