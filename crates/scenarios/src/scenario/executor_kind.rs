//! Which execution model runs the scenario.

use serde::Serialize;
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// The executor a learner picks. Its id in URLs and JSON is the lower-case
/// name (`threads`).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ExecutorKind {
    /// One task after another in one thread.
    Sequential,
    /// `ThreadPoolExecutor(max_workers)`.
    #[default]
    Threads,
    /// `ProcessPoolExecutor(max_workers)`: worker processes that share nothing.
    Processes,
    /// An asyncio event loop: one thread, tasks switch at their awaits.
    Asyncio,
}

impl ExecutorKind {
    /// The id used in URLs and JSON.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// How many calls `executor.map` sends as one work item: `chunksize`
    /// on the process pool (CPython's `_process_chunk`; threads ignore it),
    /// one elsewhere and whenever a producer submits the calls one by one
    /// (`paced`).
    pub fn map_chunk(self, chunksize: usize, paced: bool) -> usize {
        match self {
            Self::Processes if !paced => chunksize.max(1),
            _ => 1,
        }
    }

    /// The exception `as_completed` raises when its timeout passes with
    /// `unfinished` of `total` futures not done, as the program prints it:
    /// `concurrent.futures` counts them, asyncio's `TimeoutError` has no
    /// message.
    pub fn as_completed_timeout(self, unfinished: usize, total: usize) -> String {
        match self {
            Self::Asyncio => "TimeoutError".to_owned(),
            _ => format!("TimeoutError: {unfinished} (of {total}) futures unfinished"),
        }
    }
}
