//! `points`: converting company A points to company B points through a shared cache.

use crate::Excerpt;
use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_lab_core::{TaskContext, TaskError, TaskLock};
use lru::LruCache;
use serde_json::Value;

use crate::report::stats::CacheStats;
use crate::scenario::executor_kind::ExecutorKind;
use crate::workloads::cost::{Phase, VirtualCost};
use crate::workloads::demand::{number_bytes, Demand};
use crate::workloads::points_model::PointsModel;
pub use crate::workloads::points_rules::{convert, LIMIT};
use crate::workloads::points_rules::{validate, CacheMode};
use crate::workloads::python_task::{seconds, PythonTask, TaskForm};
use crate::workloads::shared_model::SharedModel;
use crate::workloads::workload::param_u64;
use crate::workloads::workload::{CallFuture, Param, Params, Text, Workload, WorkloadRun};

const PARAMS: &[Param] = &[
    Param {
        name: "cache",
        default: "none",
        help: "none, unsynchronized (check-then-act), locked, or lru",
    },
    Param {
        name: "capacity",
        default: "4",
        help: "entries an lru cache keeps, 1 to 10000",
    },
    Param {
        name: "lookup_ms",
        default: "5",
        help: "how long looking up the conversion rules takes (I/O), 0 to 1000 ms",
    },
];

/// Converts company A points to company B points: validation (a negative,
/// fractional or too large amount fails that future with a `ValueError`),
/// the conversion rules (3 B points per 4 A points, rounded down; 5% more
/// from 10,000 points; 100 bonus points for a round thousand), and a cache
/// shared by the tasks of a run, in one of four modes (`params.cache`).
///
/// # Examples
///
/// ```
/// use futures_lab_core::{block_on, TaskContext, Tracer};
/// use futures_lab_scenarios::{workloads::Points, Workload};
///
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// let run = Points.prepare(&Points.default_params(), 1);
/// assert_eq!(block_on(run.call(&serde_json::json!(1000), &ctx)).unwrap(), serde_json::json!(850));
/// assert_eq!(block_on(run.call(&serde_json::json!(-5), &ctx)).unwrap_err().class(), "ValueError");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Points;

#[derive(Default)]
struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    /// Conversions really made (counted atomically, by the playground).
    conversions: AtomicU64,
    /// Conversions of a key that had been converted before.
    duplicates: AtomicU64,
    /// The program's own counter, updated as `count = count + 1`.
    counted: AtomicU64,
    evictions: AtomicU64,
}

