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

use std::sync::Arc;

use futures_lab_core::{Error, ErrorKind, ReturnWhen, TraceEvent, TraceKind};
use serde_json::{json, Value};

use crate::api::Api;
use crate::executor_kind::ExecutorKind;
use crate::report::{CallbackNote, Environment, PoolInfo, Report, TaskReport, WaitSplit};
use crate::run_env::RunEnv;
use crate::scenario::Scenario;
use crate::virtual_cost::{Phase, VirtualCost, DEFAULT_OP_NS};
use crate::virtual_loop::{self, Slice};
use crate::virtual_machine::{self, Job, Played, Pool, Step};
use crate::workload::WorkloadRun;
use crate::workloads;

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
                ..pool(Box::new(|_| "MainThread".to_owned()), 1)
            };
            (virtual_machine::play(&plain, &jobs), None)
        }
        ExecutorKind::Threads => {
            let threads = Pool {
                gil: scenario.gil,
                ..pool(Box::new(|k| format!("ThreadPoolExecutor-0_{k}")), workers)
            };
            (virtual_machine::play(&threads, &jobs), None)
        }
        ExecutorKind::Processes => {
            let processes = Pool {
                process_start_ns: Some(PROCESS_START_NS),
                max_tasks_per_child: scenario.max_tasks_per_child,
                ..pool(Box::new(|k| format!("SpawnProcess-{}", k + 1)), workers)
            };
            (virtual_machine::play(&processes, &jobs), None)
        }
        ExecutorKind::Asyncio => {
            let looped = virtual_loop::play(&jobs, scenario.cooperative);
            (looped.played, Some(looped.slices))
        }
    };
    Ok(report(scenario, &costs, &jobs, played, slices, workers))
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

/// What the program saw: what it received when, what it raised, what
/// `wait` returned, and (asyncio) when it left `asyncio.run`.
#[derive(Default)]
struct Program {
    events: Vec<TraceEvent>,
    received: Vec<u64>,
    error: Option<String>,
    wait: Option<WaitSplit>,
    /// When the program stopped collecting: `asyncio.run` then cancels
    /// every task still running.
    end_ns: u64,
}

