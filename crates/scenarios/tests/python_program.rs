//! The Python programs `python_program` writes: every accepted combination
//! spells its executor, API and parameters, every one is valid Python, and
//! (with `python3` on PATH) a handful run in CPython and print the results
//! that `play` reports.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_lab_scenarios::{
    play, python_program, workloads, Api, ExecutorKind, IntoEnumIterator, Report, RunEnv, Scenario,
};
use serde_json::Value;

/// The longest a generated program may run.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(60);

fn scenario(query: &str) -> Scenario {
    Scenario::from_query(query).unwrap()
}

/// Every workload × executor × api the scenario accepts.
fn every_combination() -> Vec<Scenario> {
    let mut scenarios = Vec::new();
    for workload in workloads::ALL {
        for executor in ExecutorKind::iter() {
            for api in Api::iter() {
                let query = format!("workload={}&executor={executor}&api={api}", workload.id());
                if let Ok(scenario) = Scenario::from_query(&query) {
                    scenarios.push(scenario);
                }
            }
        }
    }
    scenarios
}

fn paced(scenario: &Scenario) -> bool {
    workloads::find(&scenario.workload)
        .unwrap()
        .pacing(&scenario.params)
        .is_some()
}

/// What a program must contain for its executor and its API.
fn expected_spellings(scenario: &Scenario, task: &str) -> Vec<String> {
    use ExecutorKind::{Asyncio, Processes, Sequential, Threads};
    let mut expected = vec!["INPUTS = ".to_owned()];
    match scenario.executor {
        Sequential => {}
        Threads => expected.push("with ThreadPoolExecutor() as executor:".into()),
        Processes => expected.extend([
            "with ProcessPoolExecutor() as executor:".into(),
            "if __name__ == \"__main__\":\n    main()".into(),
        ]),
        Asyncio => expected.extend([format!("async def {task}("), "asyncio.run(main())".into()]),
    }
    let pool = matches!(scenario.executor, Threads | Processes);
    match (scenario.api, scenario.executor) {
        (Api::SubmitAsCompleted, Sequential) | (Api::Wait, Sequential) => {
            expected.push(format!("result = {task}(x)"));
        }
        (Api::Map, Sequential) if paced(scenario) => expected.push(format!("result = {task}(x)")),
        (Api::Map, Sequential) => expected.push(format!("map({task}, INPUTS)")),
        (Api::SubmitAsCompleted, Asyncio) => {
            expected.push("asyncio.as_completed([finished(task) for task in tasks])".into());
        }
        (Api::SubmitAsCompleted, _) => expected.push("as_completed(futures)".into()),
        (Api::Map, Asyncio) => expected.push("result = await task".into()),
        (Api::Map, _) if paced(scenario) => {
            expected.push("executor.map would submit every request at once".into());
        }
        (Api::Map, _) => expected.push(format!("executor.map({task}, INPUTS)")),
        (Api::Wait, Asyncio) => {
            expected.push("asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)".into());
        }
        (Api::Wait, _) => expected.push("wait(futures, return_when=ALL_COMPLETED)".into()),
        (Api::Gather, _) => expected.push("asyncio.gather(*tasks, return_exceptions=False)".into()),
        (Api::TaskGroup, _) => expected.push("async with asyncio.TaskGroup() as group:".into()),
    }
    if pool && scenario.api != Api::Map && !paced(scenario) {
        expected.push(format!("executor.submit({task}, x)"));
    }
    expected
}

#[test]
fn every_accepted_combination_spells_its_executor_and_api() {
    let scenarios = every_combination();
    // 7 workloads × (3 executors × 3 apis + asyncio × 5 apis).
    assert_eq!(scenarios.len(), 7 * (3 * 3 + 5));
    for scenario in scenarios {
        let program = python_program(&scenario);
        let name = task_name(&program);
        for spelling in expected_spellings(&scenario, &name) {
            assert!(
                program.contains(&spelling),
                "{}: no {spelling:?} in\n{program}",
                scenario.to_query()
            );
        }
        assert!(program.contains(&format!(
            "# The futures-lab scenario workload={}",
            scenario.workload
        )));
    }
}

/// The function each call runs, from `task <n>: <name>(` in the program.
fn task_name(program: &str) -> String {
    let after = program.split("print(f\"task {i}: ").nth(1).unwrap();
    after.split('(').next().unwrap().to_owned()
}

