//! What a task costs on the virtual clock.

use serde_json::Value;

/// Nanoseconds one operation takes when the scenario does not say
/// (`op_ns`): one term of the classic sum of squares (`i * i` added to a
/// total), as this build runs it in Chromium. Calibrated on the machine
/// futures-lab is developed on, the one `data/cpython-costs.json` was
/// measured on: 20 tasks of 5,000,000 terms ran sequentially in 175.5 ms
/// (`scripts/bench`, median of 5, 2026-12-04), so 1.75 ns. Being a
/// constant, it gives the same trace on every machine; "fit to this
/// machine" compares this build's speed elsewhere with it.
pub const DEFAULT_OP_NS: f64 = 1.75;

/// The slowest operation the virtual clock accepts (`op_ns`), in ns.
pub const MAX_OP_NS: f64 = 1_000_000.0;

/// One step of a task on the virtual clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Computing: this many operations (terms of the sum of squares, or
    /// their equivalent in time), which take a CPU.
    Compute(u64),
    /// Waiting (on the network, a disk): this many ns, using no CPU.
    Wait(u64),
}

/// One task's cost on the virtual clock, and how it ends. Its result is
/// computed for real; only time is counted instead of measured.
#[derive(Clone, Debug, PartialEq)]
pub struct VirtualCost {
    /// What it does, in order.
    pub phases: Vec<Phase>,
    /// Its result, or its error as `Class: message`.
    pub outcome: Result<Value, String>,
}

impl VirtualCost {
    /// A task that computes `ops` operations and gives `outcome`.
    pub fn compute(ops: u64, outcome: Result<Value, String>) -> Self {
        Self {
            phases: vec![Phase::Compute(ops)],
            outcome,
        }
    }
}
