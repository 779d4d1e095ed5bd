//! `sum_generator`: `sum(i for i in range(1, n + 1))`, one number at a time.

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

/// The largest `n` accepted.
pub const MAX_N: u64 = 2_000_000_000;

/// Operations of the virtual clock per number added (calibrated by
/// `examples/calibrate_virtual_costs.rs`: an addition against a term of the
/// sum of squares).
const OPS_PER_TERM: f64 = 1.32;

/// Loop iterations between checkpoints: about a millisecond of work.
const CHUNK: u64 = 1 << 20;

/// Sums 1 to n by a loop, as a generator expression does in Python, for
/// inputs that grow tenfold: the task sizes differ, so the completion order
/// differs from the submission order.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{block_on, TaskContext, Tracer};
/// use futures_lab_scenarios::{workloads::SumGenerator, Workload};
///
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// let run = SumGenerator.prepare(&Default::default(), 0);
/// assert_eq!(block_on(run.call(&serde_json::json!(100), &ctx)).unwrap(), serde_json::json!(5050));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SumGenerator;

async fn sum_to(n: u64, ctx: &TaskContext) -> Result<u128, TaskError> {
    let mut total: u64 = 0;
    let mut next = 1;
    while next <= n {
        let end = n.min(next + CHUNK - 1);
        for i in next..=end {
            total += black_box(i);
        }
        next = end + 1;
        ctx.checkpoint_async(end as f64 / n as f64).await?;
    }
    Ok(u128::from(black_box(total)))
}

impl Workload for SumGenerator {
    fn id(&self) -> &'static str {
        "sum_generator"
    }

    fn title(&self) -> Text {
        Text {
            en: "Sum of 1 to n with a generator",
            ko: "제너레이터로 1부터 n까지 더하기",
        }
    }

    fn explanation(&self) -> Text {
        Text {
            en: "Each task sums the numbers from 1 to n, one at a time, for n = 10,000 up to \
                 10,000,000. The big task takes a thousand times longer than the small one, \
                 so as_completed yields the small ones first while map still returns results \
                 in the order they were submitted.",
            ko: "각 작업은 1부터 n까지의 수를 하나씩 더합니다(n = 10,000부터 10,000,000까지). \
                 큰 작업은 작은 작업보다 천 배 오래 걸리므로, as_completed는 작은 작업을 먼저 \
                 내놓고 map은 여전히 제출한 순서대로 결과를 돌려줍니다.",
        }
    }

    fn python_task(&self, _params: &Params, _seed: u64, form: TaskForm) -> PythonTask {
        let definition = match form {
            TaskForm::Sync => "def sum_generator(n):\n    return sum(i for i in range(1, n + 1))\n",
            TaskForm::Async => {
                "async def sum_generator(n):\n    return sum(i for i in range(1, n + 1))  # never awaits: it holds the loop\n"
            }
            TaskForm::Cooperative => {
                r#"async def sum_generator(n):
    total = 0
    for start in range(1, n + 1, CHUNK):
        total += sum(i for i in range(start, min(n + 1, start + CHUNK)))
        await asyncio.sleep(0)  # a checkpoint: let the other tasks run
    return total
"#
            }
        };
        PythonTask::cpu_loop("sum_generator", form, definition)
    }

    fn default_inputs(&self) -> Vec<String> {
        ["10000", "100000", "1000000", "10000000"]
            .map(str::to_owned)
            .to_vec()
    }

    fn parse_input(&self, raw: &str) -> Result<Value, String> {
        whole_number(raw, 0, MAX_N).map(Value::from)
    }

    fn on_virtual_clock(&self) -> bool {
        true
    }

    fn prepare(&self, _params: &Params, _seed: u64) -> Arc<dyn WorkloadRun> {
        Arc::new(SumGeneratorRun)
    }
}

struct SumGeneratorRun;

impl WorkloadRun for SumGeneratorRun {
    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a> {
        Box::pin(async move { Ok(exact_int(sum_to(input_u64(input)?, ctx).await?)) })
    }

    /// The sum of 1 to 2 * 10^9 has at most 19 digits.
    fn demand(&self, input: &Value) -> Demand {
        Demand::computing(
            input.as_u64().unwrap_or(0) as f64 * OPS_PER_TERM,
            number_bytes(19.0),
        )
    }

    fn virtual_cost(&self, input: &Value) -> Option<VirtualCost> {
        let ops = (input.as_u64()? as f64 * OPS_PER_TERM).round() as u64;
        Some(computed(self, input, ops))
    }
}
