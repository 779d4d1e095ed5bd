//! The Python program of a scenario, for a learner to copy and run.

use crate::generators::python_asyncio::asyncio_body;
use crate::generators::python_dask::{dask_body, dask_refusal, DaskRefusal};
use crate::generators::python_lines::Body;
use crate::generators::python_pool::{pool_body, sequential_body};
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::workloads;
use crate::workloads::python_task::{PythonTask, TaskForm};
use crate::workloads::workload::Workload;

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
    let mut program = header(scenario, CPYTHON_LINES);
    program += &assembled(scenario, workload, &task, body);
    if let (Some(summary), false) = (task.summary, scenario.executor == ExecutorKind::Processes) {
        program += summary;
        program += "\n";
    }
    program
}

/// What the header says after the scenario's line, for CPython.
const CPYTHON_LINES: &str =
    "# as a Python program: it runs as-is with CPython 3.11+ and the standard library.\n";

/// The same scenario as a dask.distributed program: its futures on a dask
/// cluster (a `LocalCluster` shaped like the scenario's pool by default, or
/// the cluster whose scheduler's address the program names), submitted
/// with `client.submit` or `client.map` and collected with
/// `distributed.as_completed` or `distributed.wait`; it prints what the
/// Python program prints.
///
/// # Errors
///
/// Why dask cannot express the scenario, naming the field: a plain loop,
/// asyncio, a paced producer, or state the tasks share with the program.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{dask_program, Scenario};
///
/// let scenario = Scenario::from_query("workload=cpu_bound&inputs=10,20&executor=processes&max_workers=2").unwrap();
/// let program = dask_program(&scenario).unwrap();
/// assert!(program.contains("n_workers=2, threads_per_worker=1, processes=True"));
/// assert!(program.contains("as_completed(futures)"));
/// let asyncio = Scenario::from_query("workload=download&executor=asyncio").unwrap();
/// assert!(dask_program(&asyncio).unwrap_err().to_string().starts_with("executor=asyncio"));
/// ```
pub fn dask_program(scenario: &Scenario) -> Result<String, DaskRefusal> {
    let Some(workload) = workloads::find(&scenario.workload) else {
        return Err(DaskRefusal::UnknownWorkload(scenario.workload.clone()));
    };
    let task = workload.python_task(&scenario.params, scenario.seed, TaskForm::Sync);
    let paced = workload.pacing(&scenario.params).is_some();
    if let Some(why) = dask_refusal(scenario, &task, paced) {
        return Err(why);
    }
    let body = dask_body(scenario, task.name);
    let mut program = header(scenario, DASK_LINES);
    program += &assembled(scenario, workload, &task, body);
    Ok(program)
}

/// What the header says after the scenario's line, for dask.
const DASK_LINES: &str =
    "# as a dask.distributed program: the same futures on a dask cluster (pip install \"dask[distributed]\").\n";

/// The imports, the task's setup and definition, the inputs, the helpers
/// and the main code.
fn assembled(
    scenario: &Scenario,
    workload: &dyn Workload,
    task: &PythonTask,
    body: Body,
) -> String {
    let mut imports: Vec<&str> = vec!["import time"];
    imports.extend(task.imports.iter().copied());
    imports.extend(body.imports.iter().map(String::as_str));
    let mut setup = task.setup.clone();
    if let Some(pacing) = workload.pacing(&scenario.params) {
        let rate = (1.0 / pacing.interval.as_secs_f64()).round();
        setup += &format!(
            "RATE = {rate}  # requests the producer emits a second (params.rate)\n\
             CAPACITY = {}  # requests the queue holds before the producer waits (params.capacity)\n",
            pacing.capacity
        );
    }

    let mut program = import_lines(imports);
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
    program
}

fn header(scenario: &Scenario, what: &str) -> String {
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
        "# The futures-lab scenario {query}\n{what}\
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
fn inputs_line(scenario: &Scenario, workload: &dyn Workload) -> String {
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