struct PointsRun {
    mode: CacheMode,
    lookup: Duration,
    capacity: NonZeroUsize,
    /// `threading.Lock()` / `asyncio.Lock()` of the locked modes: held across
    /// the lookup, so it is a task lock, not a plain mutex.
    lock: Arc<TaskLock>,
    cache: Mutex<HashMap<u64, u64>>,
    lru: Mutex<LruCache<u64, u64>>,
    converted: Mutex<HashSet<u64>>,
    counters: Counters,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl PointsRun {
    /// Looks up the rules (I/O that releases the GIL, or an await on the
    /// event loop) and converts.
    async fn slow_convert(&self, points: u64, ctx: &TaskContext) -> Result<u64, TaskError> {
        ctx.io_wait_async(self.lookup).await;
        ctx.checkpoint_async(1.0).await?;
        self.counters.conversions.fetch_add(1, Ordering::SeqCst);
        if !lock(&self.converted).insert(points) {
            self.counters.duplicates.fetch_add(1, Ordering::SeqCst);
        }
        Ok(convert(points))
    }

    /// `count = count + 1` as two steps around the conversion, so that an
    /// update made in between by another task is lost.
    async fn counted_convert(&self, points: u64, ctx: &TaskContext) -> Result<u64, TaskError> {
        let seen = self.counters.counted.load(Ordering::SeqCst);
        let b = self.slow_convert(points, ctx).await?;
        self.counters.counted.store(seen + 1, Ordering::SeqCst);
        Ok(b)
    }

    fn hit(&self) {
        self.counters.hits.fetch_add(1, Ordering::SeqCst);
    }

    fn miss(&self) {
        self.counters.misses.fetch_add(1, Ordering::SeqCst);
    }

    /// The cached conversion, if any (a hit or a miss is counted).
    fn cached(&self, points: u64) -> Option<u64> {
        let found = match self.mode {
            CacheMode::Lru => lock(&self.lru).get(&points).copied(),
            _ => lock(&self.cache).get(&points).copied(),
        };
        if found.is_some() {
            self.hit();
        } else {
            self.miss();
        }
        found
    }

    fn remember(&self, points: u64, b: u64) {
        if self.mode == CacheMode::Lru {
            if lock(&self.lru)
                .push(points, b)
                .is_some_and(|(old, _)| old != points)
            {
                self.counters.evictions.fetch_add(1, Ordering::SeqCst);
            }
        } else {
            lock(&self.cache).insert(points, b);
        }
    }

    async fn convert_cached(&self, points: u64, ctx: &TaskContext) -> Result<u64, TaskError> {
        match self.mode {
            CacheMode::None => self.counted_convert(points, ctx).await,
            CacheMode::Unsynchronized => {
                // Check, then act, with the lookup's I/O in between.
                if let Some(b) = self.cached(points) {
                    return Ok(b);
                }
                let b = self.counted_convert(points, ctx).await?;
                self.remember(points, b);
                Ok(b)
            }
            CacheMode::Locked | CacheMode::Lru => {
                let _held = ctx.acquire(&self.lock).await;
                if let Some(b) = self.cached(points) {
                    return Ok(b);
                }
                let b = self.counted_convert(points, ctx).await?;
                self.remember(points, b);
                Ok(b)
            }
        }
    }
}

impl WorkloadRun for PointsRun {
    /// A lookup per call (as if every one missed the cache), held under the
    /// cache's lock in the locked modes.
    fn demand(&self, _input: &Value) -> Demand {
        let lookup_ns = self.lookup.as_nanos() as f64;
        let mut demand = Demand::waiting(lookup_ns, number_bytes(16.0));
        if matches!(self.mode, CacheMode::Locked | CacheMode::Lru) {
            demand.locked_ns = lookup_ns;
        }
        demand
    }

    /// A lookup (the cache's model decides, as each task starts, whether
    /// it makes one), and the conversion's result or the check's error.
    fn virtual_cost(&self, input: &Value) -> Option<VirtualCost> {
        Some(VirtualCost {
            phases: vec![Phase::Wait(self.lookup.as_nanos() as u64)],
            outcome: validate(input)
                .map(|points| Value::from(convert(points)))
                .map_err(|e| e.to_string()),
        })
    }

    fn virtual_shared(&self) -> Option<Box<dyn SharedModel>> {
        Some(Box::new(PointsModel::new(
            self.mode,
            self.lookup,
            self.capacity,
        )))
    }

    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a> {
        Box::pin(async move {
            let points = validate(input)?;
            Ok(Value::from(self.convert_cached(points, ctx).await?))
        })
    }

