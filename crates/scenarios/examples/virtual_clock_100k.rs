//! Benchmark (prints figures): 100,000 downloads with seeded latencies played
//! on the virtual clock, on 32 threads and on the asyncio loop.
//! `cargo run --release -p futures-lab-scenarios --example virtual_clock_100k`

use std::time::Instant;

use futures_lab_scenarios::{simulate, Scenario};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let inputs: Vec<String> = (0..100_000).map(|k| format!("site{k}.example")).collect();
    for executor in ["threads&max_workers=32", "asyncio"] {
        // A query takes at most 10,000 inputs: start from one and give it all.
        let mut scenario = Scenario::from_query(&format!(
            "workload=download&executor={executor}&inputs=a.example"
        ))?;
        scenario.inputs = inputs
            .iter()
            .map(|i| serde_json::Value::from(i.as_str()))
            .collect();
        let began = Instant::now();
        let run = simulate(&scenario, 2)?;
        let took = began.elapsed();
        println!(
            "virtual clock, {executor}: {} futures, {} events in {:.1} ms (simulated wall time {:.1} s)",
            run.report.tasks.len(),
            run.trace.len(),
            took.as_secs_f64() * 1e3,
            run.report.wall_ms / 1e3
        );
    }
    Ok(())
}
