//! The virtual clock, first for I/O-bound workloads: a discrete-event
//! simulation of the executors and of the program's collection, where every
//! task's cost comes from the workload ([`WorkloadRun::virtual_cost`]) and
//! time is counted, not measured. The same scenario gives the same trace,
//! event for event, on every machine.
//!
//! Covered so far: workloads whose tasks only wait (`download`), on
//! `sequential`, `threads` (the GIL changes nothing for tasks that only
//! wait) and `asyncio`, collected with `as_completed`, `map` or `wait`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use futures_lab_core::{Error, ErrorKind, TraceEvent, TraceKind};
use serde_json::Value;

use crate::api::Api;
use crate::executor_kind::ExecutorKind;
use crate::report::{Environment, PoolInfo, Report, TaskReport, WaitSplit};
use crate::scenario::Scenario;
use crate::workload::{VirtualCost, WorkloadRun};
use crate::workloads;

/// A scenario played on the virtual clock: its report and its trace (times
/// in ns from the first submit).
#[derive(Clone, Debug, PartialEq)]
pub struct Simulated {
    /// The report, with `mode` `virtual`.
    pub report: Report,
    /// Every event, in time order.
    pub trace: Vec<TraceEvent>,
}

/// One task's place on the virtual clock.
#[derive(Clone, Debug)]
struct Slot {
    worker: Arc<str>,
    start_ns: u64,
    end_ns: u64,
    cost: VirtualCost,
}

/// Plays `scenario` on the virtual clock of a machine with `cpus` CPUs
/// (which set Python's default `max_workers`).
///
/// # Errors
///
/// `InvalidArgument` for what the virtual clock does not cover yet: a
/// workload whose costs are not known without running it, processes, or
/// `gather` and `TaskGroup`.
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
                "the virtual clock does not run {} yet: only workloads whose tasks just wait (download)",
                scenario.workload
            ))
        })?;
    if matches!(scenario.api, Api::Gather | Api::TaskGroup) {
        return Err(unsupported(format!(
            "the virtual clock does not play api={} yet",
            scenario.api.as_str()
        )));
    }
    let workers = scenario.resolved_max_workers(cpus);
    let slots = match scenario.executor {
        ExecutorKind::Sequential => place(costs, 1, |_| Arc::from("MainThread")),
        ExecutorKind::Threads => place(costs, workers, |k| {
            Arc::from(format!("ThreadPoolExecutor-0_{k}").as_str())
        }),
        // The loop starts every task at once; they wait side by side.
        ExecutorKind::Asyncio => {
            let tasks = costs.len();
            let main: Arc<str> = Arc::from("MainThread");
            place(costs, tasks, |_| Arc::clone(&main))
        }
        ExecutorKind::Processes => {
            return Err(unsupported(
                "the virtual clock does not play processes yet".to_owned(),
            ))
        }
    };
    Ok(collect(scenario, slots, workers))
}

/// Hands tasks, in submission order, to the first of `workers` to be free
/// (the lowest-numbered on a tie). Every task is submitted at 0.
fn place(costs: Vec<VirtualCost>, workers: usize, name: impl Fn(usize) -> Arc<str>) -> Vec<Slot> {
    let workers = workers.max(1).min(costs.len().max(1));
    let names: Vec<Arc<str>> = (0..workers).map(name).collect();
    // The workers by when they are free, then by number.
    let mut free: BinaryHeap<Reverse<(u64, usize)>> =
        (0..workers).map(|k| Reverse((0, k))).collect();
    costs
        .into_iter()
        .map(|cost| {
            let Reverse((start_ns, worker)) = free.pop().expect("at least one worker");
            let end_ns = start_ns + cost.io_ns;
            free.push(Reverse((end_ns, worker)));
            Slot {
                worker: Arc::clone(&names[worker]),
                start_ns,
                end_ns,
                cost,
            }
        })
        .collect()
}

