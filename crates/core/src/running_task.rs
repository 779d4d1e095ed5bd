//! Which task this thread is running, for whoever must name it when the
//! thread cannot go on (a panic in a build that aborts on panic: the
//! browser's), and a fault (a panic, running out of memory) armed by a test.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, TryLockError};

thread_local! {
    /// The future's id and the worker's name, while a task runs here.
    static RUNNING: RefCell<Option<(u64, Arc<str>)>> = const { RefCell::new(None) };
}

/// Set by [`arm_fault`]: the next task to start calls [`FAULT`] first.
static ARMED: AtomicBool = AtomicBool::new(false);
/// What the next task to start does first, once armed.
static FAULT: Mutex<Option<fn()>> = Mutex::new(None);

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
    arm_fault(|| panic!("a panic armed for a test (futures_lab_core::arm_panic)"));
}

/// Makes the next task that starts on any executor thread call `fault`
/// first (once): for tests of what a fault in a task does, such as asking
/// for more memory than there is.
pub fn arm_fault(fault: fn()) {
    // Called on the browser's main thread, where waiting on a lock traps:
    // it spins instead (a worker holds this lock only to take the fault).
    loop {
        match FAULT.try_lock() {
            Ok(mut armed) => *armed = Some(fault),
            Err(TryLockError::Poisoned(poisoned)) => *poisoned.into_inner() = Some(fault),
            Err(TryLockError::WouldBlock) => {
                std::hint::spin_loop();
                continue;
            }
        }
        break;
    }
    ARMED.store(true, Ordering::SeqCst);
}

/// Disarms the armed fault without calling it: true if one was armed (a
/// test's fault taken elsewhere, such as into another instance's run).
pub fn take_armed_fault() -> bool {
    ARMED.swap(false, Ordering::SeqCst)
}

/// Calls the armed fault, if one was armed (once). A read on every task, a
/// write only when armed: no cache line bounces between workers.
pub(crate) fn fire_armed_fault() {
    if ARMED.load(Ordering::Relaxed) && ARMED.swap(false, Ordering::SeqCst) {
        let fault = FAULT.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(fault) = fault {
            fault();
        }
    }
}
