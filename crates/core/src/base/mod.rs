//! What CPython keeps in `concurrent/futures/_base.py`, the part every
//! executor shares: the [`Future`](crate::Future) and its states, `wait`,
//! `as_completed`, the `Executor` interface with `submit` and `map`, and
//! the exceptions.

pub(crate) mod as_completed;
pub(crate) mod deadline;
pub(crate) mod error;
pub(crate) mod executor;
pub(crate) mod executor_ext;
pub(crate) mod future;
pub(crate) mod map;
pub(crate) mod return_when;
pub(crate) mod signal;
pub(crate) mod state;
pub(crate) mod submit;
pub(crate) mod wait;
pub(crate) mod waiter;
