//! What CPython's process pools cost around the work, as `scripts/calibrate`
//! measured it (`data/cpython-costs.json`): starting a worker process per
//! start method, and sending a message through the pool.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use futures_lab_core::PythonVersion;
use serde::Deserialize;

use crate::scenario::start_method::StartMethod;

/// The measurements, as `scripts/calibrate` wrote them.
const DATA: &str = include_str!("../../data/cpython-costs.json");

/// Every measured CPython, and where and when it was measured.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{CpythonCosts, StartMethod};
///
/// let costs = CpythonCosts::get();
/// let v311 = costs.nearest("3.11".parse().unwrap());
/// assert!(v311.python.starts_with("3.11"));
/// // A fresh interpreter costs more than a copy of the running one.
/// let (spawn, fork) = (v311.process_start(StartMethod::Spawn), v311.process_start(StartMethod::Fork));
/// assert!(spawn.first.boot_ns > fork.first.boot_ns);
/// ```
#[derive(Clone, Debug, Deserialize)]
pub struct CpythonCosts {
    /// How the figures were measured.
    pub about: String,
    /// The day they were measured (ISO 8601).
    pub measured: String,
    /// The machine they were measured on.
    pub machine: Machine,
    /// One entry per interpreter, oldest first.
    pub versions: Vec<MeasuredVersion>,
}

/// The machine the figures come from.
#[derive(Clone, Debug, Deserialize)]
pub struct Machine {
    /// Its CPU model.
    pub cpu: String,
    /// Its logical CPUs.
    pub cpus: usize,
    /// Its operating system and release.
    pub os: String,
}

/// One interpreter's figures.
#[derive(Clone, Debug, Deserialize)]
pub struct MeasuredVersion {
    /// Its full version (`3.11.7`).
    pub python: String,
    /// Its start method when the program names none.
    pub default_start_method: String,
    /// What starting a worker process costs, per start method (`fork`,
    /// `spawn`, `forkserver`).
    pub process_start: BTreeMap<String, ProcessStart>,
    /// What a message through the pool costs.
    pub transfer: Transfer,
}

/// Starting a worker process by one start method: in a program's first
/// pool (for `forkserver`, this starts the server too) and in a later one.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct ProcessStart {
    /// The program's first worker process.
    pub first: Launch,
    /// Any later one.
    pub again: Launch,
}

impl ProcessStart {
    /// The start of the pool's `k`-th worker process (from 0): the
    /// program's first, or a later one.
    pub fn nth(&self, k: usize) -> Launch {
        if k == 0 {
            self.first
        } else {
            self.again
        }
    }

    /// ns from the program's asking for the `k`-th worker to its being
    /// ready (the first one makes the pool too).
    pub fn ready_ns(&self, k: usize) -> u64 {
        let launch = self.nth(k);
        launch.pool_ns * u64::from(k == 0) + launch.launch_ns + launch.boot_ns
    }
}

/// One worker process's start, in three parts.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Launch {
    /// ns to create the `ProcessPoolExecutor` (its queues and locks).
    pub pool_ns: u64,
    /// ns the program is held in the `submit` that starts the worker
    /// (`fork()`; `fork()` and `exec()`; starting the fork server and
    /// waiting for it).
    pub launch_ns: u64,
    /// ns after that until the worker is ready for its first call.
    pub boot_ns: u64,
}

/// A message between the program and a worker process: pickled, sent
/// through the call or result queue, unpickled.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Transfer {
    /// ns for any message (half a warm call's round trip).
    pub fixed_ns: u64,
    /// ns for each byte of it.
    pub per_byte_ns: f64,
}

impl CpythonCosts {
    /// The figures in `data/cpython-costs.json`, read once.
    ///
    /// # Panics
    ///
    /// If the data file does not decode or holds no version (a test checks
    /// it does).
    pub fn get() -> &'static Self {
        static COSTS: OnceLock<CpythonCosts> = OnceLock::new();
        COSTS.get_or_init(|| {
            let costs: Self = serde_json::from_str(DATA).expect("data/cpython-costs.json decodes");
            assert!(
                !costs.versions.is_empty(),
                "data/cpython-costs.json names no Python"
            );
            costs
        })
    }

    /// The measured interpreter closest to `version` (the same minor
    /// version where it was measured; otherwise the nearest one, newer
    /// preferred on a tie).
    pub fn nearest(&self, version: PythonVersion) -> &MeasuredVersion {
        let wanted = version.to_string();
        self.versions
            .iter()
            .min_by_key(|measured| {
                let minor = minor_of(&measured.python);
                (minor.abs_diff(minor_of(&wanted)), std::cmp::Reverse(minor))
            })
            .expect("at least one version")
    }
}

impl MeasuredVersion {
    /// What starting a worker process by `method` costs (a method not
    /// measured, not being offered where it was measured, costs as `spawn`).
    pub fn process_start(&self, method: StartMethod) -> ProcessStart {
        let measured = |method: StartMethod| self.process_start.get(method.as_str()).copied();
        measured(method)
            .or_else(|| measured(StartMethod::Spawn))
            .expect("spawn is measured everywhere")
    }

    /// ns to pickle, send and unpickle a message of `bytes` bytes.
    pub fn transfer_ns(&self, bytes: usize) -> u64 {
        self.transfer.fixed_ns + (self.transfer.per_byte_ns * bytes as f64).round() as u64
    }
}

/// `11` for `3.11.7`.
fn minor_of(version: &str) -> u32 {
    version
        .split('.')
        .nth(1)
        .and_then(|minor| minor.parse().ok())
        .unwrap_or(0)
}