/// The program's side of the run, from when each future was done.
fn program(scenario: &Scenario, costs: &[VirtualCost], played: &Played) -> Program {
    let timeout_ns = scenario.timeout_s.map(|s| (s * 1e9).round() as u64);
    let ids: Vec<u64> = (0..played.tasks.len() as u64).collect();
    let end = |id: &u64| played.tasks[*id as usize].ended_ns.unwrap_or(u64::MAX);
    let failed = |id: &u64| costs[*id as usize].outcome.is_err();
    let mut finish_order = ids.clone();
    finish_order.sort_by_key(|id| (end(id), *id));
    let all_done = finish_order.last().map_or(0, end);
    let first_failure = finish_order.iter().find(|id| failed(id)).copied();
    let main: Arc<str> = Arc::from("MainThread");
    let mut program = Program::default();
    let receive = |program: &mut Program, id: u64, t_ns: u64, kind: TraceKind| {
        program.events.push(TraceEvent {
            future: id,
            kind,
            t_ns,
            worker: Some(Arc::clone(&main)),
            detail: None,
        });
        if kind == TraceKind::Received {
            program.received.push(id);
        }
    };
    match scenario.api {
        Api::SubmitAsCompleted => {
            program.end_ns = all_done;
            for id in &finish_order {
                if let Some(limit) = timeout_ns.filter(|limit| end(id) > *limit) {
                    let left = ids.len() - program.received.len();
                    program.error = Some(format!(
                        "TimeoutError: {left} (of {}) futures unfinished",
                        ids.len()
                    ));
                    program.end_ns = limit;
                    break;
                }
                receive(&mut program, *id, end(id), TraceKind::Received);
            }
        }
        Api::Map => {
            let mut at = 0;
            for id in &ids {
                at = at.max(end(id));
                if let Some(limit) = timeout_ns.filter(|limit| at > *limit) {
                    program.error = Some("TimeoutError".to_owned());
                    at = limit;
                    break;
                }
                if let Err(message) = &costs[*id as usize].outcome {
                    program.error = Some(message.clone());
                    break;
                }
                receive(&mut program, *id, at, TraceKind::Received);
            }
            program.end_ns = at;
        }
        Api::Wait => {
            let condition = match scenario.return_when {
                ReturnWhen::FirstCompleted => finish_order.first().map_or(0, end),
                ReturnWhen::FirstException => first_failure.as_ref().map_or(all_done, end),
                ReturnWhen::AllCompleted => all_done,
            };
            let returned = timeout_ns.map_or(condition, |limit| condition.min(limit));
            let (done, not_done): (Vec<u64>, Vec<u64>) =
                ids.iter().partition(|id| end(id) <= returned);
            receive(&mut program, u64::MAX, returned, TraceKind::WaitReturned);
            program.wait = Some(WaitSplit {
                done,
                not_done,
                returned_ms: ms(returned),
                reason: if returned < condition {
                    "timeout".to_owned()
                } else {
                    scenario.return_when.as_str().to_owned()
                },
            });
            program.end_ns = returned;
        }
        Api::Gather => {
            let failure = first_failure.filter(|_| !scenario.return_exceptions);
            let condition = failure.as_ref().map_or(all_done, end);
            match (failure, timeout_ns.filter(|limit| condition > *limit)) {
                (_, Some(limit)) => {
                    program.error = Some("TimeoutError".to_owned());
                    program.end_ns = limit;
                }
                (Some(id), None) => {
                    program.error = costs[id as usize].outcome.clone().err();
                    program.end_ns = condition;
                }
                (None, None) => {
                    for id in &ids {
                        receive(&mut program, *id, all_done, TraceKind::Received);
                    }
                    program.end_ns = all_done;
                }
            }
        }
        Api::TaskGroup => match first_failure {
            Some(first) => {
                // The first failure cancels the rest; those that failed by
                // then are the group's exceptions.
                let at = end(&first);
                let errors: Vec<String> = ids
                    .iter()
                    .filter(|id| failed(id) && end(id) <= at)
                    .filter_map(|id| costs[*id as usize].outcome.clone().err())
                    .collect();
                let plural = if errors.len() == 1 { "" } else { "s" };
                program.error = Some(format!(
                    "ExceptionGroup: unhandled errors in a TaskGroup ({} sub-exception{plural}): {}",
                    errors.len(),
                    errors.join("; ")
                ));
                program.end_ns = at;
            }
            None => {
                for id in &ids {
                    receive(&mut program, *id, all_done, TraceKind::Received);
                }
                program.end_ns = all_done;
            }
        },
    }
    program
}

/// `asyncio.run` ending at `at` cancels every task not done: at once if it
/// waits at an await (or never started), at the end of its slice if it is
/// the one running then (a cancellation lands at the next await).
fn cancel_after(played: &mut Played, slices: &[Slice], at: u64) -> Vec<bool> {
    let mut cancelled = vec![false; played.tasks.len()];
    let running = slices
        .get(slices.partition_point(|slice| slice.to_ns <= at))
        .filter(|slice| slice.from_ns < at);
    let mut cut = vec![None; played.tasks.len()];
    for (id, task) in played.tasks.iter_mut().enumerate() {
        let lands = match running {
            Some(slice) if slice.task == id => slice.to_ns,
            _ => at,
        };
        if task.ended_ns.is_some_and(|ended| ended <= lands) {
            continue;
        }
        cancelled[id] = true;
        task.ended_ns = Some(lands);
        cut[id] = Some(lands);
    }
    played.events.retain(|event| {
        let Some(lands) = cut.get(event.future as usize).copied().flatten() else {
            return true;
        };
        event.t_ns < lands
            || (event.t_ns == lands
                && !matches!(event.kind, TraceKind::Finished | TraceKind::Failed))
    });
    for (id, lands) in cut.iter().enumerate() {
        if let Some(lands) = lands {
            played.events.push(TraceEvent {
                future: id as u64,
                kind: TraceKind::Cancelled,
                t_ns: *lands,
                worker: played.tasks[id].worker.clone(),
                detail: None,
            });
        }
    }
    cancelled
}

fn ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

