//! Plays a scenario on its executor and reports what happened.

use std::sync::Arc;

use futures_lab_core::{
    as_completed, Error, ErrorKind, Executor, ExecutorExt, Future, FutureState, Sequential,
    ThreadPool, TraceBuffer, TraceEvent, TraceKind, TraceSink, Tracer,
};
use serde_json::Value;

use crate::api::Api;
use crate::executor_kind::ExecutorKind;
use crate::report::{PoolInfo, Report, TaskReport};
use crate::run_env::RunEnv;
use crate::scenario::Scenario;
use crate::workloads;

/// Runs `scenario` in `env` as the Python program it models would: submit
/// every input, collect the results (`as_completed` or `map` order), shut the
/// executor down, and build the [`Report`] from the trace.
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
    let cpus = env.environment.hardware_concurrency;
    let executor: Box<dyn Executor> = match scenario.executor {
        ExecutorKind::Sequential => Box::new(Sequential::new(tracer)),
        ExecutorKind::Threads => Box::new(
            ThreadPool::builder()
                .max_workers(scenario.resolved_max_workers(cpus))
                .spawner(Arc::clone(&env.spawner))
                .build(tracer)?,
        ),
    };

    let start_ns = env.clock.now_ns();
    let futures = scenario
        .inputs
        .iter()
        .map(|input| {
            let input = input.clone();
            executor.submit(move |ctx| workload.run(&input, ctx))
        })
        .collect::<Result<Vec<Future<Value>>, Error>>()?;
    let result_order: Vec<u64> = match scenario.api {
        Api::SubmitAsCompleted => as_completed(&futures)
            .map(|done| position(&futures, &done))
            .collect(),
        Api::Map => {
            futures.iter().for_each(|f| drop(f.result(None)));
            (0..futures.len() as u64).collect()
        }
    };
    let end_ns = env.clock.now_ns();
    let threads_started = executor.threads_started();
    executor.shutdown(true, false);

    let events = recorder.kept.drain();
    let tasks = task_reports(scenario, &futures, &events, start_ns);
    let completion_order = match scenario.api {
        Api::SubmitAsCompleted => result_order.clone(),
        Api::Map => finish_order(&events),
    };
    let cpu_ms = tasks
        .iter()
        .filter_map(|t| Some(t.finished_ms? - t.started_ms?))
        .sum();
    Ok(Report {
        scenario: scenario.clone(),
        mode: env.mode.to_owned(),
        wall_ms: ms_between(start_ns, end_ns),
        cpu_ms,
        tasks,
        completion_order,
        result_order,
        wait: None,
        pool: env.pool.clone().unwrap_or(PoolInfo {
            threads: threads_started,
            start_ms: None,
        }),
        environment: env.environment.clone(),
    })
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

fn position(futures: &[Future<Value>], done: &Future<Value>) -> u64 {
    futures.iter().position(|f| f == done).unwrap_or_default() as u64
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
            TraceKind::Checkpoint => {}
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
