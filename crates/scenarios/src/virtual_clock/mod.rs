//! The virtual clock: a scenario played by a discrete-event simulation of
//! its executor and of the program's collection. Every task's cost comes
//! from the workload ([`WorkloadRun::virtual_cost`]: operations and waits,
//! the result computed for real), an operation takes the scenario's `op_ns`,
//! and the machine has the scenario's `cpus`. Time is counted, not measured:
//! the same scenario gives the same trace, event for event, on every
//! machine.
//!
//! The executors: a plain loop, a thread pool (with or without the GIL),
//! a process pool (each worker process costs [`PROCESS_START_NS`] of CPU to
//! start, and every call and result travels for [`transfer_ns`]), and the
//! asyncio loop. The program's side: `as_completed`, `map`, `wait`,
//! `gather` and `TaskGroup`.

pub(crate) mod event_loop;
pub(crate) mod machine;

use std::sync::Arc;

use futures_lab_core::{Error, ErrorKind, TraceEvent};
use serde_json::{json, Value};

use crate::env::RunEnv;
use crate::program::collected::{assemble, ms, Outcome, Source};
use crate::report::{Environment, Report};
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::workloads;
use crate::workloads::cost::{Phase, VirtualCost, DEFAULT_OP_NS};
use crate::workloads::workload::WorkloadRun;
use machine::{Job, Pool, Step};

/// CPU time to start one worker process: a new interpreter and its imports
/// (CPython 3.11 `spawn` starts a worker in about 50 ms).
pub const PROCESS_START_NS: u64 = 50_000_000;

/// Time to pickle, send and unpickle a message of `bytes` bytes between the
/// program and a worker process: 100 µs, and 10 ns a byte.
pub fn transfer_ns(bytes: usize) -> u64 {
    100_000 + 10 * bytes as u64
}

/// A scenario played on the virtual clock: its report and its trace (times
/// in ns from the first submit).
#[derive(Clone, Debug, PartialEq)]
pub struct Simulated {
    /// The report, with `mode` `virtual`.
    pub report: Report,
    /// Every event, in time order.
    pub trace: Vec<TraceEvent>,
}

