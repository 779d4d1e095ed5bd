//! What a running task can see and do.

use std::sync::Arc;

use crate::trace::{TraceKind, Tracer};

/// Handed to every task: which future and worker it is, and a way to report
/// progress.
///
/// Workloads call [`TaskContext::checkpoint`] about every millisecond of work.
#[derive(Debug, Clone)]
pub struct TaskContext {
    future: u64,
    worker: Arc<str>,
    tracer: Tracer,
}

impl TaskContext {
    /// A context for `future` running on `worker`.
    pub fn new(future: u64, worker: Arc<str>, tracer: Tracer) -> Self {
        Self {
            future,
            worker,
            tracer,
        }
    }

    /// The id of the future this task completes.
    pub fn future(&self) -> u64 {
        self.future
    }

    /// The name of the worker running the task (a thread name, as Python's).
    pub fn worker(&self) -> &Arc<str> {
        &self.worker
    }

    /// Reports progress (0.0 to 1.0) from inside the task's loop.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::{TaskContext, Tracer};
    ///
    /// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
    /// ctx.checkpoint(0.5);
    /// assert_eq!(ctx.future(), 0);
    /// ```
    pub fn checkpoint(&self, progress: f64) {
        self.tracer.record(
            self.future,
            TraceKind::Checkpoint,
            Some(&self.worker),
            Some(format!("{:.3}", progress.clamp(0.0, 1.0))),
        );
    }
}
