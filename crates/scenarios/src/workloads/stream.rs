//! `stream`: requests from a producer through a bounded queue to consumers.

use crate::Excerpt;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use futures_lab_core::{global_clock, TaskContext};
use serde_json::Value;

use crate::workloads::demand::{number_bytes, Demand};
use crate::workloads::python_task::{seconds, PythonTask, TaskForm};
use crate::workloads::workload::{
    input_u64, whole_number, CallFuture, Pacing, Param, Params, Text, Workload, WorkloadRun,
};

const PARAMS: &[Param] = &[
    Param {
        name: "rate",
        default: "200",
        help: "requests the producer emits per second, 1 to 10000",
    },
    Param {
        name: "capacity",
        default: "8",
        help: "requests the queue holds before the producer must wait, 1 to 10000",
    },
    Param {
        name: "b_ms",
        default: "2",
        help: "CPU time of step B (parse, validate) per request, 0 to 1000 ms",
    },
    Param {
        name: "c_ms",
        default: "15",
        help: "I/O time of step C (call the next service) per request, 0 to 10000 ms",
    },
];

/// A stream pipeline, as a service fed from Kafka: a producer emits request
/// after request at `rate` into a queue of `capacity`; consumers (the
/// executor's workers) take each through step B (CPU) and step C (I/O) to a
/// result. When the consumers are too few for the rate, the queue fills and
/// the producer waits: backpressure. The report gives the queue depth over
/// time, the throughput and the latency percentiles.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{workloads::Stream, Workload};
///
/// let pacing = Stream.pacing(&Stream.default_params()).unwrap();
/// assert_eq!(pacing.interval, std::time::Duration::from_millis(5));
/// assert_eq!(pacing.capacity, 8);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Stream;

struct StreamRun {
    b: Duration,
    c: Duration,
}

impl WorkloadRun for StreamRun {
    /// Step B's CPU time, then step C's wait.
    fn demand(&self, _input: &Value) -> Demand {
        Demand {
            ops: Demand::ops_for_ns(self.b.as_nanos() as f64),
            wait_ns: self.c.as_nanos() as f64,
            locked_ns: 0.0,
            result_bytes: number_bytes(6.0),
        }
    }

    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a> {
        Box::pin(async move {
            let request = input_u64(input)?;
            // B: parse and validate, CPU work for b_ms.
            let clock = global_clock();
            let until = clock.now_ns() + u64::try_from(self.b.as_nanos()).unwrap_or(u64::MAX);
            let mut digest = request.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            loop {
                for _ in 0..4096 {
                    digest = black_box(digest.rotate_left(5) ^ request);
                }
                ctx.checkpoint_async(0.5).await?;
                if clock.now_ns() >= until {
                    break;
                }
            }
            // C: call the next service.
            ctx.io_wait_async(self.c).await;
            ctx.checkpoint_async(1.0).await?;
            Ok(Value::from(digest % 1_000_000))
        })
    }
}

/// Step B in Python: CPU work for `B_S` seconds. Its digest is not the lab's
/// (how many steps fit in `B_S` depends on the machine).
const STEP_B: &str = r#"def step_b(request):
    """Parse and validate: CPU work for B_S seconds."""
    digest = request
    until = time.perf_counter() + B_S
    while time.perf_counter() < until:
        digest = (digest * 31 + request) % 1_000_003
    return digest
"#;

fn number(params: &Params, name: &str) -> u64 {
    params.get(name).and_then(Value::as_u64).unwrap_or_default()
}

