//! The worker a job runs on.

use std::cell::RefCell;
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

thread_local! {
    /// The executor thread this thread is acting as, if any.
    static CURRENT: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// While alive, this thread counts as the executor thread `name` (see
/// [`current_thread_name`]); dropping it restores what was there before.
pub(crate) struct ThreadScope {
    previous: Option<Arc<str>>,
}

impl ThreadScope {
    /// This thread acts as the executor thread `name` until the scope drops.
    pub(crate) fn enter(name: &Arc<str>) -> Self {
        let previous = CURRENT.with(|current| current.replace(Some(Arc::clone(name))));
        Self { previous }
    }
}

impl Drop for ThreadScope {
    fn drop(&mut self) {
        CURRENT.with(|current| *current.borrow_mut() = self.previous.take());
    }
}

/// The name of the executor thread running here (`ThreadPoolExecutor-0_1`,
/// `MainThread` on the asyncio loop), or `None` on a thread that is no
/// executor's: the program's own, where Python would say `MainThread`.
/// Done callbacks are traced with it, as CPython runs them in the thread
/// that completes the future.
pub(crate) fn current_thread_name() -> Option<Arc<str>> {
    CURRENT.with(|current| current.borrow().clone())
}
