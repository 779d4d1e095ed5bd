//! The Python program of a scenario, for a learner to copy and run.

use crate::executor_kind::ExecutorKind;
use crate::python_asyncio::asyncio_body;
use crate::python_pool::{pool_body, sequential_body};
use crate::python_task::TaskForm;
use crate::scenario::Scenario;
use crate::workloads;

/// Above this many inputs, consecutive numbers are written as a `range`.
const LONG_INPUTS: usize = 50;
/// The widest line of a wrapped input list.
const LINE_WIDTH: usize = 88;

/// The Python program equivalent to `scenario`: the workload's task, every
/// input, the executor (`ThreadPoolExecutor`, `ProcessPoolExecutor`, an
/// asyncio event loop, or a plain loop) and the way results are collected
/// (`as_completed`, `map`, `wait`, `gather`, `TaskGroup`), with the
/// scenario's timeout, `return_when` and parameters written in. It runs
/// as-is with CPython 3.11+ and the standard library only (the download
/// workload simulates its sites, as the lab does).
///
/// Each task's outcome prints as `task <number>: <call> = <result>` or
/// `task <number>: <call> raised <Class>: <message>`; an exception the
/// program itself gets prints as `<api> raised <Class>: <message>`. With
/// `callbacks`, every future gets a done callback right after its submit,
/// and the program ends by printing `callback: task <number> done on
/// <thread>` for each, in the order they ran.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{python_program, Scenario};
///
/// let scenario = Scenario::from_query("workload=cpu_bound&inputs=10,20&executor=threads&max_workers=2").unwrap();
/// let program = python_program(&scenario);
/// assert!(program.contains("with ThreadPoolExecutor(max_workers=2) as executor:"));
/// assert!(program.contains("as_completed(futures)"));
/// assert!(program.contains("INPUTS = [10, 20]"));
/// ```
pub fn python_program(scenario: &Scenario) -> String {
    let Some(workload) = workloads::find(&scenario.workload) else {
        return format!(
            "raise SystemExit(\"futures-lab has no workload named {:?}\")\n",
            scenario.workload
        );
    };
    let asyncio = scenario.executor == ExecutorKind::Asyncio;
    let task = workload.python_task(
        &scenario.params,
        TaskForm::of(asyncio, scenario.cooperative),
    );
    let paced = workload.pacing(&scenario.params);
    let body = match scenario.executor {
        ExecutorKind::Sequential => sequential_body(scenario, task.name, paced.is_some()),
        ExecutorKind::Threads | ExecutorKind::Processes => {
            pool_body(scenario, task.name, paced.is_some())
        }
        ExecutorKind::Asyncio => asyncio_body(scenario, task.name, paced.is_some()),
    };

    let mut imports: Vec<&str> = vec!["import time"];
    imports.extend(task.imports.iter().copied());
    imports.extend(body.imports.iter().map(String::as_str));
    let mut setup = task.setup.clone();
    if let Some(pacing) = paced {
        let rate = (1.0 / pacing.interval.as_secs_f64()).round();
        setup += &format!(
            "RATE = {rate}  # requests the producer emits a second (params.rate)\n\
             CAPACITY = {}  # requests the queue holds before the producer waits (params.capacity)\n",
            pacing.capacity
        );
    }

    let mut program = header(scenario);
    program += &import_lines(imports);
    if !setup.is_empty() {
        program += "\n";
        program += &setup;
    }
    let mut blocks = vec![task.definition.clone()];
    blocks.push(inputs_line(scenario, workload));
    blocks.extend(body.helpers);
    blocks.push(body.main);
    for block in blocks {
        program += "\n\n";
        program += &block;
    }
    if let (Some(summary), false) = (task.summary, scenario.executor == ExecutorKind::Processes) {
        program += summary;
        program += "\n";
    }
    program
}

/// What an executor adds to the program: imports, helper functions, and the
/// code that runs the tasks and prints their outcomes.
pub(crate) struct Body {
    /// Whole import lines.
    pub(crate) imports: Vec<String>,
    /// Top-level functions, each ending in a newline.
    pub(crate) helpers: Vec<String>,
    /// The program's main code, ending in a newline.
    pub(crate) main: String,
}

fn header(scenario: &Scenario) -> String {
    let mut query = scenario.readable_query();
    if scenario.inputs.len() > LONG_INPUTS {
        let inputs = format!("inputs=<the {} INPUTS below>", scenario.inputs.len());
        query = query
            .split('&')
            .map(|pair| {
                if pair.starts_with("inputs=") {
                    inputs.as_str()
                } else {
                    pair
                }
            })
            .collect::<Vec<_>>()
            .join("&");
    }
    format!(
        "# The futures-lab scenario {query}\n\
         # as a Python program: it runs as-is with CPython 3.11+ and the standard library.\n\
         # Each task prints \"task <number>: <call> = <result>\", or \"... raised <exception>\".\n",
    )
}

/// `import x` lines sorted, then `from x import y` lines sorted, once each.
fn import_lines(mut imports: Vec<&str>) -> String {
    imports.sort_by_key(|line| (line.starts_with("from "), *line));
    imports.dedup();
    imports.iter().map(|line| format!("{line}\n")).collect()
}

