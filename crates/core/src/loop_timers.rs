//! What a task's context needs of the event loop it runs on: timers for its
//! sleeps and I/O waits, and whether checkpoints yield to the other tasks.

use std::task::Waker;

/// The event loop as the tasks on it see it.
pub(crate) trait LoopTimers: Send + Sync {
    /// Wakes `waker` at `deadline_ns` on the global clock.
    fn add_timer(&self, deadline_ns: u64, waker: Waker);

    /// Checkpoints yield to the loop (`await asyncio.sleep(0)`).
    fn cooperative(&self) -> bool;

    /// True if another task would run before the calling one if it yielded
    /// now: one is ready, or its timer is due.
    fn others_ready(&self) -> bool;
}
