//! Which Python's rules to follow where versions differ.

use std::fmt;
use std::str::FromStr;

/// A Python version, for the rules that changed between versions
/// (the default `max_workers` of a thread pool).
///
/// # Examples
///
/// ```
/// use futures_lab_core::PythonVersion;
///
/// let version: PythonVersion = "3.12".parse().unwrap();
/// assert_eq!(version.default_max_workers(2), 6);
/// assert_eq!("3.7".parse::<PythonVersion>().unwrap().default_max_workers(2), 10);
/// assert!("2.7".parse::<PythonVersion>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PythonVersion {
    minor: u8,
}

impl PythonVersion {
    /// The oldest version with `concurrent.futures` rules modelled here.
    pub const OLDEST: Self = Self { minor: 5 };
    /// The version followed when none is given.
    pub const DEFAULT: Self = Self { minor: 13 };
    /// The newest version modelled.
    pub const NEWEST: Self = Self { minor: 15 };

    /// True where `Executor.map` goes on after a failed call (after 3.14).
    pub fn map_continues_after_error(self) -> bool {
        self.minor > 14
    }

    /// True where Linux starts processes by `fork` unless told otherwise
    /// (up to 3.13; `forkserver` from 3.14).
    pub fn forks_by_default(self) -> bool {
        self.minor <= 13
    }

    /// True where `ProcessPoolExecutor` starts a worker process only when a
    /// call finds none idle (3.9+, for the start methods other than `fork`);
    /// otherwise it starts all of them at its first `submit`.
    pub fn starts_processes_on_demand(self) -> bool {
        self.minor >= 9
    }

    /// `ThreadPoolExecutor`'s default `max_workers` on a machine with `cpus` CPUs:
    /// 3.5–3.7 `cpus * 5`; 3.8–3.12 `min(32, cpus + 4)`; 3.13+ the same over
    /// the CPUs this process may use.
    pub fn default_max_workers(self, cpus: usize) -> usize {
        let cpus = cpus.max(1);
        if self.minor <= 7 {
            cpus * 5
        } else {
            (cpus + 4).min(32)
        }
    }
}

impl Default for PythonVersion {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "3.{}", self.minor)
    }
}

impl FromStr for PythonVersion {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let allowed = || format!("a version from {} to {}", Self::OLDEST, Self::NEWEST);
        let minor = text
            .trim()
            .strip_prefix("3.")
            .and_then(|minor| minor.parse::<u8>().ok())
            .ok_or_else(allowed)?;
        let version = Self { minor };
        if (Self::OLDEST..=Self::NEWEST).contains(&version) {
            Ok(version)
        } else {
            Err(allowed())
        }
    }
}
