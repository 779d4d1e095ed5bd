//! The dask.distributed program's body: the scenario's futures on a dask
//! cluster (a `LocalCluster` shaped like the pool, or a real one), with
//! `client.submit` / `client.map`, `distributed.as_completed` and
//! `distributed.wait`; and why a scenario dask cannot express is refused.

use crate::generators::python_lines::{
    catching_timeout, indent, print_program_error, print_result, show_helper, Body, PRINT_CALLBACKS,
};
use crate::scenario::api::Api;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::workloads::python_task::PythonTask;
use futures_lab_core::ReturnWhen;

/// Why dask cannot run a scenario as CPython would; its text (`Display`)
/// names the field and says why in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DaskRefusal {
    /// `executor=sequential`: a plain loop has no pool.
    Sequential,
    /// `executor=asyncio`: coroutines on one event loop.
    Asyncio,
    /// The workload's producer paces its submits against the pool's queue.
    Paced(String),
    /// The program reads state its tasks changed in its own memory.
    SharedState(String),
    /// No workload of that name.
    UnknownWorkload(String),
}

impl std::fmt::Display for DaskRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sequential => f.write_str(
                "executor=sequential: a plain loop has no pool, and dask runs futures on a \
                 cluster's workers; choose threads or processes",
            ),
            Self::Asyncio => f.write_str(
                "executor=asyncio: dask's workers call functions; coroutines taking turns on \
                 one event loop have no dask equivalent; choose threads or processes",
            ),
            Self::Paced(workload) => write!(
                f,
                "workload={workload}: its producer paces submits against the pool's own queue, \
                 which dask's scheduler keeps to itself"
            ),
            Self::SharedState(workload) => write!(
                f,
                "workload={workload}: the program counts what its tasks did to state in its own \
                 memory, and dask's tasks run on workers whose memory the program does not share"
            ),
            Self::UnknownWorkload(workload) => {
                write!(f, "workload: no workload named {workload:?}")
            }
        }
    }
}

/// Why dask cannot run `scenario` as CPython would, if it cannot.
pub(crate) fn dask_refusal(
    scenario: &Scenario,
    task: &PythonTask,
    paced: bool,
) -> Option<DaskRefusal> {
    match scenario.executor {
        ExecutorKind::Sequential => Some(DaskRefusal::Sequential),
        ExecutorKind::Asyncio => Some(DaskRefusal::Asyncio),
        _ if paced => Some(DaskRefusal::Paced(scenario.workload.clone())),
        _ if task.summary.is_some() => Some(DaskRefusal::SharedState(scenario.workload.clone())),
        _ => None,
    }
}

/// The cluster, the submits and the collecting of results, in `main()`
/// behind the `__main__` guard (a `LocalCluster` starts worker processes).
pub(crate) fn dask_body(scenario: &Scenario, name: &str) -> Body {
    let mut names = vec!["Client".to_owned()];
    let mut imports = vec!["import os".to_owned()];
    let timeout = scenario.timeout_s.map(|t| t.to_string());
    let mut helpers = vec![connect_helper(scenario)];
    if scenario.callbacks {
        imports.push("import threading".to_owned());
        helpers.push(ON_DONE.to_owned());
    }
    let mut block = String::new();
    block += "start = time.perf_counter()\n";
    block += "# pure=False: each call is a task of its own, as each submit is in CPython\n\
              # (dask would otherwise run equal calls once and share the result).\n";
    block += &match scenario.api {
        Api::Map => map_block(name, timeout.as_deref(), scenario.callbacks),
        Api::Wait => {
            helpers.push(show_helper(name));
            names.push("wait".to_owned());
            if scenario.return_when == ReturnWhen::FirstException {
                names.push("as_completed".to_owned());
            }
            submit_all(name, scenario.callbacks)
                + &wait_block(scenario.return_when, timeout.as_deref())
        }
        _ => {
            helpers.push(show_helper(name));
            names.push("as_completed".to_owned());
            let mut text = submit_all(name, scenario.callbacks);
            text += "number = {future: i for i, future in enumerate(futures)}\n";
            let timeout_arg = timeout
                .as_ref()
                .map(|t| format!(", timeout={t}"))
                .unwrap_or_default();
            let each = format!(
                "for future in as_completed(futures{timeout_arg}):\n    show(number[future], future)\n"
            );
            text += &catching_timeout(&each, timeout.is_some());
            text
        }
    };
    block += "wall = time.perf_counter() - start\n";
    if scenario.callbacks {
        block +=
            "time.sleep(0.1)  # dask runs done callbacks on a thread of its own: let them finish\n";
        block += PRINT_CALLBACKS;
    }
    block += "print(f\"wall time: {wall:.3f} s\")\n";
    // CPython's `with` block waits for every call; a dask client cancels
    // what is still running as it closes, so the time is read before.
    let mut main = String::from(
        "# Leaving the block closes the client (and its LocalCluster): calls still running are\n\
         # cancelled there, where CPython's with block would wait for them.\n\
         with connect() as client:\n",
    );
    main += &indent(&block, 1);
    let main = format!(
        "def main():\n{}\n\n# dask's worker processes import this module: only the main process runs main().\n\
         if __name__ == \"__main__\":\n    main()\n",
        indent(&main, 1)
    );
    names.sort();
    imports.push(format!("from distributed import {}", names.join(", ")));
    Body {
        imports,
        helpers,
        main,
    }
}

