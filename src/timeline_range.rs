//! What happened in a stretch of the timeline a learner selected: how the
//! tasks' time in it split between computing and the waits, how many
//! futures ran, started and ended in it, and the parallelism it had.

use crate::timeline::{Activity, Timeline};
use crate::timeline_viewport::Viewport;

/// The figures of one selected stretch of a run.
///
/// # Examples
///
/// ```
/// use futures_lab::timeline::Timeline;
/// use futures_lab::timeline_range::RangeFigures;
/// use futures_lab::timeline_viewport::Viewport;
/// use futures_lab_core::{TraceEvent, TraceKind};
///
/// let at = |future, kind, t_ns, worker: &str| TraceEvent { future, kind, t_ns, worker: Some(worker.into()), detail: None };
/// let mut timeline = Timeline::default();
/// for (id, worker) in [(0, "w-0"), (1, "w-1")] {
///     timeline.observe(&at(id, TraceKind::Submitted, 0, worker));
///     timeline.observe(&at(id, TraceKind::Started, 0, worker));
/// }
/// timeline.observe(&at(0, TraceKind::Finished, 4_000, "w-0"));
/// timeline.observe(&at(1, TraceKind::Finished, 8_000, "w-1"));
/// // From 2 µs to 6 µs: two tasks computing, then one.
/// let figures = RangeFigures::of(&timeline, Viewport { from_ns: 2_000, to_ns: 6_000 });
/// assert_eq!(figures.computing_ns, 6_000);
/// assert_eq!((figures.running, figures.started, figures.ended), (2, 0, 1));
/// assert_eq!(figures.parallelism(), 1.5);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RangeFigures {
    /// The stretch.
    pub range: Option<Viewport>,
    /// Time the tasks spent computing in it, summed over tasks.
    pub computing_ns: u64,
    /// Time the tasks spent blocked on I/O in it.
    pub io_ns: u64,
    /// Time the tasks spent waiting for the GIL in it.
    pub gil_ns: u64,
    /// Time the tasks spent waiting for a lock in it.
    pub lock_ns: u64,
    /// Time the tasks spent waiting for their turn on an event loop in it.
    pub loop_ns: u64,
    /// Time the tasks spent computing or waiting, a CPython trace does not
    /// say which.
    pub untold_ns: u64,
    /// Futures that ran during some of it.
    pub running: usize,
    /// Futures that started in it.
    pub started: usize,
    /// Futures that finished, failed or were cancelled in it.
    pub ended: usize,
}

impl RangeFigures {
    /// The figures of `range` of `timeline`.
    pub fn of(timeline: &Timeline, range: Viewport) -> Self {
        let mut figures = Self {
            range: Some(range),
            ..Self::default()
        };
        let mut ran = vec![false; timeline.futures()];
        for segment in timeline.segments() {
            let from = segment.start_ns.max(range.from_ns);
            let to = segment.end_ns.min(range.to_ns);
            if to <= from {
                continue;
            }
            if let Some(seen) = ran.get_mut(segment.future as usize) {
                *seen = true;
            }
            let part = match segment.activity {
                Activity::Cpu => &mut figures.computing_ns,
                Activity::Io => &mut figures.io_ns,
                Activity::GilWait => &mut figures.gil_ns,
                Activity::LockWait => &mut figures.lock_ns,
                Activity::LoopWait => &mut figures.loop_ns,
                Activity::Untold => &mut figures.untold_ns,
            };
            *part += to - from;
        }
        let inside = |t: Option<u64>| t.is_some_and(|t| (range.from_ns..=range.to_ns).contains(&t));
        for id in 0..timeline.futures() as u64 {
            let Some(span) = timeline.span_of(id) else {
                continue;
            };
            figures.started += usize::from(inside(span.started_ns));
            figures.ended += usize::from(inside(span.ended_ns));
        }
        figures.running = ran.into_iter().filter(|r| *r).count();
        figures
    }

    /// Computing time ÷ the stretch's length: how many tasks computed at
    /// once on average.
    pub fn parallelism(&self) -> f64 {
        match self.range {
            Some(range) if range.span_ns() > 0 => self.computing_ns as f64 / range.span_ns() as f64,
            _ => 0.0,
        }
    }
}
