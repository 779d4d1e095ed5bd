//! A lock a task can hold across its awaits: `threading.Lock` on threads,
//! `asyncio.Lock` on the event loop.

use std::sync::{Arc, Condvar, Mutex};

/// A lock for task code, taken with [`TaskContext::acquire`](crate::TaskContext::acquire).
///
/// On a thread, waiting for it blocks the thread and releases the GIL (as
/// `threading.Lock.acquire` does); on the event loop, waiting yields to the
/// other tasks (as `async with asyncio.Lock()` does), so a task can hold it
/// across an await without stalling the loop.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use futures_lab_core::{block_on, TaskContext, TaskLock, Tracer};
///
/// let lock = Arc::new(TaskLock::default());
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// let guard = block_on(ctx.acquire(&lock));
/// assert!(lock.is_locked());
/// drop(guard);
/// assert!(!lock.is_locked());
/// ```
#[derive(Debug, Default)]
pub struct TaskLock {
    locked: Mutex<bool>,
    released: Condvar,
}

/// Holds a [`TaskLock`] until dropped.
#[derive(Debug)]
#[must_use = "the lock is released when the guard is dropped"]
pub struct TaskLockGuard {
    lock: Arc<TaskLock>,
}

impl TaskLock {
    /// True while some task holds it.
    pub fn is_locked(&self) -> bool {
        *self.locked.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes it if it is free.
    pub(crate) fn try_acquire(self: &Arc<Self>) -> Option<TaskLockGuard> {
        let mut locked = self.locked.lock().unwrap_or_else(|e| e.into_inner());
        if *locked {
            return None;
        }
        *locked = true;
        Some(TaskLockGuard {
            lock: Arc::clone(self),
        })
    }

    /// Takes it, waiting for it to be released.
    ///
    /// # Blocking
    ///
    /// Blocks the thread while another holder has it.
    pub(crate) fn acquire_blocking(self: &Arc<Self>) -> TaskLockGuard {
        let locked = self.locked.lock().unwrap_or_else(|e| e.into_inner());
        let mut locked = self
            .released
            .wait_while(locked, |l| *l)
            .unwrap_or_else(|e| e.into_inner());
        *locked = true;
        TaskLockGuard {
            lock: Arc::clone(self),
        }
    }
}

impl Drop for TaskLockGuard {
    fn drop(&mut self) {
        *self.lock.locked.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.lock.released.notify_one();
    }
}
