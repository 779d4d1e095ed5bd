//! The futures-lab scenario `workload=points&inputs=1000,2500,-5,300&params=cache:locked,capacity:4,lookup_ms:1&executor=sequential&api=map`
//! with futures-lab's core API: a plain loop, executor.map.
//!
//! Its Cargo.toml needs `futures-lab-core`, `futures-lab-scenarios` and `serde_json`.

use std::time::Instant;

use futures_lab_core::{block_on, Executor, ExecutorExt, MapOptions, Sequential, Tracer};
use futures_lab_scenarios::{workloads, Scenario};
use serde_json::Value;

/// The scenario, as the playground's URL gives it.
const SCENARIO: &str = "workload=points&inputs=1000,2500,-5,300&params=cache:locked,capacity:4,lookup_ms:1&executor=sequential&api=map";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scenario = Scenario::from_query(SCENARIO)?;
    let workload = workloads::find(&scenario.workload).ok_or("no workload")?;
    // The task: the workload's code, with what its calls share (a cache, say).
    let task = workload.prepare(&scenario.params, scenario.seed);
    let start = Instant::now();
    let executor = Sequential::new(Tracer::discard());
    let timeout = None; // no timeout: wait as long as it takes
    let options = MapOptions {
        timeout,
        ..MapOptions::default()
    };
    let results = executor.map(
        move |input: Value, ctx| block_on(task.call(&input, ctx)),
        scenario.inputs.clone(),
        options,
    )?;
    for (id, result) in results.enumerate() {
        match result {
            Ok(value) => println!("task {id}: {} -> {value}", scenario.inputs[id]),
            Err(error) => {
                println!("map raised {error}");
                break;
            }
        }
    }
    executor.shutdown(true, false); // leaving Python's `with` block
    println!("wall time: {:.3} s", start.elapsed().as_secs_f64());
    Ok(())
}
