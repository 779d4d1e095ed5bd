//! What each running task was doing when, read off its trace events:
//! computing, waiting for I/O, for the GIL, for a lock or for its turn on
//! the event loop. One reading for the report's time split and for the
//! timeline's bars.

use std::collections::HashMap;

use crate::trace::{TraceEvent, TraceKind};

/// What a running task was doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    /// Computing (holding the GIL, when there is one).
    Cpu,
    /// Blocked on I/O (a download, a sleep).
    Io,
    /// Ready to compute, waiting for the GIL.
    GilWait,
    /// Waiting for a lock another task holds.
    LockWait,
    /// Ready on the event loop, waiting while other tasks take their turn.
    LoopWait,
    /// Computing or waiting, the trace does not say which (a CPython
    /// trace: a call whose CPU time is known only in total, or an asyncio
    /// task between two of its steps).
    Untold,
}

/// A stretch of one task's time doing one thing, on the trace's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// The future.
    pub future: u64,
    /// What it was doing.
    pub activity: Activity,
    /// Start, in ns on the trace's clock.
    pub start_ns: u64,
    /// End, in ns on the trace's clock.
    pub end_ns: u64,
}

impl Stretch {
    /// How long it lasted, in ns.
    pub fn ns(&self) -> u64 {
        self.end_ns.saturating_sub(self.start_ns)
    }
}

/// A task running now: what it has been doing since when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Open {
    activity: Activity,
    since_ns: u64,
    /// True while the task may be waiting for the GIL rather than computing:
    /// it started, or came back from I/O or a lock, and has not been seen
    /// taking the GIL. Taking it shows the stretch was a wait for it; a
    /// thread without a GIL (or a process's lone thread, an event loop's
    /// task) never takes it, and the stretch was computing.
    unproven: bool,
}

/// Every running task's current activity, fed one event at a time (each
/// task's events in time order), closing a [`Stretch`] at each change.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{Activity, Activities, TraceEvent, TraceKind};
///
/// let at = |kind, t_ns| TraceEvent { future: 0, kind, t_ns, worker: None, detail: None };
/// let mut activities = Activities::default();
/// let mut stretches = Vec::new();
/// for event in [
///     at(TraceKind::Started, 0),
///     at(TraceKind::GilAcquire, 5),  // it waited 5 ns for the GIL
///     at(TraceKind::IoStart, 15),    // computed 10 ns
///     at(TraceKind::IoEnd, 45),      // waited 30 ns for I/O
///     at(TraceKind::Finished, 50),   // computed 5 ns (no GIL taken after)
/// ] {
///     stretches.extend(activities.observe(&event));
/// }
/// let kinds: Vec<(Activity, u64)> = stretches.iter().map(|s| (s.activity, s.ns())).collect();
/// assert_eq!(
///     kinds,
///     [(Activity::GilWait, 5), (Activity::Cpu, 10), (Activity::Io, 30), (Activity::Cpu, 5)],
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Activities {
    open: HashMap<u64, Open>,
}

impl Activities {
    /// Takes one event; gives the stretch it closed, if any (stretches of no
    /// length are given too: a wait that did not happen).
    pub fn observe(&mut self, event: &TraceEvent) -> Option<Stretch> {
        let id = event.future;
        let t = event.t_ns;
        let next = match event.kind {
            TraceKind::Started => {
                self.open.insert(
                    id,
                    Open {
                        activity: Activity::Cpu,
                        since_ns: t,
                        unproven: true,
                    },
                );
                return None;
            }
            TraceKind::GilAcquire => {
                let open = self.open.get_mut(&id)?;
                if open.unproven && open.activity == Activity::Cpu {
                    open.activity = Activity::GilWait;
                }
                (Activity::Cpu, false)
            }
            TraceKind::GilRelease => (Activity::GilWait, false),
            TraceKind::IoStart => (Activity::Io, false),
            TraceKind::LockWait => (Activity::LockWait, false),
            TraceKind::Yielded => (Activity::LoopWait, false),
            TraceKind::Untold => (Activity::Untold, false),
            TraceKind::IoEnd | TraceKind::LockTaken | TraceKind::Resumed => (Activity::Cpu, true),
            TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled => {
                let open = self.open.remove(&id)?;
                return Some(close(id, open, t));
            }
            TraceKind::Submitted
            | TraceKind::Checkpoint
            | TraceKind::Callback
            | TraceKind::Received
            | TraceKind::WaitReturned
            | TraceKind::WorkerStarting
            | TraceKind::WorkerReady
            | TraceKind::Merged
            | TraceKind::Queued => return None,
        };
        let open = self.open.get_mut(&id)?;
        let closed = close(id, *open, t);
        *open = Open {
            activity: next.0,
            since_ns: t,
            unproven: next.1,
        };
        Some(closed)
    }

    /// What `future` is doing now and since when, if it is running. A task
    /// not yet seen taking the GIL is given as computing.
    pub fn current(&self, future: u64) -> Option<(Activity, u64)> {
        let open = self.open.get(&future)?;
        Some((open.activity, open.since_ns))
    }

    /// True if `future` is running and may yet turn out to be waiting for
    /// the GIL (see [`Activities::current`]).
    pub fn unproven(&self, future: u64) -> bool {
        self.open.get(&future).is_some_and(|open| open.unproven)
    }
}

fn close(future: u64, open: Open, end_ns: u64) -> Stretch {
    Stretch {
        future,
        activity: open.activity,
        start_ns: open.since_ns,
        end_ns: end_ns.max(open.since_ns),
    }
}
