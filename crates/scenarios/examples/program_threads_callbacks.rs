//! The futures-lab scenario `workload=download&inputs=a.example@50,b.invalid@10,c.example@20&params=jitter_ms:150,latency_ms:200&executor=threads&max_workers=2&api=submit_as_completed&callbacks=true`
//! with futures-lab's core API: `ThreadPoolExecutor(max_workers=2)`, submit, then as_completed.
//!
//! Its Cargo.toml needs `futures-lab-core`, `futures-lab-scenarios` and `serde_json`.

use std::sync::Arc;
use std::time::Instant;

use futures_lab_core::{as_completed, block_on, Executor, ExecutorExt, Future, ThreadPool, Tracer};
use futures_lab_scenarios::{workloads, Scenario};
use serde_json::Value;

/// The scenario, as the playground's URL gives it.
const SCENARIO: &str = "workload=download&inputs=a.example@50,b.invalid@10,c.example@20&params=jitter_ms:150,latency_ms:200&executor=threads&max_workers=2&api=submit_as_completed&callbacks=true";

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
            executor
                .submit(move |ctx| block_on(task.call(&input, ctx)))
                .inspect(|future| future.add_done_callback(print_done))
        })
        .collect::<Result<Vec<Future<Value>>, _>>()?;
    let timeout = None; // no timeout: wait as long as it takes
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

/// The done callback: it runs in the thread that completes the future, or at
/// once in this thread if the future is already done.
fn print_done(future: &Future<Value>) {
    let id = future.id().unwrap_or_default();
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("an unnamed thread");
    println!("callback: task {id} done on {name}");
}
