//! A future's state, as a report and the page show it.

use futures_lab_core::FutureState;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// Where a future is: CPython's states, with a finished future that raised
/// told apart (`failed`). Its name in JSON is the lower-case word.
///
/// # Examples
///
/// ```
/// use futures_lab_core::FutureState;
/// use futures_lab_scenarios::TaskState;
///
/// assert_eq!(TaskState::of(FutureState::Finished, true), TaskState::Failed);
/// assert_eq!(TaskState::of(FutureState::CancelledAndNotified, false).as_str(), "cancelled");
/// assert_eq!(serde_json::to_string(&TaskState::Running).unwrap(), "\"running\"");
/// assert!(TaskState::Pending == "pending");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TaskState {
    /// Submitted, waiting for a worker (or, in a plain loop, never called).
    #[default]
    Pending,
    /// On a worker, or in a process pool's call queue.
    Running,
    /// Done with a result.
    Finished,
    /// Done with an exception.
    Failed,
    /// Cancelled before it ran (or, on the loop, at an await).
    Cancelled,
}

impl TaskState {
    /// The state of a future in `state`; `failed` tells a finished future
    /// that raised from one that returned.
    pub fn of(state: FutureState, failed: bool) -> Self {
        match state {
            FutureState::Pending => Self::Pending,
            FutureState::Running => Self::Running,
            FutureState::Cancelled | FutureState::CancelledAndNotified => Self::Cancelled,
            FutureState::Finished if failed => Self::Failed,
            FutureState::Finished => Self::Finished,
        }
    }

    /// The name in JSON and on the page.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether the future is done (finished, failed or cancelled).
    pub fn is_done(self) -> bool {
        matches!(self, Self::Finished | Self::Failed | Self::Cancelled)
    }
}

impl PartialEq<&str> for TaskState {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
