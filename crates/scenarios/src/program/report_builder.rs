//! The report of a run, built one way whatever ran it: the program's side
//! ([`Program`]), each future's outcome and state, and the trace.

use std::sync::{Arc, Mutex};

use futures_lab_core::{ErrorKind, Future, FutureState, TraceEvent, TraceKind, TraceSink};
use serde_json::Value;

use crate::control::ControlNote;
use crate::env::RunEnv;
use crate::program::live::{ms_between, Program};
use crate::program::producer::{stream_stats, Produced};
use crate::program::trace_merger::{TraceMerger, GIL_EVENTS_KEPT};
use crate::report::stats::Stats;
use crate::report::task_state::TaskState;
use crate::report::task_time::TaskTime;
use crate::report::{CallbackNote, Environment, PoolInfo, Report, TaskReport};
use crate::scenario::Scenario;
use crate::workloads::workload::Workload;

/// What one run left behind, whatever the executor.
pub(crate) struct Ran {
    /// Each task's result (`Ok`) or error text (`Err`), if it ended.
    pub(crate) outcomes: Vec<Option<Result<Value, String>>>,
    /// When the producer emitted each task.
    pub(crate) produced: Produced,
    pub(crate) states: Vec<FutureState>,
    pub(crate) program: Program,
    pub(crate) end_ns: u64,
    pub(crate) threads: usize,
    pub(crate) stats: Stats,
    /// What the watcher did with the page's commands.
    pub(crate) control: Vec<ControlNote>,
}

impl Ran {
    /// What a run with every task submitted at 0 left behind (the virtual
    /// clock's, a replay's), nothing commanded from the page.
    pub(crate) fn submitted_at_zero(
        futures: &[Future<Value>],
        program: Program,
        end_ns: u64,
        threads: usize,
        stats: Stats,
    ) -> Self {
        Self {
            outcomes: futures.iter().map(outcome_of).collect(),
            states: futures.iter().map(Future::state).collect(),
            produced: Produced {
                emitted_ns: vec![0; futures.len()],
                blocked_ns: 0,
            },
            program,
            end_ns,
            threads,
            stats,
            control: Vec::new(),
        }
    }
}

/// A task's result, or its error as `Class: message`.
pub type Outcome = Result<Value, String>;

pub(crate) fn outcome_of(future: &Future<Value>) -> Option<Result<Value, String>> {
    match future.try_result() {
        Ok(value) => Some(Ok(value)),
        Err(e) if e.kind() == ErrorKind::Task => Some(Err(e.to_string())),
        Err(_) => None,
    }
}

/// Where a run took place, for its report.
pub(crate) struct Place<'a> {
    /// `native`, `browser`, `virtual`.
    pub(crate) mode: &'a str,
    /// The machine or browser.
    pub(crate) environment: &'a Environment,
    /// The worker pool the page started, if it says.
    pub(crate) pool: Option<PoolInfo>,
}

impl<'a> From<&'a RunEnv> for Place<'a> {
    fn from(env: &'a RunEnv) -> Self {
        Self {
            mode: env.mode,
            environment: &env.environment,
            pool: env.pool.clone(),
        }
    }
}

/// The report of a run from what it left behind and its trace (`events`,
/// times on the run's clock from `start_ns`): one builder for every clock.
pub(crate) fn report_of(
    scenario: &Scenario,
    place: Place<'_>,
    workload: &dyn Workload,
    played: Ran,
    events: &[TraceEvent],
    start_ns: u64,
) -> Report {
    let tasks = task_reports(scenario, &played, events, start_ns);
    let stats = Stats {
        stream: workload
            .pacing(&scenario.params)
            .map(|pacing| stream_stats(pacing, &played.produced, events, start_ns)),
        ..played.stats.clone()
    };
    let finish_order = finish_order(events);
    let cpu_ms = tasks.iter().map(|t| t.time.computing_ms).sum();
    let program = played.program;
    let result_order = match &program.wait {
        Some(split) => finish_order
            .iter()
            .copied()
            .filter(|id| split.done.contains(id))
            .collect(),
        None => program.received.clone(),
    };
    Report {
        scenario: Some(scenario.clone()),
        mode: place.mode.to_owned(),
        wall_ms: ms_between(start_ns, played.end_ns),
        cpu_ms,
        tasks,
        completion_order: program.yielded.unwrap_or(finish_order),
        result_order,
        wait: program.wait,
        stats: stats.non_empty(),
        error: program.error,
        pool: place.pool.unwrap_or(PoolInfo {
            threads: played.threads,
            start_ms: None,
        }),
        environment: place.environment.clone(),
        control: played.control,
        callbacks: callback_notes(scenario, events, start_ns),
        program: None,
    }
}