/// `connect()`: a client of the cluster at `SCHEDULER`, or of a
/// `LocalCluster` shaped like the scenario's pool.
fn connect_helper(scenario: &Scenario) -> String {
    let processes = scenario.executor == ExecutorKind::Processes;
    let (shape, cluster) = if processes {
        let workers = scenario
            .max_workers
            .map_or("os.cpu_count()".to_owned(), |n| n.to_string());
        (
            "# None: a LocalCluster on this machine shaped like the pool: a worker process of one\n\
             # thread for each of ProcessPoolExecutor's processes (dask starts them with spawn, and\n\
             # they live as long as the cluster).\n",
            format!("n_workers={workers}, threads_per_worker=1, processes=True"),
        )
    } else {
        let threads = scenario
            .max_workers
            .map_or("min(32, os.cpu_count() + 4)".to_owned(), |n| n.to_string());
        (
            "# None: a LocalCluster on this machine shaped like the pool: one worker in this\n\
             # process whose threads stand for ThreadPoolExecutor's threads.\n",
            format!("n_workers=1, threads_per_worker={threads}, processes=False"),
        )
    };
    // One line each, inside connect(): a block of its own.
    let mut notes = String::new();
    if let (true, Some(max_tasks)) = (processes, scenario.max_tasks_per_child) {
        notes += &format!(
            "    # (max_tasks_per_child={max_tasks}: dask has no such limit; its workers are never replaced.)\n"
        );
    }
    if processes && scenario.chunksize != 1 {
        notes += &format!(
            "    # (chunksize={}: dask has no chunks; its scheduler sends the tasks one by one.)\n",
            scenario.chunksize
        );
    }
    format!(
        "{shape}# A scheduler's address (\"tcp://192.0.2.10:8786\") runs the same futures on that cluster.\n\
         SCHEDULER = None\n\n\n\
         def connect():\n    \"\"\"A client of the cluster at SCHEDULER, or of a new LocalCluster (closed with it).\"\"\"\n    \
         if SCHEDULER is not None:\n        return Client(SCHEDULER)\n\
         {notes}    return Client({cluster}, dashboard_address=None)\n"
    )
}

/// `on_done(i)`: a done callback noting the thread dask runs it on.
const ON_DONE: &str =
    "callback_log = []  # (task number, thread name), in the order the done callbacks ran


def on_done(i):
    \"\"\"The done callback of task i. dask runs it on a thread of its client's, once the
    scheduler has told the client that the future is done.\"\"\"

    def callback(future):
        callback_log.append((i, threading.current_thread().name))

    return callback
";

/// One `client.submit` per input; with `callbacks`, each future gets its
/// done callback right after.
fn submit_all(name: &str, callbacks: bool) -> String {
    let mut text = format!("futures = [client.submit({name}, x, pure=False) for x in INPUTS]\n");
    if callbacks {
        text += "for i, future in enumerate(futures):\n    future.add_done_callback(on_done(i))\n";
    }
    text
}

/// `client.map`, its results read in input order; a failed call (or the
/// deadline) ends the loop and cancels the rest, as CPython's `map` does.
fn map_block(name: &str, timeout: Option<&str>, callbacks: bool) -> String {
    let mut text = format!("futures = client.map({name}, INPUTS, pure=False)\n");
    if callbacks {
        text += "for i, future in enumerate(futures):\n    future.add_done_callback(on_done(i))\n";
    }
    let wait = match timeout {
        Some(t) => {
            text += &format!(
                "deadline = time.monotonic() + {t}  # map's timeout counts from the call\n"
            );
            "timeout=max(0.0, deadline - time.monotonic())"
        }
        None => "",
    };
    text += &format!(
        "try:\n    for i, future in enumerate(futures):\n        result = future.result({wait})\n"
    );
    text += &indent(&print_result(name, "i", "result"), 2);
    text += "except Exception as error:  # a failed call, or the timeout, ends the loop\n";
    text += &indent(&print_program_error("map"), 1);
    text += "    client.cancel(futures)  # as CPython's map cancels the calls not yet done\n";
    text
}

/// `wait`, and the split printed. dask's `wait` raises `TimeoutError` where
/// CPython's returns, and knows no `FIRST_EXCEPTION`: the program does
/// what CPython's would.
fn wait_block(return_when: ReturnWhen, timeout: Option<&str>) -> String {
    let timeout_arg = timeout
        .map(|t| format!(", timeout={t}"))
        .unwrap_or_default();
    let mut text = match return_when {
        ReturnWhen::FirstException => format!(
            "# dask's wait knows ALL_COMPLETED and FIRST_COMPLETED only: FIRST_EXCEPTION is read\n\
             # off as_completed, stopping at the first future that raised.\n\
             try:\n    for future in as_completed(futures{timeout_arg}):\n        \
             if future.status == \"error\":\n            break\n\
             except TimeoutError:  # CPython's wait returns at its timeout\n    pass\n"
        ),
        when => {
            let when = match when {
                ReturnWhen::FirstCompleted => "FIRST_COMPLETED",
                _ => "ALL_COMPLETED",
            };
            format!(
                "try:\n    wait(futures{timeout_arg}, return_when=\"{when}\")\n\
                 except TimeoutError:  # dask's wait raises where CPython's returns\n    pass\n"
            )
        }
    };
    text += "done = {future for future in futures if future.done()}\n\
             not_done = {future for future in futures if not future.done()}\n\
             for i, future in enumerate(futures):\n    if future in done:\n        show(i, future)\n\
             print(\"done:\", [i for i, future in enumerate(futures) if future in done])\n\
             print(\"not done:\", [i for i, future in enumerate(futures) if future in not_done])\n";
    text
}
