//! The messages between an embedded playground and the page around it.
//!
//! In: `{type: "futures-lab:run", scenario}` where `scenario` is a query
//! string or an object of scenario fields. Out: `{type: "futures-lab:report",
//! report}` when a run finishes, `{type: "futures-lab:error", error}` when a
//! run message's scenario is refused, and `{type: "futures-lab:size",
//! height}` when the view's height changes (so the page can size the
//! iframe). Anything else that arrives is ignored.

use futures_lab_scenarios::{Report, Scenario};
use serde_json::{json, Value};

/// The type of the message that asks for a run.
pub const RUN: &str = "futures-lab:run";

/// What a message from the parent page asks, if it is a run message:
/// `Some(Ok(scenario))`, or `Some(Err(message))` naming the field at fault;
/// `None` for anything else (another type, another shape, extra keys),
/// which is ignored.
///
/// # Examples
///
/// ```
/// use futures_lab::embed_message::run_request;
/// use serde_json::json;
///
/// let asked = run_request(&json!({"type": "futures-lab:run", "scenario": "executor=asyncio"}));
/// assert_eq!(asked.unwrap().unwrap().executor.as_str(), "asyncio");
/// let object = run_request(&json!({"type": "futures-lab:run", "scenario": {"workload": "download", "max_workers": 3}}));
/// assert_eq!(object.unwrap().unwrap().max_workers, Some(3));
/// assert!(run_request(&json!({"type": "futures-lab:run", "scenario": "max_workers=0"})).unwrap().is_err());
/// assert_eq!(run_request(&json!({"type": "other"})), None);
/// assert_eq!(run_request(&json!("futures-lab:run")), None);
/// ```
pub fn run_request(message: &Value) -> Option<Result<Scenario, String>> {
    let object = message.as_object()?;
    if object.get("type")?.as_str()? != RUN || object.len() != 2 {
        return None;
    }
    // Scenario::parse and from_json refuse a text over MAX_SCENARIO_CHARS.
    let parsed = match object.get("scenario")? {
        Value::String(text) => Scenario::parse(text),
        fields @ Value::Object(_) => Scenario::from_json(&fields.to_string()),
        _ => return None,
    };
    Some(parsed.map_err(|error| error.to_string()))
}

/// The message that hands a finished run's report to the parent page.
pub fn report_message(report: &Report) -> Value {
    json!({ "type": "futures-lab:report", "report": report })
}

/// The message that says why a run message's scenario was refused.
pub fn error_message(error: &str) -> Value {
    json!({ "type": "futures-lab:error", "error": error })
}

/// The message that gives the view's height in CSS pixels.
pub fn size_message(height: u32) -> Value {
    json!({ "type": "futures-lab:size", "height": height })
}
