//! Input that could exhaust the page is measured before it is parsed, and a
//! bad value is shown in an error by its start and length, never whole.

use futures_lab_scenarios::{Scenario, EXCERPT_CHARS, MAX_SCENARIO_CHARS, MAX_TASKS};

fn error_of(text: &str) -> String {
    Scenario::parse(text).unwrap_err().to_string()
}

#[test]
fn a_scenario_text_over_the_limit_is_refused_by_its_length_alone() {
    // 60 MB of inputs: refused as a length, before a single input is split.
    let huge = format!("inputs={}", "1,".repeat(30_000_000));
    let error = error_of(&huge);
    assert_eq!(
        error,
        format!(
            "scenario: must be at most {MAX_SCENARIO_CHARS} characters long (got {})",
            huge.len()
        )
    );
    // The JSON form and the query form alike.
    let json = format!("{{\"inputs\": \"{}\"}}", "1,".repeat(600_000));
    assert!(
        error_of(&json).starts_with("scenario: must be at most 1000000 characters long (got 1200")
    );
    assert!(Scenario::from_query(&huge).is_err());
    // Characters, not bytes: a text of many-byte characters under the limit is read.
    let wide = format!("workload={}", "가".repeat(400_000));
    assert!(wide.len() > MAX_SCENARIO_CHARS);
    assert!(error_of(&wide).starts_with("workload: must be one of "));
}

#[test]
fn too_many_inputs_are_counted_before_they_are_split() {
    let text = format!("inputs={}", vec!["7"; MAX_TASKS + 1].join(","));
    assert_eq!(
        error_of(&text),
        format!(
            "inputs: must list from 1 to {MAX_TASKS} inputs (got {})",
            MAX_TASKS + 1
        )
    );
    let at_the_limit = format!("inputs={}", vec!["7"; MAX_TASKS].join(","));
    assert_eq!(
        Scenario::parse(&at_the_limit).unwrap().inputs.len(),
        MAX_TASKS
    );
}

#[test]
fn an_error_shows_the_start_of_a_long_bad_value_and_its_length() {
    let long = "x".repeat(100_000);
    let error = error_of(&format!("executor={long}"));
    assert_eq!(
        error,
        format!(
            "executor: must be one of sequential, threads, processes, asyncio (got {:?}… (100000 characters))",
            "x".repeat(EXCERPT_CHARS)
        )
    );
    let error = error_of(&format!("inputs=1,{long}"));
    assert!(error.len() < 300, "{} bytes", error.len());
    assert!(error.ends_with("… (100000 characters))"), "{error}");
    // A short bad value is shown whole, as before.
    assert!(error_of("max_workers=abc").ends_with("(got \"abc\")"));
}

#[test]
fn a_separator_inside_one_value_is_refused_by_name() {
    assert_eq!(
        error_of(r#"{"inputs": ["1,2,3"]}"#),
        "inputs[0]: must be one value, without ',' (a list gives each value as an item of its own; got \"1,2,3\")"
    );
    assert_eq!(
        error_of(r#"{"workload": "download", "params": {"latency_ms": "1,jitter_ms:60000"}}"#),
        "params.latency_ms: must be one value, without ',' (a list gives each value as an item of its own; got \"1,jitter_ms:60000\")"
    );
    assert!(
        error_of(r#"{"workload": "download", "params": {"latency_ms:5": 1}}"#)
            .starts_with("params: must be one value, without ':'")
    );
    // One value per item is what a list is for; a whole string still lists several.
    assert_eq!(
        Scenario::parse(r#"{"inputs": [1, "2", 3]}"#)
            .unwrap()
            .inputs
            .len(),
        3
    );
    assert_eq!(
        Scenario::parse(r#"{"inputs": "1,2,3"}"#)
            .unwrap()
            .inputs
            .len(),
        3
    );
    let urls = Scenario::parse(r#"{"workload": "download", "inputs": ["https://a.example@40"]}"#);
    assert_eq!(
        urls.unwrap().inputs.len(),
        1,
        "a colon inside an input is its own"
    );
}
