//! What a solo run (solo_entry.rs) sends back to the page, as JSON: the
//! report, or the error, and the trace. The page rebuilds the [`Report`] and
//! the trace events from it.

use std::sync::Arc;

use futures_lab_core::{TraceEvent, TraceKind};
use futures_lab_scenarios::{
    CallbackNote, Environment, PoolInfo, Report, Scenario, TaskReport, WaitSplit,
};
use serde_json::{json, Value};

/// A solo run's answer: its report (or why it could not run) with its
/// trace `events` (from [`events_to_json`]).
pub fn answer_to_json(played: &Result<Report, String>, events: Value) -> String {
    match played {
        Ok(report) => json!({ "report": report, "events": events }),
        Err(message) => json!({ "error": message, "events": events }),
    }
    .to_string()
}

/// Trace events as `[future, kind number, t_ns, worker, detail]` arrays.
pub fn events_to_json(events: &[TraceEvent]) -> Value {
    events
        .iter()
        .map(|e| {
            json!([
                e.future,
                e.kind.number(),
                e.t_ns,
                e.worker.as_deref(),
                e.detail
            ])
        })
        .collect()
}

/// The events of [`events_to_json`]; a malformed one is left out.
pub fn events_from_json(value: &Value) -> Vec<TraceEvent> {
    let Some(events) = value.as_array() else {
        return Vec::new();
    };
    events
        .iter()
        .filter_map(|e| {
            Some(TraceEvent {
                future: e.get(0)?.as_u64()?,
                kind: TraceKind::from_number(u8::try_from(e.get(1)?.as_u64()?).ok()?)?,
                t_ns: e.get(2)?.as_u64()?,
                worker: e.get(3)?.as_str().map(Arc::from),
                detail: e.get(4)?.as_str().map(str::to_owned),
            })
        })
        .collect()
}

/// The [`Report`] of `scenario` from its JSON (as `Report` serializes).
/// JSON has no difference between a missing value and a `null` one, so a
/// task whose result is `null` reads as having none.
///
/// # Errors
///
/// A field is missing or of the wrong type (names it).
pub fn report_from_json(scenario: Scenario, v: &Value) -> Result<Report, String> {
    let tasks = array(v, "tasks")?
        .iter()
        .map(|t| {
            Ok(TaskReport {
                id: number(t, "id")?,
                input: t.get("input").cloned().unwrap_or(Value::Null),
                worker: text_or_null(t, "worker")?,
                state: text(t, "state")?,
                submitted_ms: float(t, "submitted_ms")?,
                started_ms: float_or_null(t, "started_ms")?,
                finished_ms: float_or_null(t, "finished_ms")?,
                result: t.get("result").filter(|r| !r.is_null()).cloned(),
                error: text_or_null(t, "error")?,
            })
        })
        .collect::<Result<_, String>>()?;
    let wait = match v.get("wait").filter(|w| !w.is_null()) {
        None => None,
        Some(w) => Some(WaitSplit {
            done: numbers(w, "done")?,
            not_done: numbers(w, "not_done")?,
            returned_ms: float(w, "returned_ms")?,
            reason: text(w, "reason")?,
        }),
    };
    let callbacks = array(v, "callbacks")?
        .iter()
        .map(|c| {
            Ok(CallbackNote {
                future: number(c, "future")?,
                t_ms: float(c, "t_ms")?,
                thread: text_or_null(c, "thread")?,
            })
        })
        .collect::<Result<_, String>>()?;
    if !array(v, "control")?.is_empty() {
        return Err("report.control: a solo run takes no commands".into());
    }
    let pool = field(v, "pool")?;
    let environment = field(v, "environment")?;
    Ok(Report {
        scenario,
        mode: text(v, "mode")?,
        wall_ms: float(v, "wall_ms")?,
        cpu_ms: float(v, "cpu_ms")?,
        tasks,
        completion_order: numbers(v, "completion_order")?,
        result_order: numbers(v, "result_order")?,
        wait,
        stats: v.get("stats").filter(|s| !s.is_null()).cloned(),
        error: text_or_null(v, "error")?,
        pool: PoolInfo {
            threads: number(pool, "threads")? as usize,
            start_ms: float_or_null(pool, "start_ms")?,
        },
        environment: Environment {
            cross_origin_isolated: environment
                .get("cross_origin_isolated")
                .and_then(Value::as_bool),
            hardware_concurrency: number(environment, "hardware_concurrency")? as usize,
            user_agent: text(environment, "user_agent")?,
        },
        control: Vec::new(),
        callbacks,
    })
}

fn field<'a>(v: &'a Value, name: &str) -> Result<&'a Value, String> {
    v.get(name).ok_or_else(|| format!("report: no {name}"))
}

fn wrong(name: &str, what: &str) -> String {
    format!("report.{name}: not {what}")
}

fn array<'a>(v: &'a Value, name: &str) -> Result<&'a Vec<Value>, String> {
    field(v, name)?
        .as_array()
        .ok_or_else(|| wrong(name, "a list"))
}

fn number(v: &Value, name: &str) -> Result<u64, String> {
    field(v, name)?
        .as_u64()
        .ok_or_else(|| wrong(name, "a whole number"))
}

fn numbers(v: &Value, name: &str) -> Result<Vec<u64>, String> {
    array(v, name)?
        .iter()
        .map(|n| n.as_u64().ok_or_else(|| wrong(name, "whole numbers")))
        .collect()
}

fn float(v: &Value, name: &str) -> Result<f64, String> {
    field(v, name)?
        .as_f64()
        .ok_or_else(|| wrong(name, "a number"))
}

fn float_or_null(v: &Value, name: &str) -> Result<Option<f64>, String> {
    match v.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(n) => n.as_f64().map(Some).ok_or_else(|| wrong(name, "a number")),
    }
}

fn text(v: &Value, name: &str) -> Result<String, String> {
    field(v, name)?
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| wrong(name, "text"))
}

fn text_or_null(v: &Value, name: &str) -> Result<Option<String>, String> {
    match v.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(s) => s
            .as_str()
            .map(|s| Some(s.to_owned()))
            .ok_or_else(|| wrong(name, "text")),
    }
}
