//! `cpu_bound`: the classic sum of squares, `sum(i * i for i in range(n))`.

use std::hint::black_box;
use std::sync::Arc;

use futures_lab_core::{TaskContext, TaskError};
use serde_json::Value;

use crate::workloads::cost::VirtualCost;
use crate::workloads::demand::{number_bytes, Demand};
use crate::workloads::exact::exact_int;
use crate::workloads::python_task::{PythonTask, TaskForm};
use crate::workloads::workload::computed;
use crate::workloads::workload::{
    input_u64, whole_number, CallFuture, Params, Text, Workload, WorkloadRun,
};

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
/// use futures_lab_core::{block_on, TaskContext, Tracer};
/// use futures_lab_scenarios::{workloads::CpuBound, Workload};
///
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// let run = CpuBound.prepare(&Default::default(), 0);
/// assert_eq!(block_on(run.call(&serde_json::json!(4), &ctx)).unwrap(), serde_json::json!(14));
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
pub async fn sum_of_squares(n: u64, ctx: &TaskContext) -> Result<u128, TaskError> {
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
        ctx.checkpoint_async(start as f64 / n as f64).await?;
    }
    Ok(black_box(total))
}

impl Workload for CpuBound {
    fn id(&self) -> &'static str {
        "cpu_bound"
    }

    fn title(&self) -> Text {
        Text {
            en: "Sum of squares (CPU-bound)",
            ko: "제곱의 합 (CPU 바운드)",
        }
    }

    fn explanation(&self) -> Text {
        Text {
            en: "Each task adds up i × i for every i below n: pure computation, no waiting. \
                 Workers can only help if they really run at the same time, so this is the \
                 workload that shows the GIL.",
            ko: "각 작업은 n보다 작은 모든 i에 대해 i × i를 더합니다. 기다림 없이 계산만 하는 \
                 작업입니다. 워커는 실제로 동시에 실행될 때만 빨라지므로, GIL을 보여 주는 \
                 작업이 바로 이것입니다.",
        }
    }

    fn python_task(&self, _params: &Params, _seed: u64, form: TaskForm) -> PythonTask {
        let definition = match form {
            TaskForm::Sync => "def cpu_bound(n):\n    return sum(i * i for i in range(n))\n",
            TaskForm::Async => {
                "async def cpu_bound(n):\n    return sum(i * i for i in range(n))  # never awaits: it holds the loop\n"
            }
            TaskForm::Cooperative => {
                r#"async def cpu_bound(n):
    total = 0
    for start in range(0, n, CHUNK):
        total += sum(i * i for i in range(start, min(n, start + CHUNK)))
        await asyncio.sleep(0)  # a checkpoint: let the other tasks run
    return total
"#
            }
        };
        PythonTask::cpu_loop("cpu_bound", form, definition)
    }

    fn default_inputs(&self) -> Vec<String> {
        (0..20).map(|k| (5_000_000 + k).to_string()).collect()
    }

    fn parse_input(&self, raw: &str) -> Result<Value, String> {
        whole_number(raw, 0, MAX_N).map(Value::from)
    }

    fn on_virtual_clock(&self) -> bool {
        true
    }

    fn prepare(&self, _params: &Params, _seed: u64) -> Arc<dyn WorkloadRun> {
        Arc::new(CpuBoundRun)
    }
}

struct CpuBoundRun;

impl WorkloadRun for CpuBoundRun {
    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a> {
        Box::pin(async move { Ok(exact_int(sum_of_squares(input_u64(input)?, ctx).await?)) })
    }

    /// One operation per term (the unit of the virtual clock); the sum of
    /// squares below 10^9 has at most 27 digits.
    fn demand(&self, input: &Value) -> Demand {
        Demand::computing(input.as_u64().unwrap_or(0) as f64, number_bytes(27.0))
    }

    /// One operation per term: the unit of the virtual clock.
    fn virtual_cost(&self, input: &Value) -> Option<VirtualCost> {
        Some(computed(self, input, input.as_u64()?))
    }
}
