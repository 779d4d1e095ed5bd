//! Plays a scenario on its executor and reports what happened.

use std::sync::Arc;
use std::time::Duration;

use futures_lab_core::{
    as_completed, block_on, wait, DoneAndNotDone, Error, ErrorKind, EventLoop, Executor,
    ExecutorExt, Future, FutureState, MapIter, MapOnError, MapOptions, ReturnWhen, Sequential,
    ThreadPool, TraceBuffer, TraceEvent, TraceKind, TraceSink, Tracer,
};
use serde_json::Value;

use crate::api::Api;
use crate::executor_kind::ExecutorKind;
use crate::report::{PoolInfo, Report, TaskReport, WaitSplit};
use crate::run_env::RunEnv;
use crate::scenario::Scenario;
use crate::workload::WorkloadRun;
use crate::workloads;

/// Runs `scenario` in `env` as the Python program it models would: submit
/// every input, collect the results (`as_completed`, `map` or `wait`), leave
/// the `with` block (shutdown, waiting for running work), and build the
/// [`Report`] from the futures and the trace.
///
/// # Errors
///
/// An executor that cannot start its threads (`BrokenExecutor`).
///
/// # Blocking
///
/// Blocks until every task is done: run it on a worker thread, never on the
/// browser's main thread.
pub fn play(scenario: &Scenario, env: &RunEnv) -> Result<Report, Error> {
    let workload = workloads::find(&scenario.workload).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("unknown workload {:?}", scenario.workload),
        )
    })?;
    let recorder = Arc::new(Recorder {
        kept: TraceBuffer::default(),
        live: env.live.clone(),
    });
    let tracer = Tracer::new(recorder.clone(), Arc::clone(&env.clock));
    let executor = Built::new(scenario, env, tracer)?;
    let run = workload.prepare(&scenario.params, scenario.seed);

    let start_ns = env.clock.now_ns();
    let futures = scenario
        .inputs
        .iter()
        .map(|input| executor.submit(Arc::clone(&run), input.clone()))
        .collect::<Result<Vec<Future<Value>>, Error>>()?;
    let timeout = scenario.timeout_s.map(Duration::from_secs_f64);
    let program = match scenario.api {
        Api::SubmitAsCompleted => collect_as_completed(&futures, timeout),
        Api::Map => collect_map(&futures, timeout, scenario),
        Api::Wait => {
            let split = wait(&futures, timeout, scenario.return_when);
            let returned_ms = ms_between(start_ns, env.clock.now_ns());
            Program::waited(&futures, split, returned_ms, scenario.return_when)
        }
    };
    let threads_started = executor.threads_started();
    executor.shutdown(true, false);
    let end_ns = env.clock.now_ns();

    let events = recorder.kept.drain();
    let tasks = task_reports(scenario, &futures, &events, start_ns);
    let finish_order = finish_order(&events);
    let cpu_ms = tasks
        .iter()
        .filter_map(|t| Some(t.finished_ms? - t.started_ms?))
        .sum();
    let result_order = match &program.wait {
        Some(split) => finish_order
            .iter()
            .copied()
            .filter(|id| split.done.contains(id))
            .collect(),
        None => program.received.clone(),
    };
    Ok(Report {
        scenario: scenario.clone(),
        mode: env.mode.to_owned(),
        wall_ms: ms_between(start_ns, end_ns),
        cpu_ms,
        tasks,
        completion_order: program.yielded.unwrap_or(finish_order),
        result_order,
        wait: program.wait,
        stats: run.stats(),
        error: program.error,
        pool: env.pool.clone().unwrap_or(PoolInfo {
            threads: threads_started,
            start_ms: None,
        }),
        environment: env.environment.clone(),
    })
}

/// The scenario's executor, and how a task is handed to it.
enum Built {
    /// Sequential or a thread pool: the async task runs to the end on its thread.
    Threads(Box<dyn Executor>),
    /// The asyncio loop: the task is a coroutine on the loop.
    Loop(EventLoop),
}

impl Built {
    fn new(scenario: &Scenario, env: &RunEnv, tracer: Tracer) -> Result<Self, Error> {
        Ok(match scenario.executor {
            ExecutorKind::Sequential => Self::Threads(Box::new(Sequential::new(tracer))),
            ExecutorKind::Threads => Self::Threads(Box::new(
                ThreadPool::builder()
                    .max_workers(
                        scenario.resolved_max_workers(env.environment.hardware_concurrency),
                    )
                    .gil(scenario.gil)
                    .python_version(scenario.python_version)
                    .spawner(Arc::clone(&env.spawner))
                    .build(tracer)?,
            )),
            ExecutorKind::Asyncio => Self::Loop(
                EventLoop::builder()
                    .cooperative(scenario.cooperative)
                    .spawner(Arc::clone(&env.spawner))
                    .build(tracer)?,
            ),
        })
    }

    fn submit(&self, run: Arc<dyn WorkloadRun>, input: Value) -> Result<Future<Value>, Error> {
        match self {
            Self::Threads(executor) => executor.submit(move |ctx| block_on(run.call(&input, ctx))),
            Self::Loop(event_loop) => {
                event_loop.submit_async(move |ctx| async move { run.call(&input, &ctx).await })
            }
        }
    }

    fn executor(&self) -> &dyn Executor {
        match self {
            Self::Threads(executor) => executor.as_ref(),
            Self::Loop(event_loop) => event_loop,
        }
    }

    fn threads_started(&self) -> usize {
        self.executor().threads_started()
    }

