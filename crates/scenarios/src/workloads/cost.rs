//! What a task costs on the virtual clock.

use serde_json::Value;

/// Nanoseconds one operation takes when the scenario does not say
/// (`op_ns`): one term of the classic sum of squares (`i * i` added to a
/// total), as this build runs it in Chromium. Calibrated once, on the
/// machine futures-lab is developed on: 20 tasks of 5,000,000 terms ran
/// sequentially in 75.3 ms (`scripts/bench`, median of 5), so 0.75 ns.
/// Being a constant, it gives the same trace on every machine.
pub const DEFAULT_OP_NS: f64 = 0.75;

/// `op_ns` for CPython 3.11 speed on the same machine: the same 20 tasks
/// took 3,534.5 ms in CPython (`scripts/bench-classics`), 35 ns a term.
pub const CPYTHON_OP_NS: f64 = 35.0;

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
