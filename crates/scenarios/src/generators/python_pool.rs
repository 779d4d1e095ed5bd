//! The Python program's body for a plain loop and the `concurrent.futures`
//! pools: submit (or a producer), then `as_completed`, `map` or `wait`.

use crate::generators::python_lines::{
    add_callback_line, catching_timeout, indent, on_done_helper, print_program_error, print_raised,
    print_result, show_helper, Body, PRINT_CALLBACKS, PRINT_WALL_TIME, PRODUCER_PACE,
};
use crate::scenario::api::Api;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;

/// No pool: each call runs to its end before the next starts; `map` is
/// Python's built-in one.
pub(crate) fn sequential_body(scenario: &Scenario, name: &str, paced: bool) -> Body {
    let mut main = String::from("start = time.perf_counter()\n");
    if scenario.api == Api::Map && !paced {
        main += "try:\n";
        main += &format!("    for i, result in enumerate(map({name}, INPUTS)):\n");
        main += &indent(&print_result(name, "i", "result"), 2);
        main += "except Exception as error:  # a failed call ends the loop\n";
        main += &indent(&print_program_error("map"), 1);
    } else {
        main = format!(
            "# No pool: each call runs to its end before the next starts{}.\n{main}",
            if scenario.api == Api::Wait {
                ", so wait() would find every call done"
            } else {
                ""
            }
        );
        main += "for i, x in enumerate(INPUTS):\n";
        if paced {
            main += &indent(PRODUCER_PACE, 1);
        }
        main += &format!("    try:\n        result = {name}(x)\n    except Exception as error:\n");
        main += &indent(&print_raised(name, "i", "error"), 2);
        main += "    else:\n";
        main += &indent(&print_result(name, "i", "result"), 2);
    }
    main += PRINT_WALL_TIME;
    Body {
        imports: Vec::new(),
        helpers: Vec::new(),
        main,
    }
}

/// `ThreadPoolExecutor` or `ProcessPoolExecutor` in a `with` block; the
/// process pool's code sits in `main()` behind the `__main__` guard.
pub(crate) fn pool_body(scenario: &Scenario, name: &str, paced: bool) -> Body {
    let processes = scenario.executor == ExecutorKind::Processes;
    let class = if processes {
        "ProcessPoolExecutor"
    } else {
        "ThreadPoolExecutor"
    };
    let mut names = vec![class.to_owned()];
    let mut imports = Vec::new();
    if paced || scenario.callbacks {
        imports.push("import threading".to_owned());
    }
    let timeout = scenario.timeout_s.map(|t| t.to_string());
    let mut block = String::new();
    if paced {
        block += &producer(name, scenario.callbacks);
    } else if scenario.api != Api::Map {
        block += &submit_all(name, scenario.callbacks);
    }
    let mut helpers = Vec::new();
    if scenario.callbacks {
        helpers.push(on_done_helper(false));
    }
    block += &match scenario.api {
        Api::Map if paced => paced_map(name, timeout.as_deref()),
        Api::Map => {
            let mut arguments = vec![name.to_owned(), "INPUTS".to_owned()];
            arguments.extend(timeout.as_ref().map(|t| format!("timeout={t}")));
            if processes && scenario.chunksize != 1 {
                arguments.push(format!("chunksize={}", scenario.chunksize));
            }
            let mut text = format!("results = executor.map({})\n", arguments.join(", "));
            text += "try:\n    for i, result in enumerate(results):\n";
            text += &indent(&print_result(name, "i", "result"), 2);
            text += "except Exception as error:  # a failed call, or the timeout, ends the loop\n";
            text + &indent(&print_program_error("map"), 1)
        }
        Api::Wait => {
            let when = scenario.return_when.as_str();
            names.push(when.to_owned());
            names.push("wait".to_owned());
            helpers.push(show_helper(name));
            let timeout = timeout
                .map(|t| format!(", timeout={t}"))
                .unwrap_or_default();
            format!(
                "done, not_done = wait(futures{timeout}, return_when={when})\n\
                 for i, future in enumerate(futures):\n    if future in done:\n        show(i, future)\n\
                 print(\"done:\", [i for i, future in enumerate(futures) if future in done])\n\
                 print(\"not done:\", [i for i, future in enumerate(futures) if future in not_done])\n"
            )
        }
        _ => {
            names.push("as_completed".to_owned());
            helpers.push(show_helper(name));
            let mut text =
                String::from("number = {future: i for i, future in enumerate(futures)}\n");
            let timeout_arg = timeout
                .as_ref()
                .map(|t| format!(", timeout={t}"))
                .unwrap_or_default();
            let each =
                format!("for future in as_completed(futures{timeout_arg}):\n    show(number[future], future)\n");
            text += &catching_timeout(&each, timeout.is_some());
            text
        }
    };
    let mut pool_arguments = Vec::new();
    if let Some(max_workers) = scenario.max_workers {
        pool_arguments.push(format!("max_workers={max_workers}"));
    }
    if let (true, Some(max_tasks)) = (processes, scenario.max_tasks_per_child) {
        pool_arguments.push(format!("max_tasks_per_child={max_tasks}"));
    }
    if let (true, Some(method)) = (processes, scenario.start_method) {
        imports.push("import multiprocessing".to_owned());
        pool_arguments.push(format!(
            "mp_context=multiprocessing.get_context(\"{method}\")"
        ));
    }
    let mut main = String::from("start = time.perf_counter()\n");
    if scenario.executor == ExecutorKind::Threads {
        main += gil_comment(scenario.gil);
    }
    main += &format!("with {class}({}) as executor:\n", pool_arguments.join(", "));
    main += &indent(&block, 1);
    if scenario.callbacks {
        main += PRINT_CALLBACKS;
    }
    main += PRINT_WALL_TIME;
    if processes {
        main = format!(
            "def main():\n{}\n\n# Worker processes import this module: only the main process runs main().\nif __name__ == \"__main__\":\n    main()\n",
            indent(&main, 1)
        );
    }
    // isort's order: constants, classes, functions.
    names.sort_by_key(|name| {
        let upper = name.chars().filter(char::is_ascii_lowercase).count() == 0;
        (!upper, name.starts_with(|c: char| c.is_ascii_lowercase()))
    });
    imports.push(format!(
        "from concurrent.futures import {}",
        names.join(", ")
    ));
    Body {
        imports,
        helpers,
        main,
    }
}