    fn shutdown(&self, wait: bool, cancel_futures: bool) {
        self.executor().shutdown(wait, cancel_futures);
    }
}

/// What the modelled program saw while collecting results.
#[derive(Default)]
struct Program {
    /// Task ids in the order the program received their results.
    received: Vec<u64>,
    /// The order `as_completed` yielded them (for that API).
    yielded: Option<Vec<u64>>,
    wait: Option<WaitSplit>,
    error: Option<String>,
}

impl Program {
    fn waited(
        futures: &[Future<Value>],
        split: DoneAndNotDone<Value>,
        returned_ms: f64,
        return_when: ReturnWhen,
    ) -> Self {
        let ids = |list: &[Future<Value>]| -> Vec<u64> {
            list.iter().map(|f| position(futures, f)).collect()
        };
        let condition_held = match return_when {
            ReturnWhen::FirstCompleted => !split.done.is_empty(),
            ReturnWhen::FirstException => {
                split.not_done.is_empty()
                    || split
                        .done
                        .iter()
                        .any(|f| matches!(f.try_exception(), Ok(Some(_))))
            }
            ReturnWhen::AllCompleted => split.not_done.is_empty(),
        };
        Self {
            wait: Some(WaitSplit {
                done: ids(&split.done),
                not_done: ids(&split.not_done),
                returned_ms,
                reason: if condition_held {
                    return_when.as_str().to_owned()
                } else {
                    "timeout".to_owned()
                },
            }),
            ..Self::default()
        }
    }
}

fn collect_as_completed(futures: &[Future<Value>], timeout: Option<Duration>) -> Program {
    let mut program = Program::default();
    let mut yielded = Vec::with_capacity(futures.len());
    for item in as_completed(futures, timeout) {
        match item {
            Ok(future) => yielded.push(position(futures, &future)),
            Err(error) => {
                program.error = Some(error.to_string());
                break;
            }
        }
    }
    program.received = yielded.clone();
    program.yielded = Some(yielded);
    program
}

/// `for result in executor.map(...)`: the first exception ends the program's
/// loop (whatever the iterator would do next).
fn collect_map(
    futures: &[Future<Value>],
    timeout: Option<Duration>,
    scenario: &Scenario,
) -> Program {
    let options = MapOptions {
        timeout,
        on_error: MapOnError::of(scenario.python_version),
        ..MapOptions::default()
    };
    let mut program = Program::default();
    for (id, result) in (0u64..).zip(MapIter::over(futures.to_vec(), options)) {
        match result {
            Ok(_) => program.received.push(id),
            Err(error) => {
                program.error = Some(error.to_string());
                break;
            }
        }
    }
    program
}

/// Keeps every event for the report and forwards it to the live view.
struct Recorder {
    kept: TraceBuffer,
    live: Option<Arc<dyn TraceSink>>,
}

impl TraceSink for Recorder {
    fn record(&self, event: TraceEvent) {
        if let Some(live) = &self.live {
            live.record(event.clone());
        }
        self.kept.record(event);
    }
}

fn position(futures: &[Future<Value>], future: &Future<Value>) -> u64 {
    future
        .id()
        .or_else(|| futures.iter().position(|f| f == future).map(|i| i as u64))
        .unwrap_or_default()
}

fn ms_between(start_ns: u64, end_ns: u64) -> f64 {
    end_ns.saturating_sub(start_ns) as f64 / 1e6
}

/// Ids of the futures that finished or failed, in trace order.
fn finish_order(events: &[TraceEvent]) -> Vec<u64> {
    let mut done: Vec<&TraceEvent> = events
        .iter()
        .filter(|e| matches!(e.kind, TraceKind::Finished | TraceKind::Failed))
        .collect();
    done.sort_by_key(|e| e.t_ns);
    done.into_iter().map(|e| e.future).collect()
}

fn task_reports(
    scenario: &Scenario,
    futures: &[Future<Value>],
    events: &[TraceEvent],
    start_ns: u64,
) -> Vec<TaskReport> {
    let mut tasks: Vec<TaskReport> = futures
        .iter()
        .zip(&scenario.inputs)
        .enumerate()
        .map(|(id, (future, input))| {
            let (result, error) = match future.try_result() {
                Ok(value) => (Some(value), None),
                Err(e) if e.kind() == ErrorKind::Task => (None, Some(e.to_string())),
                Err(_) => (None, None),
            };
            TaskReport {
                id: id as u64,
                input: input.clone(),
                worker: None,
                state: state_name(future.state(), error.is_some()).to_owned(),
                submitted_ms: 0.0,
                started_ms: None,
                finished_ms: None,
                result,
                error,
            }
        })
        .collect();
    for event in events {
        let Some(task) = tasks.get_mut(event.future as usize) else {
            continue;
        };
        let at = ms_between(start_ns, event.t_ns);
        match event.kind {
            TraceKind::Submitted => task.submitted_ms = at,
            TraceKind::Started => {
                task.started_ms = Some(at);
                task.worker = event.worker.as_deref().map(str::to_owned);
            }
            TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled => {
                task.finished_ms = Some(at);
            }
            _ => {}
        }
    }
    tasks
}

/// The Report's name for a future's state.
pub(crate) fn state_name(state: FutureState, failed: bool) -> &'static str {
    match state {
        FutureState::Pending => "pending",
        FutureState::Running => "running",
        FutureState::Cancelled | FutureState::CancelledAndNotified => "cancelled",
        FutureState::Finished if failed => "failed",
        FutureState::Finished => "finished",
    }
}
