//! What a running task can see and do.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use std::future::Future as StdFuture;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::base::error::TaskError;
use crate::clock::global_clock;
use crate::gil::{Gil, GilUser};
use crate::loop_timers::LoopTimers;
use crate::task_lock::{TaskLock, TaskLockGuard};
use crate::trace::{TraceKind, Tracer};

/// A flag that asks running tasks to stop at their next checkpoint
/// (cooperative termination). Clones share the flag.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{Interrupt, TaskContext, Tracer};
///
/// let interrupt = Interrupt::default();
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard()).with_interrupt(interrupt.clone());
/// assert!(ctx.checkpoint(0.5).is_ok());
/// interrupt.trigger();
/// assert_eq!(ctx.checkpoint(0.6).unwrap_err().class(), "InterruptedError");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// Asks every task sharing this flag to stop.
    pub fn trigger(&self) {
        self.0.store(true, Ordering::Release);
    }

    /// True once triggered.
    pub fn is_triggered(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The message of a task stopped by an [`Interrupt`].
pub const INTERRUPTED_MESSAGE: &str = "the task was stopped at a checkpoint";

/// Handed to every task: which future and worker it is, a way to report
/// progress, and the calls through which a task meets the execution model:
/// [`TaskContext::checkpoint`] and [`TaskContext::io_wait`], and their async
/// forms for code that also runs on an [`EventLoop`](crate::EventLoop).
#[derive(Clone)]
pub struct TaskContext {
    future: u64,
    worker: Arc<str>,
    tracer: Tracer,
    gil: Option<Arc<Gil>>,
    interrupt: Option<Interrupt>,
    event_loop: Option<Arc<dyn LoopTimers>>,
    /// The progress last traced, in steps of [`PROGRESS_STEPS`] (none yet:
    /// `u32::MAX`): checkpoints come about every millisecond of work, and a
    /// trace event for each would grow with CPU time, not with futures.
    /// Shared by the clones of one task's context.
    traced_step: Arc<AtomicU32>,
}

/// How finely a task's progress is traced: one checkpoint event per 1%
/// at most (and the first), so at most 101 per task however long it runs.
pub const PROGRESS_STEPS: u32 = 100;

impl std::fmt::Debug for TaskContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskContext")
            .field("future", &self.future)
            .field("worker", &self.worker)
            .field("gil", &self.gil.is_some())
            .field("event_loop", &self.event_loop.is_some())
            .finish()
    }
}

impl TaskContext {
    /// A context for `future` running on `worker`, without a GIL.
    pub fn new(future: u64, worker: Arc<str>, tracer: Tracer) -> Self {
        Self {
            future,
            worker,
            tracer,
            gil: None,
            interrupt: None,
            event_loop: None,
            traced_step: Arc::new(AtomicU32::new(u32::MAX)),
        }
    }

    /// The same context, for a task on an event loop.
    pub(crate) fn on_loop(mut self, event_loop: Arc<dyn LoopTimers>) -> Self {
        self.event_loop = Some(event_loop);
        self
    }

    /// The same context, running under `gil`.
    pub fn with_gil(mut self, gil: Option<Arc<Gil>>) -> Self {
        self.gil = gil;
        self
    }

    /// The same context, stopping when `interrupt` is triggered.
    pub fn with_interrupt(mut self, interrupt: Interrupt) -> Self {
        self.interrupt = Some(interrupt);
        self
    }

    /// The id of the future this task completes.
    pub fn future(&self) -> u64 {
        self.future
    }

    /// The name of the worker running the task (a thread name, as Python's).
    pub fn worker(&self) -> &Arc<str> {
        &self.worker
    }

