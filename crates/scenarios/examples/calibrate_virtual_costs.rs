//! Calibrates the virtual clock's operations: how long each workload's
//! operation takes natively against one term of the sum of squares (the
//! unit), with the workload's weights as they are now. A ratio far from 1
//! means the weight in that workload's file should be multiplied by it.
//!
//! `cargo run --release -p futures-lab-scenarios --example calibrate_virtual_costs`

use std::time::Instant;

use futures_lab_core::{block_on, TaskContext, Tracer};
use futures_lab_scenarios::{workloads, Phase, Workload};
use serde_json::Value;

/// Nanoseconds per operation of `workload` on `inputs`, by its own count.
fn ns_per_op(workload: &dyn Workload, inputs: &[&str]) -> f64 {
    let run = workload.prepare(&workload.default_params(), 1);
    let ctx = TaskContext::new(0, "calibrate".into(), Tracer::discard());
    let inputs: Vec<Value> = inputs
        .iter()
        .map(|raw| workload.parse_input(raw).expect("a valid input"))
        .collect();
    let ops: u64 = inputs
        .iter()
        .flat_map(|input| run.virtual_cost(input).expect("a CPU workload").phases)
        .map(|phase| match phase {
            Phase::Compute(ops) => ops,
            Phase::Wait(_) => 0,
        })
        .sum();
    // The best of five runs: the machine's noise only ever adds time.
    let best = (0..5)
        .map(|_| {
            let began = Instant::now();
            for input in &inputs {
                block_on(run.call(input, &ctx)).expect("it runs");
            }
            began.elapsed().as_secs_f64() * 1e9
        })
        .fold(f64::INFINITY, f64::min);
    best / ops as f64
}

fn main() {
    let unit = ns_per_op(&workloads::CpuBound, &["20000000"]);
    println!("cpu_bound: {unit:.3} ns per term (the unit)");
    for (workload, inputs) in [
        (&workloads::SumGenerator as &dyn Workload, vec!["20000000"]),
        (
            &workloads::IsPrime,
            vec!["112272535095293", "115797848077099"],
        ),
        (
            &workloads::Power,
            vec!["323**1235", "7**10000", "999999**9000"],
        ),
    ] {
        let ns = ns_per_op(workload, &inputs);
        println!(
            "{}: {ns:.3} ns per operation, {:.3} units: multiply its weight by this",
            workload.id(),
            ns / unit
        );
    }
}
