//! `cpu_bound`: the classic sum of squares, `sum(i * i for i in range(n))`.

use std::hint::black_box;

use futures_lab_core::{TaskContext, TaskError};
use serde_json::Value;

use crate::exact::exact_int;
use crate::workload::Workload;

/// The largest `n` accepted (about a second of work per task natively).
pub const MAX_N: u64 = 1_000_000_000;

/// Loop iterations between checkpoints: about a millisecond of work.
const CHUNK: u64 = 1 << 20;

/// The classic CPU-bound task: the exact sum of `i * i` for `i` below `n`.
///
/// The loop really runs (each term goes through `black_box`, so the compiler
/// cannot replace it with the closed formula), and the sum is exact in
/// `u128` (it passes `u64::MAX` at n ≈ 3.8 million).
///
/// # Examples
///
/// ```
/// use futures_lab_core::{TaskContext, Tracer};
/// use futures_lab_scenarios::{workloads::CpuBound, Workload};
///
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// assert_eq!(CpuBound.run(&serde_json::json!(4), &ctx).unwrap(), serde_json::json!(14));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CpuBound;

/// `sum(i * i for i in range(n))`, with progress reported to `ctx`.
///
/// `n` must not exceed [`MAX_N`] (the square of every term then fits in `u64`).
///
/// # Errors
///
/// `InterruptedError` if the run is stopped at a checkpoint.
pub fn sum_of_squares(n: u64, ctx: &TaskContext) -> Result<u128, TaskError> {
    let mut total: u128 = 0;
    let mut start = 0;
    while start < n {
        let end = n.min(start + CHUNK);
        for i in start..end {
            // i < MAX_N = 10^9, so i * i < 10^18 fits in u64; only the sum
            // needs u128. (A u128 multiply is a library call in wasm.)
            let i = black_box(i);
            total += u128::from(i * i);
        }
        start = end;
        ctx.checkpoint(start as f64 / n as f64)?;
    }
    Ok(black_box(total))
}

impl Workload for CpuBound {
    fn id(&self) -> &'static str {
        "cpu_bound"
    }

    fn default_inputs(&self) -> Vec<String> {
        (0..20).map(|k| (5_000_000 + k).to_string()).collect()
    }

    fn parse_input(&self, raw: &str) -> Result<Value, String> {
        raw.trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n <= MAX_N)
            .map(Value::from)
            .ok_or_else(|| {
                format!("each input must be a whole number from 0 to {MAX_N} (got {raw:?})")
            })
    }

    fn run(&self, input: &Value, ctx: &TaskContext) -> Result<Value, TaskError> {
        let n = input.as_u64().ok_or_else(|| {
            TaskError::new("TypeError", format!("n must be an integer, not {input}"))
        })?;
        Ok(exact_int(sum_of_squares(n, ctx)?))
    }
}