#[test]
fn the_scenario_fields_are_written_into_the_program() {
    let program = python_program(&scenario(
        "workload=download&inputs=a.example@5,b.invalid@100&executor=threads&max_workers=3&api=wait&timeout_s=2.5&return_when=FIRST_EXCEPTION&params=latency_ms:40,jitter_ms:0",
    ));
    for spelling in [
        "ThreadPoolExecutor(max_workers=3)",
        "wait(futures, timeout=2.5, return_when=FIRST_EXCEPTION)",
        "INPUTS = [\"a.example@5\", \"b.invalid@100\"]",
        "LATENCY_S = 0.04",
        "JITTER_S = 0",
        "free-threaded CPython (3.13t+)",
        "urllib.request.urlopen(url, timeout=timeout)",
        "time.sleep(latency)",
        "are simulated",
    ] {
        assert!(program.contains(spelling), "{spelling:?} in\n{program}");
    }

    let program = python_program(&scenario(
        "workload=is_prime&inputs=97&executor=processes&max_workers=2&max_tasks_per_child=5&chunksize=4&api=map&timeout_s=9",
    ));
    assert!(program.contains("ProcessPoolExecutor(max_workers=2, max_tasks_per_child=5)"));
    assert!(program.contains("executor.map(is_prime, INPUTS, timeout=9, chunksize=4)"));
    let spawned = python_program(&scenario(
        "workload=is_prime&inputs=97&executor=processes&max_workers=2&start_method=forkserver",
    ));
    assert!(spawned.contains("\nimport multiprocessing\n"), "{spawned}");
    assert!(spawned.contains(
        "ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context(\"forkserver\"))"
    ));
    assert!(
        !program.contains("free-threaded"),
        "no GIL words for processes"
    );

    let program = python_program(&scenario(
        "workload=points&executor=threads&gil=true&params=cache:locked,lookup_ms:30&timeout_s=1",
    ));
    for spelling in [
        "LOOKUP_S = 0.03",
        "lock = threading.Lock()",
        "with lock:",
        "as_completed(futures, timeout=1)",
        "CPython's GIL",
        "print(\"conversions counted:\", conversions)",
    ] {
        assert!(program.contains(spelling), "{spelling:?} in\n{program}");
    }

    let program = python_program(&scenario(
        "workload=points&executor=asyncio&api=gather&return_exceptions=true&timeout_s=3&params=cache:lru,capacity:7",
    ));
    for spelling in [
        "asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=3)",
        "CAPACITY = 7",
        "lock = asyncio.Lock()",
        "async with lock:",
        "cache.popitem(last=False)",
    ] {
        assert!(program.contains(spelling), "{spelling:?} in\n{program}");
    }

    let program = python_program(&scenario(
        "workload=stream&inputs=1,2,3&executor=asyncio&cooperative=true&params=rate:50,capacity:3,b_ms:4,c_ms:9",
    ));
    for spelling in [
        "RATE = 50",
        "CAPACITY = 3",
        "B_S = 0.004",
        "C_S = 0.009",
        "asyncio.BoundedSemaphore(CAPACITY)",
        "await asyncio.sleep(0)",
    ] {
        assert!(program.contains(spelling), "{spelling:?} in\n{program}");
    }
    let program = python_program(&scenario(
        "workload=cpu_bound&inputs=5,6&executor=asyncio&cooperative=true",
    ));
    assert!(program.contains("await asyncio.sleep(0)"));
    let program = python_program(&scenario("workload=cpu_bound&inputs=5,6&executor=asyncio"));
    assert!(!program.contains("await asyncio.sleep(0)"));
}

#[test]
fn long_inputs_are_written_exactly_and_compactly() {
    let consecutive: Vec<String> = (1000..1200).map(|n| n.to_string()).collect();
    let program = python_program(&scenario(&format!(
        "workload=cpu_bound&inputs={}",
        consecutive.join(",")
    )));
    assert!(
        program.contains("INPUTS = list(range(1000, 1200))\n"),
        "{program}"
    );
    assert!(
        program.contains("inputs=<the 200 INPUTS below>&"),
        "{program}"
    );
    assert!(program.len() < 4000, "{program}");

    let scattered: Vec<String> = (0..60).map(|n| (n * n).to_string()).collect();
    let program = python_program(&scenario(&format!(
        "workload=cpu_bound&inputs={}",
        scattered.join(",")
    )));
    let list = program.split("INPUTS = [").nth(1).unwrap();
    let list = &list[..list.find(']').unwrap()];
    let written: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    assert_eq!(written, scattered);
    assert!(program.lines().all(|line| line.len() <= 120), "{program}");
}

