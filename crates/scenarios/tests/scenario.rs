//! Scenarios from URLs and JSON: defaults, round trips, and errors that name the field.

use futures_lab_scenarios::{Api, ExecutorKind, Scenario, StartMethod, MAX_TASKS};
use serde_json::json;

fn error_of(text: &str) -> String {
    Scenario::parse(text).unwrap_err().to_string()
}

#[test]
fn empty_query_gives_the_classic_cpu_bound_scenario() {
    let scenario = Scenario::from_query("").unwrap();
    assert_eq!(scenario.workload, "cpu_bound");
    assert_eq!(scenario.inputs.len(), 20);
    assert_eq!(scenario.inputs[0], json!(5_000_000));
    assert_eq!(scenario.inputs[19], json!(5_000_019));
    assert_eq!(scenario.executor, ExecutorKind::Threads);
    assert_eq!(scenario.api, Api::SubmitAsCompleted);
    assert_eq!(scenario.max_workers, None);
}

#[test]
fn query_and_json_forms_give_the_same_scenario() {
    let from_query =
        Scenario::parse("?inputs=100000,200000&executor=sequential&max_workers=4&api=map&run=1")
            .unwrap();
    let from_json = Scenario::parse(
        r#"{"inputs": [100000, "200000"], "executor": "sequential", "max_workers": 4, "api": "map"}"#,
    )
    .unwrap();
    assert_eq!(from_query, from_json);
    assert_eq!(
        Scenario::from_query(&from_query.to_query()).unwrap(),
        from_query
    );
}

