//! The Rust program of a scenario: a `main.rs` over futures-lab's crates.

use crate::scenario::api::Api;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::workloads;

/// A Rust `main.rs` that runs `scenario` with futures-lab's crates and
/// prints each result and the wall time.
///
/// On a plain loop or a thread pool it shows the core API, as the Python
/// program would be written: `ThreadPool::builder().max_workers(n).gil(..)`
/// (or `Sequential`), `submit` with the workload's task, then
/// `as_completed`, `map` or `wait`. Other executors (processes, asyncio)
/// and paced workloads (a producer) are run by [`play`](crate::play), whose
/// report gives the results in the order the program received them; for
/// processes the program is also its own worker process. With `callbacks`,
/// it prints `callback: task <id> done on <thread>` for each done callback
/// (from the callback itself, or from the report's `callbacks`).
///
/// It needs `futures-lab-scenarios` (and, for the core API,
/// `futures-lab-core` and `serde_json`) in its Cargo.toml.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{rust_program, Scenario};
///
/// let scenario = Scenario::from_query("workload=cpu_bound&inputs=10,20&executor=threads&max_workers=2").unwrap();
/// let program = rust_program(&scenario);
/// assert!(program.contains(".max_workers(2)"));
/// assert!(program.contains("as_completed(&futures, timeout)"));
/// ```
pub fn rust_program(scenario: &Scenario) -> String {
    let paced = workloads::find(&scenario.workload)
        .is_some_and(|workload| workload.pacing(&scenario.params).is_some());
    match scenario.executor {
        ExecutorKind::Sequential | ExecutorKind::Threads if !paced => core_program(scenario),
        _ => played_program(scenario),
    }
}

/// rustfmt's widest line.
const MAX_WIDTH: usize = 100;

/// The scenario's query as a Rust constant, laid out as rustfmt does (a
/// literal too long for the line moves to the next one, if it fits there).
fn scenario_const(scenario: &Scenario) -> String {
    let literal = format!("{:?}", scenario.readable_query());
    let one_line = format!("const SCENARIO: &str = {literal};");
    let layout = if one_line.len() > MAX_WIDTH && literal.len() + 5 <= MAX_WIDTH {
        format!("const SCENARIO: &str =\n    {literal};")
    } else {
        one_line
    };
    format!("/// The scenario, as the playground's URL gives it.\n{layout}\n")
}

/// `let timeout = ...;`, as `Option<Duration>`.
fn timeout_line(scenario: &Scenario) -> String {
    match scenario.timeout_s {
        Some(t) => {
            format!("    let timeout = Some(Duration::from_secs_f64({t:?})); // timeout={t}\n")
        }
        None => "    let timeout = None; // no timeout: wait as long as it takes\n".to_owned(),
    }
}

