//! What every workload provides.

use futures_lab_core::{TaskContext, TaskError};
use serde_json::Value;

/// A classic program's task: validated inputs, real work, an exact result.
///
/// Adding a workload is one file in [`crate::workloads`] plus one line in its
/// registry.
pub trait Workload: Send + Sync {
    /// The id used in URLs and JSON (`cpu_bound`).
    fn id(&self) -> &'static str;

    /// The classic example's inputs, one task each.
    fn default_inputs(&self) -> Vec<String>;

    /// Checks one input and gives its JSON form.
    ///
    /// # Errors
    ///
    /// A message saying what is allowed, for the `inputs` field.
    fn parse_input(&self, raw: &str) -> Result<Value, String>;

    /// Runs one task on an input accepted by [`Workload::parse_input`],
    /// calling `ctx.checkpoint` about every millisecond.
    ///
    /// # Errors
    ///
    /// The Python-style exception the task raises.
    fn run(&self, input: &Value, ctx: &TaskContext) -> Result<Value, TaskError>;
}