fn python3() -> Option<&'static str> {
    let found = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    found.then_some("python3")
}

#[test]
fn every_generated_program_is_valid_python() {
    let Some(python) = python3() else {
        eprintln!("skipped: python3 is not on PATH, so the programs cannot be compiled");
        return;
    };
    let mut programs: Vec<String> = every_combination().iter().map(python_program).collect();
    for extra in [
        "&timeout_s=1.5&max_workers=3&gil=true&cooperative=true&return_exceptions=true",
        "&params=cache:unsynchronized",
        "&params=cache:locked",
        "&params=cache:lru",
        "&callbacks=true",
    ] {
        for executor in ExecutorKind::iter() {
            for api in Api::iter() {
                let query = format!("workload=points&executor={executor}&api={api}{extra}");
                if let Ok(scenario) = Scenario::from_query(&query) {
                    programs.push(python_program(&scenario));
                }
            }
        }
    }
    let checker = "import json, sys\n\
        for i, source in enumerate(json.load(sys.stdin)):\n    \
            try:\n        compile(source, f'program{i}.py', 'exec')\n    \
            except SyntaxError as error:\n        print(f'program {i}: {error}')\n";
    let output = run_python(
        python,
        &["-c", checker],
        &serde_json::to_vec(&programs).unwrap(),
    );
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.is_empty(), "{stdout}");
}