/// The core API on a thread pool or a plain loop.
fn core_program(scenario: &Scenario) -> String {
    let threads = scenario.executor == ExecutorKind::Threads;
    let mut core = vec!["block_on", "Executor", "ExecutorExt", "Tracer"];
    core.push(if threads { "ThreadPool" } else { "Sequential" });
    let (python, collect) = match scenario.api {
        Api::Map => {
            core.push("MapOptions");
            ("executor.map", timeout_line(scenario) + MAP_COLLECT)
        }
        Api::Wait => {
            core.extend(["wait", "Future", "ReturnWhen"]);
            (
                "submit, then wait",
                format!(
                    "{}{}{}",
                    submit(scenario),
                    timeout_line(scenario),
                    wait_collect(scenario)
                ),
            )
        }
        _ => {
            core.extend(["as_completed", "Future"]);
            (
                "submit, then as_completed",
                format!(
                    "{}{}{AS_COMPLETED_COLLECT}",
                    submit(scenario),
                    timeout_line(scenario)
                ),
            )
        }
    };
    // rustfmt's order: functions, then types.
    core.sort_by_key(|name| (name.starts_with(char::is_uppercase), *name));
    let core_use = format!("use futures_lab_core::{{{}}};", core.join(", "));
    let core_use = if core_use.len() > MAX_WIDTH {
        format!("use futures_lab_core::{{\n    {},\n}};", core.join(", "))
    } else {
        core_use
    };
    let executor = if threads {
        let size = match scenario.max_workers {
            Some(n) => format!(".max_workers({n})"),
            None => ".python_version(scenario.python_version)".to_owned(),
        };
        format!(
            "    // {}\n    let executor = ThreadPool::builder()\n        {size}\n        .gil({})\n        .build(Tracer::discard())?;\n",
            if scenario.gil {
                "gil(true): one thread at a time runs Python code, as under CPython's GIL."
            } else {
                "gil(false): no GIL, as in free-threaded CPython (3.13t+)."
            },
            scenario.gil
        )
    } else {
        "    let executor = Sequential::new(Tracer::discard());\n".to_owned()
    };
    let what = if threads {
        match scenario.max_workers {
            Some(n) => format!("`ThreadPoolExecutor(max_workers={n})`"),
            None => "`ThreadPoolExecutor()`".to_owned(),
        }
    } else {
        "a plain loop".to_owned()
    };
    let mut std_uses = String::new();
    if scenario.api != Api::Map {
        std_uses += "use std::sync::Arc;\n";
    }
    std_uses += if scenario.timeout_s.is_some() {
        "use std::time::{Duration, Instant};\n"
    } else {
        "use std::time::Instant;\n"
    };
    let mut helpers = match scenario.api {
        Api::Map => String::new(),
        Api::Wait => format!("{SHOW}{IDS}"),
        _ => SHOW.to_owned(),
    };
    if scenario.callbacks {
        helpers += PRINT_DONE;
    }
    format!(
        "//! The futures-lab scenario `{query}`\n\
         //! with futures-lab's core API: {what}, {python}.\n\
         //!\n\
         //! Its Cargo.toml needs `futures-lab-core`, `futures-lab-scenarios` and `serde_json`.\n\
         \n\
         {std_uses}\n\
         {core_use}\n\
         use futures_lab_scenarios::{{workloads, Scenario}};\n\
         use serde_json::Value;\n\
         \n\
         {constant}\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {{\n\
         \x20   let scenario = Scenario::from_query(SCENARIO)?;\n\
         \x20   let workload = workloads::find(&scenario.workload).ok_or(\"no workload\")?;\n\
         \x20   // The task: the workload's code, with what its calls share (a cache, say).\n\
         \x20   let task = workload.prepare(&scenario.params, scenario.seed);\n\
         \x20   let start = Instant::now();\n\
         {executor}{collect}\
         \x20   executor.shutdown(true, false); // leaving Python's `with` block\n\
         \x20   println!(\"wall time: {{:.3}} s\", start.elapsed().as_secs_f64());\n\
         \x20   Ok(())\n\
         }}\n\
         {helpers}",
        query = scenario.readable_query(),
        constant = scenario_const(scenario),
    )
}

/// One `submit` per input, each future in submission order; with
/// `callbacks`, each gets its done callback right after.
fn submit(scenario: &Scenario) -> &'static str {
    if scenario.callbacks {
        SUBMIT_WITH_CALLBACKS
    } else {
        SUBMIT
    }
}

const SUBMIT: &str = "    let futures = scenario
        .inputs
        .iter()
        .map(|input| {
            let (task, input) = (Arc::clone(&task), input.clone());
            executor.submit(move |ctx| block_on(task.call(&input, ctx)))
        })
        .collect::<Result<Vec<Future<Value>>, _>>()?;
";

const SUBMIT_WITH_CALLBACKS: &str = "    let futures = scenario
        .inputs
        .iter()
        .map(|input| {
            let (task, input) = (Arc::clone(&task), input.clone());
            executor
                .submit(move |ctx| block_on(task.call(&input, ctx)))
                .inspect(|future| future.add_done_callback(print_done))
        })
        .collect::<Result<Vec<Future<Value>>, _>>()?;
";

