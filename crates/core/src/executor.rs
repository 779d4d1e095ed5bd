//! The executor interface shared by every execution model.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::context::TaskContext;
use crate::error::{Error, TaskError};
use crate::future::{panic_message, Future};
use crate::trace::{TraceKind, Tracer};

/// The body of a job: runs on the worker it is given.
type RunOnWorker = Box<dyn FnOnce(&Arc<str>) + Send>;

/// A unit of work queued in an executor: it either runs on a worker or is
/// cancelled before it starts.
pub struct Job {
    id: u64,
    run: RunOnWorker,
    cancel: Box<dyn FnOnce() + Send>,
}

impl Job {
    /// A job `id` that runs `run` on a worker, or `cancel` if it never starts.
    pub fn new(
        id: u64,
        run: impl FnOnce(&Arc<str>) + Send + 'static,
        cancel: impl FnOnce() + Send + 'static,
    ) -> Self {
        Self {
            id,
            run: Box::new(run),
            cancel: Box::new(cancel),
        }
    }

    /// The id of the future this job completes.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Runs the job on the worker called `worker`.
    pub fn run(self, worker: &Arc<str>) {
        (self.run)(worker);
    }

    /// Cancels the job's future without running it.
    pub fn cancel(self) {
        (self.cancel)();
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("id", &self.id).finish()
    }
}

/// An execution model: where and when submitted work runs.
///
/// This is the object-safe core; [`ExecutorExt`] adds `submit` on top of it
/// for every executor, `dyn Executor` included.
pub trait Executor: Send + Sync {
    /// Queues a job.
    ///
    /// # Errors
    ///
    /// `RuntimeError` ([`SHUTDOWN_MESSAGE`](crate::SHUTDOWN_MESSAGE)) after
    /// shutdown; `BrokenExecutor` if the executor cannot run work any more.
    fn execute(&self, job: Job) -> Result<(), Error>;

    /// Stops taking work. With `cancel_futures`, queued jobs are cancelled;
    /// with `wait`, returns once every worker has finished.
    ///
    /// # Blocking
    ///
    /// With `wait` it blocks until the running work is done.
    fn shutdown(&self, wait: bool, cancel_futures: bool);

    /// The tracer that records this executor's events.
    fn tracer(&self) -> &Tracer;

    /// A fresh future id (submission order).
    fn next_id(&self) -> u64;

    /// How many worker threads it has started so far.
    fn threads_started(&self) -> usize;
}

/// `submit` for every [`Executor`].
pub trait ExecutorExt: Executor {
    /// Schedules `task` and returns the future of its result.
    ///
    /// # Errors
    ///
    /// As [`Executor::execute`].
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::{ExecutorExt, Sequential, Tracer};
    ///
    /// let executor = Sequential::new(Tracer::discard());
    /// let future = executor.submit(|_ctx| Ok(6 * 7)).unwrap();
    /// assert_eq!(future.try_result().unwrap(), 42);
    /// ```
    fn submit<T, F>(&self, task: F) -> Result<Future<T>, Error>
    where
        T: Send + 'static,
        F: FnOnce(&TaskContext) -> Result<T, TaskError> + Send + 'static,
    {
        let id = self.next_id();
        let tracer = self.tracer().clone();
        let future = Future::new();
        let cancel_tracer = tracer.clone();
        future.add_done_callback(move |f: &Future<T>| {
            if f.cancelled() {
                cancel_tracer.record(id, TraceKind::Cancelled, None, None);
            }
        });
        tracer.record(id, TraceKind::Submitted, None, None);
        let (run_future, cancel_future) = (future.clone(), future.clone());
        let job = Job::new(
            id,
            move |worker| run_task(id, &run_future, task, worker, &tracer),
            move || {
                cancel_future.cancel();
            },
        );
        self.execute(job)?;
        Ok(future)
    }
}

impl<E: Executor + ?Sized> ExecutorExt for E {}

fn run_task<T, F>(id: u64, future: &Future<T>, task: F, worker: &Arc<str>, tracer: &Tracer)
where
    F: FnOnce(&TaskContext) -> Result<T, TaskError>,
{
    if !future.set_running_or_notify_cancel().unwrap_or(false) {
        return;
    }
    tracer.record(id, TraceKind::Started, Some(worker), None);
    let ctx = TaskContext::new(id, Arc::clone(worker), tracer.clone());
    let outcome = catch_unwind(AssertUnwindSafe(|| task(&ctx))).unwrap_or_else(|panic| {
        Err(TaskError::new(
            "PanicException",
            panic_message(panic.as_ref()),
        ))
    });
    match outcome {
        Ok(value) => {
            tracer.record(id, TraceKind::Finished, Some(worker), None);
            let _ = future.set_result(value);
        }
        Err(error) => {
            tracer.record(id, TraceKind::Failed, Some(worker), Some(error.to_string()));
            let _ = future.set_exception(error);
        }
    }
}