/// The done callbacks the program added, in the order they ran.
fn callback_notes(scenario: &Scenario, events: &[TraceEvent], start_ns: u64) -> Vec<CallbackNote> {
    if !scenario.callbacks {
        return Vec::new();
    }
    let mut ran: Vec<&TraceEvent> = events
        .iter()
        .filter(|e| e.kind == TraceKind::Callback && (e.future as usize) < scenario.inputs.len())
        .collect();
    ran.sort_by_key(|e| e.t_ns);
    ran.into_iter()
        .map(|e| CallbackNote {
            future: e.future,
            t_ms: ms_between(start_ns, e.t_ns),
            thread: e.worker.as_deref().map(str::to_owned),
        })
        .collect()
}

/// Keeps the run's events for the report and forwards them to the live
/// view, GIL turns merged past a budget ([`TraceMerger`]).
pub(crate) struct Recorder {
    live: Option<Arc<dyn TraceSink>>,
    /// The merger and what it kept, under one lock: an event is taken and
    /// kept in one step (the live view and the report keep one order).
    kept: Mutex<Kept>,
}

struct Kept {
    merger: TraceMerger,
    events: Vec<TraceEvent>,
}

impl Recorder {
    /// A recorder forwarding to `live`, keeping [`GIL_EVENTS_KEPT`] GIL
    /// events turn by turn.
    pub(crate) fn new(live: Option<Arc<dyn TraceSink>>) -> Self {
        Self::with_budget(live, GIL_EVENTS_KEPT)
    }

    /// A recorder keeping `budget` GIL events turn by turn.
    pub(crate) fn with_budget(live: Option<Arc<dyn TraceSink>>, budget: usize) -> Self {
        Self {
            live,
            kept: Mutex::new(Kept {
                merger: TraceMerger::new(budget),
                events: Vec::new(),
            }),
        }
    }

    /// Every event kept, what was held back included: the run is over.
    pub(crate) fn drain(&self) -> Vec<TraceEvent> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let held = kept.merger.finish();
        let from = kept.events.len();
        kept.events.extend(held);
        self.forward(&kept.events[from..]);
        std::mem::take(&mut kept.events)
    }

    fn forward(&self, events: &[TraceEvent]) {
        if let Some(live) = &self.live {
            events.iter().for_each(|event| live.record(event.clone()));
        }
    }
}

impl TraceSink for Recorder {
    fn record(&self, event: TraceEvent) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let Kept { merger, events } = &mut *kept;
        let from = events.len();
        merger.take_into(event, events);
        self.forward(&events[from..]);
    }
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
    played: &Ran,
    events: &[TraceEvent],
    start_ns: u64,
) -> Vec<TaskReport> {
    let mut tasks: Vec<TaskReport> = played
        .outcomes
        .iter()
        .zip(&played.states)
        .zip(&scenario.inputs)
        .enumerate()
        .map(|(id, ((outcome, state), input))| {
            let (result, error) = match outcome {
                Some(Ok(value)) => (Some(value.clone()), None),
                Some(Err(error)) => (None, Some(error.clone())),
                None => (None, None),
            };
            TaskReport {
                id: id as u64,
                input: input.clone(),
                worker: None,
                state: TaskState::of(*state, error.is_some()),
                submitted_ms: 0.0,
                started_ms: None,
                finished_ms: None,
                result,
                error,
                time: TaskTime::default(),
                call: None,
                executor: None,
                queued_ms: None,
                slices: Vec::new(),
            }
        })
        .collect();
    let times = TaskTime::of_run(events, tasks.len());
    for (task, time) in tasks.iter_mut().zip(times) {
        task.time = time;
    }
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
