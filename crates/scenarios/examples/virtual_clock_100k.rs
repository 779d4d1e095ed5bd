//! Benchmark (prints figures): 100,000 futures played on the virtual clock:
//! downloads with seeded latencies on 32 threads and on the asyncio loop,
//! and sums of squares on 8 threads with the GIL, 4 processes and the loop.
//! `cargo run --release -p futures-lab-scenarios --example virtual_clock_100k`

use std::time::Instant;

use futures_lab_scenarios::{simulate, Scenario};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sites: Vec<String> = (0..100_000).map(|k| format!("site{k}.example")).collect();
    let sums: Vec<String> = (0..100_000)
        .map(|k| (1_000 + k % 5_000).to_string())
        .collect();
    for (setup, inputs) in [
        ("workload=download&executor=threads&max_workers=32", &sites),
        ("workload=download&executor=asyncio", &sites),
        (
            "workload=cpu_bound&executor=threads&max_workers=8&gil=true&cpus=4",
            &sums,
        ),
        (
            "workload=cpu_bound&executor=processes&max_workers=4&cpus=4",
            &sums,
        ),
        (
            "workload=cpu_bound&executor=asyncio&cooperative=true",
            &sums,
        ),
    ] {
        // A query takes at most 10,000 inputs: start from one and give it all.
        let mut scenario = Scenario::from_query(&format!("{setup}&inputs={}", inputs[0]))?;
        scenario.inputs = inputs
            .iter()
            .map(|raw| serde_json::Value::from(raw.as_str()))
            .collect();
        if scenario.workload == "cpu_bound" {
            scenario.inputs = inputs
                .iter()
                .map(|raw| serde_json::Value::from(raw.parse::<u64>().unwrap_or(0)))
                .collect();
        }
        let began = Instant::now();
        let run = simulate(&scenario, 2)?;
        let took = began.elapsed();
        println!(
            "virtual clock, {setup}: {} futures, {} events in {:.1} ms (simulated wall time {:.3} s)",
            run.report.tasks.len(),
            run.trace.len(),
            took.as_secs_f64() * 1e3,
            run.report.wall_ms / 1e3
        );
    }
    Ok(())
}
