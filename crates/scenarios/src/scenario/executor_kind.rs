//! Which execution model runs the scenario.

use futures_lab_core::{PythonVersion, MAIN_THREAD};
use serde::Serialize;
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

use crate::scenario::api::Api;

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

    /// True for the pools (`ThreadPoolExecutor`, `ProcessPoolExecutor`): they
    /// have workers, `max_workers`, `shutdown`, and futures that a worker
    /// runs while the program waits.
    pub fn is_pool(self) -> bool {
        matches!(self, Self::Threads | Self::Processes)
    }

    /// The name Python gives worker `k` (from 0): `ThreadPoolExecutor-0_k`,
    /// `SpawnProcess-(k+1)`; a plain loop and the event loop run on
    /// `MainThread`.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::ExecutorKind;
    ///
    /// assert_eq!(ExecutorKind::Threads.worker_name(1), "ThreadPoolExecutor-0_1");
    /// assert_eq!(ExecutorKind::Processes.worker_name(0), "SpawnProcess-1");
    /// assert_eq!(ExecutorKind::Asyncio.worker_name(0), "MainThread");
    /// ```
    pub fn worker_name(self, k: usize) -> String {
        match self {
            Self::Threads => format!("ThreadPoolExecutor-0_{k}"),
            Self::Processes => format!("SpawnProcess-{}", k + 1),
            Self::Sequential | Self::Asyncio => MAIN_THREAD.to_owned(),
        }
    }

    /// Python's `max_workers` when the program gives none, on `cpus` CPUs:
    /// threads per `version` (`min(32, cpus + 4)` since 3.8), processes the
    /// CPU count; `None` where there are no workers to count.
    pub fn default_max_workers(self, version: PythonVersion, cpus: usize) -> Option<usize> {
        match self {
            Self::Threads => Some(version.default_max_workers(cpus)),
            Self::Processes => Some(cpus.max(1)),
            Self::Sequential | Self::Asyncio => None,
        }
    }

    /// True if the program can collect with `api` here: `gather` and
    /// `TaskGroup` are asyncio's.
    pub fn allows(self, api: Api) -> bool {
        self == Self::Asyncio || !api.asyncio_only()
    }

    /// True if the program, collecting with `api`, holds futures it can add a
    /// done callback to: not a plain loop (no futures), not a pool's `map`
    /// (it hands out results).
    pub fn allows_callbacks(self, api: Api) -> bool {
        match self {
            Self::Sequential => false,
            Self::Threads | Self::Processes => api != Api::Map,
            Self::Asyncio => true,
        }
    }

    /// True where the `gil` switch means something: threads of one process
    /// share one GIL (each process has its own; asyncio and a plain loop run
    /// on one thread).
    pub fn models_gil(self) -> bool {
        self == Self::Threads
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
