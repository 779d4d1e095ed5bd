//! CPython's traces decode as the lab's own reports, and agree with the lab.
//!
//! `python/futures_lab_trace.py` runs programs in the machine's `python3`
//! and writes a [`Report`]. Here the programs futures-lab generates for a
//! few scenarios (pinned download latencies at least 75 ms apart, so that
//! CPython's order is the same run after run) are traced: each report
//! decodes, names its scenario, and shows what the virtual clock predicts
//! for the same scenario: every future's state and outcome, the order the
//! program received them, `wait`'s split, and the program's own exception.
//! The tracer's sample programs (`python/tests/programs`, none of them the
//! lab's) decode too, without a scenario.

use std::path::{Path, PathBuf};
use std::process::Command;

use futures_lab_scenarios::{play, python_program, Clock, Report, RunEnv, Scenario};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Traces `script` with the tracer and decodes its report.
fn traced(script: &Path, dir: &Path) -> Report {
    let output = dir.join(format!(
        "{}.json",
        script.file_stem().unwrap().to_string_lossy()
    ));
    let run = Command::new("python3")
        .arg(repository().join("python/futures_lab_trace.py"))
        .arg("-o")
        .arg(&output)
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("python3 runs (the tests need CPython 3.11 or later on PATH)");
    assert!(
        run.status.success() || script.ends_with("raises.py") || script.ends_with("exits.py"),
        "{}: {}",
        script.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&output).expect("the tracer wrote its report");
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} does not decode: {error}", output.display()))
}

const SCENARIOS: [&str; 6] = [
    "workload=download&inputs=a@300,b@75,c@150,d@450&executor=threads&max_workers=2",
    "workload=download&inputs=a@300,b@75,bad.invalid,d@450&executor=threads&max_workers=2&api=wait&return_when=FIRST_EXCEPTION",
    "workload=download&inputs=a@300,b@75,c@150&executor=threads&max_workers=2&api=map&timeout_s=0.2",
    "workload=download&inputs=a@300,b@75,c@150&executor=processes&max_workers=2&api=wait&return_when=FIRST_COMPLETED",
    "workload=download&inputs=a@300,b@75,bad.invalid&executor=asyncio&api=gather&return_exceptions=true",
    "workload=download&inputs=a@300,b@75,bad.invalid&executor=asyncio&api=task_group",
];

#[test]
fn a_generated_program_traced_in_cpython_shows_what_the_virtual_clock_predicts() {
    let dir = tempfile::tempdir().unwrap();
    for (n, query) in SCENARIOS.iter().enumerate() {
        let scenario = Scenario::from_query(query).unwrap();
        let script = dir.path().join(format!("scenario_{n}.py"));
        std::fs::write(&script, python_program(&scenario)).unwrap();
        let cpython = traced(&script, dir.path());
        let mut predicted = scenario.clone();
        predicted.clock = Clock::Virtual;
        let lab = play(&predicted, &RunEnv::native()).unwrap();

        assert_eq!(cpython.mode, "cpython");
        assert_eq!(cpython.scenario.as_ref(), Some(&scenario), "{query}");
        assert_eq!(cpython.tasks.len(), lab.tasks.len(), "{query}");
        for (python, lab) in cpython.tasks.iter().zip(&lab.tasks) {
            assert_eq!(python.state, lab.state, "{query}: future {}", lab.id);
            assert_eq!(python.result, lab.result, "{query}: future {}", lab.id);
            let class = |error: &Option<String>| {
                error
                    .as_deref()
                    .map(|e| e.split(':').next().unwrap_or_default().to_owned())
            };
            assert_eq!(class(&python.error), class(&lab.error), "{query}");
            assert_eq!(python.call.as_deref(), Some("load_url"), "{query}");
        }
        assert_eq!(cpython.result_order, lab.result_order, "{query}");
        if lab.yielded_as_completed() {
            assert_eq!(cpython.completion_order, lab.completion_order, "{query}");
        }
        assert_eq!(
            cpython
                .wait
                .as_ref()
                .map(|w| (&w.done, &w.not_done, &w.reason)),
            lab.wait.as_ref().map(|w| (&w.done, &w.not_done, &w.reason)),
            "{query}"
        );
        assert_eq!(
            cpython.error.is_some(),
            lab.error.is_some(),
            "{query}: {:?} / {:?}",
            cpython.error,
            lab.error
        );
        // The times are CPython's own: a pinned latency (75 ms and more)
        // or a failing name (50 ms) is slept for real.
        let slowest = cpython
            .tasks
            .iter()
            .filter_map(|t| Some(t.finished_ms? - t.started_ms?))
            .fold(0.0, f64::max);
        assert!(slowest >= 50.0, "{query}: {slowest} ms");
        let program = cpython.program.as_ref().expect("a trace has its program");
        assert_eq!(program.exit_status, 0, "{query}");
        assert!(!program.calls.is_empty(), "{query}");
    }
}

#[test]
fn the_tracer_samples_decode_without_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let programs = repository().join("python/tests/programs");
    let mut decoded = 0;
    for entry in std::fs::read_dir(&programs).unwrap() {
        let script = entry.unwrap().path();
        if script.extension().is_none_or(|e| e != "py") {
            continue;
        }
        let report = traced(&script, dir.path());
        assert!(report.scenario.is_none(), "{}", script.display());
        assert!(!report.tasks.is_empty(), "{}", script.display());
        let program = report.program.expect("a trace has its program");
        assert!(program.python.starts_with("3."), "{}", program.python);
        let time = &report.tasks[0].time;
        assert!(time.computing_ms + time.other_ms >= 0.0);
        decoded += 1;
    }
    assert!(decoded >= 6, "{decoded} sample programs");
}

#[test]
fn a_broken_trace_is_refused_naming_what_is_wrong() {
    let error = serde_json::from_str::<Report>(r#"{"mode": "cpython", "wall_ms": 1}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing field"), "{error}");
    let bad_scenario = r#"{"scenario": "workload=nope", "mode": "cpython"}"#;
    let error = serde_json::from_str::<Report>(bad_scenario)
        .unwrap_err()
        .to_string();
    assert!(error.contains("workload"), "{error}");
}
