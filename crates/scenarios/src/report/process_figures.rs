//! What a process pool's run cost in starting workers and moving data.

use serde::{Deserialize, Serialize};

/// The `processes` entry of a report's [`Stats`](crate::Stats): one
/// definition for every place a process pool runs (natively, in the page, on
/// the virtual clock).
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
