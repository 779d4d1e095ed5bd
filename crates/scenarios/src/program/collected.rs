//! The program's side of a run, computed from where and when each task ran
//! and how it ended: what `as_completed`, `map`, `wait`, `gather` or a
//! `TaskGroup` gave the program and when, and the report and trace of it
//! all. The virtual clock uses it for every run; a run on one thread (the
//! asyncio loop and the program on the same thread) for its program.

use std::sync::Arc;

use futures_lab_core::{ReturnWhen, TraceEvent, TraceKind, MAIN_THREAD};
use serde_json::Value;

use crate::program::slices::{Placed, Played, Slice};
use crate::report::task_state::TaskState;
use crate::report::{CallbackNote, Environment, PoolInfo, Report, TaskReport, WaitSplit};
use crate::scenario::api::Api;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;

/// A task's result, or its error as `Class: message`.
pub type Outcome = Result<Value, String>;

/// Where a run took place, for its report.
#[derive(Clone, Debug)]
pub struct Source {
    /// `virtual`, `browser`, `native`.
    pub mode: &'static str,
    /// The machine or browser.
    pub environment: Environment,
    /// The workload's statistics (or the processes').
    pub stats: Option<Value>,
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
fn program(
    scenario: &Scenario,
    outcomes: &[Outcome],
    played: &Played,
    slices: Option<&[Slice]>,
) -> Program {
    // On the loop the program is a coroutine: what happens at a moment (a
    // task ends, a timeout's timer is due) reaches it at its next turn.
    let turn = |t_ns: u64| slices.map_or(t_ns, |slices| Slice::program_turn(slices, t_ns));
    // Without a pool the program is a plain loop: it has no timeout, and
    // every call is done before anything could wait for it.
    let plain_loop = scenario.executor == ExecutorKind::Sequential;
    // The timeout takes effect when the program sees its timer due.
    let timeout_ns = scenario
        .timeout_s
        .filter(|_| !plain_loop)
        .map(|s| turn((s * 1e9).round() as u64));
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
            let condition = turn(match scenario.return_when {
                _ if plain_loop => all_done,
                ReturnWhen::FirstCompleted => finish_order.first().map_or(0, end),
                ReturnWhen::FirstException => first_failure.as_ref().map_or(all_done, end),
                ReturnWhen::AllCompleted => all_done,
            });
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
                    program.error = outcomes[id as usize].clone().err();
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
                    .filter_map(|id| outcomes[*id as usize].clone().err())
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
    // The program runs on the loop: it leaves asyncio.run once the slice
    // running at `at` (if any) has reached its await, and every
    // cancellation lands then.
    let lands = slices
        .get(slices.partition_point(|slice| slice.to_ns <= at))
        .filter(|slice| slice.from_ns < at)
        .map_or(at, |slice| slice.to_ns);
    let unfinished: Vec<usize> = (0..played.tasks.len())
        .filter(|id| played.tasks[*id].ended_ns.is_none_or(|ended| ended > lands))
        .collect();
    cancel(played, &unfinished, lands)
}

/// Shows tasks `ids` cancelled at `lands`: what they did after it is
/// dropped, and one that had not started by then never started.
fn cancel(played: &mut Played, ids: &[usize], lands: u64) -> Vec<bool> {
    let mut cancelled = vec![false; played.tasks.len()];
    let mut never_started = vec![false; played.tasks.len()];
    for &id in ids {
        let task = &mut played.tasks[id];
        cancelled[id] = true;
        task.ended_ns = Some(lands);
        if task.started_ns.is_none_or(|started| started >= lands) {
            never_started[id] = true;
            task.started_ns = None;
            task.worker = None;
        }
    }
    played.events.retain(|event| {
        let id = event.future as usize;
        if !cancelled.get(id).copied().unwrap_or(false) {
            return true;
        }
        if never_started[id] {
            return event.kind == TraceKind::Submitted;
        }
        event.t_ns < lands
            || (event.t_ns == lands
                && !matches!(event.kind, TraceKind::Finished | TraceKind::Failed))
    });
    for &id in ids {
        played.events.push(TraceEvent {
            future: id as u64,
            kind: TraceKind::Cancelled,
            t_ns: lands,
            worker: played.tasks[id].worker.clone(),
            detail: None,
        });
    }
    cancelled
}

/// When the loop ran each task, from a real loop's events: from its start,
/// or its return from a wait, to its next wait or its end (or, with
/// `cooperative`, its next checkpoint, where it let the others run).
fn loop_slices(events: &[TraceEvent], cooperative: bool) -> Vec<Slice> {
    let mut sorted: Vec<&TraceEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.t_ns);
    let mut open: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
    // When each task was last made ready: submitted, its wait over, or back
    // in the queue at a checkpoint.
    let mut ready: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
    let mut slices = Vec::new();
    for event in sorted {
        let yields = match event.kind {
            TraceKind::Submitted => {
                ready.insert(event.future, event.t_ns);
                false
            }
            TraceKind::Started | TraceKind::IoEnd => {
                if event.kind == TraceKind::IoEnd {
                    ready.insert(event.future, event.t_ns);
                }
                open.insert(event.future, event.t_ns);
                false
            }
            TraceKind::IoStart | TraceKind::Finished | TraceKind::Failed => true,
            TraceKind::Checkpoint => cooperative,
            _ => false,
        };
        if yields {
            if let Some(from_ns) = open.remove(&event.future) {
                slices.push(Slice {
                    task: event.future as usize,
                    ready_ns: ready.get(&event.future).copied().unwrap_or(from_ns),
                    from_ns,
                    to_ns: event.t_ns,
                });
            }
            if event.kind == TraceKind::Checkpoint {
                ready.insert(event.future, event.t_ns);
                open.insert(event.future, event.t_ns);
            }
        }
    }
    slices.retain(|slice| slice.to_ns > slice.from_ns);
    slices.sort_by_key(|slice| slice.from_ns);
    slices
}