impl Workload for Stream {
    fn id(&self) -> &'static str {
        "stream"
    }

    fn title(&self) -> Text {
        Text {
            en: "A stream pipeline with backpressure",
            ko: "배압이 있는 스트림 파이프라인",
        }
    }

    fn explanation(&self) -> Text {
        Text {
            en: "A producer emits requests at a steady rate, as a consumer reading from Kafka \
                 would receive them, into a queue of limited size. Consumers take each request \
                 through step B (CPU work) and step C (a call to another service) to a result. \
                 If the consumers keep up, the queue stays short and latency is just B + C. If \
                 they are too few, the queue fills, the producer has to wait (backpressure) and \
                 latency grows with the queue. Watch the queue depth and the latency \
                 percentiles as you change max_workers or the rate.",
            ko: "생산자가 일정한 속도로 요청을 내보내고(Kafka에서 메시지를 읽는 소비자처럼), \
                 요청은 크기가 제한된 큐에 들어갑니다. 소비자는 각 요청을 B 단계(CPU 작업)와 \
                 C 단계(다른 서비스 호출)를 거쳐 결과로 만듭니다. 소비자가 따라가면 큐는 짧게 \
                 유지되고 지연 시간은 B + C 정도입니다. 소비자가 너무 적으면 큐가 차고, \
                 생산자는 기다려야 하며(배압) 지연 시간은 큐 길이만큼 늘어납니다. max_workers나 \
                 속도를 바꾸며 큐 깊이와 지연 시간 백분위수를 보세요.",
        }
    }

    fn python_task(&self, params: &Params, _seed: u64, form: TaskForm) -> PythonTask {
        let setup = format!(
            "B_S = {}  # step B: CPU time per request (params.b_ms)\nC_S = {}  # step C: I/O time per request (params.c_ms)\n",
            seconds(number(params, "b_ms")),
            seconds(number(params, "c_ms")),
        );
        let (step_b, call_b, wait_c) = match form {
            TaskForm::Sync => (STEP_B.to_owned(), "step_b(request)", "time.sleep(C_S)"),
            TaskForm::Async => (
                STEP_B.to_owned(),
                "step_b(request)  # never awaits: it holds the loop",
                "await asyncio.sleep(C_S)",
            ),
            TaskForm::Cooperative => (
                format!("async {STEP_B}").replace(
                    "        digest = (digest * 31 + request) % 1_000_003\n",
                    "        digest = (digest * 31 + request) % 1_000_003\n        await asyncio.sleep(0)  # a checkpoint: let the other tasks run\n",
                ),
                "await step_b(request)",
                "await asyncio.sleep(C_S)",
            ),
        };
        let def = if form == TaskForm::Sync {
            "def"
        } else {
            "async def"
        };
        let definition = format!(
            r#"{step_b}

{def} handle(request):
    digest = {call_b}
    {wait_c}  # step C: call the next service (I/O)
    return digest % 1_000_000
"#
        );
        PythonTask {
            name: "handle",
            imports: vec!["import time"],
            setup,
            definition,
            summary: None,
        }
    }

    fn default_inputs(&self) -> Vec<String> {
        (1..=100).map(|k| k.to_string()).collect()
    }

    fn parse_input(&self, raw: &str) -> Result<Value, String> {
        whole_number(raw, 0, u64::from(u32::MAX)).map(Value::from)
    }

    fn params(&self) -> &'static [Param] {
        PARAMS
    }

    fn parse_param(&self, name: &str, raw: &str) -> Result<Value, String> {
        let (min, max, unit) = match name {
            "rate" => (1, 10_000, "requests per second"),
            "capacity" => (1, 10_000, "requests"),
            "b_ms" => (0, 1_000, "ms"),
            "c_ms" => (0, 10_000, "ms"),
            _ => return Err(format!("is not a parameter of stream (got {name})")),
        };
        raw.trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .map(Value::from)
            .ok_or_else(|| {
                format!(
                    "must be a whole number of {unit} from {min} to {max} (got {:?})",
                    Excerpt(raw)
                )
            })
    }

    fn prepare(&self, params: &Params, _seed: u64) -> Arc<dyn WorkloadRun> {
        Arc::new(StreamRun {
            b: Duration::from_millis(number(params, "b_ms")),
            c: Duration::from_millis(number(params, "c_ms")),
        })
    }

    fn pacing(&self, params: &Params) -> Option<Pacing> {
        let rate = number(params, "rate").max(1);
        Some(Pacing {
            interval: Duration::from_secs_f64(1.0 / rate as f64),
            capacity: number(params, "capacity").max(1) as usize,
        })
    }
}
