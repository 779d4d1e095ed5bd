//! What every workload provides.

use crate::Excerpt;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures_lab_core::{block_on, TaskContext, TaskError, Tracer};
use serde_json::Value;

use crate::report::stats::CacheStats;
use crate::scenario::executor_kind::ExecutorKind;
use crate::workloads::cost::VirtualCost;
use crate::workloads::demand::Demand;
use crate::workloads::python_task::{python_literal, PythonTask, TaskForm};
use crate::workloads::shared_model::SharedModel;

/// A workload's parameters after validation, with defaults filled in.
pub type Params = BTreeMap<String, Value>;

/// One parameter of a workload: its name, its default, and what it allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The name used in `params` (`cache`, `latency_ms`).
    pub name: &'static str,
    /// The default value, as text.
    pub default: &'static str,
    /// What it is and what it allows, for people.
    pub help: &'static str,
}

/// A text in the two languages of the playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

/// A classic program's task: validated inputs and parameters, real work, an
/// exact result, and the words and Python code that explain it.
///
/// Adding a workload is one file in [`crate::workloads`] plus one line in its
/// registry.
pub trait Workload: Send + Sync {
    /// The id used in URLs and JSON (`cpu_bound`).
    fn id(&self) -> &'static str;

    /// A short title.
    fn title(&self) -> Text;

    /// What the workload does and which lesson it shows.
    fn explanation(&self) -> Text;

    /// True if its classic inputs mostly wait (on the network, a lock)
    /// rather than compute: what an executor does with it depends on that.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::workloads;
    ///
    /// assert!(workloads::find("download").unwrap().mostly_waiting());
    /// assert!(!workloads::find("cpu_bound").unwrap().mostly_waiting());
    /// ```
    fn mostly_waiting(&self) -> bool {
        let run = self.prepare(&self.default_params(), 0);
        let (waiting, computing) = self
            .default_inputs()
            .iter()
            .filter_map(|raw| self.parse_input(raw).ok())
            .map(|input| run.demand(&input))
            .fold((0.0, 0.0), |(w, c), d| {
                (w + d.wait_ns + d.locked_ns, c + d.cpu_ns())
            });
        waiting > computing
    }

    /// The task in Python, in `form`, with `params` (and the scenario's
    /// `seed`, where the workload draws) written in as constants: what
    /// [`python_program`](crate::python_program) builds a program around.
    fn python_task(&self, params: &Params, seed: u64, form: TaskForm) -> PythonTask;

    /// An input as a Python literal, the argument of one call (by default its
    /// JSON value written as Python writes it: `12.5`, `"https://..."`).
    fn python_input(&self, input: &Value) -> String {
        python_literal(input)
    }

    /// The classic example's inputs, one task each.
    fn default_inputs(&self) -> Vec<String>;

    /// Checks one input and gives its JSON form.
    ///
    /// # Errors
    ///
    /// A message saying what is allowed, for the `inputs` field.
    fn parse_input(&self, raw: &str) -> Result<Value, String>;

    /// The parameters it takes (none by default).
    fn params(&self) -> &'static [Param] {
        &[]
    }

    /// Every parameter at its default.
    fn default_params(&self) -> Params {
        self.params()
            .iter()
            .filter_map(|p| Some((p.name.to_owned(), self.parse_param(p.name, p.default).ok()?)))
            .collect()
    }

    /// Checks one parameter value and gives its JSON form.
    ///
    /// # Errors
    ///
    /// A message saying what is allowed, for `params.<name>`.
    fn parse_param(&self, name: &str, raw: &str) -> Result<Value, String> {
        Err(format!(
            "is not a parameter of this workload (got {name}={raw:?})"
        ))
    }

    /// The state of one run (or of one worker process: processes share
    /// nothing), made from validated `params` and the scenario's `seed`.
    fn prepare(&self, params: &Params, seed: u64) -> Arc<dyn WorkloadRun>;

    /// Whether the virtual clock plays it: true when its runs give
    /// [`WorkloadRun::virtual_cost`] (false by default).
    fn on_virtual_clock(&self) -> bool {
        false
    }

    /// Whether the virtual clock plays it on `executor` (where it plays it
    /// at all, on every executor by default).
    fn virtual_clock_plays(&self, executor: ExecutorKind) -> bool {
        let _ = executor;
        self.on_virtual_clock()
    }

    /// How the program hands in its tasks: all at once (`None`, the
    /// default), or by a producer at a rate into a bounded queue.
    fn pacing(&self, _params: &Params) -> Option<Pacing> {
        None
    }
}

