//! Waiters: how `wait` and `as_completed` hear of completions (CPython's
//! `_Waiter` classes). A future tells its waiters when it finishes, fails, or
//! is cancelled *and noticed by its executor*; a plain `cancel()` does not
//! count until then (CONFORMANCE.md C30).

use std::sync::{Mutex, MutexGuard};

use crate::base::deadline::{wait_while_until, Deadline};
use crate::base::signal::Signal;

/// What the waiter waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WaitKind {
    /// Every completion, one by one (`as_completed`).
    Each,
    /// The first completion (`FIRST_COMPLETED`).
    First,
    /// All of them, or the first failure with `stop_on_exception`.
    All { stop_on_exception: bool },
}

#[derive(Default)]
struct WaiterState {
    /// Indices (in the caller's list) of the futures that completed.
    finished: Vec<usize>,
    /// Completions still needed by `AllCompleted`; one extra is held while
    /// the waiter is being installed, so it cannot fire half-installed.
    pending: usize,
    fired: bool,
}

/// One `wait` or `as_completed` call, registered on every future it watches.
pub(crate) struct Waiter {
    kind: WaitKind,
    state: Mutex<WaiterState>,
    changed: Signal,
}

impl Waiter {
    /// A waiter still being installed (see [`Waiter::installed`]).
    pub(crate) fn new(kind: WaitKind) -> Self {
        Self {
            kind,
            state: Mutex::new(WaiterState {
                pending: 1,
                ..WaiterState::default()
            }),
            changed: Signal::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, WaiterState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts one more future to wait for (called while installing on it).
    pub(crate) fn expect_one(&self) {
        self.lock().pending += 1;
    }

    /// Installation is over: drops the guard count.
    pub(crate) fn installed(&self) {
        let mut state = self.lock();
        self.count_down(&mut state);
    }

    fn count_down(&self, state: &mut WaiterState) {
        state.pending = state.pending.saturating_sub(1);
        if state.pending == 0 && matches!(self.kind, WaitKind::All { .. }) {
            self.fire(state);
        }
    }

    fn fire(&self, state: &mut WaiterState) {
        state.fired = true;
        self.changed.notify_all();
    }

    /// The future at `index` finished with a result, or was cancelled and noticed.
    pub(crate) fn add_completed(&self, index: usize) {
        let mut state = self.lock();
        state.finished.push(index);
        match self.kind {
            WaitKind::Each | WaitKind::First => self.fire(&mut state),
            WaitKind::All { .. } => self.count_down(&mut state),
        }
    }

    /// The future at `index` failed.
    pub(crate) fn add_exception(&self, index: usize) {
        let mut state = self.lock();
        state.finished.push(index);
        match self.kind {
            WaitKind::All {
                stop_on_exception: false,
            } => self.count_down(&mut state),
            _ => self.fire(&mut state),
        }
    }

    /// Blocks until the waiter fires or `deadline` passes; true if it fired.
    pub(crate) fn wait(&self, deadline: Deadline) -> bool {
        wait_while_until(&self.changed, || self.lock(), deadline, |s| !s.fired).fired
    }

    /// Takes the completions so far and re-arms (as_completed's `event.clear()`).
    pub(crate) fn take_finished(&self) -> Vec<usize> {
        let mut state = self.lock();
        state.fired = false;
        std::mem::take(&mut state.finished)
    }

    /// The completions so far, without waiting.
    pub(crate) fn finished(&self) -> Vec<usize> {
        self.lock().finished.clone()
    }
}
