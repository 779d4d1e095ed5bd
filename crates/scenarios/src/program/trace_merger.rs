//! A long run's trace kept small: past a budget of GIL events, a thread's
//! letting go of the GIL and taking it back are merged away, and the time
//! it waited is kept as one figure per task, so that the trace grows with
//! the futures, not with the CPU time, and the time split stays exact.

use std::collections::HashMap;

use futures_lab_core::{TraceEvent, TraceKind};

/// GIL events kept turn by turn before turns are merged: about 250 s of
/// computing under the GIL (two events every 5 ms switch interval).
pub const GIL_EVENTS_KEPT: usize = 100_000;

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
/// assert_eq!(kept[2].detail.as_deref(), Some("4"));
/// ```
#[derive(Debug)]
pub struct TraceMerger {
    budget: usize,
    gil_events: usize,
    /// Per future, a release held back until its next event shows whether
    /// it was a plain turn (an acquire next) or something else.
    held: HashMap<u64, TraceEvent>,
    /// Per future, the ns waited for the GIL in merged turns.
    waited: HashMap<u64, u64>,
    merging: bool,
}

impl TraceMerger {
    /// Keeps `budget` GIL events turn by turn, then merges turns.
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            gil_events: 0,
            held: HashMap::new(),
            waited: HashMap::new(),
            merging: false,
        }
    }

    /// The events to keep for `event`, in order (none, it, or it after a
    /// held one or a merged figure).
    pub fn take(&mut self, event: TraceEvent) -> Vec<TraceEvent> {
        let id = event.future;
        let mut out = Vec::new();
        if id == u64::MAX {
            out.push(event);
            return out;
        }
        if let Some(release) = self.held.remove(&id) {
            if event.kind == TraceKind::GilAcquire {
                // A plain turn: let go and took back. Only its wait is kept.
                *self.waited.entry(id).or_default() += event.t_ns.saturating_sub(release.t_ns);
                return out;
            }
            out.push(release);
        }
        match event.kind {
            TraceKind::GilRelease if self.gil_events >= self.budget => {
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
                self.held.insert(id, event);
                return out;
            }
            TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled => {
                if let Some(ns) = self.waited.remove(&id).filter(|ns| *ns > 0) {
                    out.push(TraceEvent {
                        future: id,
                        kind: TraceKind::Merged,
                        t_ns: event.t_ns,
                        worker: event.worker.clone(),
                        detail: Some(ns.to_string()),
                    });
                }
            }
            TraceKind::GilAcquire | TraceKind::GilRelease => self.gil_events += 1,
            _ => {}
        }
        out.push(event);
        out
    }

    /// What is still held back at the run's end.
    pub fn finish(&mut self) -> Vec<TraceEvent> {
        let mut out: Vec<TraceEvent> = self.held.drain().map(|(_, event)| event).collect();
        out.sort_by_key(|e| e.t_ns);
        out
    }
}