    fn stats(&self) -> Option<CacheStats> {
        let c = &self.counters;
        let get = |counter: &AtomicU64| counter.load(Ordering::SeqCst);
        let size = match self.mode {
            CacheMode::Lru => lock(&self.lru).len(),
            _ => lock(&self.cache).len(),
        };
        Some(CacheStats {
            mode: self.mode.name().to_owned(),
            hits: get(&c.hits),
            misses: get(&c.misses),
            conversions: get(&c.conversions),
            duplicate_conversions: get(&c.duplicates),
            counted: get(&c.counted),
            lost_updates: get(&c.conversions) - get(&c.counted),
            evictions: get(&c.evictions),
            size: size as u64,
            capacity: (self.mode == CacheMode::Lru).then_some(self.capacity.get() as u64),
        })
    }
}

/// The checks and the rules, as the classic program writes them.
const PYTHON_RULES: &str = r#"def validate(points):
    if points < 0:
        raise ValueError(f"points must not be negative (got {points})")
    if not isinstance(points, int):
        raise ValueError(f"points must be a whole number (got {points})")
    if points > LIMIT:
        raise ValueError(f"points above the limit of {LIMIT} (got {points})")


def rules(points):
    b = points * 3 // 4
    if points >= 10_000:
        b += b // 20
    if points and points % 1000 == 0:
        b += 100
    return b
"#;

/// `convert` in Python, with the cache of `mode`; a coroutine for asyncio.
fn python_definition(mode: CacheMode, asyncio: bool) -> String {
    let (def, call, with, sleep) = if asyncio {
        ("async def", "await ", "async with", "await asyncio.sleep")
    } else {
        ("def", "", "with", "time.sleep")
    };
    let slow_convert = format!(
        r#"{def} slow_convert(points):
    global conversions
    count = conversions
    {sleep}(LOOKUP_S)  # look up today's rules (I/O)
    b = rules(points)
    conversions = count + 1  # another task may have counted meanwhile: that update is lost
    return b
"#
    );
    let convert = match mode {
        CacheMode::None => format!(
            r#"{def} convert(points):
    validate(points)
    return {call}slow_convert(points)
"#
        ),
        CacheMode::Unsynchronized => format!(
            r#"{def} convert(points):
    validate(points)
    if points in cache:  # check ...
        return cache[points]
    b = {call}slow_convert(points)
    cache[points] = b  # ... then act: another task may have converted it meanwhile
    return b
"#
        ),
        CacheMode::Locked => format!(
            r#"{def} convert(points):
    validate(points)
    {with} lock:  # the check, the conversion and the update as one step
        if points in cache:
            return cache[points]
        b = {call}slow_convert(points)
        cache[points] = b
        return b
"#
        ),
        CacheMode::Lru => format!(
            r#"{def} convert(points):
    validate(points)
    {with} lock:  # the check, the conversion and the update as one step
        if points in cache:
            cache.move_to_end(points)  # now the most recently used
            return cache[points]
        b = {call}slow_convert(points)
        cache[points] = b
        if len(cache) > CAPACITY:
            cache.popitem(last=False)  # evict the least recently used
        return b
"#
        ),
    };
    format!("{PYTHON_RULES}\n\n{slow_convert}\n\n{convert}")
}

impl Workload for Points {
    fn id(&self) -> &'static str {
        "points"
    }

    fn on_virtual_clock(&self) -> bool {
        true
    }

    /// On a plain loop and a thread pool, whose tasks share the cache; a
    /// process has a cache of its own, and the loop's tasks interleave at
    /// their awaits, which the virtual clock does not play with a cache.
    fn virtual_clock_plays(&self, executor: ExecutorKind) -> bool {
        matches!(executor, ExecutorKind::Sequential | ExecutorKind::Threads)
    }

    fn title(&self) -> Text {
        Text {
            en: "Convert loyalty points through a shared cache",
            ko: "공유 캐시로 포인트 전환하기",
        }
    }

    fn explanation(&self) -> Text {
        Text {
            en: "Each task converts an amount of company A points into company B points: 3 B \
                 points per 4 A points, 5% more from 10,000, 100 bonus points for a round \
                 thousand. A negative, fractional or too large amount fails its own future with \
                 a ValueError, and the others carry on. Looking up the rules takes a few \
                 milliseconds of I/O, so the tasks share a cache of results. Without a lock \
                 (cache=unsynchronized) two threads can both see the key missing and both \
                 convert it, and the shared counter loses updates, even under the GIL, because \
                 the I/O lets another thread in between the check and the act. cache=locked \
                 shows none; cache=lru keeps only the most recent entries. With processes each \
                 worker has a cache of its own that the others never see.",
            ko: "각 작업은 A사 포인트를 B사 포인트로 전환합니다. A 포인트 4점당 B 포인트 3점, \
                 10,000점부터는 5% 추가, 천 단위 금액에는 100점 보너스가 붙습니다. 음수, 소수, \
                 한도를 넘는 금액은 그 작업의 퓨처만 ValueError로 실패하고 나머지는 계속 \
                 진행됩니다. 전환 규칙을 조회하는 데 몇 밀리초의 I/O가 걸리므로 작업들은 결과 \
                 캐시를 공유합니다. 락이 없으면(cache=unsynchronized) 두 스레드가 모두 키가 \
                 없다고 보고 둘 다 전환할 수 있고, 공유 카운터에서는 갱신 손실이 생깁니다. I/O가 \
                 확인과 실행 사이에 다른 스레드를 끼워 넣기 때문에 GIL이 있어도 그렇습니다. \
                 cache=locked에서는 이런 일이 없고, cache=lru는 최근 항목만 남깁니다. \
                 프로세스에서는 각 워커가 자기만의 캐시를 가지며 다른 워커는 그것을 볼 수 \
                 없습니다.",
        }
    }

