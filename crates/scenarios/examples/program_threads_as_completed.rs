//! The futures-lab scenario `workload=cpu_bound&inputs=10,20,30&executor=threads&max_workers=2&api=submit_as_completed&timeout_s=30`
//! with futures-lab's core API: `ThreadPoolExecutor(max_workers=2)`, submit, then as_completed.
//!
//! Its Cargo.toml needs `futures-lab-core`, `futures-lab-scenarios` and `serde_json`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_lab_core::{as_completed, block_on, Executor, ExecutorExt, Future, ThreadPool, Tracer};
use futures_lab_scenarios::{workloads, Scenario};
use serde_json::Value;

/// The scenario, as the playground's URL gives it.
const SCENARIO: &str = "workload=cpu_bound&inputs=10,20,30&executor=threads&max_workers=2&api=submit_as_completed&timeout_s=30";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scenario = Scenario::from_query(SCENARIO)?;
    let workload = workloads::find(&scenario.workload).ok_or("no workload")?;
    // The task: the workload's code, with what its calls share (a cache, say).
    let task = workload.prepare(&scenario.params, scenario.seed);
    let start = Instant::now();
    // gil(false): no GIL, as in free-threaded CPython (3.13t+).
    let executor = ThreadPool::builder()
        .max_workers(2)
        .gil(false)
        .build(Tracer::discard())?;
    let futures = scenario
        .inputs
        .iter()
        .map(|input| {
            let (task, input) = (Arc::clone(&task), input.clone());
            executor.submit(move |ctx| block_on(task.call(&input, ctx)))
        })
        .collect::<Result<Vec<Future<Value>>, _>>()?;
    let timeout = Some(Duration::from_secs_f64(30.0)); // timeout=30
    for future in as_completed(&futures, timeout) {
        match future {
            Ok(future) => show(&scenario, &future),
            Err(error) => {
                println!("as_completed raised {error}");
                break;
            }
        }
    }
    executor.shutdown(true, false); // leaving Python's `with` block
    println!("wall time: {:.3} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// Prints what a task gave: its result, or the exception it raised.
fn show(scenario: &Scenario, future: &Future<Value>) {
    let id = future.id().unwrap_or_default();
    let input = &scenario.inputs[id as usize];
    match future.try_result() {
        Ok(value) => println!("task {id}: {input} -> {value}"),
        Err(error) => println!("task {id}: {input} raised {error}"),
    }
}