/// The inputs a plain loop never calls: Python's built-in `map` is lazy, so
/// after a failed call the loop over its results ends and the inputs after
/// it are never called.
fn never_called(scenario: &Scenario, outcomes: &[Outcome]) -> Vec<bool> {
    let lazy = scenario.executor == ExecutorKind::Sequential && scenario.api == Api::Map;
    let first_failure = outcomes.iter().position(Result::is_err);
    (0..outcomes.len())
        .map(|id| lazy && first_failure.is_some_and(|failed| id > failed))
        .collect()
}

/// Drops what tasks `forgotten` did from a played schedule: they never ran.
fn forget(played: &mut Played, forgotten: &[bool]) {
    let gone = |id: u64| forgotten.get(id as usize).copied().unwrap_or(false);
    played.events.retain(|event| !gone(event.future));
    for (id, task) in played.tasks.iter_mut().enumerate() {
        if gone(id as u64) {
            task.started_ns = None;
            task.ended_ns = None;
            task.worker = None;
        }
    }
}

/// Nanoseconds as milliseconds.
pub(crate) fn ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

/// The report and trace of a run that was watched from outside rather than
/// played by [`play`](crate::play): each task's events (times in ns from the
/// first submit; `Started` names the worker, `Finished` or `Failed` is when
/// the program could see the outcome) and outcomes. The program's side
/// (orders, `wait`, errors) is read off those times; on the asyncio loop,
/// what `asyncio.run` would cancel once the program is done is shown
/// cancelled then.
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
    let played = Played { tasks, events };
    let on_the_loop = scenario.executor == ExecutorKind::Asyncio;
    let slices = on_the_loop.then(|| loop_slices(&played.events, scenario.cooperative));
    assemble(scenario, outcomes, played, slices.as_deref(), source, false)
}

/// The report and trace of a run from where and when each task ran and how
/// it ended: the program's side computed from those times (see
/// [`program`]), for the loop (`slices` given) the tasks `asyncio.run`
/// cancels when the program is done, and with `map_cancels` the calls a
/// raising `executor.map` cancels before they start (a played run: they
/// are dropped from the schedule, whose other tasks keep their times).
pub(crate) fn assemble(
    scenario: &Scenario,
    outcomes: &[Outcome],
    mut played: Played,
    slices: Option<&[Slice]>,
    source: Source,
    map_cancels: bool,
) -> (Report, Vec<TraceEvent>) {
    let never_called = never_called(scenario, outcomes);
    forget(&mut played, &never_called);
    let program = program(scenario, outcomes, &played, slices);
    let pool = scenario.executor.is_pool();
    let cancelled = match slices {
        Some(slices) => cancel_after(&mut played, slices, program.end_ns),
        // `executor.map` that raises cancels the calls not started yet.
        None if map_cancels && pool && scenario.api == Api::Map && program.error.is_some() => {
            let queued: Vec<usize> = (0..played.tasks.len())
                .filter(|id| {
                    played.tasks[*id]
                        .started_ns
                        .is_none_or(|started| started > program.end_ns)
                })
                .collect();
            cancel(&mut played, &queued, program.end_ns)
        }
        None => vec![false; played.tasks.len()],
    };
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
            let thread = match (scenario.executor, event.kind) {
                (ExecutorKind::Asyncio, _) => Some(MAIN_THREAD.to_owned()),
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
        .zip(outcomes)
        .enumerate()
        .map(|(id, ((placed, input), outcome))| {
            let state = if never_called[id] {
                TaskState::Pending
            } else if cancelled[id] {
                TaskState::Cancelled
            } else if outcome.is_ok() {
                TaskState::Finished
            } else {
                TaskState::Failed
            };
            let ran = !cancelled[id] && !never_called[id];
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
            }
        })
        .collect();
    let done_at = |placed: &Placed| placed.ended_ns.unwrap_or(0);
    let mut finish_order: Vec<u64> = (0..played.tasks.len() as u64)
        .filter(|id| !cancelled[*id as usize] && !never_called[*id as usize])
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
    let cpu_ns: u64 = played
        .tasks
        .iter()
        .map(|placed| match (placed.started_ns, placed.ended_ns) {
            (Some(start), Some(end)) => end.saturating_sub(start),
            _ => 0,
        })
        .sum();
    let report = Report {
        scenario: scenario.clone(),
        mode: source.mode.to_owned(),
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
        stats: source.stats,
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
