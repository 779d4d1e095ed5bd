//! The synchronous baseline: every task runs in the caller's thread, in order.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::base::error::{Error, ErrorKind, SHUTDOWN_MESSAGE};
use crate::base::executor::Executor;
use crate::base::future::Future;
use crate::context::Interrupt;
use crate::job::Job;
use crate::trace::Tracer;
use crate::worker::Worker;

/// The worker name of sequential work, as Python names its first thread.
pub const MAIN_THREAD: &str = "MainThread";

/// Runs each task at once, in the submitting thread: a plain `for` loop in
/// Python, the baseline every speed-up is measured against.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{ExecutorExt, Sequential, Tracer};
///
/// let executor = Sequential::new(Tracer::discard());
/// let future = executor.submit(|ctx| Ok(ctx.worker().to_string())).unwrap();
/// assert!(future.done());
/// assert_eq!(future.try_result().unwrap(), "MainThread");
/// ```
#[derive(Debug)]
pub struct Sequential {
    tracer: Tracer,
    next_id: AtomicU64,
    shut_down: AtomicBool,
    worker: Worker,
    terminated: Future<()>,
}

impl Sequential {
    /// A sequential executor recording into `tracer`.
    pub fn new(tracer: Tracer) -> Self {
        Self {
            tracer,
            next_id: AtomicU64::new(0),
            shut_down: AtomicBool::new(false),
            worker: Worker::named(MAIN_THREAD),
            terminated: Future::new(),
        }
    }

    /// The same executor, stopping its tasks when `interrupt` is triggered.
    pub fn with_interrupt(mut self, interrupt: Interrupt) -> Self {
        self.worker.interrupt = Some(interrupt);
        self
    }
}

impl Executor for Sequential {
    fn execute(&self, job: Job) -> Result<(), Error> {
        if self.shut_down.load(Ordering::Acquire) {
            return Err(Error::new(ErrorKind::Shutdown, SHUTDOWN_MESSAGE));
        }
        job.run(&self.worker);
        Ok(())
    }

    fn shutdown(&self, _wait: bool, _cancel_futures: bool) {
        if !self.shut_down.swap(true, Ordering::AcqRel) {
            let _ = self.terminated.set_result(());
        }
    }

    fn terminated(&self) -> Future<()> {
        self.terminated.clone()
    }

    fn tracer(&self) -> &Tracer {
        &self.tracer
    }

    fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    fn threads_started(&self) -> usize {
        0
    }
}
