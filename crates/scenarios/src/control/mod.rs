//! Control of a run while it goes on: the page asks to cancel futures or to
//! shut the executor down, the run does it as the Python program would, and
//! says what came of it.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, TryLockError};

mod command;
mod note;

pub use command::Command;
pub use note::{ControlNote, ControlOutcome};

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