/// The report and trace of it all.
fn report(
    scenario: &Scenario,
    costs: &[VirtualCost],
    jobs: &[Job],
    mut played: Played,
    slices: Option<Vec<Slice>>,
    workers: usize,
) -> Simulated {
    let program = program(scenario, costs, &played);
    let cancelled = match &slices {
        Some(slices) => cancel_after(&mut played, slices, program.end_ns),
        None => vec![false; played.tasks.len()],
    };
    let mut trace = played.events;
    let mut callbacks = Vec::new();
    if scenario.callbacks {
        // A done callback runs on the thread that completed the future:
        // the worker, the loop, or the process pool's manager thread.
        for event in &trace {
            let done = matches!(
                event.kind,
                TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled
            );
            if !done {
                continue;
            }
            let thread = match (scenario.executor, event.kind) {
                (ExecutorKind::Asyncio, _) => Some("MainThread".to_owned()),
                (_, TraceKind::Cancelled) => None,
                (ExecutorKind::Processes, _) => Some("Thread-1".to_owned()),
                _ => event.worker.as_deref().map(str::to_owned),
            };
            callbacks.push(CallbackNote {
                future: event.future,
                t_ms: ms(event.t_ns),
                thread,
            });
        }
        callbacks.sort_by(|a, b| a.t_ms.total_cmp(&b.t_ms));
    }
    trace.extend(callbacks.iter().map(|note| TraceEvent {
        future: note.future,
        kind: TraceKind::Callback,
        t_ns: (note.t_ms * 1e6).round() as u64,
        worker: note.thread.as_deref().map(Arc::from),
        detail: None,
    }));
    trace.extend(program.events);
    trace.sort_by_key(|e| e.t_ns);

    let tasks: Vec<TaskReport> = played
        .tasks
        .iter()
        .zip(&scenario.inputs)
        .zip(costs)
        .enumerate()
        .map(|(id, ((placed, input), cost))| {
            let state = if cancelled[id] {
                "cancelled"
            } else if cost.outcome.is_ok() {
                "finished"
            } else {
                "failed"
            };
            let ran = !cancelled[id];
            TaskReport {
                id: id as u64,
                input: input.clone(),
                worker: placed.worker.as_deref().map(str::to_owned),
                state: state.to_owned(),
                submitted_ms: ms(placed.submitted_ns),
                started_ms: placed.started_ns.map(ms),
                finished_ms: placed.ended_ns.map(ms),
                result: cost.outcome.as_ref().ok().filter(|_| ran).cloned(),
                error: cost.outcome.as_ref().err().filter(|_| ran).cloned(),
            }
        })
        .collect();
    let done_at = |placed: &virtual_machine::Placed| placed.ended_ns.unwrap_or(0);
    let mut finish_order: Vec<u64> = (0..played.tasks.len() as u64)
        .filter(|id| !cancelled[*id as usize])
        .collect();
    finish_order.sort_by_key(|id| (done_at(&played.tasks[*id as usize]), *id));
    let result_order = match &program.wait {
        Some(split) => finish_order
            .iter()
            .copied()
            .filter(|id| split.done.contains(id))
            .collect(),
        None => program.received.clone(),
    };
    let cpu_ns: u64 = jobs
        .iter()
        .zip(&played.tasks)
        .map(|(_, placed)| match (placed.started_ns, placed.ended_ns) {
            (Some(start), Some(end)) => end.saturating_sub(start),
            _ => 0,
        })
        .sum();
    let stats = (scenario.executor == ExecutorKind::Processes).then(|| {
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
    let report = Report {
        scenario: scenario.clone(),
        mode: "virtual".to_owned(),
        wall_ms: ms(played.tasks.iter().map(done_at).max().unwrap_or(0)),
        cpu_ms: ms(cpu_ns),
        tasks,
        completion_order: if scenario.api == Api::SubmitAsCompleted {
            program.received.clone()
        } else {
            finish_order.clone()
        },
        result_order,
        wait: program.wait,
        stats,
        error: program.error,
        control: Vec::new(),
        callbacks,
        pool: PoolInfo {
            threads: match scenario.executor {
                ExecutorKind::Threads => workers.min(played.tasks.len()),
                ExecutorKind::Processes => played.processes_started,
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