    fn python_task(&self, params: &Params, _seed: u64, form: TaskForm) -> PythonTask {
        let mode = params
            .get("cache")
            .and_then(Value::as_str)
            .and_then(CacheMode::parse)
            .unwrap_or(CacheMode::None);
        let asyncio = form != TaskForm::Sync;
        let mut setup = format!(
            "LIMIT = {LIMIT}\nLOOKUP_S = {}  # looking up the rules (I/O): params.lookup_ms\n",
            seconds(param_u64(params, "lookup_ms"))
        );
        setup += match mode {
            CacheMode::None => "",
            CacheMode::Unsynchronized => "cache = {}  # shared by every task, with no lock\n",
            CacheMode::Locked => "cache = {}  # shared by every task, behind the lock\n",
            CacheMode::Lru => "cache = OrderedDict()  # least recently used first\n",
        };
        if mode == CacheMode::Lru {
            setup += &format!(
                "CAPACITY = {}  # entries the cache keeps: params.capacity\n",
                param_u64(params, "capacity")
            );
        }
        if matches!(mode, CacheMode::Locked | CacheMode::Lru) {
            setup += if asyncio {
                "lock = asyncio.Lock()\n"
            } else {
                "lock = threading.Lock()\n"
            };
        }
        setup += "conversions = 0  # the program's own counter\n";
        let mut imports = vec![];
        if !asyncio {
            imports.push("import time");
        }
        if mode == CacheMode::Lru {
            imports.push("from collections import OrderedDict");
        }
        if !asyncio && matches!(mode, CacheMode::Locked | CacheMode::Lru) {
            imports.push("import threading");
        }
        PythonTask {
            name: "convert",
            imports,
            setup,
            definition: python_definition(mode, asyncio),
            summary: Some("print(\"conversions counted:\", conversions)"),
        }
    }

    fn default_inputs(&self) -> Vec<String> {
        [
            "1000", "2500", "1000", "300", "2500", "1000", "12000", "1000", "-5", "300", "12.5",
            "2500", "5000000", "1000", "300", "12000",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    fn parse_input(&self, raw: &str) -> Result<Value, String> {
        match serde_json::from_str::<Value>(raw.trim()) {
            Ok(Value::Number(number)) if number.as_f64().is_some_and(|n| n.abs() <= 1e15) => {
                Ok(Value::Number(number))
            }
            _ => Err(format!(
                "each input must be a number of points, for example 2500 (got {:?})",
                Excerpt(raw)
            )),
        }
    }

    fn params(&self) -> &'static [Param] {
        PARAMS
    }

    fn parse_param(&self, name: &str, raw: &str) -> Result<Value, String> {
        let raw = raw.trim();
        match name {
            "cache" => CacheMode::parse(raw)
                .map(|mode| Value::from(mode.name()))
                .ok_or_else(|| {
                    format!(
                        "must be one of none, unsynchronized, locked, lru (got {:?})",
                        Excerpt(raw)
                    )
                }),
            "capacity" => raw
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .map(Value::from)
                .ok_or_else(|| {
                    format!(
                        "must be a whole number from 1 to 10000 (got {:?})",
                        Excerpt(raw)
                    )
                }),
            "lookup_ms" => raw
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= 1000)
                .map(Value::from)
                .ok_or_else(|| {
                    format!(
                        "must be a whole number of ms from 0 to 1000 (got {:?})",
                        Excerpt(raw)
                    )
                }),
            _ => Err(format!("is not a parameter of points (got {name})")),
        }
    }

    fn prepare(&self, params: &Params, _seed: u64) -> Arc<dyn WorkloadRun> {
        let mode = params
            .get("cache")
            .and_then(Value::as_str)
            .and_then(CacheMode::parse)
            .unwrap_or(CacheMode::None);
        let number =
            |name: &str, default: u64| params.get(name).and_then(Value::as_u64).unwrap_or(default);
        let capacity =
            NonZeroUsize::new(number("capacity", 4) as usize).unwrap_or(NonZeroUsize::MIN);
        Arc::new(PointsRun {
            mode,
            lookup: Duration::from_millis(number("lookup_ms", 5)),
            capacity,
            lock: Arc::new(TaskLock::default()),
            cache: Mutex::new(HashMap::new()),
            lru: Mutex::new(LruCache::new(capacity)),
            converted: Mutex::new(HashSet::new()),
            counters: Counters::default(),
        })
    }
}
