//! The futures table's rows: one per future, following its trace events,
//! then what the report says of it.

use futures_lab_core::{TraceEvent, TraceKind};
use futures_lab_scenarios::{TaskReport, TaskState};
use serde_json::Value;

/// One future's row in the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Submission index.
    pub id: u64,
    /// The input, as text.
    pub input: String,
    /// Where it is.
    pub state: TaskState,
    /// The worker running or that ran it.
    pub worker: Option<String>,
    /// Progress from checkpoints, 0 to 1.
    pub progress: f64,
    started_ns: Option<u64>,
    finished_ns: Option<u64>,
    /// Result or error text once done.
    pub outcome: Option<String>,
}

impl Row {
    /// Running time in milliseconds, once finished.
    pub fn duration_ms(&self) -> Option<f64> {
        Some(self.finished_ns?.saturating_sub(self.started_ns?) as f64 / 1e6)
    }
}

/// A pending row for every input (a scenario's, or a report's tasks').
pub(crate) fn rows<'a>(inputs: impl IntoIterator<Item = &'a Value>) -> Vec<Row> {
    inputs
        .into_iter()
        .enumerate()
        .map(|(id, input)| Row {
            id: id as u64,
            input: value_text(input),
            state: TaskState::Pending,
            worker: None,
            progress: 0.0,
            started_ns: None,
            finished_ns: None,
            outcome: None,
        })
        .collect()
}

/// A row follows its future's trace event.
pub(crate) fn observe(row: &mut Row, event: &TraceEvent) {
    match event.kind {
        // Running from the call queue on, as CPython says; its worker and
        // time come when a worker takes it.
        TraceKind::Queued => row.state = TaskState::Running,
        TraceKind::Started => {
            row.state = TaskState::Running;
            row.worker = event.worker.as_deref().map(str::to_owned);
            row.started_ns = Some(event.t_ns);
        }
        TraceKind::Checkpoint => {
            row.progress = event
                .detail
                .as_deref()
                .and_then(|d| d.parse().ok())
                .unwrap_or(row.progress);
        }
        TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled => {
            row.state = match event.kind {
                TraceKind::Finished => TaskState::Finished,
                TraceKind::Failed => TaskState::Failed,
                _ => TaskState::Cancelled,
            };
            row.progress = 1.0;
            row.finished_ns = Some(event.t_ns);
            if event.detail.is_some() {
                row.outcome = event.detail.clone();
            }
        }
        TraceKind::Submitted
        | TraceKind::GilAcquire
        | TraceKind::GilRelease
        | TraceKind::IoStart
        | TraceKind::IoEnd
        | TraceKind::Callback
        | TraceKind::Received
        | TraceKind::WaitReturned
        | TraceKind::LockWait
        | TraceKind::LockTaken
        | TraceKind::Yielded
        | TraceKind::Resumed
        | TraceKind::WorkerStarting
        | TraceKind::WorkerReady
        | TraceKind::Merged
        | TraceKind::Untold => {}
    }
}

/// A row takes what the report says of its task.
pub(crate) fn finish(row: &mut Row, task: &TaskReport) {
    row.state = task.state;
    row.worker = task.worker.clone();
    if let (Some(start), Some(end)) = (task.started_ms, task.finished_ms) {
        row.started_ns = Some((start * 1e6) as u64);
        row.finished_ns = Some((end * 1e6) as u64);
    }
    row.outcome = task
        .result
        .as_ref()
        .map(value_text)
        .or_else(|| task.error.clone());
}

/// A result as Python prints it (`True`, `None`, `[1, 2]`); integers
/// beyond 2^53 come as decimal strings and are shown as the numbers they are.
fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => futures_lab_scenarios::python_literal(other),
    }
}
