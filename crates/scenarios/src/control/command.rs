//! A command the page sends to a running program.

use serde::Serialize;

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
