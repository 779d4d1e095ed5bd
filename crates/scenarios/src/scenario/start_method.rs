//! How a process pool starts its worker processes (`multiprocessing`'s
//! start methods).

use futures_lab_core::PythonVersion;
use serde::Serialize;
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// `fork` copies the running program (Linux's default up to Python 3.13),
/// `spawn` starts a fresh interpreter that imports the program's module
/// (the default on macOS and Windows), `forkserver` forks from a server
/// process started once (Linux's default from 3.14). The program names the
/// one a scenario gives (`mp_context=multiprocessing.get_context(...)`).
///
/// # Examples
///
/// ```
/// use futures_lab_core::PythonVersion;
/// use futures_lab_scenarios::StartMethod;
///
/// let v313: PythonVersion = "3.13".parse().unwrap();
/// let v314: PythonVersion = "3.14".parse().unwrap();
/// assert_eq!(StartMethod::effective(None, v313, false), StartMethod::Fork);
/// assert_eq!(StartMethod::effective(None, v314, false), StartMethod::Forkserver);
/// // max_tasks_per_child without a context: CPython picks spawn.
/// assert_eq!(StartMethod::effective(None, v313, true), StartMethod::Spawn);
/// assert!(StartMethod::Fork.launches_all_at_first_submit(v313));
/// assert!(!StartMethod::Spawn.launches_all_at_first_submit(v313));
/// assert_eq!(StartMethod::Forkserver.process_name(0), "ForkServerProcess-1");
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Display, EnumString, EnumIter, IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum StartMethod {
    /// A copy of the program, made by `fork()`: quick to start.
    Fork,
    /// A new interpreter that imports the program's module first.
    Spawn,
    /// A fork of a server process, itself spawned at the pool's first start.
    Forkserver,
}

impl StartMethod {
    /// The id used in URLs, JSON and `multiprocessing.get_context`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The name `multiprocessing` gives the pool's `k`-th worker process
    /// (from 0): `ForkProcess-1`, `SpawnProcess-1`, `ForkServerProcess-1`.
    pub fn process_name(self, k: usize) -> String {
        let class = match self {
            Self::Fork => "ForkProcess",
            Self::Spawn => "SpawnProcess",
            Self::Forkserver => "ForkServerProcess",
        };
        format!("{class}-{}", k + 1)
    }

    /// The method a `ProcessPoolExecutor` of `version` uses on Linux when
    /// the program gives `given` (or none): with `max_tasks_per_child` and
    /// no context, CPython 3.11+ picks `spawn`; otherwise Linux's default.
    pub fn effective(
        given: Option<Self>,
        version: PythonVersion,
        max_tasks_per_child: bool,
    ) -> Self {
        match given {
            Some(method) => method,
            None if max_tasks_per_child => Self::Spawn,
            None if version.forks_by_default() => Self::Fork,
            None => Self::Forkserver,
        }
    }

    /// True where the pool starts all its processes at the first `submit`
    /// (with `fork`, and with every method before 3.9); otherwise one when a
    /// call finds no idle worker.
    pub fn launches_all_at_first_submit(self, version: PythonVersion) -> bool {
        self == Self::Fork || !version.starts_processes_on_demand()
    }
}
