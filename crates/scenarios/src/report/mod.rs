//! The report of a run: what every future did, in which order, how long it took.

pub(crate) mod gist;
pub(crate) mod opened;
pub(crate) mod process_figures;
pub(crate) mod report_trace;
pub(crate) mod stats;
pub(crate) mod task_state;
pub(crate) mod task_time;
pub(crate) mod traced_program;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::control::ControlNote;
use crate::report::stats::Stats;
use crate::report::task_state::TaskState;
use crate::report::task_time::TaskTime;
use crate::report::traced_program::{Slice, TracedProgram};
use crate::scenario::Scenario;

/// Everything a run showed, as JSON for the page, the JS API and the native runner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The scenario as run (inputs filled in). A CPython trace has one only
    /// if futures-lab wrote the program (its first line names it); JSON may
    /// give it as an object or as its URL query.
    #[serde(default)]
    pub scenario: Option<Scenario>,
    /// Where it ran: `native` or `browser` (a lab run), `cpython` (a trace
    /// of a Python program).
    pub mode: String,
    /// From the first submit until every future was done.
    pub wall_ms: f64,
    /// Every task's computing time, summed: its CPU time. Waits (for I/O,
    /// the GIL, a lock, the event loop) are not in it; each task's `time`
    /// says where the rest went.
    pub cpu_ms: f64,
    /// One entry per future, in submission order.
    pub tasks: Vec<TaskReport>,
    /// Task ids in the order `as_completed` yielded them.
    pub completion_order: Vec<u64>,
    /// Task ids in the order the program received results (input order for `map`).
    pub result_order: Vec<u64>,
    /// What `wait()` returned, for the `wait` API; otherwise null.
    pub wait: Option<WaitSplit>,
    /// What the run counted beyond its futures (a cache's hits, misses and
    /// lost updates, each worker process's own; a stream's queue; a process
    /// pool's costs), or null if nothing.
    pub stats: Option<Stats>,
    /// The exception the program itself raised (a `TimeoutError` from
    /// `as_completed` or `map`, or a failed call read through `map`), if any.
    pub error: Option<String>,
    /// The thread pool the run had.
    pub pool: PoolInfo,
    /// The machine or browser it ran in.
    pub environment: Environment,
    /// What the page asked during the run (cancel, shutdown) and what came
    /// of it, in the order applied; empty if it asked nothing. Not read back
    /// from JSON (a decoded report has none).
    #[serde(skip_deserializing, default)]
    pub control: Vec<ControlNote>,
    /// The done callbacks the program added (`callbacks=true`), in the
    /// order they ran; empty without.
    pub callbacks: Vec<CallbackNote>,
    /// A CPython trace's program: how it ran and what its calls gave it;
    /// absent from a lab run's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<TracedProgram>,
}

impl Report {
    /// Whether `completion_order` is the order `as_completed` yielded the
    /// futures (the scenario's API, or a traced program's call), rather than
    /// the order they finished.
    pub fn yielded_as_completed(&self) -> bool {
        match (&self.scenario, &self.program) {
            (Some(scenario), _) => scenario.api == crate::Api::SubmitAsCompleted,
            (None, Some(program)) => program.calls.iter().any(|c| c.api == "as_completed"),
            (None, None) => false,
        }
    }
}

/// One run of a done callback (`future.add_done_callback(...)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallbackNote {
    /// The id of the future it was added to.
    pub future: u64,
    /// When it ran, in ms from the run's start.
    pub t_ms: f64,
    /// The executor thread it ran on, the one that completed the future
    /// (`ThreadPoolExecutor-0_1`; `MainThread` on the asyncio loop;
    /// `Thread-1`, the manager thread, for the process pool). `None` for the
    /// program's own thread (`MainThread` in Python): a callback runs there
    /// at once when added to a future already done, and when the program
    /// (or the page, through [`RunControl`](crate::RunControl)) cancels the
    /// future or shuts the executor down with `cancel_futures`.
    pub thread: Option<String>,
}

/// One future of a run. Times are milliseconds from the run's start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskReport {
    /// Submission index.
    pub id: u64,
    /// The task's input.
    pub input: Value,
    /// The worker (thread name) that ran it.
    pub worker: Option<String>,
    /// `pending`, `running`, `finished`, `failed` or `cancelled`.
    pub state: TaskState,
    /// When it was submitted.
    pub submitted_ms: f64,
    /// When a worker started it.
    pub started_ms: Option<f64>,
    /// When it finished or failed.
    pub finished_ms: Option<f64>,
    /// Its result (integers beyond 2^53 as decimal strings).
    pub result: Option<Value>,
    /// Its error, as `Class: message`.
    pub error: Option<String>,
    /// Where its running time went (zero for a task that never ran).
    #[serde(default)]
    pub time: TaskTime,
    /// CPython traces: the function the future called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<String>,
    /// CPython traces: the executor it ran on (an index into the program's
    /// `executors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executor: Option<usize>,
    /// CPython traces: when a process pool moved it to its call queue (it
    /// was running from then on, not yet on a worker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_ms: Option<f64>,
    /// CPython traces: when it ran, each step on the event loop for an
    /// asyncio task, the call for an executor's future.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slices: Vec<Slice>,
}

/// The `(done, not_done)` split `wait()` returned, and why it returned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitSplit {
    /// Ids of the futures in `done`.
    pub done: Vec<u64>,
    /// Ids of the futures in `not_done`.
    pub not_done: Vec<u64>,
    /// When `wait` returned, in ms from the run's start.
    pub returned_ms: f64,
    /// `FIRST_COMPLETED`, `FIRST_EXCEPTION`, `ALL_COMPLETED` (its condition
    /// held) or `timeout`.
    pub reason: String,
}

/// The pool of threads the run could use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolInfo {
    /// Threads available: the Web Worker pool in the browser, the threads the
    /// executor started natively.
    pub threads: usize,
    /// How long starting the pool took (browser), or null.
    pub start_ms: Option<f64>,
}

/// Where the run happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    /// `crossOriginIsolated` in the browser; null natively.
    pub cross_origin_isolated: Option<bool>,
    /// `navigator.hardwareConcurrency`, or the native CPU count.
    pub hardware_concurrency: usize,
    /// The browser's user agent, or `futures-lab-native/<version> (<os>; <arch>)`.
    pub user_agent: String,
}

impl Environment {
    /// This native machine.
    pub fn native() -> Self {
        Self {
            cross_origin_isolated: None,
            hardware_concurrency: std::thread::available_parallelism().map_or(1, usize::from),
            user_agent: format!(
                "futures-lab-native/{} ({}; {})",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS,
                std::env::consts::ARCH
            ),
        }
    }
}
