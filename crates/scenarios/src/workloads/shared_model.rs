//! State that a run's tasks share, as the virtual clock plays it: the state
//! is read and changed for real, at the simulated moment each task starts
//! and ends, so what a task does (a cache hit skips the lookup) and what
//! the run counts (lost updates, repeated conversions) follow the
//! interleaving the clock plays.

use serde_json::Value;

use crate::report::stats::CacheStats;
use crate::workloads::cost::Phase;

/// A model of the state a run's tasks share.
pub trait SharedModel {
    /// Whether each task holds the run's lock (`threading.Lock`) from its
    /// start to its end.
    fn locked(&self) -> bool;

    /// Task `task`, on `input`, starts now (holding the lock, if
    /// [`SharedModel::locked`]): what it does from here.
    fn start(&mut self, task: usize, input: &Value) -> Vec<Phase>;

    /// Task `task` ends now: what it changed takes effect.
    fn end(&mut self, task: usize);

    /// What the run counted.
    fn stats(&self) -> CacheStats;
}