    fn gil_user(&self) -> GilUser<'_> {
        GilUser {
            future: self.future,
            worker: &self.worker,
            tracer: &self.tracer,
        }
    }

    /// Takes the GIL (if any) before the task's first CPU segment.
    pub(crate) fn enter(&self) {
        if let Some(gil) = &self.gil {
            gil.acquire(&self.gil_user());
        }
    }

    /// Drops the GIL (if any) after the task's last CPU segment.
    pub(crate) fn leave(&self) {
        if let Some(gil) = &self.gil {
            gil.release(&self.gil_user());
        }
    }

    /// Called from inner loops about every millisecond of work: reports
    /// progress (0.0 to 1.0; traced once per 1% step, see
    /// [`PROGRESS_STEPS`]), hands the GIL over if another thread has
    /// waited a switch interval, and stops the task if it was interrupted.
    ///
    /// # Errors
    ///
    /// `InterruptedError` once the run's [`Interrupt`] is triggered: return it.
    pub fn checkpoint(&self, progress: f64) -> Result<(), TaskError> {
        let progress = if progress.is_nan() {
            0.0
        } else {
            progress.clamp(0.0, 1.0)
        };
        let step = (progress * f64::from(PROGRESS_STEPS)).floor() as u32;
        let traced = self.traced_step.load(Ordering::Relaxed);
        if traced == u32::MAX || step > traced {
            self.traced_step.store(step, Ordering::Relaxed);
            self.tracer.record(
                self.future,
                TraceKind::Checkpoint,
                Some(&self.worker),
                Some(format!("{progress:.3}")),
            );
        }
        if self.interrupt.as_ref().is_some_and(Interrupt::is_triggered) {
            return Err(TaskError::new("InterruptedError", INTERRUPTED_MESSAGE));
        }
        if let Some(gil) = &self.gil {
            gil.checkpoint(&self.gil_user());
        }
        Ok(())
    }

    /// The async form of [`TaskContext::checkpoint`]: on an event loop that
    /// is cooperative it also yields to the other tasks
    /// (`await asyncio.sleep(0)`); everywhere else it is the same call.
    ///
    /// # Errors
    ///
    /// As [`TaskContext::checkpoint`].
    pub async fn checkpoint_async(&self, progress: f64) -> Result<(), TaskError> {
        self.checkpoint(progress)?;
        if self.event_loop.as_ref().is_some_and(|l| l.cooperative()) {
            self.yield_now().await;
        }
        Ok(())
    }

    /// The async form of [`TaskContext::io_wait`]: on an event loop the task
    /// awaits a timer and the loop runs the others meanwhile
    /// (`await asyncio.sleep(d)`, an awaited download); on a thread it is
    /// the blocking call.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use futures_lab_core::{block_on, TaskContext, Tracer};
    ///
    /// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
    /// block_on(ctx.io_wait_async(Duration::from_millis(1)));
    /// ```
    pub async fn io_wait_async(&self, duration: Duration) {
        let Some(event_loop) = &self.event_loop else {
            self.io_wait(duration);
            return;
        };
        self.tracer.record(
            self.future,
            TraceKind::IoStart,
            Some(&self.worker),
            Some(format!("{:.3}", duration.as_secs_f64() * 1e3)),
        );
        let nanos = u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX);
        Sleep {
            event_loop,
            deadline_ns: global_clock().now_ns().saturating_add(nanos),
            registered: false,
        }
        .await;
        self.tracer
            .record(self.future, TraceKind::IoEnd, Some(&self.worker), None);
    }

    /// Takes `lock`, holding it until the guard is dropped, across awaits if
    /// need be: on a thread the wait blocks and releases the GIL
    /// (`threading.Lock`), on the event loop it yields to the other tasks
    /// (`asyncio.Lock`).
    pub async fn acquire(&self, lock: &Arc<TaskLock>) -> TaskLockGuard {
        if let Some(guard) = lock.try_acquire() {
            return guard;
        }
        if self.event_loop.is_none() {
            return self.blocking(|| {
                self.record(TraceKind::LockWait);
                let guard = lock.acquire_blocking();
                self.record(TraceKind::LockTaken);
                guard
            });
        }
        self.record(TraceKind::LockWait);
        loop {
            YieldNow(false).await;
            if let Some(guard) = lock.try_acquire() {
                self.record(TraceKind::LockTaken);
                return guard;
            }
        }
    }

    /// Gives the event loop to the other ready tasks, as
    /// `await asyncio.sleep(0)` does; traced only when another task is ready
    /// (else the loop runs this one again at once).
    async fn yield_now(&self) {
        let others = self.event_loop.as_ref().is_some_and(|l| l.others_ready());
        if others {
            self.record(TraceKind::Yielded);
        }
        YieldNow(false).await;
        if others {
            self.record(TraceKind::Resumed);
        }
    }

    fn record(&self, kind: TraceKind) {
        self.tracer
            .record(self.future, kind, Some(&self.worker), None);
    }

    /// Runs a call that blocks outside Python (taking a lock, joining):
    /// the GIL is released while it waits, as CPython's `Lock.acquire` does,
    /// so a thread waiting for a lock never holds up the lock's holder.
    ///
    /// # Blocking
    ///
    /// As long as `call` blocks.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Mutex;
    /// use futures_lab_core::{TaskContext, Tracer};
    ///
    /// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
    /// let shared = Mutex::new(1);
    /// assert_eq!(*ctx.blocking(|| shared.lock().unwrap()), 1);
    /// ```
    pub fn blocking<R>(&self, call: impl FnOnce() -> R) -> R {
        if let Some(gil) = &self.gil {
            gil.release(&self.gil_user());
        }
        let result = call();
        if let Some(gil) = &self.gil {
            gil.acquire(&self.gil_user());
        }
        result
    }

    /// A blocking I/O call (a download, a socket read): the thread sleeps for
    /// `duration` without using a CPU, and releases the GIL meanwhile.
    ///
    /// # Blocking
    ///
    /// Sleeps the calling thread (a worker's, never the browser's main thread).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use futures_lab_core::{TaskContext, Tracer};
    ///
    /// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
    /// ctx.io_wait(Duration::from_millis(1));
    /// ```
    pub fn io_wait(&self, duration: Duration) {
        if let Some(gil) = &self.gil {
            gil.release(&self.gil_user());
        }
        self.tracer.record(
            self.future,
            TraceKind::IoStart,
            Some(&self.worker),
            Some(format!("{:.3}", duration.as_secs_f64() * 1e3)),
        );
        std::thread::sleep(duration);
        self.tracer
            .record(self.future, TraceKind::IoEnd, Some(&self.worker), None);
        if let Some(gil) = &self.gil {
            gil.acquire(&self.gil_user());
        }
    }
}

/// Pending once, so the loop runs every other ready task first.
struct YieldNow(bool);

impl StdFuture for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// A timer on the event loop.
struct Sleep<'a> {
    event_loop: &'a Arc<dyn LoopTimers>,
    deadline_ns: u64,
    registered: bool,
}

impl StdFuture for Sleep<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if global_clock().now_ns() >= self.deadline_ns {
            return Poll::Ready(());
        }
        if !self.registered {
            self.registered = true;
            self.event_loop
                .add_timer(self.deadline_ns, cx.waker().clone());
        }
        Poll::Pending
    }
}
