//! The Python program of a scenario, for a learner to copy and run.

use crate::generators::python_asyncio::asyncio_body;
use crate::generators::python_pool::{pool_body, sequential_body};
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::workloads;
use crate::workloads::python_task::TaskForm;

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
        scenario.seed,
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
fn inputs_line(scenario: &Scenario, workload: &dyn crate::workloads::workload::Workload) -> String {
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
