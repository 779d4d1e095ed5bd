//! What a run counted beyond its futures: a cache's counts, a stream's
//! queue and latencies, a process pool's costs, each typed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::report::process_figures::ProcessFigures;

/// The statistics of a run, each part present when the run had it.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{CacheStats, ProcessFigures, Stats};
///
/// let stats = Stats {
///     processes: Some(ProcessFigures { workers_started: 2, ..ProcessFigures::default() }),
///     ..Stats::default()
/// };
/// let json = serde_json::to_value(&stats).unwrap();
/// assert_eq!(json["processes"]["workers_started"], 2);
/// assert!(json.get("cache").is_none(), "no cache, no entry");
/// assert_eq!(serde_json::from_value::<Stats>(json).unwrap(), stats);
/// assert!(Stats::default().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// The shared cache's counts (the `points` workload), for a run whose
    /// tasks share one cache.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<CacheStats>,
    /// The stream's queue and latencies (a paced workload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<StreamStats>,
    /// What the process pool cost in starting workers and moving data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processes: Option<ProcessFigures>,
    /// Each worker process's own cache (a process has its own memory), by
    /// the worker's name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_worker: BTreeMap<String, CacheStats>,
}

impl Stats {
    /// Whether the run counted nothing (its report's `stats` is then null).
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The statistics of a run whose only counts are its shared cache's.
    pub fn of_cache(cache: Option<CacheStats>) -> Self {
        Self {
            cache,
            ..Self::default()
        }
    }

    /// `Some(self)` unless empty: a report's `stats`.
    pub fn non_empty(self) -> Option<Self> {
        (!self.is_empty()).then_some(self)
    }
}

/// A cache shared by a run's tasks: what it saved and what its races cost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheStats {
    /// The cache's mode: `none`, `unsynchronized`, `locked` or `lru`.
    pub mode: String,
    /// Lookups that found the key.
    pub hits: u64,
    /// Lookups that did not.
    pub misses: u64,
    /// Conversions actually done.
    pub conversions: u64,
    /// Conversions of a key converted before (two tasks that both missed).
    pub duplicate_conversions: u64,
    /// Conversions the program's shared counter counted.
    pub counted: u64,
    /// Increments of the counter that a race lost (`conversions - counted`).
    pub lost_updates: u64,
    /// Entries the LRU cache dropped to stay within its capacity.
    pub evictions: u64,
    /// Entries in the cache at the end.
    pub size: u64,
    /// The LRU cache's capacity; `None` for the unbounded modes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u64>,
}

/// A paced stream of requests: how fast they came, how the queue filled and
/// how long each waited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StreamStats {
    /// Requests the producer offers a second.
    pub rate_per_s: f64,
    /// The queue's capacity (requests submitted but not started).
    pub capacity: u64,
    /// Requests that finished.
    pub completed: u64,
    /// Requests finished a second, from the first emitted to the last done.
    pub throughput_per_s: f64,
    /// From emitting a request to its finishing, in ms.
    pub latency_ms: Latencies,
    /// The longest the queue was.
    pub max_queue_depth: u64,
    /// `(ms, depth)` at each change of the queue's length (sampled to at
    /// most about 200 points).
    pub queue_depth: Vec<(f64, u64)>,
    /// How long the producer waited for room in the queue, in ms.
    pub producer_blocked_ms: f64,
}

/// Percentiles of the requests' latencies, in ms; `None` when no request
/// finished.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Latencies {
    /// The median.
    pub p50: Option<f64>,
    /// The 95th percentile.
    pub p95: Option<f64>,
    /// The 99th percentile.
    pub p99: Option<f64>,
    /// The longest.
    pub max: Option<f64>,
}
