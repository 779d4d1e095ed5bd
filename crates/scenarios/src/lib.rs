//! # futures-lab-scenarios
//!
//! The workloads of futures-lab, the [`Scenario`] a learner picks (workload,
//! inputs, executor, ...), the [`Report`] of a run, and [`play`], which runs
//! a scenario on the chosen executor. The same code runs natively (the
//! `futures-lab` command) and on Web Workers in the browser; the caller
//! supplies threads, a clock and a live trace sink through [`RunEnv`].
//! [`python_program`] and [`rust_program`] write a scenario as a program a
//! learner can copy: CPython's `concurrent.futures` or asyncio, and Rust over
//! these crates.
//!
//! # Examples
//!
//! ```
//! use futures_lab_scenarios::{play, RunEnv, Scenario};
//!
//! let scenario = Scenario::from_query("workload=cpu_bound&inputs=10,20&executor=threads&max_workers=2").unwrap();
//! let report = play(&scenario, &RunEnv::native()).unwrap();
//! assert_eq!(report.tasks[0].result, Some(serde_json::json!(285)));
//! assert_eq!(report.tasks[1].result, Some(serde_json::json!(2470)));
//! ```

#![warn(missing_docs)]

mod budget;
mod control;
mod env;
mod generators;
mod program;
mod report;
mod run;
mod scenario;
mod virtual_clock;
pub mod workloads;

pub use budget::estimate::{estimate, Activity, Estimate, BYTES_PER_FUTURE};
pub use budget::limit::{Budget, Over, OverBudget, MAX_SIMULATED_NS};
pub use budget::span::{mib_in_words, span_in_words};
pub use control::{Command, ControlNote, ControlOutcome, RunControl};
pub use env::RunEnv;
pub use generators::program_marks::{ProgramMarks, ProgramStep};
pub use generators::python::{dask_program, python_program};
pub use generators::python_dask::DaskRefusal;
pub use generators::rust::rust_program;
pub use program::observed::{observed, Source};
pub use program::report_builder::Outcome;
pub use program::trace_merger::{TraceMerger, GIL_EVENTS_KEPT};
pub use report::gist::Gist;
pub use report::opened::{open_report, report_of_json, MAX_REPORT_BYTES};
pub use report::process_figures::ProcessFigures;
pub use report::report_trace::events_of_report;
pub use report::stats::{CacheStats, Latencies, Stats, StreamStats};
pub use report::task_state::TaskState;
pub use report::task_time::TaskTime;
pub use report::traced_program::{
    Given, ProgramCall, Slice, TracedExecutor, TracedProgram, TracedWorker,
};
pub use report::{CallbackNote, Environment, PoolInfo, Report, TaskReport, WaitSplit};
pub use run::call_queue::CallQueue;
pub use run::play;
pub use run::process_call::{worker_handler, ProcessCall, ProcessReply};
pub use scenario::api::Api;
pub use scenario::clock::Clock;
pub use scenario::error::ScenarioError;
pub use scenario::excerpt::{Excerpt, EXCERPT_CHARS};
pub use scenario::executor_kind::ExecutorKind;
pub use scenario::speed::Speed;
pub use scenario::start_method::StartMethod;
pub use scenario::{
    Scenario, DEFAULT_SEED, FIELDS, MAX_CPUS, MAX_OP_NS, MAX_SCENARIO_CHARS, MAX_TASKS,
    MAX_TIMEOUT_S, MAX_WORKERS_LIMIT, PAGE_KEYS,
};
/// Iterates the choices of [`Api`] and [`ExecutorKind`] (`ExecutorKind::iter()`).
pub use strum::IntoEnumIterator;
pub use virtual_clock::cpython_costs::{CpythonCosts, MeasuredVersion, Overheads, WorkloadCost};
pub use virtual_clock::prediction::{cpython_prediction, predicting_python};
pub use virtual_clock::{simulate, simulate_keeping, Simulated};
pub use workloads::cost::{Phase, VirtualCost, DEFAULT_OP_NS};
pub use workloads::demand::Demand;
pub use workloads::exact::exact_int;
pub use workloads::python_random::PythonRandom;
pub use workloads::python_task::{python_literal, PythonTask, TaskForm};
pub use workloads::workload::{CallFuture, Pacing, Param, Params, Text, Workload, WorkloadRun};
