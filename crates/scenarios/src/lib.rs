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

mod api;
mod clock;
mod collected;
mod control_watcher;
mod deferred_spawner;
mod exact;
mod executor_kind;
mod fields;
mod one_thread;
mod process_call;
mod producer;
mod python_asyncio;
mod python_pool;
mod python_program;
mod python_task;
mod report;
mod run_control;
mod run_env;
mod runner;
mod rust_program;
mod scenario;
mod scenario_error;
mod seeded;
mod task_state;
mod virtual_clock;
mod virtual_cost;
mod virtual_loop;
mod virtual_machine;
mod workload;
pub mod workloads;

pub use api::Api;
pub use clock::Clock;
pub use collected::{observed, Outcome, Source};
pub use exact::exact_int;
pub use executor_kind::ExecutorKind;
pub use process_call::{worker_handler, ProcessCall, ProcessReply};
pub use python_program::python_program;
pub use python_task::{PythonTask, TaskForm};
pub use report::{CallbackNote, Environment, PoolInfo, Report, TaskReport, WaitSplit};
pub use run_control::{Command, ControlNote, ControlOutcome, RunControl};
pub use run_env::RunEnv;
pub use runner::play;
pub use rust_program::rust_program;
pub use scenario::{
    Scenario, DEFAULT_SEED, MAX_CPUS, MAX_OP_NS, MAX_TASKS, MAX_TIMEOUT_S, MAX_WORKERS_LIMIT,
};
pub use scenario_error::ScenarioError;
pub use seeded::Seeded;
/// Iterates the choices of [`Api`] and [`ExecutorKind`] (`ExecutorKind::iter()`).
pub use strum::IntoEnumIterator;
pub use task_state::TaskState;
pub use virtual_clock::{simulate, Simulated};
pub use virtual_cost::{Phase, VirtualCost, CPYTHON_OP_NS, DEFAULT_OP_NS};
pub use workload::{CallFuture, Pacing, Param, Params, Text, Workload, WorkloadRun};
