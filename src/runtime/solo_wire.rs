//! What a solo run (solo_entry.rs) sends back to the page, as JSON: the
//! report, or the error, and the trace. The page rebuilds the [`Report`] and
//! the trace events from it.

use std::sync::Arc;

use futures_lab_core::{TraceEvent, TraceKind};
use futures_lab_scenarios::{report_of_json, Report, Scenario};
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

/// The [`Report`] of `scenario` from its JSON (as `Report` serializes),
/// decoded with serde. A solo run takes no commands, so its `control` must
/// be empty.
///
/// # Errors
///
/// The JSON is not a report (serde names the field and what it expected).
pub fn report_from_json(scenario: Scenario, v: &Value) -> Result<Report, String> {
    let commanded = v
        .get("control")
        .and_then(Value::as_array)
        .is_some_and(|control| !control.is_empty());
    if commanded {
        return Err("report.control: a solo run takes no commands".into());
    }
    // Decoded as every report read from text is (one decoder in the wasm).
    let report = report_of_json(&v.to_string()).map_err(|e| format!("report: {e}"))?;
    Ok(Report {
        scenario: Some(scenario),
        ..report
    })
}