/// A producer's schedule: one task every `interval`, and at most `bound`
/// tasks submitted and not finished (the queue plus the busy consumers); a
/// full queue makes the producer wait (backpressure).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pacing {
    /// Time between two emissions.
    pub interval: std::time::Duration,
    /// Requests the queue holds.
    pub capacity: usize,
}

/// The future of one task of a workload.
pub type CallFuture<'a> = Pin<Box<dyn Future<Output = Result<Value, TaskError>> + Send + 'a>>;

/// A workload ready to run tasks, holding whatever one run (or one process)
/// shares between its tasks.
///
/// A task is written once, as async code: thread executors drive it with
/// [`block_on`](futures_lab_core::block_on), where every await of the
/// context completes at once; the asyncio event loop switches tasks at them.
pub trait WorkloadRun: Send + Sync {
    /// Runs one task on an input accepted by [`Workload::parse_input`],
    /// awaiting `ctx.checkpoint_async` about every millisecond of CPU work
    /// and `ctx.io_wait_async` for I/O.
    ///
    /// # Errors
    ///
    /// The future fails with the Python-style exception the task raises.
    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a>;

    /// What one task on `input` demands (CPU, waiting, memory), from the
    /// workload's cost model and without running it: a run's budget is
    /// checked against the sum before it starts.
    fn demand(&self, input: &Value) -> Demand;

    /// The counts of the cache the run's tasks share, for the report (its
    /// hits, misses, lost updates, ...); `None` for a workload without one.
    fn stats(&self) -> Option<CacheStats> {
        None
    }

    /// What one task on `input` costs on a virtual clock, its result
    /// computed for real; `None` for a workload the virtual clock does not
    /// play (its tasks share state, or are paced by a producer).
    fn virtual_cost(&self, input: &Value) -> Option<VirtualCost> {
        let _ = input;
        None
    }

    /// The state the run's tasks share, as the virtual clock plays it (a
    /// cache: what each task finds there decides what it does); `None` for
    /// tasks that share nothing.
    fn virtual_shared(&self) -> Option<Box<dyn SharedModel>> {
        None
    }
}

/// Reads an input accepted by `parse_input` as a whole number.
///
/// # Errors
///
/// `TypeError` if it is not one (a bug: inputs are validated first).
pub fn input_u64(input: &Value) -> Result<u64, TaskError> {
    input
        .as_u64()
        .ok_or_else(|| TaskError::new("TypeError", format!("expected an integer, got {input}")))
}

/// Parses a whole number from `min` to `max`, with the standard message.
///
/// # Errors
///
/// `each input must be a whole number from {min} to {max} (got "...")`.
pub fn whole_number(raw: &str, min: u64, max: u64) -> Result<u64, String> {
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            format!(
                "each input must be a whole number from {min} to {max} (got {:?})",
                Excerpt(raw)
            )
        })
}

/// A whole-number parameter, or 0.
pub(crate) fn param_u64(params: &Params, name: &str) -> u64 {
    params.get(name).and_then(Value::as_u64).unwrap_or_default()
}

/// Runs `run`'s task on `input` for real, on the calling thread, for its
/// result; its cost is `ops` operations of computing.
pub(crate) fn computed(run: &dyn WorkloadRun, input: &Value, ops: u64) -> VirtualCost {
    let ctx = TaskContext::new(0, Arc::from("virtual"), Tracer::discard());
    let outcome = block_on(run.call(input, &ctx)).map_err(|error| error.to_string());
    VirtualCost::compute(ops, outcome)
}
