//! # futures-lab-core
//!
//! Python's `concurrent.futures` model in pure Rust (std only), so that the
//! playground can run it natively and on Web Workers alike.
//!
//! - [`Future`]: a handle to a result that will exist later, with CPython's
//!   states ([`FutureState`]) and a non-blocking twin ([`Future::try_result`])
//!   and an async twin ([`Future::result_async`]) for every blocking call.
//! - [`Executor`]: [`Sequential`] and [`ThreadPool`], which take their threads
//!   through the [`Spawn`] seam (std threads natively, Web Workers in the
//!   browser).
//! - [`as_completed`]: yields futures in the order they complete.
//! - [`TaskContext`]: what every task receives; it reports progress.
//! - [`Tracer`]: every transition becomes a [`TraceEvent`] on one [`Clock`].
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
//! let mut squares: Vec<u64> = as_completed(&futures)
//!     .map(|f| f.result(None).unwrap())
//!     .collect();
//! squares.sort();
//! assert_eq!(squares, vec![1, 4, 9]);
//! ```

mod as_completed;
mod clock;
mod context;
mod error;
mod executor;
mod future;
mod python_version;
mod sequential;
mod spawn;
mod state;
mod thread_pool;
mod trace;

pub use as_completed::{as_completed, AsCompleted};
pub use clock::{Clock, MonotonicClock};
pub use context::TaskContext;
pub use error::{Error, ErrorKind, TaskError};
pub use error::{MAX_WORKERS_MESSAGE, SHUTDOWN_MESSAGE};
pub use executor::{Executor, ExecutorExt, Job};
pub use future::{Future, Outcome, WaitResult};
pub use python_version::PythonVersion;
pub use sequential::{Sequential, MAIN_THREAD};
pub use spawn::{Spawn, StdSpawner};
pub use state::FutureState;
pub use thread_pool::{ThreadPool, ThreadPoolBuilder};
pub use trace::{TraceBuffer, TraceEvent, TraceKind, TraceSink, Tracer};
