//! What a run on the asyncio loop looked like from outside, for a run that
//! was watched rather than played by the program's own code (a page without
//! a second thread): where and when each task ran, and the stretches of time
//! the loop gave each task, from which the program's turns follow.

use std::sync::Arc;

use futures_lab_core::TraceEvent;

/// When and where one task ran.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Placed {
    pub worker: Option<Arc<str>>,
    pub submitted_ns: u64,
    pub started_ns: Option<u64>,
    /// When its future was done.
    pub ended_ns: Option<u64>,
}

/// What a watched run gives: where each task ran, and its events.
#[derive(Clone, Debug, Default)]
pub(crate) struct Played {
    pub tasks: Vec<Placed>,
    pub events: Vec<TraceEvent>,
}

/// One stretch of time the loop spent running a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slice {
    pub task: usize,
    /// When the task was put in the ready queue for this slice.
    pub ready_ns: u64,
    pub from_ns: u64,
    pub to_ns: u64,
}

impl Slice {
    /// When the program, a coroutine on the loop, gets its turn after
    /// something it waits for happened at `t_ns` (a task ended, or its
    /// timeout's timer is due): the task running then first runs to its
    /// await, and so does every task that was ready by `t_ns` (the loop's
    /// ready queue is first in, first out; on a real loop the next slice
    /// starts a few µs after the last one ends).
    pub(crate) fn program_turn(slices: &[Slice], t_ns: u64) -> u64 {
        let mut next = slices.partition_point(|slice| slice.to_ns <= t_ns);
        let mut at = t_ns;
        if let Some(running) = slices.get(next).filter(|slice| slice.from_ns < t_ns) {
            at = running.to_ns;
            next += 1;
        }
        while let Some(slice) = slices.get(next).filter(|slice| slice.ready_ns <= t_ns) {
            at = slice.to_ns;
            next += 1;
        }
        at
    }
}
