//! A run's demands, estimated from its scenario before it starts.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use futures_lab_core::SWITCH_INTERVAL;
use serde::Serialize;

use crate::program::trace_merger::GIL_EVENTS_KEPT;
use crate::scenario::clock::Clock;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::virtual_clock::event_loop::CHECKPOINT_NS;
use crate::workloads;
use crate::workloads::demand::Demand;

/// The most memory one future takes in a run besides its result: its row
/// in the report and the page, and its trace (a few state changes, and at
/// most 101 progress checkpoints, about 10 KiB for a long task). A short
/// task took 1.2 KB of wasm memory and 1.9 KB of the renderer's in a page run
/// of 10,000 (`node tests/e2e/bench-soak.mjs`).
pub const BYTES_PER_FUTURE: f64 = 16.0 * 1024.0;

/// How many copies of each result a run keeps: the future's, the report's,
/// and the page's.
const RESULT_COPIES: f64 = 3.0;

/// Memory of one trace event in its three copies (the run's, the report's,
/// the page's).
const BYTES_PER_EVENT: f64 = 3.0 * 96.0;

/// What a run of a scenario demands, estimated from each task's
/// [`Demand`] before it starts. Its times are the least the run can take
/// given its executor, so a run over a budget is surely over it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// The tasks.
    pub tasks: usize,
    /// The real time the run takes, in ns: the program's wall time on the
    /// real clock; on the virtual clock, the time this machine takes to
    /// compute the results (which it does for real, one after another).
    pub real_ns: f64,
    /// Whether most of `real_ns` is waiting rather than computing.
    pub mostly_waiting: bool,
    /// The virtual clock only: the most its time can reach, in ns (every
    /// task's computing and waiting one after another).
    pub simulated_ns: Option<f64>,
    /// The memory the run's futures, results and trace take, in bytes.
    pub memory_bytes: f64,
}

/// What most of a run's real time goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Computing every result for real (the virtual clock's run).
    ComputingForReal,
    /// Waiting (I/O, a lock, a producer).
    MostlyWaiting,
    /// Computing.
    MostlyComputing,
}

impl Estimate {
    /// What most of its real time goes to.
    pub fn activity(&self) -> Activity {
        match (self.simulated_ns.is_some(), self.mostly_waiting) {
            (true, _) => Activity::ComputingForReal,
            (false, true) => Activity::MostlyWaiting,
            (false, false) => Activity::MostlyComputing,
        }
    }
}

/// Estimates a run of `scenario` on a machine with `cpus` CPUs (the virtual
/// clock uses the scenario's own `cpus` if it gives them).
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{estimate, Scenario};
///
/// // Ten downloads of a second each: ten seconds one at a time, two on
/// // five threads.
/// let inputs = vec!["a.example@1000"; 10].join(",");
/// let one = Scenario::from_query(&format!("workload=download&inputs={inputs}&executor=sequential")).unwrap();
/// assert_eq!(estimate(&one, 2).real_ns, 10e9);
/// let five = Scenario::from_query(&format!("workload=download&inputs={inputs}&executor=threads&max_workers=5")).unwrap();
/// assert_eq!(estimate(&five, 2).real_ns, 2e9);
/// ```
pub fn estimate(scenario: &Scenario, cpus: usize) -> Estimate {
    let demands: Vec<Demand> = match workloads::find(&scenario.workload) {
        Some(workload) => {
            let run = workload.prepare(&scenario.params, scenario.seed);
            scenario
                .inputs
                .iter()
                .map(|input| run.demand(input))
                .collect()
        }
        None => Vec::new(),
    };
    let cpu_ns: f64 = demands.iter().map(Demand::cpu_ns).sum();
    // Under the GIL a thread lets go of it every switch interval, which the
    // trace keeps (a release and an acquire) up to its budget of GIL
    // events; past it turns are merged (`TraceMerger`), so the trace grows
    // with the futures, not with the computing time.
    let gil_events = if scenario.gil && scenario.executor.models_gil() {
        2.0 * cpu_ns / SWITCH_INTERVAL.as_nanos() as f64
    } else {
        0.0
    };
    // A cooperative coroutine yields at every checkpoint (about every
    // millisecond of computing), traced when another is ready.
    let loop_events = if scenario.cooperative
        && scenario.executor == ExecutorKind::Asyncio
        && demands.len() > 1
    {
        2.0 * cpu_ns / CHECKPOINT_NS as f64
    } else {
        0.0
    };
    let memory_bytes = demands
        .iter()
        .map(|d| BYTES_PER_FUTURE + d.result_bytes * RESULT_COPIES)
        .sum::<f64>()
        + (gil_events + loop_events).min(GIL_EVENTS_KEPT as f64) * BYTES_PER_EVENT;
    let (real_ns, simulated_ns) = match scenario.clock {
        Clock::Real => (wall_ns(scenario, &demands, cpus), None),
        Clock::Virtual => {
            let op_ns = scenario.virtual_op_ns();
            let simulated = demands
                .iter()
                .map(|d| d.ops * op_ns + d.wait_ns + d.locked_ns)
                .sum();
            (cpu_ns, Some(simulated))
        }
    };
    Estimate {
        tasks: demands.len(),
        real_ns,
        mostly_waiting: real_ns > 2.0 * cpu_ns,
        simulated_ns,
        memory_bytes,
    }
}

/// The least wall time the program can take on the real clock: the tasks
/// handed to its workers in order, no faster than its CPUs compute, its
/// shared lock is held, or its producer emits.
fn wall_ns(scenario: &Scenario, demands: &[Demand], cpus: usize) -> f64 {
    let cpus = cpus.max(1) as f64;
    let cpu: f64 = demands.iter().map(Demand::cpu_ns).sum();
    let locked: f64 = demands.iter().map(|d| d.locked_ns).sum();
    let task = |d: &Demand| d.cpu_ns() + d.wait_ns + d.locked_ns;
    let scheduled = match scenario.executor {
        ExecutorKind::Sequential => demands.iter().map(task).sum(),
        // One thread: computing never overlaps, waiting does.
        ExecutorKind::Asyncio => {
            let longest = demands.iter().map(task).fold(0.0, f64::max);
            cpu.max(longest)
        }
        ExecutorKind::Threads | ExecutorKind::Processes => {
            let workers = scenario.resolved_max_workers(cpus as usize);
            let computing_at_once = if scenario.gil && scenario.executor.models_gil() {
                1.0
            } else {
                cpus.min(workers as f64)
            };
            makespan(demands.iter().map(task), workers).max(cpu / computing_at_once)
        }
    };
    let emitted = workloads::find(&scenario.workload)
        .and_then(|w| w.pacing(&scenario.params))
        .map_or(0.0, |pacing| {
            pacing.interval.as_nanos() as f64 * demands.len() as f64
        });
    scheduled.max(locked).max(emitted)
}

/// When the last of `tasks` ends, each handed in order to the first of
/// `workers` to be free, as a pool's queue hands them out.
fn makespan(tasks: impl Iterator<Item = f64>, workers: usize) -> f64 {
    // Free-at times in whole ns, so that they order totally.
    let mut free: BinaryHeap<Reverse<u64>> = (0..workers.max(1)).map(|_| Reverse(0)).collect();
    let mut end = 0u64;
    for ns in tasks {
        let Reverse(at) = free.pop().unwrap_or(Reverse(0));
        let done = at.saturating_add(ns as u64);
        end = end.max(done);
        free.push(Reverse(done));
    }
    end as f64
}
