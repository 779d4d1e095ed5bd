//! A report opened from a file or a URL: decoded, then checked as a whole,
//! every error naming where in the file it is.

use crate::report::Report;

/// The largest report text read, in bytes (a trace of 100,000 futures is
/// about 60 MB).
pub const MAX_REPORT_BYTES: usize = 128 * 1024 * 1024;

/// The report in `text` (a lab report or a CPython trace, as JSON), checked:
/// its tasks numbered 0, 1, 2… in order, every id the orders, `wait`,
/// callbacks and calls name is a task's, every time is a finite number of
/// ms, none before the run's start.
///
/// # Errors
///
/// What is wrong and where, as `<field path>: <problem>`
/// (`tasks[3].state: unknown variant ...`).
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::open_report;
///
/// let error = open_report(r#"{"mode": "cpython", "tasks": 3}"#).unwrap_err();
/// assert!(error.starts_with("tasks: invalid type"), "{error}");
/// assert!(open_report("not json").unwrap_err().starts_with("not JSON"));
/// ```
pub fn open_report(text: &str) -> Result<Report, String> {
    if text.len() > MAX_REPORT_BYTES {
        return Err(format!(
            "the report is {} MB; at most {} MB are read",
            text.len() / (1024 * 1024),
            MAX_REPORT_BYTES / (1024 * 1024)
        ));
    }
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') {
        return Err(
            "not JSON: a report is a JSON object ({\"mode\": …, \"tasks\": […], …})".into(),
        );
    }
    let report = report_of_json(text)?;
    check(&report)?;
    Ok(report)
}

/// The report in `text` as serde reads it, unchecked; an error names the
/// field at fault as `<field path>: <problem>`. Every report the page reads
/// from text goes through here, so that its decoding is compiled once.
///
/// # Errors
///
/// The text is not a report's JSON.
pub fn report_of_json(text: &str) -> Result<Report, String> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." || path.is_empty() {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        }
    })
}

fn check(report: &Report) -> Result<(), String> {
    let count = report.tasks.len() as u64;
    let time = |field: String, ms: f64| {
        if ms.is_finite() && ms >= 0.0 {
            Ok(())
        } else {
            Err(format!(
                "{field}: {ms} is not a time (ms from the run's start, 0 or more)"
            ))
        }
    };
    let id = |field: String, id: u64| {
        if id < count {
            Ok(())
        } else {
            Err(format!(
                "{field}: {id} is no task's id (the report has {count} tasks)"
            ))
        }
    };
    time("wall_ms".into(), report.wall_ms)?;
    for (index, task) in report.tasks.iter().enumerate() {
        if task.id != index as u64 {
            return Err(format!(
                "tasks[{index}].id: {} where {index} was expected (tasks in submission order from 0)",
                task.id
            ));
        }
        time(format!("tasks[{index}].submitted_ms"), task.submitted_ms)?;
        for (name, value) in [
            ("started_ms", task.started_ms),
            ("finished_ms", task.finished_ms),
            ("queued_ms", task.queued_ms),
        ] {
            if let Some(ms) = value {
                time(format!("tasks[{index}].{name}"), ms)?;
            }
        }
        for (n, slice) in task.slices.iter().enumerate() {
            time(
                format!("tasks[{index}].slices[{n}].start_ms"),
                slice.start_ms,
            )?;
            time(format!("tasks[{index}].slices[{n}].end_ms"), slice.end_ms)?;
        }
    }
    for (name, order) in [
        ("completion_order", &report.completion_order),
        ("result_order", &report.result_order),
    ] {
        for (n, task) in order.iter().enumerate() {
            id(format!("{name}[{n}]"), *task)?;
        }
    }
    if let Some(wait) = &report.wait {
        for (n, task) in wait.done.iter().chain(&wait.not_done).enumerate() {
            id(format!("wait[{n}]"), *task)?;
        }
        time("wait.returned_ms".into(), wait.returned_ms)?;
    }
    for (n, callback) in report.callbacks.iter().enumerate() {
        id(format!("callbacks[{n}].future"), callback.future)?;
        time(format!("callbacks[{n}].t_ms"), callback.t_ms)?;
    }
    if let Some(program) = &report.program {
        for (c, call) in program.calls.iter().enumerate() {
            for (n, given) in call.gave.iter().enumerate() {
                id(format!("program.calls[{c}].gave[{n}].future"), given.future)?;
                time(format!("program.calls[{c}].gave[{n}].t_ms"), given.t_ms)?;
            }
        }
    }
    Ok(())
}
