//! Trace events: every transition of every future, on one clock.

use std::fmt;
use std::sync::{Arc, Mutex, TryLockError};

use crate::clock::Clock;

/// What happened to a future.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TraceKind {
    /// Handed to an executor.
    Submitted,
    /// A worker started running it.
    Started,
    /// The task reported progress (`detail` holds it, 0 to 1).
    Checkpoint,
    /// Finished with a result.
    Finished,
    /// Finished with an error (`detail` holds it).
    Failed,
    /// Cancelled before it ran.
    Cancelled,
    /// The task's thread took the GIL (a CPU segment starts).
    GilAcquire,
    /// The task's thread let go of the GIL (a CPU segment ends).
    GilRelease,
    /// Blocking I/O started (`detail`: its duration in ms).
    IoStart,
    /// Blocking I/O ended.
    IoEnd,
    /// A done callback ran. Its `worker` is the executor thread it ran on
    /// (the one that completed the future), or `None` for a thread that is
    /// no executor's: the program's own (`MainThread` in Python), where a
    /// callback runs when it is added to a future already done, or when the
    /// program cancels the future.
    Callback,
    /// The program received this future's outcome: `as_completed` yielded
    /// it, `map` returned its result, or `gather` returned.
    Received,
    /// The program's `wait` returned (`future` is [`u64::MAX`]: it is about
    /// them all).
    WaitReturned,
    /// The task found a lock taken and waits for it (on a thread, with the
    /// GIL let go).
    LockWait,
    /// The task took the lock it waited for.
    LockTaken,
    /// The task gave the event loop to other ready tasks
    /// (`await asyncio.sleep(0)` with others ready): it waits for its turn.
    Yielded,
    /// The loop ran the task again after it yielded.
    Resumed,
    /// A worker process began to start (`future` is [`u64::MAX`]: it is
    /// about the worker, whose name is `worker`): the program asked for it
    /// at a submit, or the pool replaced one.
    WorkerStarting,
    /// The worker process started by [`TraceKind::WorkerStarting`] is ready
    /// for its first call (`future` is [`u64::MAX`]).
    WorkerReady,
    /// Turns merged to keep a long run's trace small. With `future` at
    /// [`u64::MAX`]: from this moment, a thread letting go of the GIL and
    /// taking it back (or a coroutine yielding the loop and resumed) is no
    /// longer traced turn by turn. With a future's id (just before it
    /// ends): `detail` is `gil:<ns>` or `loop:<ns>`, what it waited in turns
    /// that were merged away, which the time split still counts.
    Merged,
    /// The process pool moved it to the call queue, from which a worker
    /// process takes it: it is running from now on (CPython's
    /// `set_running_or_notify_cancel`), and can no longer be cancelled.
    Queued,
    /// From this moment the trace does not say what the task does: it runs
    /// (or, on an event loop, waits at an await) computing or waiting, which
    /// a CPython trace cannot tell apart. The next event of the task ends it.
    Untold,
}

impl TraceKind {
    /// Every kind, in the order of their numbers (see [`TraceKind::number`]).
    pub const ALL: [Self; 22] = [
        Self::Submitted,
        Self::Started,
        Self::Checkpoint,
        Self::Finished,
        Self::Failed,
        Self::Cancelled,
        Self::GilAcquire,
        Self::GilRelease,
        Self::IoStart,
        Self::IoEnd,
        Self::Callback,
        Self::Received,
        Self::WaitReturned,
        Self::LockWait,
        Self::LockTaken,
        Self::Yielded,
        Self::Resumed,
        Self::WorkerStarting,
        Self::WorkerReady,
        Self::Merged,
        Self::Queued,
        Self::Untold,
    ];

    /// The kind's number, for the process protocol.
    pub fn number(self) -> u8 {
        Self::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or_default() as u8
    }

    /// The kind with that number.
    pub fn from_number(number: u8) -> Option<Self> {
        Self::ALL.get(usize::from(number)).copied()
    }

    /// The lower-case name used in JSON and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Started => "started",
            Self::Checkpoint => "checkpoint",
            Self::Finished => "finished",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::GilAcquire => "gil_acquire",
            Self::GilRelease => "gil_release",
            Self::IoStart => "io_start",
            Self::IoEnd => "io_end",
            Self::Callback => "callback",
            Self::Received => "received",
            Self::WaitReturned => "wait_returned",
            Self::LockWait => "lock_wait",
            Self::LockTaken => "lock_taken",
            Self::Yielded => "yielded",
            Self::Resumed => "resumed",
            Self::WorkerStarting => "worker_starting",
            Self::WorkerReady => "worker_ready",
            Self::Merged => "merged",
            Self::Queued => "queued",
            Self::Untold => "untold",
        }
    }
}