fn run_python(python: &str, args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(python)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > PYTHON_TIMEOUT {
            child.kill().unwrap();
            panic!("python3 ran for more than {PYTHON_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// What a Python run printed, parsed.
#[derive(Debug, Default)]
struct Printed {
    /// Task id → `Ok(result repr)` or `Err("Class: message")`.
    tasks: BTreeMap<u64, Result<String, String>>,
    /// `<api> raised <Class>: ...` → the class.
    program_error: Option<String>,
    /// `done: [...]` and `not done: [...]`.
    done: Option<Vec<u64>>,
    not_done: Option<Vec<u64>>,
    /// Every other line.
    other: Vec<String>,
}

fn parse_printed(stdout: &str) -> Printed {
    let mut printed = Printed::default();
    let ids = |text: &str| -> Vec<u64> {
        text.trim_matches(['[', ']'])
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect()
    };
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("task ") {
            let (id, call) = rest.split_once(": ").unwrap();
            let outcome = match call.split_once(") raised ") {
                Some((_, error)) => Err(error.to_owned()),
                None => Ok(call.rsplit_once(" = ").unwrap().1.to_owned()),
            };
            printed.tasks.insert(id.parse().unwrap(), outcome);
        } else if let Some(rest) = line.strip_prefix("done: ") {
            printed.done = Some(ids(rest));
        } else if let Some(rest) = line.strip_prefix("not done: ") {
            printed.not_done = Some(ids(rest));
        } else if let Some((_, error)) = line.split_once(" raised ") {
            printed.program_error = error.split(':').next().map(str::to_owned);
        } else {
            printed.other.push(line.to_owned());
        }
    }
    printed
}

/// A report value as Python's `repr` writes it.
fn python_repr(value: &Value) -> String {
    match value {
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::String(digits) => digits.clone(),
        other => other.to_string(),
    }
}

/// How a Python result is compared with the lab's.
#[derive(Clone, Copy, PartialEq)]
enum Compare {
    /// The same value.
    Exactly,
    /// Both succeed (or fail alike), values aside: drawn or timed values.
    Outcome,
}

/// Runs `query` in CPython and in the lab, and checks that the program
/// printed, for each task the program received, what the report holds.
fn python_matches_play(query: &str, compare: Compare) -> Option<(Printed, Report)> {
    let Some(python) = python3() else {
        eprintln!("skipped {query}: python3 is not on PATH, so the program cannot be run");
        return None;
    };
    let scenario = scenario(query);
    let program = python_program(&scenario);
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "futures-lab-python-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("program.py");
    std::fs::write(&path, &program).unwrap();
    let output = run_python(python, &[path.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{query}:\n{program}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = parse_printed(&stdout);

    let worker = PathBuf::from(env!("CARGO_BIN_EXE_futures-lab"));
    let report = play(&scenario, &RunEnv::native_with_worker(Some(worker))).unwrap();
    let received: Vec<u64> = {
        let mut ids = report.result_order.clone();
        ids.sort_unstable();
        ids
    };
    let printed_ids: Vec<u64> = printed.tasks.keys().copied().collect();
    assert_eq!(printed_ids, received, "{query}: tasks printed\n{stdout}");
    for (id, outcome) in &printed.tasks {
        let task = &report.tasks[*id as usize];
        match (outcome, &task.result, &task.error) {
            (Ok(repr), Some(value), _) => {
                if compare == Compare::Exactly {
                    assert_eq!(repr, &python_repr(value), "{query}: task {id}");
                }
            }
            (Err(error), None, Some(lab)) => {
                let lab = lab.split(" in worker process").next().unwrap();
                assert!(
                    lab.starts_with(error.as_str()) || error.starts_with(lab),
                    "{query}: task {id}: {error} vs {lab}"
                );
            }
            _ => panic!("{query}: task {id}: printed {outcome:?}, the lab has {task:?}"),
        }
    }
    let lab_error_class = report
        .error
        .as_deref()
        .map(|error| error.split(':').next().unwrap().to_owned());
    assert_eq!(printed.program_error, lab_error_class, "{query}\n{stdout}");
    if let Some(split) = &report.wait {
        let mut done = split.done.clone();
        done.sort_unstable();
        assert_eq!(printed.done.as_ref(), Some(&done), "{query}\n{stdout}");
        assert_eq!(printed.not_done.as_ref(), Some(&split.not_done), "{query}");
    }
    assert!(
        printed
            .other
            .iter()
            .any(|line| line.starts_with("wall time: ")),
        "{query}\n{stdout}"
    );
    Some((printed, report))
}

#[test]
fn cpu_bound_on_threads_with_as_completed_prints_the_labs_results() {
    python_matches_play(
        "workload=cpu_bound&inputs=10,20,5000000&executor=threads&max_workers=2",
        Compare::Exactly,
    );
}

#[test]
fn is_prime_on_processes_with_map_prints_the_labs_results() {
    python_matches_play(
        "workload=is_prime&inputs=97,91,1000003,112272535095293&executor=processes&max_workers=2&api=map&chunksize=2&max_tasks_per_child=2",
        Compare::Exactly,
    );
}

#[test]
fn sum_generator_on_asyncio_with_gather_prints_the_labs_results() {
    python_matches_play(
        "workload=sum_generator&inputs=1000,10,100000&executor=asyncio&api=gather",
        Compare::Exactly,
    );
    python_matches_play(
        "workload=sum_generator&inputs=1000,10,100000&executor=asyncio&api=submit_as_completed&cooperative=true",
        Compare::Exactly,
    );
}

#[test]
fn download_on_threads_with_wait_first_exception_prints_the_labs_split() {
    let ran = python_matches_play(
        "workload=download&inputs=a.example@5,b.invalid@100,c.example@1000&executor=threads&max_workers=3&api=wait&return_when=FIRST_EXCEPTION&gil=true",
        Compare::Outcome,
    );
    if let Some((printed, report)) = ran {
        assert_eq!(printed.done, Some(vec![0, 1]));
        assert_eq!(report.wait.unwrap().not_done, vec![2]);
    }
}

#[test]
fn download_timeout_ends_as_completed_in_both() {
    python_matches_play(
        "workload=download&inputs=a.example@5,b.example@1000&executor=threads&max_workers=2&timeout_s=0.3",
        Compare::Outcome,
    );
}

#[test]
fn points_with_a_locked_cache_prints_the_labs_results_and_counter() {
    let ran = python_matches_play(
        "workload=points&inputs=1000,2500,1000,-5,12.5,5000000,2500&executor=threads&max_workers=2&params=cache:locked,lookup_ms:30",
        Compare::Exactly,
    );
    if let Some((printed, report)) = ran {
        let counted = report.stats.unwrap().cache.unwrap().counted;
        assert_eq!(counted, 2);
        assert!(printed.other.contains(&"conversions counted: 2".to_owned()));
    }
}

#[test]
fn asyncio_task_group_and_sequential_map_stop_as_the_lab_does() {
    python_matches_play(
        "workload=power&inputs=2**100,3**40,323**1235&executor=asyncio&api=task_group",
        Compare::Exactly,
    );
    python_matches_play(
        "workload=points&inputs=1000,-5,300&executor=asyncio&api=task_group&params=lookup_ms:1",
        Compare::Exactly,
    );
    python_matches_play(
        "workload=points&inputs=1000,-5,300&executor=sequential&api=map&params=lookup_ms:1",
        Compare::Exactly,
    );
}

#[test]
fn a_paced_stream_runs_every_request_through_the_producer() {
    python_matches_play(
        "workload=stream&inputs=1,2,3,4,5,6&executor=threads&max_workers=2&params=rate:500,capacity:2,c_ms:5",
        Compare::Outcome,
    );
}

/// `callback: task <id> done on <thread>` lines, parsed.
fn printed_callbacks(printed: &Printed) -> Vec<(u64, String)> {
    printed
        .other
        .iter()
        .filter_map(|line| {
            let (id, thread) = line
                .strip_prefix("callback: task ")?
                .split_once(" done on ")?;
            Some((id.parse().ok()?, thread.to_owned()))
        })
        .collect()
}

#[test]
fn callbacks_are_added_right_after_each_submit_and_printed_at_the_end() {
    let program = python_program(&scenario(
        "workload=download&inputs=a.example@5&executor=threads&api=wait&callbacks=true",
    ));
    for spelling in [
        "import threading",
        "callback_log = []",
        "def on_done(i):",
        "callback_log.append((i, threading.current_thread().name))",
        "        future = executor.submit(load_url, x)\n        future.add_done_callback(on_done(i))\n",
        "for i, thread in callback_log:",
    ] {
        assert!(program.contains(spelling), "{spelling:?} in\n{program}");
    }
    let program = python_program(&scenario(
        "workload=stream&inputs=1,2&executor=asyncio&api=task_group&callbacks=true",
    ));
    assert!(program.contains("task.add_done_callback(lambda _: room.release())\n                task.add_done_callback(on_done(i))\n"), "{program}");
    let program = python_program(&scenario(
        "workload=download&inputs=a.example@5&executor=threads",
    ));
    assert!(!program.contains("on_done"));
}

#[test]
fn callbacks_run_once_per_task_on_the_threads_the_lab_reports() {
    for (query, thread) in [
        (
            "workload=download&inputs=a.example@200,b.invalid@100,c.example@150&executor=threads&max_workers=2&callbacks=true",
            "ThreadPoolExecutor-",
        ),
        (
            "workload=download&inputs=a.example@200,b.example@100&executor=asyncio&api=gather&callbacks=true",
            "MainThread",
        ),
        (
            "workload=is_prime&inputs=97,91&executor=processes&max_workers=2&api=wait&callbacks=true",
            "Thread-1",
        ),
    ] {
        let Some((printed, report)) = python_matches_play(query, Compare::Outcome) else {
            return;
        };
        let mut python = printed_callbacks(&printed);
        python.sort();
        let mut lab: Vec<(u64, String)> = report
            .callbacks
            .iter()
            .map(|note| {
                let name = note.thread.as_deref().unwrap_or("MainThread");
                (note.future, name.to_owned())
            })
            .collect();
        lab.sort();
        let ids = |calls: &[(u64, String)]| calls.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        let all: Vec<u64> = (0..report.tasks.len() as u64).collect();
        assert_eq!(ids(&python), all, "{query}: {python:?}");
        assert_eq!(ids(&lab), all, "{query}: {lab:?}");
        // A callback added to a future already done runs at once in the
        // thread that adds it (MainThread): a process pool's tiny calls may
        // come back before the program adds it, in CPython as in the lab.
        for (_, name) in python.iter().chain(&lab) {
            assert!(
                name.starts_with(thread) || name == "MainThread",
                "{query}: {python:?} {lab:?}"
            );
        }
        assert!(
            lab.iter().any(|(_, name)| name.starts_with(thread)),
            "{query}: the executor's own thread ran some: {lab:?}"
        );
    }
}
