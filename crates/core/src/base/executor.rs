//! The executor interface shared by every execution model.

use crate::base::error::Error;
use crate::base::future::Future;
use crate::job::Job;
use crate::trace::Tracer;

/// An execution model: where and when submitted work runs.
///
/// This is the object-safe core; [`ExecutorExt`](crate::ExecutorExt) adds `submit` and `map` on
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
