//! # futures-lab-core
//!
//! Python's `concurrent.futures` model in pure Rust (std only), so that the
//! playground can run it natively and on Web Workers alike. CPython's rules,
//! as pinned down by its own test suite, are this crate's tests: see
//! `docs/conformance.md` beside this crate for the rule → test table.
//!
//! - [`Future`]: a handle to a result that will exist later, with CPython's
//!   states ([`FutureState`]); every blocking call has a non-blocking twin
//!   and an async twin for the browser's main thread.
//! - [`wait`] (with [`ReturnWhen`]) and [`as_completed`].
//! - [`Executor`] with [`ExecutorExt::submit`] and [`ExecutorExt::map`]:
//!   [`Sequential`], [`ThreadPool`] (optionally under a [`Gil`]) and
//!   [`EventLoop`] (asyncio: one thread, switching at awaits), which
//!   take their threads through the [`Spawn`] seam: std threads natively,
//!   Web Workers in the browser, [`ManualSpawner`] in tests.
//! - [`ProcessPool`]: worker processes sharing nothing, serialized calls
//!   ([`serve_worker`] is the worker side; [`CommandSpawner`] starts real
//!   subprocesses).
//! - [`TaskContext`]: what every task receives; `checkpoint` (progress, GIL
//!   hand-over, cooperative termination) and `io_wait` (blocking I/O).
//! - [`Tracer`]: every transition becomes a [`TraceEvent`] on one [`Clock`];
//!   timeouts are measured on the [`global_clock`].
//!
//! # Examples
//!
//! ```
//! use futures_lab_core::{as_completed, ExecutorExt, ThreadPool, Tracer};
//!
//! let pool = ThreadPool::builder().max_workers(2).build(Tracer::discard()).unwrap();
//! let futures: Vec<_> = (1..=3u64)
//!     .map(|n| pool.submit(move |_ctx| Ok(n * n)).unwrap())
//!     .collect();
//! let mut squares: Vec<u64> = as_completed(&futures, None)
//!     .map(|f| f.unwrap().result(None).unwrap())
//!     .collect();
//! squares.sort();
//! assert_eq!(squares, vec![1, 4, 9]);
//! ```

#![warn(missing_docs)]

mod activity;
mod base;
mod block_on;
mod blocking;
mod clock;
mod context;
mod event_loop;
mod gil;
mod job;
mod loop_timers;
mod manual_spawner;
mod process;
mod python_version;
mod running_task;
mod sequential;
mod simulation;
mod spawn;
mod task_lock;
mod thread_name;
mod thread_pool;
mod trace;
mod worker;

pub use activity::{Activities, Activity, Stretch};
pub use base::as_completed::{as_completed, AsCompleted};
pub use base::error::{Error, ErrorKind, TaskError, MAX_WORKERS_MESSAGE, SHUTDOWN_MESSAGE};
pub use base::executor::Executor;
pub use base::executor_ext::ExecutorExt;
pub use base::future::{Future, Outcome, ResultAsync};
pub use base::map::{MapIter, MapOnError, MapOptions, BUFFERSIZE_MESSAGE};
pub use base::return_when::ReturnWhen;
pub use base::state::FutureState;
pub use base::wait::{try_wait, wait, wait_async, DoneAndNotDone, WaitAsync};
pub use block_on::block_on;
pub use blocking::resuming_with;
pub use clock::{global_clock, set_global_clock, Clock, MonotonicClock};
pub use context::{Interrupt, TaskContext, INTERRUPTED_MESSAGE, PROGRESS_STEPS};
pub use event_loop::{EventLoop, EventLoopBuilder};
pub use gil::{Gil, SWITCH_INTERVAL};
pub use job::{Job, JobAction, JobBody};
pub use manual_spawner::ManualSpawner;
pub use process::pipe_spawner::{HandlerFactory, PipeProcessSpawner, SendHandler};
pub use process::pool::{
    ProcessPool, ProcessPoolBuilder, ProcessStats, BROKEN_PROCESS_POOL_MESSAGE, CHUNKSIZE_MESSAGE,
    EXTRA_QUEUED_CALLS, MANAGER_THREAD, MAX_TASKS_PER_CHILD_MESSAGE,
};
pub use process::protocol::{Frame, MAX_FRAME};
pub use process::spawn::{CommandSpawner, ProcessHandle, ProcessSpawn};
pub use process::worker::{serve_worker, CallHandler, UnixClock, WorkerSession};
pub use python_version::PythonVersion;
pub use running_task::{arm_fault, arm_panic, running_task, take_armed_fault};
pub use sequential::{Sequential, MAIN_THREAD};
pub use simulation::{simulated, Simulation};
pub use spawn::{Spawn, StdSpawner};
pub use task_lock::{TaskLock, TaskLockGuard};
pub use thread_name::acting_as;
pub use thread_pool::{Initializer, ThreadPool, ThreadPoolBuilder, BROKEN_THREAD_POOL_MESSAGE};
pub use trace::{TraceBuffer, TraceEvent, TraceKind, TraceSink, Tracer};
pub use worker::Worker;
