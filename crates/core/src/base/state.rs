//! The states of a future, as CPython names them.

use std::fmt;

/// Where a [`Future`](crate::Future) is in its life, mirroring
/// `concurrent.futures._base`'s state constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FutureState {
    /// Submitted, not yet taken by a worker; it can still be cancelled.
    Pending,
    /// A worker is running it; it can no longer be cancelled.
    Running,
    /// Cancelled while pending; the executor has not noticed yet.
    Cancelled,
    /// Cancelled, and the executor has noticed (it will never run).
    CancelledAndNotified,
    /// Finished with a result or an error.
    Finished,
}

impl FutureState {
    /// True for both cancelled states and for finished: the future will not change again.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            Self::Cancelled | Self::CancelledAndNotified | Self::Finished
        )
    }

    /// True for both cancelled states.
    pub fn is_cancelled(self) -> bool {
        matches!(self, Self::Cancelled | Self::CancelledAndNotified)
    }
}

impl fmt::Display for FutureState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pending => "PENDING",
            Self::Running => "RUNNING",
            Self::Cancelled => "CANCELLED",
            Self::CancelledAndNotified => "CANCELLED_AND_NOTIFIED",
            Self::Finished => "FINISHED",
        })
    }
}
