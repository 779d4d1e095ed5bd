//! What CPython costs, as `scripts/calibrate` measured it
//! (`data/cpython-costs.json`): each CPU workload's own code per operation
//! of the virtual clock, and around the work, starting a worker process per
//! start method and sending a message through the pool.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use futures_lab_core::PythonVersion;
use serde::Deserialize;

use crate::scenario::start_method::StartMethod;

/// The workload whose operation is the virtual clock's unit.
pub(crate) const UNIT_WORKLOAD: &str = "cpu_bound";

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
    /// What each CPU workload's own code costs, by workload id.
    #[serde(default)]
    pub workloads: BTreeMap<String, WorkloadCost>,
    /// What the executors cost around the work (0 where not measured).
    #[serde(default)]
    pub overheads: Overheads,
}

/// What CPython's executors cost around the work.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
pub struct Overheads {
    /// ns each hand-over of the GIL between computing threads costs.
    pub gil_switch_ns: u64,
    /// ns of a thread pool future (submitted, run, collected) whose call
    /// does nothing.
    pub thread_future_ns: u64,
    /// ns of an asyncio task (created, run, gathered) whose coroutine
    /// returns at once.
    pub asyncio_task_ns: u64,
}

/// One workload's code timed in CPython on its calibration inputs.
#[derive(Clone, Debug, Deserialize)]
pub struct WorkloadCost {
    /// ns per operation of the virtual clock (the time over `ops`).
    pub ns_per_op: f64,
    /// The calibration inputs, as a scenario's `inputs`.
    pub inputs: String,
    /// The operations the virtual clock counts for them.
    pub ops: u64,
    /// The best of three calls over every input, in ns.
    pub wall_ns: u64,
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
        nearest_of(self.versions.iter(), version).expect("at least one version")
    }

    /// The interpreters whose workloads were timed, oldest first: the
    /// choices of a scenario's `speed`.
    pub fn timed(&self) -> impl Iterator<Item = &MeasuredVersion> {
        self.versions.iter().filter(|v| !v.workloads.is_empty())
    }

    /// The timed interpreter of `version`'s minor version, if any.
    pub fn timed_version(&self, version: PythonVersion) -> Option<&MeasuredVersion> {
        let wanted = minor_of(&version.to_string());
        self.timed()
            .find(|measured| minor_of(&measured.python) == wanted)
    }

    /// The timed interpreter closest to `version`, as [`Self::nearest`]
    /// picks among all.
    pub fn nearest_timed(&self, version: PythonVersion) -> Option<&MeasuredVersion> {
        nearest_of(self.timed(), version)
    }
}

/// Of `versions`, the same minor version as `version`, else the nearest
/// (the newer on a tie).
fn nearest_of<'a>(
    versions: impl Iterator<Item = &'a MeasuredVersion>,
    version: PythonVersion,
) -> Option<&'a MeasuredVersion> {
    let wanted = minor_of(&version.to_string());
    versions.min_by_key(|measured| {
        let minor = minor_of(&measured.python);
        (minor.abs_diff(wanted), std::cmp::Reverse(minor))
    })
}

impl MeasuredVersion {
    /// Its version as the rules name it (`3.11` for `3.11.7`).
    pub fn version(&self) -> Option<PythonVersion> {
        format!("3.{}", minor_of(&self.python)).parse().ok()
    }

    /// What starting a worker process by `method` costs (a method not
    /// measured, not being offered where it was measured, costs as `spawn`).
    pub fn process_start(&self, method: StartMethod) -> ProcessStart {
        let measured = |method: StartMethod| self.process_start.get(method.as_str()).copied();
        measured(method)
            .or_else(|| measured(StartMethod::Spawn))
            .expect("spawn is measured everywhere")
    }

    /// ns one operation of `workload` takes in this CPython: its own
    /// figure, or for a workload whose code was not timed (its tasks mostly
    /// wait) that of the unit, a term of the sum of squares (`cpu_bound`).
    /// `None` if this interpreter's workloads were not measured.
    pub fn ns_per_op(&self, workload: &str) -> Option<f64> {
        self.workloads
            .get(workload)
            .or_else(|| self.workloads.get(UNIT_WORKLOAD))
            .map(|cost| cost.ns_per_op)
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
