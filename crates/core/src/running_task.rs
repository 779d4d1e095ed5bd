//! Which task this thread is running, for whoever must name it when the
//! thread cannot go on (a panic in a build that aborts on panic: the
//! browser's), and a panic armed by a test.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

thread_local! {
    /// The future's id and the worker's name, while a task runs here.
    static RUNNING: RefCell<Option<(u64, Arc<str>)>> = const { RefCell::new(None) };
}

/// Set by [`arm_panic`]: the next task to start panics.
static ARMED: AtomicBool = AtomicBool::new(false);

/// While alive, this thread runs the task of future `id` as `worker`.
pub(crate) struct RunningScope;

impl RunningScope {
    pub(crate) fn enter(id: u64, worker: &Arc<str>) -> Self {
        RUNNING.with(|running| *running.borrow_mut() = Some((id, Arc::clone(worker))));
        Self
    }
}

impl Drop for RunningScope {
    fn drop(&mut self) {
        RUNNING.with(|running| *running.borrow_mut() = None);
    }
}

/// The future id and worker name of the task this thread is running, if
/// any (for a panic hook: it runs on the panicking thread).
pub fn running_task() -> Option<(u64, Arc<str>)> {
    RUNNING.with(|running| running.try_borrow().ok().and_then(|r| r.clone()))
}

/// Makes the next task that starts on any executor thread panic, as a bug
/// in a workload would: for tests of what a panic does (natively it becomes
/// the future's `PanicException`).
pub fn arm_panic() {
    ARMED.store(true, Ordering::SeqCst);
}

/// Panics if a panic was armed (once). A read on every task, a write only
/// when armed: no cache line bounces between workers.
pub(crate) fn fire_armed_panic() {
    if ARMED.load(Ordering::Relaxed) && ARMED.swap(false, Ordering::SeqCst) {
        panic!("a panic armed for a test (futures_lab_core::arm_panic)");
    }
}
