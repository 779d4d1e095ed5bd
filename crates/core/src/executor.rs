//! The executor interface shared by every execution model.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::context::TaskContext;
use crate::error::{Error, TaskError};
use crate::future::{panic_message, Future};
use crate::job::{Job, JobAction};
use crate::map::{MapIter, MapOptions};
use crate::trace::{TraceKind, Tracer};
use crate::worker::Worker;

/// An execution model: where and when submitted work runs.
///
/// This is the object-safe core; [`ExecutorExt`] adds `submit` and `map` on
/// top of it for every executor, `dyn Executor` included.
pub trait Executor: Send + Sync {
    /// Queues a job.
    ///
    /// # Errors
    ///
    /// `RuntimeError` ([`SHUTDOWN_MESSAGE`](crate::SHUTDOWN_MESSAGE)) after
    /// shutdown; `BrokenExecutor` if the executor cannot run work any more.
    fn execute(&self, job: Job) -> Result<(), Error>;

    /// Stops taking work. With `cancel_futures`, queued jobs are cancelled;
    /// with `wait`, returns once every worker has finished. Calling it twice
    /// is safe.
    ///
    /// # Blocking
    ///
    /// With `wait` it blocks until the running work is done; the twins are
    /// `shutdown(false, ..)` with [`Executor::terminated`].
    fn shutdown(&self, wait: bool, cancel_futures: bool);

    /// A future that finishes once the executor has shut down and every
    /// worker has exited: poll it, or await its [`Future::result_async`].
    fn terminated(&self) -> Future<()>;

    /// The tracer that records this executor's events.
    fn tracer(&self) -> &Tracer;

    /// A fresh future id (submission order).
    fn next_id(&self) -> u64;

    /// How many worker threads it has started so far.
    fn threads_started(&self) -> usize;
}

/// `submit` and `map` for every [`Executor`].
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
        let future = Future::traced(id, tracer.clone());
        tracer.record(id, TraceKind::Submitted, None, None);
        let job_future = future.clone();
        let claimed = future.clone();
        let job = Job::new(id, move |action| match action {
            JobAction::Run(worker) => run_task(id, &job_future, task, worker, &tracer),
            JobAction::Cancel => {
                job_future.cancel();
            }
            JobAction::Fail(error) => {
                tracer.record(id, TraceKind::Failed, None, Some(error.to_string()));
                let _ = job_future.set_exception(error);
            }
        })
        .with_claim(move || claimed.set_running_or_notify_cancel().unwrap_or(false));
        self.execute(job)?;
        Ok(future)
    }

    /// Calls `task` on every input, all submitted at once (or `buffersize`
    /// at a time), and returns the results in input order.
    ///
    /// # Errors
    ///
    /// `ValueError` for `buffersize` 0; a submit error.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::{ExecutorExt, MapOptions, ThreadPool, Tracer};
    ///
    /// let pool = ThreadPool::builder().max_workers(2).build(Tracer::discard()).unwrap();
    /// let squares: Vec<u64> = pool
    ///     .map(|n: u64, _ctx| Ok(n * n), [3, 1, 2], MapOptions::default())
    ///     .unwrap()
    ///     .map(Result::unwrap)
    ///     .collect();
    /// assert_eq!(squares, vec![9, 1, 4]);
    /// ```
    fn map<I, T, F, It>(
        &self,
        task: F,
        inputs: It,
        options: MapOptions,
    ) -> Result<MapIter<'_, T>, Error>
    where
        I: Send + 'static,
        T: Clone + Send + 'static,
        F: Fn(I, &TaskContext) -> Result<T, TaskError> + Send + Sync + 'static,
        It: IntoIterator<Item = I>,
        It::IntoIter: 'static,
    {
        MapIter::start(self, Arc::new(task), inputs.into_iter(), options)
    }
}

impl<E: Executor + ?Sized> ExecutorExt for E {}

fn run_task<T, F>(id: u64, future: &Future<T>, task: F, worker: &Worker, tracer: &Tracer)
where
    F: FnOnce(&TaskContext) -> Result<T, TaskError>,
{
    // A worker's hand-over may have claimed the call already (RUNNING).
    if !(future.running() || future.set_running_or_notify_cancel().unwrap_or(false)) {
        return;
    }
    tracer.record(id, TraceKind::Started, Some(&worker.name), None);
    let mut ctx =
        TaskContext::new(id, Arc::clone(&worker.name), tracer.clone()).with_gil(worker.gil.clone());
    if let Some(interrupt) = &worker.interrupt {
        ctx = ctx.with_interrupt(interrupt.clone());
    }
    ctx.enter();
    let outcome = catch_unwind(AssertUnwindSafe(|| task(&ctx))).unwrap_or_else(|panic| {
        Err(TaskError::new(
            "PanicException",
            panic_message(panic.as_ref()),
        ))
    });
    ctx.leave();
    if let Some(hand_over) = &worker.hand_over {
        (hand_over.0)();
    }
    match outcome {
        Ok(value) => {
            tracer.record(id, TraceKind::Finished, Some(&worker.name), None);
            let _ = future.set_result(value);
        }
        Err(error) => {
            tracer.record(
                id,
                TraceKind::Failed,
                Some(&worker.name),
                Some(error.to_string()),
            );
            let _ = future.set_exception(error);
        }
    }
}
