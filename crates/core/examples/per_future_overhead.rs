//! Benchmark (prints figures, asserts nothing): the overhead per future of
//! 100,000 trivial futures through `submit` + `as_completed` on a thread pool,
//! beside the same program in CPython's `ThreadPoolExecutor` on this machine.
//!
//! `cargo run --release -p futures-lab-core --example per_future_overhead [repeats]`

use std::process::Command;
use std::time::Instant;

use futures_lab_core::{as_completed, ExecutorExt, ThreadPool, Tracer};

const FUTURES: u64 = 100_000;

const PYTHON: &str = r#"
import sys, time
from concurrent.futures import ThreadPoolExecutor, as_completed
N = int(sys.argv[1])
def f(n):
    return n
with ThreadPoolExecutor() as ex:
    began = time.perf_counter()
    fs = [ex.submit(f, i) for i in range(N)]
    total = sum(fut.result() for fut in as_completed(fs))
    elapsed = time.perf_counter() - began
assert total == N * (N - 1) // 2
print(elapsed * 1000, ex._max_workers)
"#;

fn rust_once() -> (f64, usize) {
    let pool = ThreadPool::builder()
        .build(Tracer::discard())
        .expect("a pool");
    let began = Instant::now();
    let futures: Vec<_> = (0..FUTURES)
        .map(|n| pool.submit(move |_| Ok(n)).expect("submit"))
        .collect();
    let total: u64 = as_completed(&futures, None)
        .map(|f| f.expect("no timeout").try_result().expect("a result"))
        .sum();
    let elapsed = began.elapsed().as_secs_f64() * 1e3;
    assert_eq!(total, FUTURES * (FUTURES - 1) / 2);
    (elapsed, pool.max_workers())
}

fn python_once() -> Option<(f64, usize)> {
    let output = Command::new("python3")
        .args(["-c", PYTHON, &FUTURES.to_string()])
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let mut fields = text.split_whitespace();
    Some((fields.next()?.parse().ok()?, fields.next()?.parse().ok()?))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let repeats: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    rust_once();
    let rust: Vec<(f64, usize)> = (0..repeats).map(|_| rust_once()).collect();
    let workers = rust[0].1;
    let rust_ms = median(rust.iter().map(|r| r.0).collect());
    println!(
        "futures-lab ThreadPool (max_workers={workers}): {FUTURES} futures in {rust_ms:.1} ms median of {repeats}, {:.2} µs per future",
        rust_ms * 1e3 / FUTURES as f64
    );
    let python: Vec<(f64, usize)> = (0..repeats).filter_map(|_| python_once()).collect();
    if python.is_empty() {
        println!("CPython: python3 not found, no comparison");
        return;
    }
    let python_ms = median(python.iter().map(|r| r.0).collect());
    println!(
        "CPython ThreadPoolExecutor (max_workers={}): {FUTURES} futures in {python_ms:.1} ms median of {}, {:.2} µs per future",
        python[0].1,
        python.len(),
        python_ms * 1e3 / FUTURES as f64
    );
    println!("ratio CPython / futures-lab: {:.1}x", python_ms / rust_ms);
}
