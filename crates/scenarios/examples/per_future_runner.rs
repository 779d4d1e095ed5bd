//! Benchmark (prints figures, asserts nothing): one trivial future through
//! the runner, with its trace and report: 10,000 sums of nothing submitted
//! on 6 threads and collected with `as_completed`, beside the program the
//! lab writes for the same scenario run by CPython on this machine.
//!
//! `cargo run --release -p futures-lab-scenarios --example per_future_runner [repeats] [--native-only]`
//!
//! Both wall times run from the first submit to the last result: the
//! report's `wall_ms`, and the program's own `wall time` line (its printing
//! of each result goes to a pipe). The runner's whole call, building the
//! report, is printed beside.

use std::process::Command;
use std::time::Instant;

use futures_lab_scenarios::{play, python_program, RunEnv, Scenario};

const FUTURES: usize = 10_000;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// CPython's wall time for `program`, in ms, from its last line.
fn cpython_ms(program: &str) -> Option<f64> {
    let output = Command::new("python3")
        .args(["-c", program])
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let seconds = text
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("wall time: "))?
        .trim_end_matches(" s")
        .parse::<f64>()
        .ok()?;
    Some(seconds * 1e3)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repeats: usize = args.iter().find_map(|n| n.parse().ok()).unwrap_or(5);
    // For a profiler: the runner alone.
    let native_only = args.iter().any(|a| a == "--native-only");
    let inputs = vec!["0"; FUTURES].join(",");
    let query = format!(
        "workload=cpu_bound&executor=threads&max_workers=6&api=submit_as_completed&inputs={inputs}"
    );
    let scenario = Scenario::from_query(&query)?;
    let env = RunEnv::native();
    play(&scenario, &env)?;
    let (mut walls, mut calls) = (Vec::new(), Vec::new());
    for _ in 0..repeats {
        let began = Instant::now();
        let report = play(&scenario, &env)?;
        calls.push(began.elapsed().as_secs_f64() * 1e3);
        walls.push(report.wall_ms);
    }
    let (wall, call) = (median(walls), median(calls));
    let us = |ms: f64| ms * 1e3 / FUTURES as f64;
    println!(
        "futures-lab runner (threads, max_workers=6, as_completed): {FUTURES} futures in {wall:.1} ms median of {repeats}, {:.2} µs per future; {:.2} µs with the report built",
        us(wall),
        us(call)
    );
    if native_only {
        return Ok(());
    }
    let program = python_program(&scenario);
    let cpython: Vec<f64> = (0..repeats).filter_map(|_| cpython_ms(&program)).collect();
    if cpython.is_empty() {
        println!("CPython: python3 not found, no comparison");
        return Ok(());
    }
    let python = median(cpython);
    println!(
        "CPython, the lab's program for the same scenario: {FUTURES} futures in {python:.1} ms median of {repeats}, {:.2} µs per future",
        us(python)
    );
    println!("ratio CPython / futures-lab runner: {:.1}x", python / wall);
    Ok(())
}
