//! The trace events a report stands for, for the page to replay a report it
//! did not run: a CPython trace, or a lab report saved as JSON.

use std::sync::Arc;

use futures_lab_core::{TraceEvent, TraceKind};

use crate::report::task_state::TaskState;
use crate::report::traced_program::Slice;
use crate::report::{Report, TaskReport};

/// A step that used at least this share of its wall time in CPU is drawn
/// as computing; any other is untold (computing and waiting in an order the
/// trace does not give).
const COMPUTING_SHARE: f64 = 0.9;

/// The no-future id of events about a whole run (`wait` returned, a worker
/// process starting).
const NO_FUTURE: u64 = u64::MAX;

/// The events of `report` on its own clock (ns from its start), in time
/// order: each future's submit, queueing, start, steps, end; the done
/// callbacks; what the program received; `wait` returning; worker processes
/// starting. A task's running time is drawn as computing where its CPU time
/// says so (the whole of it, in a lab report), untold elsewhere.
///
/// # Examples
///
/// ```
/// use futures_lab_core::TraceKind;
/// use futures_lab_scenarios::{events_of_report, Report};
///
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cpython-trace.json")).unwrap();
/// let report: Report = serde_json::from_str(&text).unwrap();
/// let events = events_of_report(&report);
/// assert_eq!(events.iter().filter(|e| e.kind == TraceKind::Submitted).count(), report.tasks.len());
/// assert!(events.windows(2).all(|pair| pair[0].t_ns <= pair[1].t_ns));
/// ```
pub fn events_of_report(report: &Report) -> Vec<TraceEvent> {
    let mut events = Vec::with_capacity(report.tasks.len() * 5);
    let ns = |ms: f64| (ms.max(0.0) * 1e6).round() as u64;
    let event = |future: u64, kind: TraceKind, ms: f64, worker: Option<&str>| TraceEvent {
        future,
        kind,
        t_ns: ns(ms),
        worker: worker.map(Arc::from),
        detail: None,
    };
    for task in &report.tasks {
        let worker = task.worker.as_deref();
        events.push(event(
            task.id,
            TraceKind::Submitted,
            task.submitted_ms,
            None,
        ));
        if let Some(queued) = task.queued_ms {
            events.push(event(task.id, TraceKind::Queued, queued, None));
        }
        if let Some(started) = task.started_ms {
            events.push(event(task.id, TraceKind::Started, started, worker));
            running(task, started, &mut |kind, ms| {
                events.push(event(task.id, kind, ms, worker));
            });
        }
        if let Some(ended) = task.finished_ms {
            let kind = match task.state {
                TaskState::Failed => TraceKind::Failed,
                TaskState::Cancelled => TraceKind::Cancelled,
                _ => TraceKind::Finished,
            };
            events.push(TraceEvent {
                detail: task.error.clone(),
                ..event(task.id, kind, ended, worker)
            });
        }
    }
    for callback in &report.callbacks {
        events.push(event(
            callback.future,
            TraceKind::Callback,
            callback.t_ms,
            callback.thread.as_deref(),
        ));
    }
    match &report.program {
        Some(program) => {
            for call in &program.calls {
                for given in &call.gave {
                    events.push(event(given.future, TraceKind::Received, given.t_ms, None));
                }
                if let (Some(_), Some(returned)) = (&call.done, call.returned_ms) {
                    events.push(event(NO_FUTURE, TraceKind::WaitReturned, returned, None));
                }
            }
            for worker in &program.workers {
                let name = Some(worker.name.as_str());
                if let Some(starting) = worker.starting_ms {
                    events.push(event(NO_FUTURE, TraceKind::WorkerStarting, starting, name));
                }
                if let Some(ready) = worker.ready_ms {
                    events.push(event(NO_FUTURE, TraceKind::WorkerReady, ready, name));
                }
            }
        }
        None => {
            // A lab report: the program received results in `result_order`,
            // each as it was done (a map's in input order, once the ones
            // before it were).
            let mut at = 0.0f64;
            for id in &report.result_order {
                if let Some(done) = report.tasks.get(*id as usize).and_then(|t| t.finished_ms) {
                    at = at.max(done);
                    events.push(event(*id, TraceKind::Received, at, None));
                }
            }
            if let Some(wait) = &report.wait {
                events.push(event(
                    NO_FUTURE,
                    TraceKind::WaitReturned,
                    wait.returned_ms,
                    None,
                ));
            }
        }
    }
    events.sort_by_key(|e| e.t_ns);
    events
}

/// What `task` did from its start to its end: its steps (computing where
/// their CPU time says so, untold elsewhere) and, before and between them,
/// waits (at an await, or for a worker process to take the call): untold.
fn running(task: &TaskReport, started: f64, push: &mut impl FnMut(TraceKind, f64)) {
    if task.slices.is_empty() {
        // A lab report's task: where its time went is in `time` only.
        if task.time.waiting_ms() > 0.0 {
            push(TraceKind::Untold, started);
        }
        return;
    }
    let computing = |slice: &Slice| {
        let wall = slice.end_ms - slice.start_ms;
        wall <= 0.0 || slice.cpu_ms >= COMPUTING_SHARE * wall
    };
    // `Started` means computing; each change after it is an event.
    let mut cpu = true;
    let mut set = |want_cpu: bool, at: f64| {
        if want_cpu != cpu {
            push(
                if want_cpu {
                    TraceKind::Resumed
                } else {
                    TraceKind::Untold
                },
                at,
            );
            cpu = want_cpu;
        }
    };
    let mut cursor = started;
    for slice in &task.slices {
        let begin = slice.start_ms.max(cursor);
        if begin > cursor {
            set(false, cursor);
        }
        set(computing(slice), begin);
        cursor = slice.end_ms.max(begin);
    }
    if task.finished_ms.is_some_and(|end| end > cursor) {
        // After its last step: its outcome travelling back (a process
        // call), or the loop's turn to mark it done.
        set(false, cursor);
    }
}
