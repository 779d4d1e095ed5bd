//! What a process pool's run cost in starting workers and moving data.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The `processes` entry of a report's statistics: one definition for every
/// place a process pool runs (natively, in the page, on the virtual clock).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProcessFigures {
    /// Worker processes started (replacements included).
    pub workers_started: usize,
    /// For each start, ms from spawning until the worker was ready.
    pub start_ms: Vec<f64>,
    /// Bytes of calls sent to the workers.
    pub bytes_sent: u64,
    /// Bytes of results (and events) received from the workers.
    pub bytes_received: u64,
    /// Time the program spent encoding calls and decoding results, where it
    /// was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serialize_ms: Option<f64>,
}

impl ProcessFigures {
    /// The statistics of the run: these figures under `processes`, and each
    /// worker's own workload statistics under `per_worker` (if any).
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::ProcessFigures;
    ///
    /// let figures = ProcessFigures { workers_started: 2, bytes_sent: 10, ..ProcessFigures::default() };
    /// let stats = figures.stats(None);
    /// assert_eq!(stats["processes"]["workers_started"], 2);
    /// assert!(stats.get("per_worker").is_none(), "no worker kept statistics");
    /// assert_eq!(ProcessFigures::of(&stats), Some(figures));
    /// ```
    pub fn stats(&self, per_worker: Option<Map<String, Value>>) -> Value {
        let mut stats = Map::new();
        stats.insert("processes".to_owned(), json!(self));
        if let Some(workers) = per_worker.filter(|workers| !workers.is_empty()) {
            stats.insert("per_worker".to_owned(), Value::Object(workers));
        }
        Value::Object(stats)
    }

    /// The figures in a report's statistics, if a process pool ran.
    pub fn of(stats: &Value) -> Option<Self> {
        serde_json::from_value(stats.get("processes")?.clone()).ok()
    }
}