/// Plays `scenario` on the virtual clock of a machine with the scenario's
/// `cpus`, or `cpus` if it gives none (they also set Python's default
/// `max_workers`).
///
/// # Errors
///
/// `InvalidArgument` for a workload the virtual clock does not play (its
/// tasks share state, or a producer paces them).
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{simulate, Scenario};
///
/// let scenario = Scenario::from_query("workload=download&inputs=a.example@30,b.example@10&executor=threads&max_workers=2").unwrap();
/// let run = simulate(&scenario, 2).unwrap();
/// assert_eq!(run.report.completion_order, [1, 0]);
/// assert_eq!(run.report.wall_ms, 30.0);
/// assert_eq!(run, simulate(&scenario, 2).unwrap(), "the same, every time");
///
/// // 4 tasks of 10 ms of CPU on 2 CPUs with the GIL: one at a time.
/// let gil = Scenario::from_query("workload=cpu_bound&inputs=10000000,10000000,10000000,10000000&executor=threads&max_workers=4&gil=true&cpus=2&op_ns=1").unwrap();
/// assert_eq!(simulate(&gil, 8).unwrap().report.wall_ms, 40.0);
/// let free = Scenario::from_query("workload=cpu_bound&inputs=10000000,10000000,10000000,10000000&executor=threads&max_workers=4&cpus=2&op_ns=1").unwrap();
/// assert_eq!(simulate(&free, 8).unwrap().report.wall_ms, 20.0);
/// ```
pub fn simulate(scenario: &Scenario, cpus: usize) -> Result<Simulated, Error> {
    let unsupported = |what: String| Error::new(ErrorKind::InvalidArgument, what);
    let workload = workloads::find(&scenario.workload)
        .ok_or_else(|| unsupported(format!("unknown workload {:?}", scenario.workload)))?;
    let run: Arc<dyn WorkloadRun> = workload.prepare(&scenario.params, scenario.seed);
    let costs = scenario
        .inputs
        .iter()
        .map(|input| run.virtual_cost(input))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| {
            unsupported(format!(
                "the virtual clock does not run {}: its tasks share state or are paced by a producer; use clock=real",
                scenario.workload
            ))
        })?;
    let cpus = scenario.cpus.unwrap_or(cpus).max(1);
    let op_ns = scenario.op_ns.unwrap_or(DEFAULT_OP_NS);
    let processes = scenario.executor == ExecutorKind::Processes;
    let jobs: Vec<Job> = scenario
        .inputs
        .iter()
        .zip(&costs)
        .map(|(input, cost)| job(input, cost, op_ns, processes))
        .collect();
    let workers = scenario.resolved_max_workers(cpus);
    let pool = |name: Box<dyn Fn(usize) -> String>, workers: usize| Pool {
        name,
        workers,
        cpus,
        gil: false,
        process_start_ns: None,
        max_tasks_per_child: None,
        one_by_one: false,
    };
    let (played, slices) = match scenario.executor {
        ExecutorKind::Sequential => {
            let plain = Pool {
                one_by_one: true,
                ..pool(Box::new(|k| ExecutorKind::Sequential.worker_name(k)), 1)
            };
            (machine::play(&plain, &jobs), None)
        }
        ExecutorKind::Threads => {
            let threads = Pool {
                gil: scenario.gil,
                ..pool(Box::new(|k| ExecutorKind::Threads.worker_name(k)), workers)
            };
            (machine::play(&threads, &jobs), None)
        }
        ExecutorKind::Processes => {
            let processes = Pool {
                process_start_ns: Some(PROCESS_START_NS),
                max_tasks_per_child: scenario.max_tasks_per_child,
                ..pool(
                    Box::new(|k| ExecutorKind::Processes.worker_name(k)),
                    workers,
                )
            };
            (machine::play(&processes, &jobs), None)
        }
        ExecutorKind::Asyncio => {
            let looped = event_loop::play(&jobs, scenario.cooperative);
            (looped.played, Some(looped.slices))
        }
    };
    let outcomes: Vec<Outcome> = costs.into_iter().map(|cost| cost.outcome).collect();
    let stats = processes.then(|| {
        let bytes = |ns: u64| ns.saturating_sub(100_000) / 10;
        json!({
            "processes": {
                "workers_started": played.processes_started,
                "start_ms": vec![ms(PROCESS_START_NS); played.processes_started],
                "bytes_sent": jobs.iter().map(|j| bytes(j.send_ns)).sum::<u64>(),
                "bytes_received": jobs.iter().map(|j| bytes(j.reply_ns)).sum::<u64>(),
                "serialize_ms": ms(jobs.iter().map(|j| j.send_ns + j.reply_ns).sum::<u64>()),
            },
        })
    });
    let threads = match scenario.executor {
        ExecutorKind::Threads => workers.min(played.tasks.len()),
        ExecutorKind::Processes => played.processes_started,
        _ => 1,
    };
    let source = Source {
        mode: "virtual",
        environment: Environment {
            cross_origin_isolated: None,
            hardware_concurrency: 0,
            user_agent: "futures-lab-virtual-clock".to_owned(),
        },
        stats,
        threads,
    };
    let (report, trace) = assemble(scenario, &outcomes, played, slices.as_deref(), source, true);
    Ok(Simulated { report, trace })
}

/// A task's steps in time, and for processes what its call and result cost
/// to send.
fn job(input: &Value, cost: &VirtualCost, op_ns: f64, processes: bool) -> Job {
    let steps = cost
        .phases
        .iter()
        .map(|phase| match phase {
            Phase::Compute(ops) => Step::Cpu((*ops as f64 * op_ns).round() as u64),
            Phase::Wait(ns) => Step::Wait(*ns),
        })
        .collect();
    let size = |value: &Value| serde_json::to_vec(value).map_or(0, |bytes| bytes.len());
    let reply = match &cost.outcome {
        Ok(value) => size(value),
        Err(message) => message.len(),
    };
    Job {
        steps,
        fails: cost.outcome.is_err(),
        send_ns: if processes {
            transfer_ns(size(input))
        } else {
            0
        },
        reply_ns: if processes { transfer_ns(reply) } else { 0 },
    }
}

/// [`play`](crate::play) for `clock=virtual`: the simulation, its events
/// handed to the live view at once, the report naming the host.
pub(crate) fn play_virtual(scenario: &Scenario, env: &RunEnv) -> Result<Report, Error> {
    let Simulated { mut report, trace } = simulate(scenario, env.environment.hardware_concurrency)?;
    if let Some(live) = &env.live {
        trace.into_iter().for_each(|event| live.record(event));
    }
    report.environment = env.environment.clone();
    Ok(report)
}
