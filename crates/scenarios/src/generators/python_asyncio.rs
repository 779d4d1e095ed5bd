//! The Python program's body for asyncio: tasks on one event loop, then
//! `asyncio.as_completed`, `gather`, `TaskGroup`, `wait`, or each task
//! awaited in turn (`map`).

use crate::generators::python_lines::{
    add_callback_line, catching_timeout, indent, on_done_helper, print_program_error, print_raised,
    print_result, show_helper, Body, PRINT_CALLBACKS, PRINT_WALL_TIME, PRODUCER_PACE,
};
use crate::scenario::api::Api;
use crate::scenario::Scenario;

/// Waits for a task without raising its exception and gives the task back.
const FINISHED_HELPER: &str = "async def finished(task):
    \"\"\"Waits for task without raising its exception, and gives the task itself
    (asyncio.as_completed yields new awaitables, not the tasks).\"\"\"
    try:
        await task
    except Exception:
        pass  # show() prints it
    return task
";

/// `async def main()` run by `asyncio.run`: leaving it cancels every task
/// still running.
pub(crate) fn asyncio_body(scenario: &Scenario, name: &str, paced: bool) -> Body {
    let timeout = scenario.timeout_s.map(|t| t.to_string());
    let mut helpers = Vec::new();
    let mut imports = vec!["import asyncio".to_owned()];
    if scenario.callbacks {
        helpers.push(on_done_helper(true));
        imports.push("import threading".to_owned());
    }
    let block = match scenario.api {
        Api::TaskGroup => task_group(scenario, name, paced),
        api => {
            let mut text = tasks(name, paced, scenario.callbacks, "asyncio.create_task");
            text += &match api {
                Api::Map => awaited_in_turn(name, timeout.as_deref()),
                Api::Wait => {
                    helpers.push(show_helper(name));
                    let timeout = timeout
                        .map(|t| format!(", timeout={t}"))
                        .unwrap_or_default();
                    format!(
                        "done, not_done = await asyncio.wait(tasks{timeout}, return_when=asyncio.{})\n\
                         for i, task in enumerate(tasks):\n    if task in done:\n        show(i, task)\n\
                         print(\"done:\", [i for i, task in enumerate(tasks) if task in done])\n\
                         print(\"not done:\", [i for i, task in enumerate(tasks) if task in not_done])\n",
                        scenario.return_when.as_str()
                    )
                }
                Api::Gather => gather(scenario, name, timeout.as_deref()),
                _ => {
                    helpers.push(show_helper(name));
                    helpers.push(FINISHED_HELPER.to_owned());
                    as_completed(timeout.as_deref())
                }
            };
            text
        }
    };
    let mut main = format!("async def main():\n{}", indent(&block, 1));
    main += "\n\nstart = time.perf_counter()\nasyncio.run(main())  # leaving main() cancels the tasks still running\n";
    if scenario.callbacks {
        main += PRINT_CALLBACKS;
    }
    main += PRINT_WALL_TIME;
    Body {
        imports,
        helpers,
        main,
    }
}

/// Creates `tasks`: all at once, or by the producer into a bounded queue;
/// with `callbacks`, each task gets its done callback right after.
fn tasks(name: &str, paced: bool, callbacks: bool, create: &str) -> String {
    let callback = if callbacks {
        indent(&add_callback_line("task"), 1)
    } else {
        String::new()
    };
    if !paced && !callbacks {
        return format!("tasks = [{create}({name}(x)) for x in INPUTS]\n");
    }
    if !paced {
        return format!(
            "tasks = []\n\
             for i, x in enumerate(INPUTS):\n\
             \x20   task = {create}({name}(x))\n\
             {callback}\
             \x20   tasks.append(task)\n"
        );
    }
    format!(
        "room = asyncio.BoundedSemaphore(CAPACITY)  # the queue\n\
         tasks = []\n\
         for i, x in enumerate(INPUTS):  # the producer\n\
         {pace}    await room.acquire()  # backpressure: wait while the queue is full\n\
         \x20   task = {create}({name}(x))\n\
         \x20   task.add_done_callback(lambda _: room.release())\n\
         {callback}\
         \x20   tasks.append(task)\n",
        pace = indent(
            &format!("await asyncio.{}", &PRODUCER_PACE["time.".len()..]),
            1
        ),
    )
}

fn as_completed(timeout: Option<&str>) -> String {
    let timeout_arg = timeout
        .map(|t| format!(", timeout={t}"))
        .unwrap_or_default();
    let each = format!(
        "for next_done in asyncio.as_completed([finished(task) for task in tasks]{timeout_arg}):\n    \
         task = await next_done\n    show(number[task], task)\n"
    );
    let mut text = String::from("number = {task: i for i, task in enumerate(tasks)}\n");
    text += &catching_timeout(&each, timeout.is_some());
    text
}

/// `map`'s shape on the loop: each task's result in input order; the first
/// failure, or the deadline, ends the loop.
fn awaited_in_turn(name: &str, timeout: Option<&str>) -> String {
    let mut each = String::from("for i, task in enumerate(tasks):  # results in input order, as map gives them\n    result = await task\n");
    each += &indent(&print_result(name, "i", "result"), 1);
    let mut text = String::from("try:\n");
    match timeout {
        Some(t) => {
            text += &format!("    async with asyncio.timeout({t}):\n");
            text += &indent(&each, 2);
        }
        None => text += &indent(&each, 1),
    }
    text += "except Exception as error:  # a failed task, or the timeout, ends the loop\n";
    text + &indent(&print_program_error("map"), 1)
}

fn gather(scenario: &Scenario, name: &str, timeout: Option<&str>) -> String {
    let return_exceptions = if scenario.return_exceptions {
        "True"
    } else {
        "False"
    };
    let gathering = format!("asyncio.gather(*tasks, return_exceptions={return_exceptions})");
    let awaited = match timeout {
        Some(t) => format!("asyncio.wait_for({gathering}, timeout={t})"),
        None => gathering,
    };
    let mut text = format!("try:\n    results = await {awaited}\nexcept Exception as error:\n");
    text += &indent(&print_program_error("gather"), 1);
    text += "else:\n    for i, result in enumerate(results):\n";
    if scenario.return_exceptions {
        text += "        if isinstance(result, BaseException):\n";
        text += &indent(&print_raised(name, "i", "result"), 3);
        text += "        else:\n";
        text += &indent(&print_result(name, "i", "result"), 3);
    } else {
        text += &indent(&print_result(name, "i", "result"), 2);
    }
    text
}

/// `async with asyncio.TaskGroup()`: the first failure cancels the other
/// tasks, and every error comes out together in an `ExceptionGroup`.
fn task_group(scenario: &Scenario, name: &str, paced: bool) -> String {
    let mut text = String::new();
    if scenario.timeout_s.is_some() {
        text += "# timeout_s does not apply to a TaskGroup (nor in the lab).\n";
    }
    text += "try:\n    async with asyncio.TaskGroup() as group:\n";
    text += &indent(
        &tasks(name, paced, scenario.callbacks, "group.create_task"),
        2,
    );
    text += "except ExceptionGroup as error:\n";
    text += &indent(&print_program_error("TaskGroup"), 1);
    text += "    for exception in error.exceptions:\n";
    text += "        print(f\"    {type(exception).__name__}: {exception}\")\n";
    text += "else:\n    for i, task in enumerate(tasks):\n";
    text + &indent(&print_result(name, "i", "task.result()"), 2)
}
