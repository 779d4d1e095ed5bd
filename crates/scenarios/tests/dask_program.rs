//! The dask.distributed program of a scenario: written for every pool
//! scenario dask can express (each one valid Python, naming its scenario on
//! its first line as the CPython program does), refused with the reason
//! for the rest. `python/tests/test_dask.py` runs some on a LocalCluster.

use std::process::Command;

use futures_lab_scenarios::{dask_program, python_program, Scenario};

fn every_pool_scenario() -> Vec<String> {
    let mut queries = Vec::new();
    for executor in [
        "threads&max_workers=2",
        "processes&max_workers=2&chunksize=2&max_tasks_per_child=3",
        "threads",
    ] {
        for api in [
            "submit_as_completed",
            "map",
            "wait&return_when=FIRST_COMPLETED",
            "wait&return_when=FIRST_EXCEPTION",
            "wait&return_when=ALL_COMPLETED",
        ] {
            for extra in ["", "&timeout_s=0.5", "&callbacks=true"] {
                if api == "map" && extra == "&callbacks=true" {
                    continue; // map hands out results, not futures
                }
                queries.push(format!(
                    "workload=cpu_bound&inputs=10,20,10&executor={executor}&api={api}{extra}"
                ));
            }
        }
    }
    queries
}

#[test]
fn every_pool_scenario_becomes_a_valid_dask_program() {
    let dir = std::env::temp_dir().join(format!("futures-lab-dask-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (n, query) in every_pool_scenario().iter().enumerate() {
        let scenario = Scenario::from_query(query).unwrap();
        let program = dask_program(&scenario).unwrap_or_else(|why| panic!("{query}: {why}"));
        let python = python_program(&scenario);
        assert_eq!(
            program.lines().next(),
            python.lines().next(),
            "the first line names the scenario"
        );
        assert!(program.contains("pure=False"), "{query}");
        assert!(program.contains("SCHEDULER = None"), "{query}");
        if scenario.return_when.as_str() == "FIRST_EXCEPTION" && query.contains("api=wait") {
            assert!(program.contains("as_completed(futures"), "{query}");
        }
        let file = dir.join(format!("dask_{n}.py"));
        std::fs::write(&file, program).unwrap();
        files.push(file);
    }
    // Every file parses as Python (ast.parse: no dask needed).
    let check = Command::new("python3")
        .arg("-c")
        .arg("import ast, sys\nfor path in sys.argv[1:]:\n    ast.parse(open(path).read(), path)")
        .args(&files)
        .output()
        .expect("python3 runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn what_dask_cannot_express_is_refused_with_the_reason() {
    for (query, field) in [
        (
            "workload=download&executor=asyncio&api=gather",
            "executor=asyncio",
        ),
        (
            "workload=cpu_bound&executor=sequential",
            "executor=sequential",
        ),
        ("workload=points&executor=processes", "workload=points"),
        ("workload=stream&executor=threads", "workload=stream"),
    ] {
        let why = dask_program(&Scenario::from_query(query).unwrap())
            .unwrap_err()
            .to_string();
        assert!(why.starts_with(&format!("{field}: ")), "{query}: {why}");
    }
}
