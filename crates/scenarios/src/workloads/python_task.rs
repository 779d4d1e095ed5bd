//! A workload's task as Python code, for the programs a learner copies.

use serde_json::Value;

/// Which Python function a program needs: a plain one for the
/// `concurrent.futures` executors, a coroutine for asyncio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskForm {
    /// `def task(x):`, for a plain loop, threads and processes.
    Sync,
    /// `async def task(x):` that awaits only where the task waits for I/O:
    /// CPU work holds the event loop.
    Async,
    /// `async def task(x):` that also yields at its checkpoints
    /// (`await asyncio.sleep(0)` in CPU loops): `cooperative=true`.
    Cooperative,
}

impl TaskForm {
    /// The form an executor needs.
    pub fn of(asyncio: bool, cooperative: bool) -> Self {
        match (asyncio, cooperative) {
            (false, _) => Self::Sync,
            (true, false) => Self::Async,
            (true, true) => Self::Cooperative,
        }
    }
}

/// The Python side of a workload: what a generated program imports, sets
/// up and defines so that it can call `name(x)` on every input.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{workloads::CpuBound, TaskForm, Workload};
///
/// let task = CpuBound.python_task(&CpuBound.default_params(), 1, TaskForm::Sync);
/// assert_eq!(task.name, "cpu_bound");
/// assert!(task.definition.starts_with("def cpu_bound(n):"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PythonTask {
    /// The function the executor calls (`cpu_bound`).
    pub name: &'static str,
    /// Whole import lines it needs (`import math`), besides what the
    /// program itself imports.
    pub imports: Vec<&'static str>,
    /// Constants and shared state, with the workload's parameters written in
    /// (`LOOKUP_S = 0.005`); empty if none.
    pub setup: String,
    /// The function (and any helper it calls), ending in a newline.
    pub definition: String,
    /// A statement run once every task is done (printing a shared counter),
    /// where the program's own process holds what it reports.
    pub summary: Option<&'static str>,
}

impl PythonTask {
    /// A CPU loop's task: `definition` for `form`, with the chunk size the
    /// cooperative form yields at.
    pub(crate) fn cpu_loop(name: &'static str, form: TaskForm, definition: &str) -> Self {
        Self {
            name,
            setup: if form == TaskForm::Cooperative {
                CHUNK_SETUP.to_owned()
            } else {
                String::new()
            },
            definition: definition.to_owned(),
            ..Self::default()
        }
    }
}

/// The setup line of the cooperative CPU loops: how often they yield.
pub(crate) const CHUNK_SETUP: &str =
    "CHUNK = 10_000  # loop steps between checkpoints (about a millisecond in CPython)\n";

/// `value` written as Python writes it: numbers as they are, strings quoted,
/// `True`/`False`, `None`, lists in brackets.
pub fn python_literal(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => python_string(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(python_literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(key, value)| format!("{}: {}", python_string(key), python_literal(value)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}

/// A double-quoted Python string literal.
fn python_string(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    for c in text.chars() {
        match c {
            '\\' => literal.push_str("\\\\"),
            '"' => literal.push_str("\\\""),
            '\n' => literal.push_str("\\n"),
            c if c.is_control() => literal.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => literal.push(c),
        }
    }
    literal.push('"');
    literal
}

/// Milliseconds as a Python number of seconds (`5` → `0.005`).
pub(crate) fn seconds(ms: u64) -> String {
    (ms as f64 / 1000.0).to_string()
}
