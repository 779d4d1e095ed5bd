//! The program's side of a process pool run that was watched from outside
//! rather than played by the program's own code: the page's asynchronous
//! process pool (where nothing may block) reports where and when each call
//! ran and how it ended, and what `as_completed`, `map` or `wait` gave the
//! program is read off those times. Every other run plays the program itself
//! (`program::live`).

use std::sync::Arc;

use futures_lab_core::{ReturnWhen, TraceEvent, TraceKind, MAIN_THREAD, MANAGER_THREAD};
use serde_json::Value;

use crate::report::stats::Stats;
use crate::report::task_state::TaskState;
use crate::report::task_time::TaskTime;
use crate::report::{CallbackNote, Environment, PoolInfo, Report, TaskReport, WaitSplit};
use crate::scenario::api::Api;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;

/// When and where one task ran.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Placed {
    pub worker: Option<Arc<str>>,
    pub submitted_ns: u64,
    pub started_ns: Option<u64>,
    /// When its future was done.
    pub ended_ns: Option<u64>,
}

/// What a watched run gives: where each task ran, and its events.
#[derive(Clone, Debug, Default)]
pub(crate) struct Played {
    pub tasks: Vec<Placed>,
    pub events: Vec<TraceEvent>,
}

/// A task's result, or its error as `Class: message`.
pub type Outcome = Result<Value, String>;

/// Where a run took place, for its report.
#[derive(Clone, Debug)]
pub struct Source {
    /// `virtual`, `browser`, `native`.
    pub mode: &'static str,
    /// The machine or browser.
    pub environment: Environment,
    /// What the run counted (the processes' costs, their caches).
    pub stats: Stats,
    /// The threads (or processes) the executor started.
    pub threads: usize,
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
fn program(scenario: &Scenario, outcomes: &[Outcome], played: &Played) -> Program {
    let timeout_ns = scenario.timeout_s.map(|s| (s * 1e9).round() as u64);
    let ids: Vec<u64> = (0..played.tasks.len() as u64).collect();
    let end = |id: &u64| played.tasks[*id as usize].ended_ns.unwrap_or(u64::MAX);
    let failed = |id: &u64| outcomes[*id as usize].is_err();
    let mut finish_order = ids.clone();
    finish_order.sort_by_key(|id| (end(id), *id));
    let all_done = finish_order.last().map_or(0, end);
    let first_failure = finish_order.iter().find(|id| failed(id)).copied();
    let main: Arc<str> = Arc::from(MAIN_THREAD);
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
                    program.error = Some(scenario.executor.as_completed_timeout(left, ids.len()));
                    program.end_ns = limit;
                    break;
                }
                receive(&mut program, *id, end(id), TraceKind::Received);
            }
        }
        Api::Map => {
            // A chunk of calls is one work item: its results come once all
            // of it is done, and a failed call fails the whole chunk.
            let chunk = crate::program::live::map_chunk(scenario);
            let mut at = 0;
            for calls in ids.chunks(chunk) {
                // A chunk stops at its first failed call, which fails it.
                let failure = calls.iter().position(failed);
                let ran = &calls[..failure.map_or(calls.len(), |at| at + 1)];
                at = at.max(ran.iter().map(end).max().unwrap_or(0));
                if let Some(limit) = timeout_ns.filter(|limit| at > *limit) {
                    program.error = Some("TimeoutError".to_owned());
                    at = limit;
                    break;
                }
                if let Some(failed_at) = failure {
                    program.error = outcomes[calls[failed_at] as usize].clone().err();
                    break;
                }
                for id in calls {
                    receive(&mut program, *id, at, TraceKind::Received);
                }
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
        // gather and TaskGroup are asyncio's: a pool has neither.
        Api::Gather | Api::TaskGroup => {}
    }
    program
}

/// Nanoseconds as milliseconds.
pub(crate) fn ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