const PRINT_DONE: &str = "
/// The done callback: it runs in the thread that completes the future, or at
/// once in this thread if the future is already done.
fn print_done(future: &Future<Value>) {
    let id = future.id().unwrap_or_default();
    let thread = std::thread::current();
    let name = thread.name().unwrap_or(\"an unnamed thread\");
    println!(\"callback: task {id} done on {name}\");
}
";

/// Each future as it completes; a timeout ends the loop.
const AS_COMPLETED_COLLECT: &str = "    for future in as_completed(&futures, timeout) {
        match future {
            Ok(future) => show(&scenario, &future),
            Err(error) => {
                println!(\"as_completed raised {error}\");
                break;
            }
        }
    }
";

/// `wait`, then the done futures' outcomes and the split.
fn wait_collect(scenario: &Scenario) -> String {
    let when = match scenario.return_when.as_str() {
        "FIRST_COMPLETED" => "FirstCompleted",
        "FIRST_EXCEPTION" => "FirstException",
        _ => "AllCompleted",
    };
    format!(
        "    let split = wait(&futures, timeout, ReturnWhen::{when});
    for future in &split.done {{
        show(&scenario, future);
    }}
    println!(\"done: {{:?}}\", ids(&split.done));
    println!(\"not done: {{:?}}\", ids(&split.not_done));
"
    )
}

/// `executor.map`: results in input order; the first failure, or the
/// timeout, ends the loop.
const MAP_COLLECT: &str = "    let options = MapOptions {
        timeout,
        ..MapOptions::default()
    };
    let results = executor.map(
        move |input: Value, ctx| block_on(task.call(&input, ctx)),
        scenario.inputs.clone(),
        options,
    )?;
    for (id, result) in results.enumerate() {
        match result {
            Ok(value) => println!(\"task {id}: {} -> {value}\", scenario.inputs[id]),
            Err(error) => {
                println!(\"map raised {error}\");
                break;
            }
        }
    }
";

const SHOW: &str = "
/// Prints what a task gave: its result, or the exception it raised.
fn show(scenario: &Scenario, future: &Future<Value>) {
    let id = future.id().unwrap_or_default();
    let input = &scenario.inputs[id as usize];
    match future.try_result() {
        Ok(value) => println!(\"task {id}: {input} -> {value}\"),
        Err(error) => println!(\"task {id}: {input} raised {error}\"),
    }
}
";

const IDS: &str = "
/// The submission numbers of `futures`.
fn ids(futures: &[Future<Value>]) -> Vec<u64> {
    futures.iter().filter_map(Future::id).collect()
}
";

/// The scenario played by `play`, its report printed.
fn played_program(scenario: &Scenario) -> String {
    let processes = scenario.executor == ExecutorKind::Processes;
    let (uses, worker, env) = if processes {
        (
            "use futures_lab_core::serve_worker;\nuse futures_lab_scenarios::{play, worker_handler, RunEnv, Scenario};\n",
            "    // The pool's worker processes are this program again, run as `<program> worker`\n    \
             // (Python's `if __name__ == \"__main__\":` guard is there for the same reason).\n    \
             if std::env::args().nth(1).as_deref() == Some(\"worker\") {\n        \
             let mut handler = worker_handler();\n        \
             let mut input = std::io::stdin().lock();\n        \
             serve_worker(&mut handler, &mut input, Box::new(std::io::stdout()))?;\n        \
             return Ok(());\n    \
             }\n",
            "RunEnv::native_with_worker(Some(std::env::current_exe()?))",
        )
    } else {
        (
            "use futures_lab_scenarios::{play, RunEnv, Scenario};\n",
            "",
            "RunEnv::native()",
        )
    };
    let cargo = if processes {
        "`futures-lab-core` and `futures-lab-scenarios`"
    } else {
        "`futures-lab-scenarios`"
    };
    let callbacks = if scenario.callbacks {
        "    // The done callbacks in the order they ran, and the thread each ran on
    // (none: the program's own thread, Python's MainThread).
    for callback in &report.callbacks {
        let thread = callback.thread.as_deref().unwrap_or(\"MainThread\");
        println!(\"callback: task {} done on {thread}\", callback.future);
    }
"
    } else {
        ""
    };
    let wait = if scenario.api == Api::Wait {
        "    if let Some(split) = &report.wait {
        println!(\"done: {:?}\", split.done);
        println!(\"not done: {:?}\", split.not_done);
    }
"
    } else {
        ""
    };
    format!(
        "//! The futures-lab scenario `{query}`,\n\
         //! played by futures-lab's runner (the {executor} executor, `{api}`).\n\
         //!\n\
         //! Its Cargo.toml needs {cargo}.\n\
         \n\
         {uses}\
         \n\
         {constant}\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {{\n\
         {worker}\
         \x20   let scenario = Scenario::from_query(SCENARIO)?;\n\
         \x20   let env = {env};\n\
         \x20   let report = play(&scenario, &env)?;\n\
         \x20   // Results in the order the program received them (as_completed: as they finished).\n\
         \x20   for &id in &report.result_order {{\n\
         \x20       let task = &report.tasks[id as usize];\n\
         \x20       match (&task.result, &task.error) {{\n\
         \x20           (Some(value), _) => println!(\"task {{id}}: {{}} -> {{value}}\", task.input),\n\
         \x20           (None, Some(error)) => println!(\"task {{id}}: {{}} raised {{error}}\", task.input),\n\
         \x20           (None, None) => println!(\"task {{id}}: {{}} is {{}}\", task.input, task.state),\n\
         \x20       }}\n\
         \x20   }}\n\
         {wait}\
         {callbacks}\
         \x20   if let Some(error) = &report.error {{\n\
         \x20       println!(\"the program raised {{error}}\");\n\
         \x20   }}\n\
         \x20   println!(\"wall time: {{:.3}} s\", report.wall_ms / 1e3);\n\
         \x20   Ok(())\n\
         }}\n",
        query = scenario.readable_query(),
        executor = scenario.executor,
        api = scenario.api,
        constant = scenario_const(scenario),
    )
}
