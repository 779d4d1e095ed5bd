//! `is_prime`: trial division, the Python documentation's process-pool example.

use std::hint::black_box;
use std::sync::Arc;

use futures_lab_core::{TaskContext, TaskError};
use serde_json::Value;

use crate::workloads::cost::VirtualCost;
use crate::workloads::demand::{number_bytes, Demand};
use crate::workloads::python_task::{PythonTask, TaskForm, CHUNK_SETUP};
use crate::workloads::workload::computed;
use crate::workloads::workload::{
    input_u64, whole_number, CallFuture, Params, Text, Workload, WorkloadRun,
};

/// The largest number accepted (trial division up to 10^8: seconds of work).
pub const MAX_N: u64 = 10_000_000_000_000_000;

/// Operations of the virtual clock per divisor tried (calibrated by
/// `examples/calibrate_virtual_costs.rs`: a 64-bit remainder against a term
/// of the sum of squares).
const OPS_PER_DIVISION: f64 = 4.59;

/// Odd divisors tried between checkpoints.
const CHUNK: u64 = 1 << 16;

/// Tests each number for primality by trial division, as the
/// `ProcessPoolExecutor` example of Python's documentation does, on its six
/// 15–16 digit numbers (one of them twice, one not prime).
///
/// # Examples
///
/// ```
/// use futures_lab_core::{block_on, TaskContext, Tracer};
/// use futures_lab_scenarios::{workloads::IsPrime, Workload};
///
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// let run = IsPrime.prepare(&Default::default(), 0);
/// assert_eq!(block_on(run.call(&serde_json::json!(97), &ctx)).unwrap(), serde_json::json!(true));
/// assert_eq!(block_on(run.call(&serde_json::json!(91), &ctx)).unwrap(), serde_json::json!(false));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct IsPrime;

/// Python's `is_prime`: 2 and odd divisors up to the square root.
///
/// # Errors
///
/// `InterruptedError` if the run is stopped at a checkpoint.
pub async fn is_prime(n: u64, ctx: &TaskContext) -> Result<bool, TaskError> {
    if n < 2 {
        return Ok(false);
    }
    if n == 2 {
        return Ok(true);
    }
    if n.is_multiple_of(2) {
        return Ok(false);
    }
    let limit = n.isqrt();
    let mut divisor = 3;
    while divisor <= limit {
        let end = limit.min(divisor + 2 * CHUNK);
        while divisor <= end {
            if black_box(n).is_multiple_of(divisor) {
                return Ok(false);
            }
            divisor += 2;
        }
        ctx.checkpoint_async(divisor as f64 / limit as f64).await?;
    }
    Ok(true)
}

impl Workload for IsPrime {
    fn id(&self) -> &'static str {
        "is_prime"
    }

    fn title(&self) -> Text {
        Text {
            en: "Is it prime? (trial division)",
            ko: "소수인가? (시행 나눗셈)",
        }
    }

    fn explanation(&self) -> Text {
        Text {
            en: "The example from Python's own documentation for ProcessPoolExecutor: test six \
                 large numbers for primality by dividing by every odd number up to the square \
                 root. It is CPU-bound, so processes speed it up and threads under the GIL do \
                 not. One number appears twice and the last one is not prime: it stops early.",
            ko: "파이썬 공식 문서의 ProcessPoolExecutor 예제입니다. 여섯 개의 큰 수가 소수인지 \
                 제곱근까지의 모든 홀수로 나누어 확인합니다. CPU 바운드 작업이라 프로세스로는 \
                 빨라지지만 GIL 아래의 스레드로는 빨라지지 않습니다. 한 수는 두 번 나오고, \
                 마지막 수는 소수가 아니어서 일찍 끝납니다.",
        }
    }

    fn python_task(&self, _params: &Params, _seed: u64, form: TaskForm) -> PythonTask {
        let (head, body) = match form {
            TaskForm::Sync => ("def", IS_PRIME_LOOP),
            TaskForm::Async => ("async def", IS_PRIME_LOOP),
            TaskForm::Cooperative => ("async def", IS_PRIME_COOPERATIVE_LOOP),
        };
        PythonTask {
            name: "is_prime",
            imports: vec!["import math"],
            setup: if form == TaskForm::Cooperative {
                CHUNK_SETUP.to_owned()
            } else {
                String::new()
            },
            definition: format!("{head} is_prime(n):\n{IS_PRIME_START}{body}    return True\n"),
            ..PythonTask::default()
        }
    }

    fn default_inputs(&self) -> Vec<String> {
        [
            "112272535095293",
            "112582705942171",
            "112272535095293",
            "115280095190773",
            "115797848077099",
            "1099726899285419",
        ]
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
        Arc::new(IsPrimeRun)
    }
}

/// The classic `is_prime`'s opening, up to its loop (`math.isqrt` where the
/// documentation's example has `int(math.floor(math.sqrt(n)))`, which
/// rounds for numbers this large).
const IS_PRIME_START: &str = r#"    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    sqrt_n = math.isqrt(n)
"#;

/// Trial division by every odd number up to the square root.
const IS_PRIME_LOOP: &str = r#"    for i in range(3, sqrt_n + 1, 2):
        if n % i == 0:
            return False
"#;

/// The same, yielding to the event loop every `CHUNK` divisors.
const IS_PRIME_COOPERATIVE_LOOP: &str = r#"    for start in range(3, sqrt_n + 1, 2 * CHUNK):
        for i in range(start, min(sqrt_n + 1, start + 2 * CHUNK), 2):
            if n % i == 0:
                return False
        await asyncio.sleep(0)  # a checkpoint: let the other tasks run
"#;

struct IsPrimeRun;

impl WorkloadRun for IsPrimeRun {
    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a> {
        Box::pin(async move { Ok(Value::Bool(is_prime(input_u64(input)?, ctx).await?)) })
    }

    /// As many divisions as a prime needs: the most `n` can take.
    fn demand(&self, input: &Value) -> Demand {
        let n = input.as_u64().unwrap_or(0);
        Demand::computing(
            divisions(n, true) as f64 * OPS_PER_DIVISION,
            number_bytes(5.0),
        )
    }

    fn virtual_cost(&self, input: &Value) -> Option<VirtualCost> {
        let n = input.as_u64()?;
        let cost = computed(self, input, 0);
        let ops = (divisions(n, cost.outcome == Ok(Value::Bool(true))) as f64 * OPS_PER_DIVISION)
            .round() as u64;
        Some(VirtualCost::compute(ops.max(1), cost.outcome))
    }
}

/// How many odd divisors [`is_prime`] tries on `n`: every one up to the
/// square root for a prime, up to the smallest factor otherwise.
fn divisions(n: u64, prime: bool) -> u64 {
    let limit = n.isqrt();
    if n < 3 || n.is_multiple_of(2) || limit < 3 {
        return 0;
    }
    let last = if prime {
        limit
    } else {
        (3..=limit)
            .step_by(2)
            .find(|d| n.is_multiple_of(*d))
            .unwrap_or(limit)
    };
    (last - 3) / 2 + 1
}
