//! What came of a command, as the run applied it.

use serde::Serialize;

use crate::control::command::Command;

/// One command as the run applied it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ControlNote {
    /// When it was applied, in ms from the run's start (the origin of every
    /// time in the [`Report`](crate::Report)).
    pub t_ms: f64,
    /// What was asked.
    pub command: Command,
    /// What came of it.
    pub outcome: ControlOutcome,
}

/// What came of a [`Command`], precise enough to explain it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlOutcome {
    /// `Future.cancel()` returned True: the future was pending and is now
    /// cancelled; it will never run.
    Cancelled,
    /// `Future.cancel()` returned True without a change: the future was
    /// already cancelled.
    AlreadyCancelled,
    /// `cancel()` returned False: the future is past cancelling. `state` is
    /// `running` (a worker has it: threads and processes cannot stop it;
    /// a process pool also counts the calls it has queued for its workers as
    /// running), or `finished`, `failed` or `cancelled` (an asyncio task
    /// already done).
    Refused {
        /// The future's state when it refused.
        state: &'static str,
    },
    /// asyncio's `Task.cancel()` returned True: the task gets
    /// `CancelledError` at its next `await` (if `running`; a `pending` task
    /// is cancelled before its first line) and ends cancelled, unless it
    /// finishes first.
    CancelRequested {
        /// The task's state when it was asked: `pending` or `running`.
        state: &'static str,
    },
    /// The futures [`Command::CancelPending`] cancelled (asyncio: asked to
    /// cancel), by id: every one that was pending.
    CancelledPending {
        /// Their ids, in submission order.
        ids: Vec<u64>,
    },
    /// `executor.shutdown(...)` returned: the executor takes no new work.
    ///
    /// CPython's `shutdown(cancel_futures=True)` drops the queued futures
    /// (those it cancels, and those cancelled earlier while queued) without
    /// telling their waiters: they stay CANCELLED, never
    /// CANCELLED_AND_NOTIFIED, so `as_completed` and `wait` in the program
    /// would go on waiting for them (until their timeout, or forever), while
    /// `map` raises `CancelledError` when it reaches one. The lab tells the
    /// waiters, so that the run ends and the program sees them done, as
    /// cancelled.
    ShutDown {
        /// The futures it cancelled (with `cancel_futures`), by id.
        cancelled: Vec<u64>,
        /// When it returned, in ms from the run's start: with `wait`, once
        /// the running work had ended.
        returned_ms: f64,
    },
    /// No future has that id (after every input was submitted).
    Unknown,
}
