//! Where the program's main thread is, line by line: which line of the
//! generated Python program submits, waits for results, takes one result,
//! runs a done callback. The page highlights the line a replay's moment is
//! at, as Python Tutor does.

use crate::generators::python::python_program;
use crate::scenario::Scenario;

/// What the program's main thread is doing at a moment of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProgramStep {
    /// Handing the calls to the executor (`submit`, `create_task`, `map`, or
    /// a plain loop's call).
    Submit,
    /// Waiting for results (`as_completed`, `wait`, `gather`, `map`'s loop).
    Collect,
    /// Taking one result (or exception) and printing it.
    Receive,
    /// Running a done callback.
    Callback,
}

/// The line (numbered from 1) of each [`ProgramStep`] in a program.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgramMarks {
    /// Where the calls are handed over.
    pub submit: Option<usize>,
    /// Where the main thread waits for results.
    pub collect: Option<usize>,
    /// Where one result is taken.
    pub receive: Option<usize>,
    /// The done callback's first line.
    pub callback: Option<usize>,
}

impl ProgramMarks {
    /// The lines of `scenario`'s Python program (see [`python_program`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::{python_program, ProgramMarks, ProgramStep, Scenario};
    ///
    /// let scenario = Scenario::from_query("inputs=1,2&executor=threads").unwrap();
    /// let program = python_program(&scenario);
    /// let marks = ProgramMarks::of(&scenario);
    /// let line = |step| program.lines().nth(marks.line(step).unwrap() - 1).unwrap().trim();
    /// assert_eq!(line(ProgramStep::Submit), "futures = [executor.submit(cpu_bound, x) for x in INPUTS]");
    /// assert_eq!(line(ProgramStep::Collect), "for future in as_completed(futures):");
    /// assert_eq!(line(ProgramStep::Receive), "show(number[future], future)");
    /// assert_eq!(marks.line(ProgramStep::Callback), None, "no callbacks were asked for");
    /// ```
    pub fn of(scenario: &Scenario) -> Self {
        Self::find(&python_program(scenario))
    }

    /// The lines found in a program's text.
    pub fn find(program: &str) -> Self {
        let lines: Vec<&str> = program.lines().map(str::trim).collect();
        // The first line, after `after`, that holds one of `patterns` (tried
        // in order).
        let first = |patterns: &[&str], after: usize| {
            patterns.iter().find_map(|pattern| {
                lines
                    .iter()
                    .enumerate()
                    .skip(after)
                    .find(|(_, line)| !line.starts_with('#') && line.contains(pattern))
                    .map(|(index, _)| index + 1)
            })
        };
        let submit = first(
            &[
                "executor.submit(",
                "create_task(",
                "executor.map(",
                "enumerate(map(",
                "for i, x in enumerate(INPUTS):",
            ],
            0,
        );
        let from = submit.unwrap_or(0);
        // A TaskGroup is entered before its tasks are created, and waited
        // for where its block ends: its `async with` line.
        let collect = first(&["asyncio.TaskGroup()"], 0).or_else(|| {
            first(
                &[
                    "as_completed(",
                    "= wait(futures",
                    "asyncio.wait(",
                    "asyncio.gather(",
                    "for i, result in enumerate(results):",
                    "enumerate(map(",
                    "result = ",
                ],
                from.saturating_sub(1),
            )
        });
        let receive = first(
            &[
                "show(",
                "for i, task in enumerate(tasks):",
                "for i, result in enumerate(",
                "= {result!r}",
                "print(f\"task {i}",
            ],
            collect.unwrap_or(from),
        );
        let callback = first(&["def on_done("], 0);
        Self {
            submit,
            collect,
            receive,
            callback,
        }
    }

    /// The line of `step`, if the program has one.
    pub fn line(&self, step: ProgramStep) -> Option<usize> {
        match step {
            ProgramStep::Submit => self.submit,
            ProgramStep::Collect => self.collect,
            ProgramStep::Receive => self.receive,
            ProgramStep::Callback => self.callback,
        }
    }
}
