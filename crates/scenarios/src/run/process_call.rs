//! What crosses the boundary to a worker process, and the worker's side.

use std::collections::HashMap;
use std::sync::Arc;

use futures_lab_core::{block_on, TaskContext, TaskError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::report::stats::CacheStats;
use crate::workloads;
use crate::workloads::workload::{Params, WorkloadRun};

/// One call for a worker process: which workload, its parameters and seed,
/// and one input (pickled arguments, in Python's terms).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessCall {
    /// The workload id.
    pub workload: String,
    /// Its parameters.
    pub params: Params,
    /// Its seed.
    pub seed: u64,
    /// The input of this task.
    pub input: Value,
}

/// A worker's answer: the result, and the statistics of the workload state
/// that lives in that worker (its own cache, say).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessReply {
    /// The task's result.
    pub value: Value,
    /// The counts of the worker's own cache after this call, if the
    /// workload keeps one.
    pub stats: Option<CacheStats>,
    /// The worker that ran it.
    pub worker: String,
}

/// The call handler of a worker process: it prepares each workload once per
/// process (so a cache lives in one process and is seen by no other) and
/// runs calls on it.
pub fn worker_handler() -> impl FnMut(&[u8], &TaskContext) -> Result<Vec<u8>, TaskError> {
    let mut prepared: HashMap<String, Arc<dyn WorkloadRun>> = HashMap::new();
    move |payload, ctx| {
        let call: ProcessCall = serde_json::from_slice(payload)
            .map_err(|e| TaskError::new("UnpicklingError", format!("cannot read the call: {e}")))?;
        let workload = workloads::find(&call.workload).ok_or_else(|| {
            TaskError::new(
                "AttributeError",
                format!("no workload {:?} in the worker", call.workload),
            )
        })?;
        let key = format!(
            "{}|{}|{}",
            call.workload,
            serde_json::to_string(&call.params).unwrap_or_default(),
            call.seed
        );
        let run = Arc::clone(
            prepared
                .entry(key)
                .or_insert_with(|| workload.prepare(&call.params, call.seed)),
        );
        let value = block_on(run.call(&call.input, ctx))?;
        let reply = ProcessReply {
            value,
            stats: run.stats(),
            worker: ctx.worker().to_string(),
        };
        serde_json::to_vec(&reply)
            .map_err(|e| TaskError::new("PicklingError", format!("cannot send the result: {e}")))
    }
}
