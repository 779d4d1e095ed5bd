//! The virtual clock: a scenario played by a discrete-event simulation of
//! its executor and of the program's collection. Every task's cost comes
//! from the workload ([`WorkloadRun::virtual_cost`]: operations and waits,
//! the result computed for real), an operation takes the scenario's `op_ns`,
//! and the machine has the scenario's `cpus`. Time is counted, not measured:
//! the same scenario gives the same trace, event for event, on every
//! machine.
//!
//! The executors: a plain loop, a thread pool (with or without the GIL),
//! a process pool (each worker process costs the CPU time CPython takes to
//! start one by the scenario's start method, and every call and result
//! travels for as long as CPython's pool takes to pickle and pass it: both
//! as measured by `scripts/calibrate`, see [`CpythonCosts`]), and the
//! asyncio loop. The program's side: `as_completed`, `map`, `wait`,
//! `gather` and `TaskGroup`.

pub(crate) mod cpython_costs;
pub(crate) mod event_loop;
pub(crate) mod machine;
pub(crate) mod pool;
pub(crate) mod prediction;
pub(crate) mod time;

use std::sync::Arc;

use serde_json::Value;

use crate::env::RunEnv;
use crate::report::stats::Stats;
use std::rc::Rc;
use std::time::Duration;

use futures_lab_core::{
    simulated, Clock, Error, ErrorKind, Future, Simulation, TraceEvent, Tracer, EXTRA_QUEUED_CALLS,
    MANAGER_THREAD,
};

use crate::program::live::{map_chunk, ms, Collection, Program};

use crate::program::report_builder::{report_of, Outcome, Place, Ran, Recorder};
use crate::program::trace_merger::GIL_EVENTS_KEPT;
use crate::report::process_figures::ProcessFigures;
use crate::report::{Environment, Report};
use crate::scenario::api::Api;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::workloads;
use crate::workloads::cost::{Phase, VirtualCost};
use crate::workloads::workload::{Workload, WorkloadRun};
use cpython_costs::{CpythonCosts, MeasuredVersion};
use event_loop::VirtualLoop;
use machine::{Job, Machine, Pool, Step};
use pool::{Shared, VirtualPool};

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
    simulate_keeping(scenario, cpus, GIL_EVENTS_KEPT)
}

/// As [`simulate`], keeping `gil_events` turn events (the GIL's, the event
/// loop's) turn by turn before the trace merges turns ([`crate::TraceMerger`]; the time split is the same).
pub fn simulate_keeping(
    scenario: &Scenario,
    cpus: usize,
    gil_events: usize,
) -> Result<Simulated, Error> {
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
    let model = run.virtual_shared();
    if model.is_some() && !workload.virtual_clock_plays(scenario.executor) {
        return Err(unsupported(format!(
            "the virtual clock plays {} on a plain loop or a thread pool, whose tasks share its state; use clock=real for {}",
            scenario.workload,
            scenario.executor.as_str()
        )));
    }
    let cpus = scenario.cpus.unwrap_or(cpus).max(1);
    let op_ns = scenario.virtual_op_ns();
    let processes = scenario.executor == ExecutorKind::Processes;
    let transfer = processes.then(|| CpythonCosts::get().nearest(scenario.python_version));
    // At a CPython's speed, each future costs what CPython's executor
    // spends around its call (measured; none at this build's speed).
    let overheads = scenario.speed.overheads();
    let overhead_ns = match scenario.executor {
        ExecutorKind::Threads => overheads.thread_future_ns,
        ExecutorKind::Asyncio => overheads.asyncio_task_ns,
        ExecutorKind::Sequential | ExecutorKind::Processes => 0,
    };
    let jobs: Vec<Job> = scenario
        .inputs
        .iter()
        .zip(&costs)
        .map(|(input, cost)| job(input, cost, (op_ns, overhead_ns), transfer))
        .collect();
    let workers = scenario.resolved_max_workers(cpus);
    let outcomes: Vec<Outcome> = costs.into_iter().map(|cost| cost.outcome).collect();
    let environment = Environment {
        cross_origin_isolated: None,
        hardware_concurrency: 0,
        user_agent: "futures-lab-virtual-clock".to_owned(),
    };
    Ok(match scenario.executor {
        ExecutorKind::Asyncio => play_loop(
            scenario,
            workload,
            (jobs, outcomes),
            &environment,
            gil_events,
        ),
        _ => play_pool(
            scenario,
            workload,
            (jobs, outcomes),
            model.map(|model| Shared {
                model,
                inputs: scenario.inputs.clone(),
                steps: Box::new(move |phases| steps(phases, (op_ns, overhead_ns))),
            }),
            (cpus, workers),
            &environment,
            gil_events,
        ),
    })
}

