//! What one task asks of the machine, known before it runs.

use crate::workloads::cost::DEFAULT_OP_NS;

/// What one task demands, estimated from its input and the workload's cost
/// model without running it: the figures a run's budget is checked against.
/// Where the exact figure needs the work itself (a trial division that may
/// stop at a small factor), it is the most the task can take.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Demand {
    /// Operations of computing, in the virtual clock's unit (a term of the
    /// sum of squares), which take a CPU.
    pub ops: f64,
    /// Waiting without a CPU (the network, a disk), in ns.
    pub wait_ns: f64,
    /// Waiting while holding a lock that every task of the run shares, in
    /// ns: such waits happen one after another, whatever the executor.
    pub locked_ns: f64,
    /// Bytes its result takes in the report.
    pub result_bytes: f64,
}

impl Demand {
    /// A task computing `ops` operations, with a result of `result_bytes`.
    pub fn computing(ops: f64, result_bytes: f64) -> Self {
        Self {
            ops,
            result_bytes,
            ..Self::default()
        }
    }

    /// A task waiting `wait_ns`, with a result of `result_bytes`.
    pub fn waiting(wait_ns: f64, result_bytes: f64) -> Self {
        Self {
            wait_ns,
            result_bytes,
            ..Self::default()
        }
    }

    /// Operations that take `ns` of CPU at this build's speed.
    pub fn ops_for_ns(ns: f64) -> f64 {
        ns / DEFAULT_OP_NS
    }

    /// CPU time at this build's speed, in ns.
    pub fn cpu_ns(&self) -> f64 {
        self.ops * DEFAULT_OP_NS
    }
}

/// Bytes of a whole number with `digits` decimal digits, as the report keeps
/// it (its text, with a little room for the value around it).
pub(crate) fn number_bytes(digits: f64) -> f64 {
    digits.max(1.0) + 24.0
}
