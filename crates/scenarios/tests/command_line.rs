//! The `futures-lab` command: `program` prints a scenario's program, and
//! bad input is named on stderr with exit status 2.

use std::process::{Command, Output};

fn futures_lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_futures-lab"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn program_prints_the_python_program_and_with_lang_rust_the_rust_one() {
    let scenario = "workload=cpu_bound&inputs=10,20&executor=threads&max_workers=2";
    let python = futures_lab(&["program", "--scenario", scenario]);
    assert!(python.status.success());
    let text = String::from_utf8(python.stdout).unwrap();
    assert!(
        text.contains("with ThreadPoolExecutor(max_workers=2) as executor:"),
        "{text}"
    );
    let rust = futures_lab(&[
        "program",
        &format!("--scenario={scenario}"),
        "--lang",
        "rust",
    ]);
    assert!(rust.status.success());
    assert!(String::from_utf8(rust.stdout)
        .unwrap()
        .contains("fn main()"));
}

#[test]
fn bad_arguments_and_bad_fields_exit_with_status_2_and_say_why() {
    let bad_language = futures_lab(&[
        "program",
        "--scenario",
        "workload=cpu_bound",
        "--lang",
        "go",
    ]);
    assert_eq!(bad_language.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_language.stderr)
        .contains(r#"--lang: must be one of python, rust, dask (got "go")"#));
    let bad_field = futures_lab(&["program", "--scenario", "max_workers=0"]);
    assert_eq!(bad_field.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_field.stderr).contains("max_workers"));
    let no_scenario = futures_lab(&["program"]);
    assert_eq!(no_scenario.status.code(), Some(2));
    let lang_on_run = futures_lab(&["run", "--scenario", "workload=cpu_bound", "--lang", "rust"]);
    assert_eq!(lang_on_run.status.code(), Some(2));
}

#[test]
fn a_run_over_its_budget_is_refused_with_status_2_unless_the_flags_allow_it() {
    // Forty downloads of 2 s, one at a time: 80 s, over the 60 s budget.
    let inputs = vec!["a.example@2000"; 40].join(",");
    let scenario = format!("workload=download&executor=sequential&inputs={inputs}");
    let refused = futures_lab(&["run", "--scenario", &scenario]);
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("this run would take about 80 s, mostly waiting (40 tasks); a run may take at most 60 s here"),
        "{said}"
    );
    assert!(said.contains("--budget-s"), "{said}");
    // Its memory alone is over 1 MiB: refused by that, allowed by more.
    let small = "workload=download&inputs=a.example@1,b.example@1&executor=threads";
    let memory = futures_lab(&["run", "--scenario", small, "--budget-mib", "0.01"]);
    assert_eq!(memory.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&memory.stderr).contains("a run may hold at most"));
    let allowed = futures_lab(&[
        "run",
        "--scenario",
        small,
        "--budget-s",
        "5",
        "--budget-mib",
        "1",
    ]);
    assert!(
        allowed.status.success(),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
    for bad in ["0", "-1", "abc", "inf", "NaN"] {
        let output = futures_lab(&["run", "--scenario", small, "--budget-s", bad]);
        assert_eq!(output.status.code(), Some(2), "--budget-s {bad}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("[--budget-s S]"));
    }
}

#[test]
fn a_workload_the_virtual_clock_does_not_play_is_refused_by_name_with_status_2() {
    let output = futures_lab(&["run", "--scenario", "clock=virtual&workload=stream"]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("clock: the virtual clock plays"), "{said}");
    assert!(said.contains("use clock=real for stream"), "{said}");
    // A shared cache plays on a plain loop and a thread pool, not elsewhere.
    let output = futures_lab(&[
        "run",
        "--scenario",
        "clock=virtual&workload=points&executor=asyncio",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("clock: the virtual clock plays points with the executors sequential, threads: use clock=real for asyncio"),
        "{said}"
    );
}