/// asyncio on the virtual loop: the program's own code (the same as on a
/// real loop) creates the tasks, collects, and leaves `asyncio.run`, which
/// cancels what is left; its waits drive the loop.
fn play_loop(
    scenario: &Scenario,
    workload: &dyn Workload,
    (jobs, outcomes): (Vec<Job>, Vec<Outcome>),
    environment: &Environment,
    turn_events: usize,
) -> Simulated {
    let recorder = Arc::new(Recorder::with_budget(None, turn_events));
    let event_loop = Rc::new(VirtualLoop::new(recorder.clone(), scenario.cooperative));
    let clock = event_loop.clock();
    let collection = collection(scenario, &recorder, &clock);
    let simulation: Rc<dyn Simulation> = event_loop.clone();
    let ran = simulated(simulation, || {
        let futures: Vec<Future<Value>> = jobs
            .into_iter()
            .zip(outcomes)
            .map(|(job, outcome)| {
                let future = event_loop.submit(job, outcome);
                if scenario.callbacks {
                    future.add_done_callback(|_| {});
                }
                future
            })
            .collect();
        let program = Program::collect(
            &futures,
            scenario,
            clock.as_ref(),
            &collection,
            &|f| event_loop.cancel(f),
            &|| event_loop.turn(),
        );
        event_loop.finish();
        Ran::submitted_at_zero(&futures, program, clock.now_ns(), 1, Stats::default())
    });
    finished(scenario, workload, ran, &recorder, environment)
}

/// How the program collects on the virtual clock: its timeout, from 0, its
/// own events on the simulated `clock`.
fn collection(scenario: &Scenario, recorder: &Arc<Recorder>, clock: &Arc<dyn Clock>) -> Collection {
    Collection {
        timeout: scenario.timeout_s.map(Duration::from_secs_f64),
        start_ns: 0,
        tracer: Tracer::new(recorder.clone(), Arc::clone(clock)),
    }
}

/// The report and the trace, in time order, of a virtual run.
fn finished(
    scenario: &Scenario,
    workload: &dyn Workload,
    ran: Ran,
    recorder: &Recorder,
    environment: &Environment,
) -> Simulated {
    let mut trace = recorder.drain();
    trace.sort_by_key(|event| event.t_ns);
    let place = Place {
        mode: "virtual",
        environment,
        pool: None,
    };
    let report = report_of(scenario, place, workload, ran, &trace, 0);
    Simulated { report, trace }
}

