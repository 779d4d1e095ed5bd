//! Control of a run while it goes on: the page asks to cancel futures or to
//! shut the executor down, the run does it as the Python program would, and
//! says what came of it.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, TryLockError};

use serde::Serialize;

/// The mailbox between the page and a running [`play`](crate::play): the
/// page sends [`Command`]s and takes back [`ControlNote`]s; the run's
/// watcher (a thread of the run, see [`RunEnv::control`](crate::RunEnv::control))
/// applies each command and notes its outcome, also in
/// [`Report::control`](crate::Report::control).
///
/// The browser's main thread must never block, so its two calls only ever
/// *try* the lock: [`RunControl::try_send`] and [`RunControl::try_take_notes`]
/// give up when the run holds it, and the page tries again on the next frame.
///
/// Commands apply in the order sent, to the futures submitted so far, within
/// a tick (5 ms) of their sending, until the program has left its `with`
/// block; the last ones sent are applied as the run ends. While a paced
/// producer (the `stream` workload) is still submitting, a command that
/// needs more waits, and those sent after it wait too: `Cancel` of an id not
/// submitted yet waits until it is (after the last input: [`ControlOutcome::Unknown`]),
/// and `Shutdown` waits until every input is submitted (otherwise the
/// producer's next `submit` would raise `RuntimeError: cannot schedule new
/// futures after shutdown`); `CancelPending` applies at once, to the futures
/// that exist.
///
/// Use one per run. Commands sent before the run starts wait for it; commands
/// sent after it ended are never applied.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use futures_lab_scenarios::{play, Command, ControlOutcome, RunControl, RunEnv, Scenario};
///
/// let control = Arc::new(RunControl::new());
/// control.try_send(Command::Cancel(7)).unwrap();
/// let env = RunEnv { control: Some(Arc::clone(&control)), ..RunEnv::native() };
/// let scenario = Scenario::from_query("workload=cpu_bound&inputs=10,20&executor=threads").unwrap();
/// let report = play(&scenario, &env).unwrap();
/// assert_eq!(report.control[0].command, Command::Cancel(7));
/// assert_eq!(report.control[0].outcome, ControlOutcome::Unknown);
/// assert_eq!(control.try_take_notes().unwrap(), report.control);
/// ```
#[derive(Debug, Default)]
pub struct RunControl {
    /// Commands the run has not taken yet, in the order sent.
    inbox: Mutex<VecDeque<Command>>,
    /// Notes the page has not taken yet, in the order made.
    outbox: Mutex<Vec<ControlNote>>,
}

/// What the page asks of a running program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// `futures[id].cancel()` (asyncio: `tasks[id].cancel()`).
    Cancel(u64),
    /// `cancel()` on every future not running yet.
    CancelPending,
    /// `executor.shutdown(wait=..., cancel_futures=...)`.
    Shutdown {
        /// Block the caller until the running work has ended.
        wait: bool,
        /// Cancel the futures still queued (pending).
        cancel_futures: bool,
    },
}

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

impl RunControl {
    /// An empty mailbox.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `command` to the run without blocking.
    ///
    /// # Errors
    ///
    /// Gives `command` back if the run holds the lock right now: send it
    /// again on the next frame.
    pub fn try_send(&self, command: Command) -> Result<(), Command> {
        match self.inbox.try_lock() {
            Ok(mut inbox) => inbox.push_back(command),
            Err(TryLockError::Poisoned(inbox)) => inbox.into_inner().push_back(command),
            Err(TryLockError::WouldBlock) => return Err(command),
        }
        Ok(())
    }

    /// Sends `command` to the run.
    ///
    /// # Blocking
    ///
    /// Waits for the lock (briefly): never on the browser's main thread, use
    /// [`RunControl::try_send`] there.
    pub fn send(&self, command: Command) {
        lock(&self.inbox).push_back(command);
    }

    /// Takes the notes made since the last take, without blocking; `None` if
    /// the run holds the lock right now (try again on the next frame).
    pub fn try_take_notes(&self) -> Option<Vec<ControlNote>> {
        match self.outbox.try_lock() {
            Ok(mut notes) => Some(std::mem::take(&mut *notes)),
            Err(TryLockError::Poisoned(notes)) => Some(std::mem::take(&mut *notes.into_inner())),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// The run's side: every command sent since the last call.
    pub(crate) fn take_commands(&self) -> Vec<Command> {
        lock(&self.inbox).drain(..).collect()
    }

    /// The run's side: a command was applied.
    pub(crate) fn publish(&self, note: ControlNote) {
        lock(&self.outbox).push(note);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
