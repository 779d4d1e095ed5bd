//! A point in time that a blocking call must not wait past.

use std::time::Duration;

use crate::base::signal::Signal;
use crate::blocking;
use crate::clock::global_clock;
use crate::simulation;

/// Now: on the simulation's clock if this thread has one, else the global clock.
pub(crate) fn now_ns() -> u64 {
    simulation::current().map_or_else(|| global_clock().now_ns(), |s| s.now_ns())
}

/// The end of a timeout, fixed when the call starts (CPython's `end_time`),
/// so that a loop of waits shares one deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Deadline {
    at_ns: Option<u64>,
}

impl Deadline {
    /// `timeout` from now; `None` waits forever.
    pub(crate) fn after(timeout: Option<Duration>) -> Self {
        Self {
            at_ns: timeout.map(|t| {
                let ns = u64::try_from(t.as_nanos()).unwrap_or(u64::MAX);
                now_ns().saturating_add(ns)
            }),
        }
    }

    /// Time left: `None` for no deadline, `Some(ZERO)` once it has passed.
    pub(crate) fn remaining(self) -> Option<Duration> {
        self.at_ns
            .map(|at| Duration::from_nanos(at.saturating_sub(now_ns())))
    }

    /// True once the deadline has passed.
    pub(crate) fn expired(self) -> bool {
        self.remaining() == Some(Duration::ZERO)
    }
}

/// Waits on `condvar` while `blocked` holds, but not past `deadline`; returns
/// the guard either way (the caller looks at the state to know which).
/// `lock` takes the mutex that `condvar` goes with.
///
/// With a simulation on this thread, the wait drives it instead: the lock is
/// let go while the simulation plays its next moment (whose events may need
/// it), up to the deadline. If nothing is left to happen and there is no
/// deadline, the wait ends (the program would wait forever). A wait that
/// waited ends once the simulation lets the thread go on
/// ([`Simulation::resumed`](crate::Simulation::resumed)); on real threads,
/// once the thread's resume hook has run ([`crate::resuming_with`]).
pub(crate) fn wait_while_until<'a, S>(
    signal: &Signal,
    lock: impl Fn() -> std::sync::MutexGuard<'a, S>,
    deadline: Deadline,
    mut blocked: impl FnMut(&mut S) -> bool,
) -> std::sync::MutexGuard<'a, S> {
    let mut guard = lock();
    if let Some(simulation) = simulation::current() {
        let mut waited = false;
        while blocked(&mut guard) && !deadline.expired() {
            drop(guard);
            let moved = simulation.step(deadline.at_ns);
            waited = true;
            guard = lock();
            if !moved && deadline.at_ns.is_none() {
                break;
            }
        }
        if waited {
            drop(guard);
            simulation.resumed();
            guard = lock();
        }
        return guard;
    }
    let mut waited = false;
    if blocked(&mut guard) && !deadline.expired() {
        drop(guard);
        blocking::about_to_block();
        guard = lock();
    }
    while blocked(&mut guard) {
        guard = match deadline.remaining() {
            None => signal.wait(guard),
            Some(left) if left.is_zero() => break,
            Some(left) => signal.wait_timeout(guard, left),
        };
        waited = true;
    }
    if waited {
        drop(guard);
        blocking::resumed();
        guard = lock();
    }
    guard
}
