//! `power`: an exact big-integer power, `base ** exponent`.

use crate::Excerpt;
use std::sync::Arc;

use futures_lab_core::{TaskContext, TaskError};
use num_bigint::BigUint;
use serde_json::Value;

use crate::workloads::cost::VirtualCost;
use crate::workloads::demand::{number_bytes, Demand};
use crate::workloads::python_task::{PythonTask, TaskForm};
use crate::workloads::workload::computed;
use crate::workloads::workload::{CallFuture, Params, Text, Workload, WorkloadRun};

/// Operations of the virtual clock per product of two 64-bit limbs in a
/// multiplication (calibrated by `examples/calibrate_virtual_costs.rs`).
const OPS_PER_LIMB_PRODUCT: f64 = 0.69;

/// The largest base accepted.
pub const MAX_BASE: u64 = 1_000_000;
/// The largest exponent accepted (at most 60,000 digits).
pub const MAX_EXPONENT: u64 = 10_000;

/// Computes `base ** exponent` exactly with arbitrary-precision integers
/// (num-bigint), square and multiply one bit at a time, a checkpoint per
/// bit. The result is its decimal digits, as Python prints it.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{block_on, TaskContext, Tracer};
/// use futures_lab_scenarios::{workloads::Power, Workload};
///
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// let run = Power.prepare(&Default::default(), 0);
/// let input = Power.parse_input("2**100").unwrap();
/// assert_eq!(block_on(run.call(&input, &ctx)).unwrap(), serde_json::json!("1267650600228229401496703205376"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Power;

/// `base ** exponent` by binary exponentiation.
///
/// # Errors
///
/// `InterruptedError` if the run is stopped at a checkpoint.
pub async fn power(base: u64, exponent: u64, ctx: &TaskContext) -> Result<BigUint, TaskError> {
    let mut result = BigUint::from(1u8);
    let bits = u64::BITS - exponent.leading_zeros();
    for bit in (0..bits).rev() {
        result = &result * &result;
        if exponent >> bit & 1 == 1 {
            result *= base;
        }
        ctx.checkpoint_async(f64::from(bits - bit) / f64::from(bits))
            .await?;
    }
    Ok(result)
}

impl Workload for Power {
    fn id(&self) -> &'static str {
        "power"
    }

    fn title(&self) -> Text {
        Text {
            en: "A huge exact power (big integers)",
            ko: "아주 큰 거듭제곱 (큰 정수)",
        }
    }

    fn explanation(&self) -> Text {
        Text {
            en: "Python integers have no size limit: 323 ** 1235 has 3,100 digits and is exact. \
                 Each task computes such a power with big-integer multiplication, CPU work that \
                 gives one huge result. Inputs are written base**exponent.",
            ko: "파이썬 정수에는 크기 제한이 없습니다. 323 ** 1235는 3,100자리이고 정확합니다. \
                 각 작업은 큰 정수 곱셈으로 이런 거듭제곱을 계산합니다. 결과 하나가 아주 큰 \
                 CPU 작업입니다. 입력은 base**exponent 형식으로 씁니다.",
        }
    }

    fn python_task(&self, _params: &Params, _seed: u64, form: TaskForm) -> PythonTask {
        let definition = match form {
            TaskForm::Sync => "def power(pair):\n    base, exponent = pair\n    return base ** exponent\n",
            TaskForm::Async => {
                "async def power(pair):\n    base, exponent = pair\n    return base ** exponent  # never awaits: it holds the loop\n"
            }
            TaskForm::Cooperative => {
                r#"async def power(pair):
    base, exponent = pair
    result = 1
    for bit in bin(exponent)[2:]:  # square and multiply, one bit at a time
        result *= result
        if bit == "1":
            result *= base
        await asyncio.sleep(0)  # a checkpoint: let the other tasks run
    return result
"#
            }
        };
        PythonTask {
            name: "power",
            imports: vec!["import sys"],
            setup: "sys.set_int_max_str_digits(0)  # print every digit (3.11+ stops at 4300)\n"
                .to_owned(),
            definition: definition.to_owned(),
            ..PythonTask::default()
        }
    }

    /// `(base, exponent)`: one argument per call, as `executor.map` passes it.
    fn python_input(&self, input: &Value) -> String {
        match input.as_str().and_then(|text| text.split_once("**")) {
            Some((base, exponent)) => format!("({base}, {exponent})"),
            None => input.to_string(),
        }
    }

    fn default_inputs(&self) -> Vec<String> {
        vec!["323**1235".to_owned()]
    }

    fn parse_input(&self, raw: &str) -> Result<Value, String> {
        let allowed = || {
            format!(
                "each input must be base**exponent with base from 0 to {MAX_BASE} and exponent from 0 to {MAX_EXPONENT} (got {:?})", Excerpt(raw)
            )
        };
        let (base, exponent) = raw
            .trim()
            .split_once("**")
            .or_else(|| raw.trim().split_once('^'))
            .ok_or_else(allowed)?;
        let base: u64 = base.trim().parse().map_err(|_| allowed())?;
        let exponent: u64 = exponent.trim().parse().map_err(|_| allowed())?;
        if base > MAX_BASE || exponent > MAX_EXPONENT {
            return Err(allowed());
        }
        Ok(Value::String(format!("{base}**{exponent}")))
    }

    fn on_virtual_clock(&self) -> bool {
        true
    }

    fn prepare(&self, _params: &Params, _seed: u64) -> Arc<dyn WorkloadRun> {
        Arc::new(PowerRun)
    }
}

struct PowerRun;

impl WorkloadRun for PowerRun {
    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a> {
        Box::pin(async move {
            let (base, exponent) = input
                .as_str()
                .and_then(|text| text.split_once("**"))
                .and_then(|(b, e)| Some((b.parse().ok()?, e.parse().ok()?)))
                .ok_or_else(|| {
                    TaskError::new("TypeError", format!("expected base**exponent, got {input}"))
                })?;
            Ok(Value::String(power(base, exponent, ctx).await?.to_string()))
        })
    }

    /// Its operations, and its result's digits (`exponent * log10(base)`).
    fn demand(&self, input: &Value) -> Demand {
        let Some((base, exponent)) = base_and_exponent(input) else {
            return Demand::default();
        };
        let digits = exponent as f64 * (base.max(2) as f64).log10() + 1.0;
        Demand::computing(ops(base, exponent), number_bytes(digits))
    }

    fn virtual_cost(&self, input: &Value) -> Option<VirtualCost> {
        let (base, exponent) = base_and_exponent(input)?;
        let ops = ops(base, exponent).round() as u64;
        Some(computed(self, input, ops.max(1)))
    }
}

/// The base and the exponent of an input accepted by `parse_input`.
fn base_and_exponent(input: &Value) -> Option<(u64, u64)> {
    let (base, exponent) = input.as_str()?.split_once("**")?;
    Some((base.parse().ok()?, exponent.parse().ok()?))
}

/// Operations of the virtual clock for `base ** exponent`: a squaring of
/// `l` limbs counts `l * l` limb products, whatever algorithm multiplies
/// them.
fn ops(base: u64, exponent: u64) -> f64 {
    let base_bits = f64::from(u64::BITS - base.leading_zeros()).max(1.0);
    let bits = u64::BITS - exponent.leading_zeros();
    let products: f64 = (0..bits)
        .rev()
        .map(|bit| {
            let limbs = ((exponent >> bit) as f64 * base_bits / 64.0).ceil();
            limbs * limbs
        })
        .sum();
    products * OPS_PER_LIMB_PRODUCT
}
