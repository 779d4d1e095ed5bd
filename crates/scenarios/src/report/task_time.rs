//! Where each task's running time went: computing, or waiting for I/O, the
//! GIL, a lock or its turn on the event loop (from the trace).

use std::collections::HashMap;

use futures_lab_core::{Activities, Activity, TraceEvent, TraceKind};
use serde::{Deserialize, Serialize};

/// One task's time from its start to its end, split by what it was doing,
/// in ms. The parts add up to its running time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskTime {
    /// Computing (holding the GIL, where there is one): its CPU time.
    pub computing_ms: f64,
    /// Blocked on I/O (a download, a sleep).
    pub io_ms: f64,
    /// Ready to compute but waiting for another thread to let go of the GIL.
    pub gil_ms: f64,
    /// Waiting for a lock another task held.
    pub lock_ms: f64,
    /// Ready on the event loop while other tasks took their turn.
    pub loop_ms: f64,
    /// Before it started: the time it waited for its worker process to
    /// start (from its submission, or the worker's start if later, to the
    /// worker's being ready). Not part of its running time.
    #[serde(default)]
    pub start_ms: f64,
    /// Waiting of a kind the trace cannot tell: a CPython trace measures a
    /// task's CPU time, and the rest of its running time may have gone to
    /// I/O, the GIL, a lock or the event loop. Zero in a lab run.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub other_ms: f64,
}

fn is_zero(ms: &f64) -> bool {
    *ms == 0.0
}

impl TaskTime {
    /// Every task's split, by future id (below `tasks`), from the events of
    /// a run (in any order: each task's are put in time order).
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::{TraceEvent, TraceKind};
    /// use futures_lab_scenarios::TaskTime;
    ///
    /// let at = |kind, t_ms: u64| TraceEvent { future: 0, kind, t_ns: t_ms * 1_000_000, worker: None, detail: None };
    /// let events = [
    ///     at(TraceKind::Started, 0),
    ///     at(TraceKind::IoStart, 2),
    ///     at(TraceKind::IoEnd, 10),
    ///     at(TraceKind::Finished, 11),
    /// ];
    /// let time = TaskTime::of_run(&events, 1)[0];
    /// assert_eq!((time.computing_ms, time.io_ms, time.gil_ms), (3.0, 8.0, 0.0));
    /// ```
    pub fn of_run(events: &[TraceEvent], tasks: usize) -> Vec<TaskTime> {
        let mut by_task: HashMap<u64, Vec<&TraceEvent>> = HashMap::new();
        // Each worker process's start-ups: (began, ready).
        let mut startups: HashMap<&str, Vec<(u64, Option<u64>)>> = HashMap::new();
        // Each worker's calls: (started, task).
        let mut calls: HashMap<&str, Vec<(u64, u64)>> = HashMap::new();
        for event in events {
            let worker = event.worker.as_deref().unwrap_or_default();
            if (event.future as usize) < tasks {
                by_task.entry(event.future).or_default().push(event);
                if event.kind == TraceKind::Started {
                    calls
                        .entry(worker)
                        .or_default()
                        .push((event.t_ns, event.future));
                }
            }
            match event.kind {
                TraceKind::WorkerStarting => {
                    startups.entry(worker).or_default().push((event.t_ns, None));
                }
                TraceKind::WorkerReady => {
                    if let Some(open) = startups
                        .get_mut(worker)
                        .and_then(|s| s.iter_mut().rev().find(|(_, ready)| ready.is_none()))
                    {
                        open.1 = Some(event.t_ns);
                    }
                }
                _ => {}
            }
        }
        let mut times = vec![TaskTime::default(); tasks];
        let mut activities = Activities::default();
        for (id, mut own) in by_task {
            own.sort_by_key(|e| e.t_ns);
            let time = &mut times[id as usize];
            let at = |kind: TraceKind| own.iter().find(|e| e.kind == kind);
            if let (Some(submitted), Some(started)) =
                (at(TraceKind::Submitted), at(TraceKind::Started))
            {
                // Only a worker's first call after its start waited for it
                // (a later one waited for the calls before it).
                let worker = started.worker.as_deref().unwrap_or_default();
                let first_after = |began: u64| {
                    calls
                        .get(worker)
                        .into_iter()
                        .flatten()
                        .filter(|(t, _)| *t >= began)
                        .min()
                        .map(|(_, task)| *task)
                };
                let waited: u64 = startups
                    .get(worker)
                    .into_iter()
                    .flatten()
                    .filter(|(began, _)| first_after(*began) == Some(id))
                    .map(|(began, ready)| {
                        let from = (*began).max(submitted.t_ns);
                        let to = ready.unwrap_or(started.t_ns).min(started.t_ns);
                        to.saturating_sub(from)
                    })
                    .sum();
                time.start_ms = waited as f64 / 1e6;
            }
            // Turns merged away were read as computing: their waits go
            // back where they belong (`gil:<ns>`, `loop:<ns>`).
            for merged in own.iter().filter(|e| e.kind == TraceKind::Merged) {
                let Some((turn, ns)) = merged.detail.as_deref().and_then(|d| d.split_once(':'))
                else {
                    continue;
                };
                let ms = ns.parse::<u64>().unwrap_or(0) as f64 / 1e6;
                time.computing_ms -= ms;
                match turn {
                    "loop" => time.loop_ms += ms,
                    _ => time.gil_ms += ms,
                }
            }
            for stretch in own.into_iter().filter_map(|e| activities.observe(e)) {
                let ms = stretch.ns() as f64 / 1e6;
                match stretch.activity {
                    Activity::Cpu => time.computing_ms += ms,
                    Activity::Io => time.io_ms += ms,
                    Activity::GilWait => time.gil_ms += ms,
                    Activity::LockWait => time.lock_ms += ms,
                    Activity::LoopWait => time.loop_ms += ms,
                    Activity::Untold => time.other_ms += ms,
                }
            }
        }
        times
    }

    /// The time spent waiting, of whatever kind.
    pub fn waiting_ms(&self) -> f64 {
        self.io_ms + self.gil_ms + self.lock_ms + self.loop_ms + self.other_ms
    }
}
