//! The pieces every generated Python program is built of: an executor's
//! [`Body`], indentation, and the lines that print outcomes, errors,
//! callbacks and the wall time.

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