/// What the `gil` flag means for a thread pool, in one comment line.
fn gil_comment(gil: bool) -> &'static str {
    if gil {
        "# gil=true: CPython's GIL lets one thread at a time run Python code (5 ms switch interval).\n"
    } else {
        "# gil=false: threads run Python code in parallel, as in free-threaded CPython (3.13t+).\n"
    }
}

/// One `submit` per input; with `callbacks`, each future gets its done
/// callback right after.
fn submit_all(name: &str, callbacks: bool) -> String {
    if !callbacks {
        return format!("futures = [executor.submit({name}, x) for x in INPUTS]\n");
    }
    format!(
        "futures = []\n\
         for i, x in enumerate(INPUTS):\n\
         \x20   future = executor.submit({name}, x)\n\
         {callback}\
         \x20   futures.append(future)\n",
        callback = indent(&add_callback_line("future"), 1),
    )
}

/// The producer: one request every `1 / RATE` s, waiting while `CAPACITY`
/// requests are queued (plus one per busy worker).
fn producer(name: &str, callbacks: bool) -> String {
    let callback = if callbacks {
        indent(&add_callback_line("future"), 1)
    } else {
        String::new()
    };
    format!(
        "room = threading.BoundedSemaphore(CAPACITY + executor._max_workers)  # the queue and the busy workers\n\
         futures = []\n\
         for i, x in enumerate(INPUTS):  # the producer\n\
         {pace}    room.acquire()  # backpressure: wait while the queue is full\n\
         \x20   future = executor.submit({name}, x)\n\
         \x20   future.add_done_callback(lambda _: room.release())\n\
         {callback}\
         \x20   futures.append(future)\n",
        pace = indent(PRODUCER_PACE, 1),
    )
}

/// `map`'s results in input order, read from the producer's futures.
fn paced_map(name: &str, timeout: Option<&str>) -> String {
    let mut text = String::from(
        "# executor.map would submit every request at once: read the producer's futures in input order.\n",
    );
    let wait = match timeout {
        Some(t) => {
            text += &format!("deadline = time.monotonic() + {t}\n");
            "timeout=deadline - time.monotonic()"
        }
        None => "",
    };
    text += &format!(
        "try:\n    for i, future in enumerate(futures):\n        result = future.result({wait})\n"
    );
    text += &indent(&print_result(name, "i", "result"), 2);
    text += "except Exception as error:  # a failed call, or the timeout, ends the loop\n";
    text + &indent(&print_program_error("map"), 1)
}
