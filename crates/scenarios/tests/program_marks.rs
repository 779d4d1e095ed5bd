//! The program follows the replay: every generated Python program has a
//! line for each step of its main thread, and each is the line that does it.

use futures_lab_scenarios::{python_program, ProgramMarks, ProgramStep, Scenario};

const APIS: [&str; 5] = ["submit_as_completed", "map", "wait", "gather", "task_group"];
const EXECUTORS: [&str; 4] = ["sequential", "threads", "processes", "asyncio"];

#[test]
fn every_program_marks_its_submit_its_wait_and_its_result() {
    let mut checked = 0;
    for executor in EXECUTORS {
        for api in APIS {
            for callbacks in [false, true] {
                for workload in ["cpu_bound", "download", "stream"] {
                    let query = format!(
                        "workload={workload}&executor={executor}&api={api}&callbacks={callbacks}"
                    );
                    let Ok(scenario) = Scenario::from_query(&query) else {
                        continue;
                    };
                    checked += 1;
                    let program = python_program(&scenario);
                    let lines: Vec<&str> = program.lines().collect();
                    let marks = ProgramMarks::of(&scenario);
                    let line = |step| {
                        let at = marks
                            .line(step)
                            .unwrap_or_else(|| panic!("{query}: no {step:?} line in\n{program}"));
                        lines[at - 1].trim()
                    };
                    let submit = line(ProgramStep::Submit);
                    assert!(
                        [
                            "submit(",
                            "create_task(",
                            "map(",
                            "for i, x in enumerate(INPUTS)"
                        ]
                        .iter()
                        .any(|call| submit.contains(call)),
                        "{query}: submit at {submit:?}"
                    );
                    let collect = line(ProgramStep::Collect);
                    assert!(
                        [
                            "as_completed(",
                            "wait(",
                            "gather(",
                            "TaskGroup()",
                            "enumerate(",
                            "result = "
                        ]
                        .iter()
                        .any(|call| collect.contains(call)),
                        "{query}: collect at {collect:?}"
                    );
                    let receive = line(ProgramStep::Receive);
                    assert!(
                        [
                            "show(",
                            "print(f\"task {i}",
                            "for i, result in",
                            "for i, task in"
                        ]
                        .iter()
                        .any(|call| receive.contains(call)),
                        "{query}: receive at {receive:?}"
                    );
                    assert!(
                        marks.line(ProgramStep::Receive) >= marks.line(ProgramStep::Collect),
                        "{query}: a result is taken after the wait for it"
                    );
                    assert_eq!(
                        marks.line(ProgramStep::Callback).is_some(),
                        scenario.callbacks,
                        "{query}"
                    );
                }
            }
        }
    }
    assert!(checked > 30, "{checked} programs checked");
}