/// The report and trace of a run that was watched from outside rather than
/// played by [`play`](crate::play): a process pool's (the page's
/// asynchronous one). Each task's events (times in ns from the first submit;
/// `Started` names the worker, `Finished` or `Failed` is when the program
/// could see the outcome, `Cancelled` what it cancelled) and outcomes give
/// the program's side (orders, `wait`, errors), read off those times.
pub fn observed(
    scenario: &Scenario,
    events: Vec<TraceEvent>,
    outcomes: &[Outcome],
    source: Source,
) -> (Report, Vec<TraceEvent>) {
    let mut tasks = vec![Placed::default(); outcomes.len()];
    for event in &events {
        let Some(task) = tasks.get_mut(event.future as usize) else {
            continue;
        };
        match event.kind {
            TraceKind::Submitted => task.submitted_ns = event.t_ns,
            TraceKind::Started => {
                task.started_ns = Some(event.t_ns);
                task.worker = event.worker.clone();
            }
            TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled => {
                task.ended_ns = Some(event.t_ns);
            }
            _ => {}
        }
    }
    assemble(scenario, outcomes, Played { tasks, events }, source)
}

/// The report and trace of a watched run from where and when each task ran
/// and how it ended, the program's side computed from those times (see
/// [`program`]).
fn assemble(
    scenario: &Scenario,
    outcomes: &[Outcome],
    played: Played,
    source: Source,
) -> (Report, Vec<TraceEvent>) {
    let program = program(scenario, outcomes, &played);
    let cancelled = vec![false; played.tasks.len()];
    // A watched run says itself which futures it cancelled.
    let mut cancelled = cancelled;
    for event in &played.events {
        if event.kind == TraceKind::Cancelled {
            if let Some(flag) = cancelled.get_mut(event.future as usize) {
                *flag = true;
            }
        }
    }
    // Callbacks are placed here, as the program's steps are.
    let mut trace: Vec<TraceEvent> = played
        .events
        .into_iter()
        .filter(|e| e.kind != TraceKind::Callback)
        .collect();
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
            // The program's cancel runs it on the program's thread; a
            // result, on the process pool's manager thread.
            let thread = match (scenario.executor, event.kind) {
                (_, TraceKind::Cancelled) => None,
                (ExecutorKind::Processes, _) => Some(MANAGER_THREAD.to_owned()),
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

    let times = TaskTime::of_run(&trace, played.tasks.len());
    let tasks: Vec<TaskReport> = played
        .tasks
        .iter()
        .zip(&scenario.inputs)
        .zip(outcomes)
        .zip(times)
        .enumerate()
        .map(|(id, (((placed, input), outcome), time))| {
            let state = if cancelled[id] {
                TaskState::Cancelled
            } else if outcome.is_ok() {
                TaskState::Finished
            } else {
                TaskState::Failed
            };
            let ran = !cancelled[id];
            TaskReport {
                id: id as u64,
                input: input.clone(),
                worker: placed.worker.as_deref().map(str::to_owned),
                state,
                submitted_ms: ms(placed.submitted_ns),
                started_ms: placed.started_ns.map(ms),
                finished_ms: placed.ended_ns.map(ms),
                result: outcome.as_ref().ok().filter(|_| ran).cloned(),
                error: outcome.as_ref().err().filter(|_| ran).cloned(),
                time,
            }
        })
        .collect();
    let done_at = |placed: &Placed| placed.ended_ns.unwrap_or(0);
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
    let cpu_ms = tasks.iter().map(|t| t.time.computing_ms).sum();
    let report = Report {
        scenario: scenario.clone(),
        mode: source.mode.to_owned(),
        wall_ms: ms(played.tasks.iter().map(done_at).max().unwrap_or(0)),
        cpu_ms,
        tasks,
        completion_order: if scenario.api == Api::SubmitAsCompleted {
            program.received.clone()
        } else {
            finish_order.clone()
        },
        result_order,
        wait: program.wait,
        stats: source.stats.non_empty(),
        error: program.error,
        control: Vec::new(),
        callbacks,
        pool: PoolInfo {
            threads: source.threads,
            start_ms: None,
        },
        environment: source.environment,
    };
    (report, trace)
}