impl fmt::Display for TraceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One transition of one future.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceEvent {
    /// The future's id (its submission index in its executor).
    pub future: u64,
    /// What happened.
    pub kind: TraceKind,
    /// When, in nanoseconds on the tracer's clock.
    pub t_ns: u64,
    /// The worker it happened on, if any.
    pub worker: Option<Arc<str>>,
    /// Progress for checkpoints, the error for failures.
    pub detail: Option<String>,
}

/// Where trace events go.
pub trait TraceSink: Send + Sync {
    /// Keeps one event. Called from any thread; must not block for long.
    fn record(&self, event: TraceEvent);
}

/// A sink that keeps events in memory until they are drained.
///
/// The browser main thread must never block, so it drains with
/// [`TraceBuffer::try_drain`], which gives up when a worker holds the lock.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use futures_lab_core::{TraceBuffer, TraceEvent, TraceKind, TraceSink};
///
/// let buffer = TraceBuffer::default();
/// buffer.record(TraceEvent { future: 0, kind: TraceKind::Submitted, t_ns: 5, worker: None, detail: None });
/// assert_eq!(buffer.try_drain().unwrap().len(), 1);
/// assert!(buffer.try_drain().unwrap().is_empty());
/// ```
#[derive(Debug, Default)]
pub struct TraceBuffer {
    events: Mutex<Vec<TraceEvent>>,
}

impl TraceBuffer {
    /// Takes every event kept so far.
    ///
    /// # Blocking
    ///
    /// Waits for the lock; use [`TraceBuffer::try_drain`] on a thread that must not block.
    pub fn drain(&self) -> Vec<TraceEvent> {
        std::mem::take(&mut *self.events.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Takes every event kept so far, or `None` if another thread holds the
    /// lock right now (try again on the next frame).
    pub fn try_drain(&self) -> Option<Vec<TraceEvent>> {
        match self.events.try_lock() {
            Ok(mut events) => Some(std::mem::take(&mut *events)),
            Err(TryLockError::Poisoned(e)) => Some(std::mem::take(&mut *e.into_inner())),
            Err(TryLockError::WouldBlock) => None,
        }
    }
}

impl TraceSink for TraceBuffer {
    fn record(&self, event: TraceEvent) {
        self.events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(event);
    }
}

/// Records events into a sink, stamped by a clock. Cheap to clone.
#[derive(Clone)]
pub struct Tracer {
    target: Option<(Arc<dyn TraceSink>, Arc<dyn Clock>)>,
}

impl Tracer {
    /// A tracer that stamps with `clock` and records into `sink`.
    pub fn new(sink: Arc<dyn TraceSink>, clock: Arc<dyn Clock>) -> Self {
        Self {
            target: Some((sink, clock)),
        }
    }

    /// A tracer that records nothing and never reads a clock.
    pub fn discard() -> Self {
        Self { target: None }
    }

    /// Records `kind` for `future` at `t_ns` on this tracer's clock (an event
    /// that happened in another process, its time already converted).
    pub fn record_at(
        &self,
        future: u64,
        kind: TraceKind,
        t_ns: u64,
        worker: Option<&Arc<str>>,
        detail: Option<String>,
    ) {
        if let Some((sink, _)) = &self.target {
            sink.record(TraceEvent {
                future,
                kind,
                t_ns,
                worker: worker.cloned(),
                detail,
            });
        }
    }

    /// Nanoseconds on this tracer's clock now, if it has one.
    pub fn now_ns(&self) -> Option<u64> {
        self.target.as_ref().map(|(_, clock)| clock.now_ns())
    }

    /// Records `kind` for `future` now.
    pub fn record(
        &self,
        future: u64,
        kind: TraceKind,
        worker: Option<&Arc<str>>,
        detail: Option<String>,
    ) {
        if let Some((sink, clock)) = &self.target {
            sink.record(TraceEvent {
                future,
                kind,
                t_ns: clock.now_ns(),
                worker: worker.cloned(),
                detail,
            });
        }
    }
}

impl fmt::Debug for Tracer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tracer")
            .field("enabled", &self.target.is_some())
            .finish()
    }
}