/// The program's side: what it receives when, what `wait` returns, and the
/// report and trace of it all.
fn collect(scenario: &Scenario, slots: Vec<Slot>, workers: usize) -> Simulated {
    let timeout_ns = scenario.timeout_s.map(|s| (s * 1e9) as u64);
    let ids: Vec<u64> = (0..slots.len() as u64).collect();
    let mut finish_order = ids.clone();
    finish_order.sort_by_key(|id| (slots[*id as usize].end_ns, *id));
    let end = |id: &u64| slots[*id as usize].end_ns;
    let failed = |id: &u64| slots[*id as usize].cost.outcome.is_err();
    let main: Arc<str> = Arc::from("MainThread");
    let mut program: Vec<TraceEvent> = Vec::new();
    let mut received: Vec<u64> = Vec::new();
    let mut error = None;
    let mut wait = None;
    let event = |future, kind, t_ns, worker: Option<&Arc<str>>| TraceEvent {
        future,
        kind,
        t_ns,
        worker: worker.cloned(),
        detail: None,
    };
    match scenario.api {
        Api::Map => {
            let mut at = 0;
            for id in &ids {
                at = at.max(end(id));
                if timeout_ns.is_some_and(|limit| at > limit) {
                    error = Some("TimeoutError".to_owned());
                    break;
                }
                if let Err(message) = &slots[*id as usize].cost.outcome {
                    error = Some(message.clone());
                    break;
                }
                program.push(event(*id, TraceKind::Received, at, Some(&main)));
                received.push(*id);
            }
        }
        Api::Wait => {
            let all = finish_order.last().map_or(0, end);
            let condition = match scenario.return_when {
                futures_lab_core::ReturnWhen::FirstCompleted => finish_order.first().map_or(0, end),
                futures_lab_core::ReturnWhen::FirstException => {
                    finish_order.iter().find(|id| failed(id)).map_or(all, end)
                }
                futures_lab_core::ReturnWhen::AllCompleted => all,
            };
            let returned = timeout_ns.map_or(condition, |limit| condition.min(limit));
            let (done, not_done): (Vec<u64>, Vec<u64>) =
                ids.iter().partition(|id| end(id) <= returned);
            program.push(event(
                u64::MAX,
                TraceKind::WaitReturned,
                returned,
                Some(&main),
            ));
            wait = Some(WaitSplit {
                done,
                not_done,
                returned_ms: returned as f64 / 1e6,
                reason: if returned < condition {
                    "timeout".to_owned()
                } else {
                    scenario.return_when.as_str().to_owned()
                },
            });
        }
        _ => {
            for id in &finish_order {
                if timeout_ns.is_some_and(|limit| end(id) > limit) {
                    let left = ids.len() - received.len();
                    error = Some(format!(
                        "TimeoutError: {left} (of {}) futures unfinished",
                        ids.len()
                    ));
                    break;
                }
                program.push(event(*id, TraceKind::Received, end(id), Some(&main)));
                received.push(*id);
            }
        }
    }

    // A plain loop submits each task when the one before has ended.
    let submitted = |slot: &Slot| match scenario.executor {
        ExecutorKind::Sequential => slot.start_ns,
        _ => 0,
    };
    let mut trace: Vec<TraceEvent> = Vec::with_capacity(slots.len() * 5 + program.len());
    for (id, slot) in (0u64..).zip(&slots) {
        let worker = Some(&slot.worker);
        trace.push(event(id, TraceKind::Submitted, submitted(slot), None));
        trace.push(event(id, TraceKind::Started, slot.start_ns, worker));
        trace.push(event(id, TraceKind::IoStart, slot.start_ns, worker));
        trace.push(event(id, TraceKind::IoEnd, slot.end_ns, worker));
        let ended = if slot.cost.outcome.is_ok() {
            TraceKind::Finished
        } else {
            TraceKind::Failed
        };
        trace.push(event(id, ended, slot.end_ns, worker));
    }
    trace.extend(program);
    trace.sort_by_key(|e| e.t_ns);

    let ms = |ns: u64| ns as f64 / 1e6;
    let tasks = (0u64..)
        .zip(&slots)
        .zip(&scenario.inputs)
        .map(|((id, slot), input)| TaskReport {
            id,
            input: input.clone(),
            worker: Some(slot.worker.to_string()),
            state: if slot.cost.outcome.is_ok() {
                "finished"
            } else {
                "failed"
            }
            .to_owned(),
            submitted_ms: ms(submitted(slot)),
            started_ms: Some(ms(slot.start_ns)),
            finished_ms: Some(ms(slot.end_ns)),
            result: slot.cost.outcome.as_ref().ok().cloned(),
            error: slot.cost.outcome.as_ref().err().cloned(),
        })
        .collect();
    let result_order = match &wait {
        Some(split) => finish_order
            .iter()
            .copied()
            .filter(|id| split.done.contains(id))
            .collect(),
        None => received.clone(),
    };
    let report = Report {
        scenario: scenario.clone(),
        mode: "virtual".to_owned(),
        wall_ms: ms(finish_order.last().map_or(0, end)),
        cpu_ms: slots.iter().map(|s| ms(s.end_ns - s.start_ns)).sum(),
        tasks,
        completion_order: if scenario.api == Api::SubmitAsCompleted {
            received.clone()
        } else {
            finish_order.clone()
        },
        result_order,
        wait,
        stats: None::<Value>,
        error,
        control: Vec::new(),
        callbacks: Vec::new(),
        pool: PoolInfo {
            threads: match scenario.executor {
                ExecutorKind::Threads => workers.min(slots.len()),
                _ => 1,
            },
            start_ms: None,
        },
        environment: Environment {
            cross_origin_isolated: None,
            hardware_concurrency: 0,
            user_agent: "futures-lab-virtual-clock".to_owned(),
        },
    };
    Simulated { report, trace }
}
