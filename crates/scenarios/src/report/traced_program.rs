//! What a CPython trace adds to a report (`python/futures_lab_trace.py`):
//! the program that ran, its executors and worker processes, and what each
//! of its calls of `as_completed`, `map`, `wait`, `gather` or a `TaskGroup`
//! handed back to it, and when.

use serde::{Deserialize, Serialize};

/// The traced program: how it was run and what it called.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TracedProgram {
    /// The script, as given to the tracer.
    pub script: Option<String>,
    /// Its arguments.
    #[serde(default)]
    pub argv: Vec<String>,
    /// The CPython version that ran it (`3.11.7`).
    pub python: String,
    /// Its exit status (1 for an exception it did not catch).
    pub exit_status: i32,
    /// The tracer's version.
    #[serde(default)]
    pub tracer: Option<String>,
    /// Every executor and event loop its futures ran on, in the order first used.
    #[serde(default)]
    pub executors: Vec<TracedExecutor>,
    /// Every worker process its process pools started.
    #[serde(default)]
    pub workers: Vec<TracedWorker>,
    /// Its calls that handed futures or results back, in the order called.
    #[serde(default)]
    pub calls: Vec<ProgramCall>,
    /// What the tracer could not follow, in words.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// An executor (or event loop) of a traced program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TracedExecutor {
    /// `threads`, `processes` or `asyncio`.
    pub kind: String,
    /// Its `max_workers` (null for an event loop).
    pub max_workers: Option<usize>,
    /// A process pool's start method: `fork`, `spawn` or `forkserver`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_method: Option<String>,
}

/// A worker process of a traced process pool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TracedWorker {
    /// Its name (`ForkProcess-1`, `SpawnProcess-2`).
    pub name: String,
    /// Its process id.
    pub pid: Option<u64>,
    /// When the pool began to start it, in ms from the run's start.
    pub starting_ms: Option<f64>,
    /// When it was ready for its first call.
    pub ready_ms: Option<f64>,
}

/// One call of the program's that gave it futures or results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramCall {
    /// `as_completed`, `map`, `wait`, `gather`, `asyncio_wait` or `task_group`.
    pub api: String,
    /// The thread that called it.
    pub thread: String,
    /// When it was called, in ms from the run's start.
    pub called_ms: f64,
    /// When it returned, or its iterator ended (null if it never did).
    pub returned_ms: Option<f64>,
    /// The futures it was given (or, for `map`, created), by id.
    pub futures: Vec<u64>,
    /// What it handed back, in order: each future `as_completed` yielded,
    /// each result of `map` (a chunk's future once per result), every
    /// future of `gather` or a `TaskGroup` when it returned.
    pub gave: Vec<Given>,
    /// `wait`'s `done` set.
    pub done: Option<Vec<u64>>,
    /// `wait`'s `not_done` set.
    pub not_done: Option<Vec<u64>>,
    /// `wait`'s `return_when`.
    pub return_when: Option<String>,
    /// Its timeout, in seconds.
    pub timeout_s: Option<f64>,
    /// What it raised, as `Class: message`.
    pub error: Option<String>,
}

/// One future a call handed back, and when.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Given {
    /// The future's id.
    pub future: u64,
    /// When, in ms from the run's start.
    pub t_ms: f64,
}

/// A stretch of a traced task's running: a call on its worker, or one step
/// of an asyncio task on the event loop (from one await to the next).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    /// Its start, in ms from the run's start.
    pub start_ms: f64,
    /// Its end.
    pub end_ms: f64,
    /// The CPU time its thread used in it.
    pub cpu_ms: f64,
}
