//! The Rust programs `rust_program` writes. Each checked-in example under
//! `examples/program_*.rs` is the generated program of one scenario, so
//! `cargo test`, which builds every example, compiles what the generator
//! writes; these tests keep the files in step with the generator, check the
//! layout of many more programs with rustfmt, and run the built examples.
//!
//! After changing the generator: `FUTURES_LAB_BLESS=1 cargo test -p
//! futures-lab-scenarios --test rust_program` rewrites the examples.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use futures_lab_scenarios::{
    play, rust_program, workloads, Api, ExecutorKind, IntoEnumIterator, Report, RunEnv, Scenario,
};

/// The checked-in examples and their scenarios: together they take every
/// branch of the generator (thread pool and plain loop; `as_completed`,
/// `map` and `wait`; a timeout or none; `play` with and without worker
/// processes; done callbacks).
const EXAMPLES: &[(&str, &str)] = &[
    (
        "program_threads_as_completed",
        "workload=cpu_bound&inputs=10,20,30&executor=threads&max_workers=2&timeout_s=30",
    ),
    (
        "program_sequential_map",
        "workload=points&inputs=1000,2500,-5,300&executor=sequential&api=map&params=cache:locked,lookup_ms:1",
    ),
    (
        "program_threads_wait",
        "workload=download&inputs=a.example@5,b.invalid@100,c.example@1000&executor=threads&max_workers=3&gil=true&api=wait&return_when=FIRST_EXCEPTION",
    ),
    (
        "program_processes_map",
        "workload=is_prime&inputs=97,91,1000003&executor=processes&max_workers=2&api=map&chunksize=2",
    ),
    (
        "program_asyncio_gather",
        "workload=sum_generator&inputs=1000,10,100000&executor=asyncio&api=gather&cooperative=true",
    ),
    (
        "program_threads_callbacks",
        "workload=download&inputs=a.example@50,b.invalid@10,c.example@20&executor=threads&max_workers=2&callbacks=true",
    ),
];

fn example_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.rs"))
}

fn scenario(query: &str) -> Scenario {
    Scenario::from_query(query).unwrap()
}

#[test]
fn checked_in_examples_are_the_generated_programs() {
    let bless = std::env::var_os("FUTURES_LAB_BLESS").is_some();
    for (name, query) in EXAMPLES {
        let generated = rust_program(&scenario(query));
        let path = example_path(name);
        if bless {
            std::fs::write(&path, &generated).unwrap();
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated,
            "{} is not rust_program({query:?}); rewrite it with FUTURES_LAB_BLESS=1",
            path.display()
        );
    }
}

/// Every executor × api the scenario accepts, with and without a timeout,
/// `max_workers` and the GIL, and a paced workload.
fn many_scenarios() -> Vec<Scenario> {
    let mut scenarios = Vec::new();
    for executor in ExecutorKind::iter() {
        for api in Api::iter() {
            for extra in [
                "&timeout_s=2&max_workers=3&gil=true&return_when=FIRST_COMPLETED",
                "&callbacks=true",
                "",
            ] {
                for workload in ["points", "stream"] {
                    let query = format!("workload={workload}&executor={executor}&api={api}{extra}");
                    if let Ok(scenario) = Scenario::from_query(&query) {
                        scenarios.push(scenario);
                    }
                }
            }
        }
    }
    scenarios
}

#[test]
fn generated_programs_are_laid_out_as_rustfmt_lays_them_out() {
    let version = Command::new("rustfmt").arg("--version").output();
    if !version.is_ok_and(|output| output.status.success()) {
        eprintln!("skipped: rustfmt is not on PATH, so the layout cannot be checked");
        return;
    }
    let scenarios = many_scenarios();
    assert!(scenarios.len() > 30, "{}", scenarios.len());
    for scenario in scenarios {
        let program = rust_program(&scenario);
        let mut rustfmt = Command::new("rustfmt")
            .args(["--check", "--edition", "2021"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        rustfmt
            .stdin
            .take()
            .unwrap()
            .write_all(program.as_bytes())
            .unwrap();
        let output = rustfmt.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "rustfmt would change rust_program({:?}):\n{}",
            scenario.to_query(),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn every_program_builds_its_scenario_from_its_query() {
    for scenario in many_scenarios() {
        let program = rust_program(&scenario);
        let literal = program
            .split("const SCENARIO: &str =")
            .nth(1)
            .and_then(|rest| rest.split('"').nth(1))
            .unwrap();
        // The query keeps what matters (return_when only for api=wait).
        let rebuilt = Scenario::from_query(literal).unwrap();
        assert_eq!(rebuilt.to_query(), scenario.to_query());
        assert!(program.contains("Scenario::from_query(SCENARIO)?"));
        let core_api = matches!(
            scenario.executor,
            ExecutorKind::Threads | ExecutorKind::Sequential
        ) && workloads::find(&scenario.workload)
            .unwrap()
            .pacing(&scenario.params)
            .is_none();
        if core_api {
            let spelling = match scenario.api {
                Api::Map => "executor.map(",
                Api::Wait => "wait(&futures, timeout, ReturnWhen::",
                _ => "as_completed(&futures, timeout)",
            };
            assert!(program.contains(spelling), "{spelling}\n{program}");
        } else {
            assert!(program.contains("play(&scenario, &env)?"), "{program}");
        }
        if scenario.executor == ExecutorKind::Threads && core_api {
            assert!(program.contains(&format!(".gil({})", scenario.gil)));
        }
        if scenario.executor == ExecutorKind::Processes {
            assert!(program.contains("serve_worker(&mut handler"));
        }
    }
}

/// `task <id>: <input> -> <value>` lines, as the examples print them.
fn printed_results(stdout: &str) -> Vec<(u64, String)> {
    stdout
        .lines()
        .filter_map(|line| {
            let (id, rest) = line.strip_prefix("task ")?.split_once(": ")?;
            Some((id.parse().ok()?, rest.to_owned()))
        })
        .collect()
}

fn report_line(report: &Report, id: u64) -> String {
    let task = &report.tasks[id as usize];
    match (&task.result, &task.error) {
        (Some(value), _) => format!("{} -> {value}", task.input),
        (None, Some(error)) => format!("{} raised {error}", task.input),
        (None, None) => format!("{} is {}", task.input, task.state),
    }
}

#[test]
fn built_examples_print_what_play_reports() {
    let examples_dir = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join("examples");
    let worker = PathBuf::from(env!("CARGO_BIN_EXE_futures-lab"));
    for (name, query) in EXAMPLES {
        let program = examples_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        if !program.exists() {
            eprintln!(
                "skipped {name}: {} is not built (cargo test builds the examples; cargo test --test rust_program does not)",
                program.display()
            );
            continue;
        }
        let output = Command::new(&program).output().unwrap();
        assert!(output.status.success(), "{name}: {output:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("wall time: "), "{name}: {stdout}");
        let report = play(
            &scenario(query),
            &RunEnv::native_with_worker(Some(worker.clone())),
        )
        .unwrap();
        let mut printed = printed_results(&stdout);
        printed.sort();
        let mut expected: Vec<(u64, String)> = report
            .result_order
            .iter()
            .map(|&id| (id, report_line(&report, id)))
            .collect();
        expected.sort();
        if scenario(query).executor == ExecutorKind::Processes {
            // A worker's error names its own process: compare up to that.
            printed
                .iter_mut()
                .chain(expected.iter_mut())
                .for_each(|(_, line)| {
                    line.truncate(line.find(" in worker process").unwrap_or(line.len()));
                });
        }
        assert_eq!(printed, expected, "{name}: {stdout}");
    }
}
