//! The futures-lab scenario `workload=download&inputs=a.example@5,b.invalid@100,c.example@1000&params=jitter_ms:150,latency_ms:200&executor=threads&max_workers=3&gil=true&api=wait&return_when=FIRST_EXCEPTION`
//! with futures-lab's core API: `ThreadPoolExecutor(max_workers=3)`, submit, then wait.
//!
//! Its Cargo.toml needs `futures-lab-core`, `futures-lab-scenarios` and `serde_json`.

use std::sync::Arc;
use std::time::Instant;

use futures_lab_core::{
    block_on, wait, Executor, ExecutorExt, Future, ReturnWhen, ThreadPool, Tracer,
};
use futures_lab_scenarios::{workloads, Scenario};
use serde_json::Value;

/// The scenario, as the playground's URL gives it.
const SCENARIO: &str = "workload=download&inputs=a.example@5,b.invalid@100,c.example@1000&params=jitter_ms:150,latency_ms:200&executor=threads&max_workers=3&gil=true&api=wait&return_when=FIRST_EXCEPTION";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scenario = Scenario::from_query(SCENARIO)?;
    let workload = workloads::find(&scenario.workload).ok_or("no workload")?;
    // The task: the workload's code, with what its calls share (a cache, say).
    let task = workload.prepare(&scenario.params, scenario.seed);
    let start = Instant::now();
    // gil(true): one thread at a time runs Python code, as under CPython's GIL.
    let executor = ThreadPool::builder()
        .max_workers(3)
        .gil(true)
        .build(Tracer::discard())?;
    let futures = scenario
        .inputs
        .iter()
        .map(|input| {
            let (task, input) = (Arc::clone(&task), input.clone());
            executor.submit(move |ctx| block_on(task.call(&input, ctx)))
        })
        .collect::<Result<Vec<Future<Value>>, _>>()?;
    let timeout = None; // no timeout: wait as long as it takes
    let split = wait(&futures, timeout, ReturnWhen::FirstException);
    for future in &split.done {
        show(&scenario, future);
    }
    println!("done: {:?}", ids(&split.done));
    println!("not done: {:?}", ids(&split.not_done));
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

/// The submission numbers of `futures`.
fn ids(futures: &[Future<Value>]) -> Vec<u64> {
    futures.iter().filter_map(Future::id).collect()
}
