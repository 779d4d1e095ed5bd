//! A long run's trace kept small: past a budget of turn events, a thread's
//! letting go of the GIL and taking it back (or a coroutine's yielding the
//! event loop and being resumed) are merged away, and the time it waited is
//! kept as one figure per task, so that the trace grows with the futures,
//! not with the CPU time, and the time split stays exact.

use std::collections::HashMap;

use futures_lab_core::{TraceEvent, TraceKind};

/// Turn events (the GIL let go and taken, the loop yielded and resumed)
/// kept turn by turn before turns are merged: about 250 s of computing
/// under the GIL (two events every 5 ms switch interval).
pub const GIL_EVENTS_KEPT: usize = 100_000;

/// The two kinds of turns: what a task waited for between the two events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Turn {
    /// `GilRelease` then `GilAcquire`: waiting for the GIL.
    Gil,
    /// `Yielded` then `Resumed`: waiting for its turn on the event loop.
    Loop,
}

impl Turn {
    /// The turn an event starts, if it starts one.
    fn started_by(kind: TraceKind) -> Option<Self> {
        match kind {
            TraceKind::GilRelease => Some(Self::Gil),
            TraceKind::Yielded => Some(Self::Loop),
            _ => None,
        }
    }

    /// The event that ends it.
    fn ended_by(self) -> TraceKind {
        match self {
            Self::Gil => TraceKind::GilAcquire,
            Self::Loop => TraceKind::Resumed,
        }
    }

    /// The merged event's word for it (`gil:` or `loop:` before the ns).
    fn word(self) -> &'static str {
        match self {
            Self::Gil => "gil",
            Self::Loop => "loop",
        }
    }
}

/// Decides, event by event, what a run's trace keeps.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{TraceEvent, TraceKind};
/// use futures_lab_scenarios::TraceMerger;
///
/// let at = |kind, t_ns| TraceEvent { future: 0, kind, t_ns, worker: None, detail: None };
/// let mut merger = TraceMerger::new(0);
/// let mut kept = Vec::new();
/// for event in [
///     at(TraceKind::Started, 0),
///     at(TraceKind::GilRelease, 5),
///     at(TraceKind::GilAcquire, 9),
///     at(TraceKind::Finished, 12),
/// ] {
///     kept.extend(merger.take(event));
/// }
/// let kinds: Vec<TraceKind> = kept.iter().map(|e| e.kind).collect();
/// // The turn (5 to 9) is merged; its 4 ns of waiting are told before the end.
/// assert_eq!(kinds, [TraceKind::Started, TraceKind::Merged, TraceKind::Merged, TraceKind::Finished]);
/// assert_eq!(kept[2].detail.as_deref(), Some("gil:4"));
/// ```
#[derive(Debug)]
pub struct TraceMerger {
    budget: usize,
    turn_events: usize,
    /// Per future, the start of a turn held back until its next event shows
    /// whether it was a plain turn (its end next) or something else.
    held: HashMap<u64, (Turn, TraceEvent)>,
    /// Per future and kind of turn, the ns waited in merged turns.
    waited: HashMap<(u64, Turn), u64>,
    merging: bool,
}

impl TraceMerger {
    /// Keeps `budget` GIL events turn by turn, then merges turns.
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            turn_events: 0,
            held: HashMap::new(),
            waited: HashMap::new(),
            merging: false,
        }
    }

    /// The events to keep for `event`, in order (none, it, or it after a
    /// held one or a merged figure).
    pub fn take(&mut self, event: TraceEvent) -> Vec<TraceEvent> {
        let mut out = Vec::new();
        self.take_into(event, &mut out);
        out
    }

    /// As [`TraceMerger::take`], adding them to `out`: a run's recorder
    /// keeps every event in one list, with no list made per event (a
    /// future has three events or more; 10,000 futures make 30,000).
    pub fn take_into(&mut self, event: TraceEvent, out: &mut Vec<TraceEvent>) {
        let id = event.future;
        if id == u64::MAX {
            out.push(event);
            return;
        }
        // Nothing held, nothing to look up (a run without turns).
        let held = if self.held.is_empty() {
            None
        } else {
            self.held.remove(&id)
        };
        if let Some((turn, start)) = held {
            if event.kind == turn.ended_by() {
                // A plain turn: let go and took back. Only its wait is kept.
                *self.waited.entry((id, turn)).or_default() +=
                    event.t_ns.saturating_sub(start.t_ns);
                return;
            }
            out.push(start);
        }
        let starts = Turn::started_by(event.kind);
        match event.kind {
            _ if starts.is_some() && self.turn_events >= self.budget => {
                if !self.merging {
                    self.merging = true;
                    out.push(TraceEvent {
                        future: u64::MAX,
                        kind: TraceKind::Merged,
                        t_ns: event.t_ns,
                        worker: None,
                        detail: None,
                    });
                }
                if let Some(turn) = starts {
                    self.held.insert(id, (turn, event));
                }
                return;
            }
            TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled
                if !self.waited.is_empty() =>
            {
                for turn in [Turn::Gil, Turn::Loop] {
                    if let Some(ns) = self.waited.remove(&(id, turn)).filter(|ns| *ns > 0) {
                        out.push(TraceEvent {
                            future: id,
                            kind: TraceKind::Merged,
                            t_ns: event.t_ns,
                            worker: event.worker.clone(),
                            detail: Some(format!("{}:{ns}", turn.word())),
                        });
                    }
                }
            }
            TraceKind::GilAcquire
            | TraceKind::GilRelease
            | TraceKind::Yielded
            | TraceKind::Resumed => self.turn_events += 1,
            _ => {}
        }
        out.push(event);
    }

    /// What is still held back at the run's end.
    pub fn finish(&mut self) -> Vec<TraceEvent> {
        let mut out: Vec<TraceEvent> = self.held.drain().map(|(_, (_, event))| event).collect();
        out.sort_by_key(|e| e.t_ns);
        out
    }
}