#[test]
fn max_workers_out_of_range_names_the_field_and_range() {
    for bad in ["0", "-1", "33", "100000", "abc", "1.5"] {
        assert_eq!(
            error_of(&format!("max_workers={bad}")),
            format!("max_workers: must be a whole number from 1 to 32 (got {bad:?})")
        );
    }
    assert!(error_of(r#"{"max_workers": -1}"#).starts_with("max_workers: must be a whole number"));
}

#[test]
fn unknown_executor_lists_the_allowed_ones() {
    assert_eq!(
        error_of("executor=nope"),
        "executor: must be one of sequential, threads, processes, asyncio (got \"nope\")"
    );
}

#[test]
fn unknown_workload_and_api_list_the_allowed_ones() {
    assert_eq!(
        error_of("workload=x"),
        "workload: must be one of sum_generator, is_prime, cpu_bound, power, download, points, stream (got \"x\")"
    );
    assert_eq!(
        error_of("api=scatter"),
        "api: must be one of submit_as_completed, map, wait, gather, task_group (got \"scatter\")"
    );
}

#[test]
fn bad_inputs_name_the_field_and_the_range() {
    assert_eq!(
        error_of("inputs=abc"),
        "inputs: each input must be a whole number from 0 to 1000000000 (got \"abc\")"
    );
    assert!(error_of("inputs=10,-5").contains("(got \"-5\")"));
    assert!(error_of("inputs=1000000001").starts_with("inputs: each input must be"));
    let too_many = vec!["1"; MAX_TASKS + 1].join(",");
    assert_eq!(
        error_of(&format!("inputs={too_many}")),
        format!(
            "inputs: must list from 1 to {MAX_TASKS} inputs (got {})",
            MAX_TASKS + 1
        )
    );
}

#[test]
fn unknown_fields_and_malformed_json_are_rejected_by_name() {
    assert_eq!(
        error_of("workers=2"),
        "workers: is not a scenario field; the fields are workload, inputs, params, seed, executor, max_workers, max_tasks_per_child, start_method, chunksize, gil, cooperative, api, return_exceptions, callbacks, timeout_s, return_when, python_version, clock, cpus, op_ns, speed"
    );
    assert!(error_of("{not json").starts_with("scenario: is not valid JSON"));
    assert_eq!(
        Scenario::from_json("[1, 2]").unwrap_err().to_string(),
        "scenario: must be a JSON object such as {\"workload\": \"cpu_bound\"}"
    );
    assert_eq!(
        error_of(r#"{"executor": {"kind": "threads"}}"#),
        "executor: must be a string, a number, or a list of them"
    );
}

#[test]
fn wait_fields_timeout_gil_and_version_are_validated_by_name() {
    let scenario = Scenario::from_query(
        "api=wait&return_when=FIRST_EXCEPTION&timeout_s=1.5&gil=true&python_version=3.12",
    )
    .unwrap();
    assert_eq!(
        Scenario::from_query(&scenario.to_query()).unwrap(),
        scenario
    );
    assert_eq!(
        error_of("return_when=SOMETIMES"),
        "return_when: must be one of FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED (got \"SOMETIMES\")"
    );
    assert_eq!(
        error_of("timeout_s=-1"),
        "timeout_s: must be a number of seconds from 0 to 3600 (got \"-1\")"
    );
    assert_eq!(
        error_of("gil=maybe"),
        "gil: must be true or false (got \"maybe\")"
    );
    assert_eq!(
        error_of("python_version=2.7"),
        "python_version: must be a version from 3.5 to 3.15 (got \"2.7\")"
    );
}

#[test]
fn callbacks_is_a_flag_that_round_trips_and_needs_futures() {
    assert!(!Scenario::default().callbacks);
    let scenario =
        Scenario::from_query("workload=download&executor=threads&api=wait&callbacks=true").unwrap();
    assert!(scenario.callbacks);
    assert!(scenario.to_query().contains("&callbacks=true"));
    assert_eq!(
        Scenario::from_query(&scenario.to_query()).unwrap(),
        scenario
    );
    let from_json = Scenario::parse(
        r#"{"workload": "download", "executor": "threads", "api": "wait", "callbacks": true}"#,
    )
    .unwrap();
    assert_eq!(from_json, scenario);
    assert_eq!(
        serde_json::to_value(&scenario).unwrap()["callbacks"],
        json!(true)
    );
    assert!(!Scenario::from_query("callbacks=0").unwrap().callbacks);
    assert!(
        Scenario::from_query("executor=asyncio&api=map&callbacks=1")
            .unwrap()
            .callbacks
    );
    assert_eq!(
        error_of("callbacks=yes"),
        "callbacks: must be true or false (got \"yes\")"
    );
    assert_eq!(
        error_of("executor=sequential&callbacks=true"),
        "callbacks: a plain loop has no futures to add a done callback to: use executor=threads, processes or asyncio (got executor=sequential)"
    );
    assert_eq!(
        error_of("executor=processes&api=map&callbacks=true"),
        "callbacks: executor.map hands out results, not futures, so there is nothing to add a done callback to: use api=submit_as_completed or api=wait (got api=map with executor=processes)"
    );
}

#[test]
fn clock_cpus_and_op_ns_are_validated_by_name_and_round_trip() {
    assert_eq!(
        error_of("clock=fake"),
        "clock: must be one of real, virtual (got \"fake\")"
    );
    assert_eq!(
        error_of("cpus=0"),
        "cpus: must be a whole number from 1 to 1024 (got \"0\")"
    );
    assert!(error_of("cpus=99999999999999999999").starts_with("cpus: must be a whole number"));
    assert_eq!(
        error_of("op_ns=-1"),
        "op_ns: must be a number of nanoseconds above 0 and at most 1000000 (got \"-1\")"
    );
    assert!(error_of("op_ns=NaN").starts_with("op_ns:"));
    let scenario = Scenario::from_query("clock=virtual&cpus=16&op_ns=35").unwrap();
    assert_eq!(scenario.clock, futures_lab_scenarios::Clock::Virtual);
    assert_eq!((scenario.cpus, scenario.op_ns), (Some(16), Some(35.0)));
    let query = scenario.to_query();
    assert!(query.ends_with("clock=virtual&cpus=16&op_ns=35"), "{query}");
    assert_eq!(Scenario::from_query(&query).unwrap(), scenario);
    // The real clock is the default and is not written.
    assert!(!Scenario::default().to_query().contains("clock"));
}

#[test]
fn speed_names_this_build_or_a_measured_cpython() {
    let error = error_of("speed=cpython-2.7");
    assert!(
        error.starts_with("speed: must be one of this-build, cpython-3."),
        "{error}"
    );
    assert!(error.ends_with("(got \"cpython-2.7\")"), "{error}");
    assert!(error_of("speed=fast").starts_with("speed: must be one of this-build"));
    // Every CPython the data file timed is a choice.
    for measured in futures_lab_scenarios::CpythonCosts::get().timed() {
        let minor: Vec<&str> = measured.python.split('.').take(2).collect();
        let name = format!("cpython-{}", minor.join("."));
        assert!(error.contains(&name), "{name} is not offered: {error}");
        let scenario = Scenario::from_query(&format!("clock=virtual&speed={name}")).unwrap();
        assert_eq!(scenario.speed.to_string(), name);
        assert!(scenario.to_query().ends_with(&format!("speed={name}")));
        assert_eq!(
            Scenario::from_query(&scenario.to_query()).unwrap(),
            scenario
        );
    }
    // This build's speed is the default and is not written.
    let this_build = Scenario::from_query("clock=virtual&speed=this-build").unwrap();
    assert_eq!(this_build, Scenario::from_query("clock=virtual").unwrap());
    assert!(!this_build.to_query().contains("speed"));
}

#[test]
fn start_method_is_validated_by_name_round_trips_and_follows_cpython_defaults() {
    assert_eq!(
        error_of("executor=processes&start_method=vfork"),
        "start_method: must be one of fork, spawn, forkserver (got \"vfork\")"
    );
    assert_eq!(
        error_of("executor=processes&start_method=fork&max_tasks_per_child=2"),
        "start_method: max_tasks_per_child is incompatible with the 'fork' start method: use spawn or forkserver, or leave start_method out (got start_method=fork)"
    );
    let spawn = Scenario::from_query("executor=processes&start_method=spawn").unwrap();
    assert_eq!(spawn.start_method, Some(StartMethod::Spawn));
    assert_eq!(Scenario::from_query(&spawn.to_query()).unwrap(), spawn);
    let json = serde_json::to_string(&spawn).unwrap();
    assert_eq!(Scenario::from_json(&json).unwrap(), spawn);
    // Unnamed: Linux's default for the version, or spawn with max_tasks_per_child.
    let effective = |query: &str| Scenario::from_query(query).unwrap().start_method();
    assert_eq!(effective("executor=processes"), StartMethod::Fork);
    assert_eq!(
        effective("executor=processes&python_version=3.14"),
        StartMethod::Forkserver
    );
    assert_eq!(
        effective("executor=processes&max_tasks_per_child=3"),
        StartMethod::Spawn
    );
    // Off the process pool it is dropped, as chunksize is.
    assert_eq!(
        spawn.retarget(ExecutorKind::Threads, false).start_method,
        None
    );
}
