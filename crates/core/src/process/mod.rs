//! The process pool (CPython's `concurrent/futures/process.py`): the pool
//! and its manager, the frames that cross to a worker process, how a worker
//! process is started, and the worker's side.

pub(crate) mod pipe_spawner;
pub(crate) mod pool;
pub(crate) mod protocol;
pub(crate) mod spawn;
pub(crate) mod worker;
