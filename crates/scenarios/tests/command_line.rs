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
    assert!(String::from_utf8_lossy(&bad_language.stderr).contains("--lang python|rust"));
    let bad_field = futures_lab(&["program", "--scenario", "max_workers=0"]);
    assert_eq!(bad_field.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_field.stderr).contains("max_workers"));
    let no_scenario = futures_lab(&["program"]);
    assert_eq!(no_scenario.status.code(), Some(2));
    let lang_on_run = futures_lab(&["run", "--scenario", "workload=cpu_bound", "--lang", "rust"]);
    assert_eq!(lang_on_run.status.code(), Some(2));
}