/// `INPUTS = [...]`: every input, one argument per call.
fn inputs_line(scenario: &Scenario, workload: &dyn crate::workload::Workload) -> String {
    let items: Vec<String> = scenario
        .inputs
        .iter()
        .map(|input| workload.python_input(input))
        .collect();
    if let Some(range) = consecutive_range(&items) {
        return format!("INPUTS = {range}\n");
    }
    let one_line = format!("INPUTS = [{}]\n", items.join(", "));
    if one_line.len() <= LINE_WIDTH + 1 {
        return one_line;
    }
    let mut text = String::from("INPUTS = [\n");
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && line.len() + item.len() + 2 > LINE_WIDTH {
            text += &format!("{}\n", line.trim_end());
            line.clear();
        }
        if line.is_empty() {
            line.push_str("    ");
        }
        line += &format!("{item}, ");
    }
    text += &format!("{}\n]\n", line.trim_end());
    text
}

/// `list(range(a, b))` for a long run of consecutive whole numbers.
fn consecutive_range(items: &[String]) -> Option<String> {
    if items.len() <= LONG_INPUTS {
        return None;
    }
    let numbers: Vec<u64> = items
        .iter()
        .map(|item| item.parse().ok())
        .collect::<Option<_>>()?;
    let first = numbers[0];
    let consecutive = numbers
        .iter()
        .zip(first..)
        .all(|(n, expected)| *n == expected);
    consecutive.then(|| format!("list(range({first}, {}))", first + numbers.len() as u64))
}

/// `text` with every non-empty line indented by `levels` × 4 spaces.
pub(crate) fn indent(text: &str, levels: usize) -> String {
    let pad = "    ".repeat(levels);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                "\n".to_owned()
            } else {
                format!("{pad}{line}\n")
            }
        })
        .collect()
}

/// The line printing task `index`'s result `result` (Python expressions).
pub(crate) fn print_result(name: &str, index: &str, result: &str) -> String {
    format!("print(f\"task {{{index}}}: {name}({{INPUTS[{index}]!r}}) = {{{result}!r}}\")\n")
}

/// The line printing that task `index` raised `error` (Python expressions).
pub(crate) fn print_raised(name: &str, index: &str, error: &str) -> String {
    format!(
        "print(f\"task {{{index}}}: {name}({{INPUTS[{index}]!r}}) raised {{type({error}).__name__}}: {{{error}}}\")\n"
    )
}

/// The line printing an exception the program itself got from `api`.
/// `each` (the loop over `as_completed`), inside `try` when a timeout can
/// make it raise `TimeoutError`, which the program prints.
pub(crate) fn catching_timeout(each: &str, timeout: bool) -> String {
    if timeout {
        let mut text = String::from("try:\n");
        text += &indent(each, 1);
        text += "except TimeoutError as error:\n";
        text += &indent(&print_program_error("as_completed"), 1);
        text
    } else {
        each.to_owned()
    }
}

pub(crate) fn print_program_error(api: &str) -> String {
    format!("print(f\"{api} raised {{type(error).__name__}}: {{error}}\")\n")
}

/// `show(i, future)`: prints a done future's (or task's) outcome.
pub(crate) fn show_helper(name: &str) -> String {
    format!(
        "def show(i, future):\n    \"\"\"Prints what task i gave: its result, or the exception it raised.\"\"\"\n    error = future.exception()\n    if error is None:\n{}    else:\n{}",
        indent(&print_result(name, "i", "future.result()"), 2),
        indent(&print_raised(name, "i", "error"), 2),
    )
}

/// `on_done(i)`: the done callback of task `i`, noting the thread it runs on
/// in `callback_log` (printed at the end: lines printed from several threads
/// at once can mix).
pub(crate) fn on_done_helper(asyncio: bool) -> String {
    let when = if asyncio {
        "The event loop runs it (in the main\n    thread) soon after the task is done."
    } else {
        "It runs in the thread that completes the\n    future, or at once in this thread if the future is already done."
    };
    format!(
        "callback_log = []  # (task number, thread name), in the order the done callbacks ran\n\n\n\
         def on_done(i):\n    \"\"\"The done callback of task i. {when}\"\"\"\n\n    \
         def callback(future):\n        \
         callback_log.append((i, threading.current_thread().name))\n\n    \
         return callback\n"
    )
}

/// The closing lines with `callbacks`: which thread ran each done callback.
pub(crate) const PRINT_CALLBACKS: &str =
    "# Printed here, not in the callbacks: lines printed by several threads at once can mix.
for i, thread in callback_log:
    print(f\"callback: task {i} done on {thread}\")
";

/// The line adding task `i`'s done callback to `future` (a Python name).
pub(crate) fn add_callback_line(future: &str) -> String {
    format!("{future}.add_done_callback(on_done(i))\n")
}

/// The pause before the producer emits input `i`, on a steady schedule.
pub(crate) const PRODUCER_PACE: &str =
    "time.sleep(max(0.0, start + i / RATE - time.perf_counter()))  # the producer's pace\n";

/// The closing lines: the wall time.
pub(crate) const PRINT_WALL_TIME: &str =
    "print(f\"wall time: {time.perf_counter() - start:.3f} s\")\n";