/// A plain loop or a pool on the virtual machine: the program's own code
/// (the same as on real threads) submits, collects and shuts the pool down,
/// its waits driving the machine.
fn play_pool(
    scenario: &Scenario,
    workload: &dyn Workload,
    (jobs, outcomes): (Vec<Job>, Vec<Outcome>),
    shared: Option<Shared>,
    (cpus, workers): (usize, usize),
    environment: &Environment,
    gil_events: usize,
) -> Simulated {
    let kind = scenario.executor;
    let processes = kind == ExecutorKind::Processes;
    let start_method = scenario.start_method();
    let start = CpythonCosts::get()
        .nearest(scenario.python_version)
        .process_start(start_method);
    let sent: Vec<(usize, usize, u64)> = jobs
        .iter()
        .map(|j| (j.bytes.0, j.bytes.1, j.send_ns + j.reply_ns))
        .collect();
    let machine = Machine::new(Pool {
        name: Box::new(move |k| match kind {
            ExecutorKind::Processes => start_method.process_name(k),
            _ => kind.worker_name(k),
        }),
        workers: if kind == ExecutorKind::Sequential {
            1
        } else {
            workers
        },
        cpus,
        gil: scenario.gil && kind.models_gil(),
        gil_switch_ns: scenario.speed.overheads().gil_switch_ns,
        process_start: processes.then_some(start),
        launch_all: processes && start_method.launches_all_at_first_submit(scenario.python_version),
        max_tasks_per_child: scenario.max_tasks_per_child.filter(|_| processes),
        extra_queued_calls: processes.then_some(EXTRA_QUEUED_CALLS),
        locked: shared.as_ref().is_some_and(|shared| shared.model.locked()),
    });
    let recorder = Arc::new(Recorder::with_budget(None, gil_events));
    let inline = kind == ExecutorKind::Sequential;
    let completer = processes.then(|| Arc::from(MANAGER_THREAD));
    let pool = Rc::new(VirtualPool::new(
        machine,
        recorder.clone(),
        inline,
        completer,
        shared,
    ));
    let clock = pool.clock();
    let collection = collection(scenario, &recorder, &clock);
    let simulation: Rc<dyn Simulation> = pool.clone();
    let ran = simulated(simulation, || {
        // Python's built-in map is lazy: after a failed call, a plain loop
        // over its results ends, and the inputs after it are never called.
        let lazy = inline && scenario.api == Api::Map;
        let chunk = map_chunk(scenario);
        let mut futures: Vec<Future<Value>> = Vec::with_capacity(jobs.len());
        let mut calls = jobs.into_iter().zip(outcomes).peekable();
        let mut stopped = false;
        while calls.peek().is_some() {
            if chunk > 1 && scenario.api == Api::Map {
                let items: Vec<(Job, Outcome)> = calls.by_ref().take(chunk).collect();
                futures.extend(pool.submit_chunk(items));
                continue;
            }
            let (job, outcome) = calls.next().expect("peeked");
            if stopped {
                // Never called: a future that never runs stands for it.
                futures.push(Future::new());
                continue;
            }
            let future = pool.submit(job, outcome);
            stopped = lazy && matches!(future.try_exception(), Ok(Some(_)));
            if scenario.callbacks {
                future.add_done_callback(|_| {});
            }
            futures.push(future);
        }
        let program = Program::collect(
            &futures,
            scenario,
            clock.as_ref(),
            &collection,
            &|f| f.cancel(),
            &|| {},
        );
        pool.shutdown();
        let threads = match kind {
            ExecutorKind::Sequential => 1,
            _ => pool.workers_started(),
        };
        let processes = processes.then(|| {
            let started = pool.processes_started();
            ProcessFigures {
                workers_started: started,
                start_ms: (0..started).map(|k| ms(start.ready_ns(k))).collect(),
                bytes_sent: sent.iter().map(|(s, _, _)| *s as u64).sum(),
                bytes_received: sent.iter().map(|(_, r, _)| *r as u64).sum(),
                serialize_ms: Some(ms(sent.iter().map(|(_, _, ns)| ns).sum())),
            }
        });
        let stats = Stats {
            processes,
            cache: pool.shared_stats(),
            ..Stats::default()
        };
        Ran::submitted_at_zero(&futures, program, clock.now_ns(), threads, stats)
    });
    finished(scenario, workload, ran, &recorder, environment)
}

/// A task's steps in time (its operations at `op_ns`, after `overhead_ns`
/// of its executor's own CPU work), and for processes (`transfer`:
/// CPython's measured costs) what its call and result cost to send.
fn job(
    input: &Value,
    cost: &VirtualCost,
    (op_ns, overhead_ns): (f64, u64),
    transfer: Option<&MeasuredVersion>,
) -> Job {
    let steps = steps(&cost.phases, (op_ns, overhead_ns));
    let size = |value: &Value| serde_json::to_vec(value).map_or(0, |bytes| bytes.len());
    let reply = match &cost.outcome {
        Ok(value) => size(value),
        Err(message) => message.len(),
    };
    let sent = size(input);
    Job {
        steps,
        fails: cost.outcome.is_err(),
        send_ns: transfer.map_or(0, |costs| costs.transfer_ns(sent)),
        reply_ns: transfer.map_or(0, |costs| costs.transfer_ns(reply)),
        bytes: (sent, reply),
    }
}

/// A task's `phases` as the machine's steps: its operations at `op_ns`,
/// after `overhead_ns` of its executor's own CPU work.
fn steps(phases: &[Phase], (op_ns, overhead_ns): (f64, u64)) -> Vec<Step> {
    let overhead = (overhead_ns > 0).then_some(Step::Cpu(overhead_ns));
    overhead
        .into_iter()
        .chain(phases.iter().map(|phase| match phase {
            Phase::Compute(ops) => Step::Cpu((*ops as f64 * op_ns).round() as u64),
            Phase::Wait(ns) => Step::Wait(*ns),
        }))
        .collect()
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
