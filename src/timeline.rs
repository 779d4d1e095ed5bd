//! The timeline's model: one lane per worker, and what each task on it was
//! doing when (computing, waiting for I/O, waiting for the GIL), built from
//! trace events as they arrive. Pure Rust, so it is tested natively; the
//! canvas only paints the [`Bar`]s that [`Timeline::bars`] gives.

use std::collections::HashMap;

use futures_lab_core::{Activities, Stretch, TraceEvent, TraceKind};

/// The most rows a lane gets. An event loop runs many tasks at once, one row
/// each; past this, tasks share the last row.
pub const MAX_ROWS: usize = 32;

/// Futures with a larger id than this are left out (a run has at most a few
/// hundred thousand).
const MAX_FUTURES: usize = 10_000_000;

pub use futures_lab_core::Activity;

/// A stretch of one task's time on one row of a lane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// The future.
    pub future: u64,
    /// Start, in ns from the timeline's origin.
    pub start_ns: u64,
    /// End, in ns from the timeline's origin.
    pub end_ns: u64,
    /// What the task was doing.
    pub activity: Activity,
}

/// One worker: its name and its rows of segments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lane {
    /// The worker's name (thread, process or event loop).
    pub worker: String,
    /// Closed segments per row, in time order.
    pub rows: Vec<Vec<Segment>>,
    /// Per row, the future running on it now.
    open: Vec<Option<u64>>,
}

/// Where and when one future ran, for hovering.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Span {
    /// Submitted, in ns from the origin.
    pub submitted_ns: Option<u64>,
    /// Started, in ns from the origin.
    pub started_ns: Option<u64>,
    /// Finished, failed or cancelled, in ns from the origin.
    pub ended_ns: Option<u64>,
    /// How it ended.
    pub end: Option<TraceKind>,
    /// Its lane and row.
    pub place: Option<(usize, usize)>,
}

/// Where a task running now is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Open {
    lane: usize,
    row: usize,
}

/// A stretch of GIL ownership.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GilHold {
    /// The future whose thread held it.
    pub future: u64,
    /// The holder's lane.
    pub lane: usize,
    /// Start, in ns from the origin.
    pub start_ns: u64,
    /// End, in ns from the origin.
    pub end_ns: u64,
}

/// A worker process starting: on its lane, from the moment it began to
/// start until it was ready (or the last moment seen, while it starts).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Startup {
    /// The worker's lane.
    pub lane: usize,
    /// When it began to start, in ns from the origin.
    pub start_ns: u64,
    /// When it was ready, in ns from the origin.
    pub end_ns: Option<u64>,
}

/// A rectangle to paint: a run of segments of one activity on one row,
/// merged where they would share a pixel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    /// The lane.
    pub lane: usize,
    /// The row in the lane.
    pub row: usize,
    /// Left edge in pixels from the plot's left.
    pub x: f64,
    /// Width in pixels (at least one).
    pub width: f64,
    /// What it shows.
    pub activity: Activity,
    /// True if the task failed (painted as an error).
    pub failed: bool,
}

/// A rectangle of the GIL strip: the lane whose thread held the GIL.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GilBar {
    /// Left edge in pixels from the plot's left.
    pub x: f64,
    /// Width in pixels (at least one).
    pub width: f64,
    /// The holder's lane.
    pub lane: usize,
}

/// Every lane of a run, growing as its events arrive.
///
/// # Examples
///
/// ```
/// use futures_lab::timeline::{Activity, Timeline};
/// use futures_lab_core::{Activities, Stretch, TraceEvent, TraceKind};
///
/// let at = |future, kind, t_ns| TraceEvent { future, kind, t_ns, worker: Some("w-0".into()), detail: None };
/// let mut timeline = Timeline::default();
/// timeline.observe(&at(0, TraceKind::Submitted, 1_000));
/// timeline.observe(&at(0, TraceKind::Started, 2_000));
/// timeline.observe(&at(0, TraceKind::Finished, 5_000));
/// assert_eq!(timeline.lanes()[0].rows[0][0].activity, Activity::Cpu);
/// assert_eq!(timeline.end_ns(), 4_000);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    origin_ns: Option<u64>,
    end_ns: u64,
    lanes: Vec<Lane>,
    lane_of: HashMap<String, usize>,
    spans: Vec<Span>,
    open: HashMap<u64, Open>,
    activities: Activities,
    /// The activities drawn so far (the legend shows only those).
    seen: Vec<Activity>,
    gil: Vec<GilHold>,
    gil_holder: Option<(u64, usize, u64)>,
    /// When the program's `wait` returned, from the origin.
    wait_returned_ns: Option<u64>,
    /// The first future to fail, and when, from the origin.
    first_failure: Option<(u64, u64)>,
    /// Worker processes starting and started.
    startups: Vec<Startup>,
    /// From when GIL turns were merged in the trace, from the origin.
    merged_from_ns: Option<u64>,
    /// The waits for the GIL of merged turns (drawn as computing).
    merged_wait_ns: u64,
    events: usize,
}

impl Timeline {
    /// Takes one event into the model.
    pub fn observe(&mut self, event: &TraceEvent) {
        self.events += 1;
        let origin = *self.origin_ns.get_or_insert(event.t_ns);
        let t = event.t_ns.saturating_sub(origin);
        self.end_ns = self.end_ns.max(t);
        let id = event.future;
        match event.kind {
            TraceKind::WaitReturned => {
                // About every future (its id is u64::MAX): a mark, not a task.
                self.wait_returned_ns.get_or_insert(t);
                return;
            }
            TraceKind::Merged if id == u64::MAX => {
                // From here the GIL's holder is not traced turn by turn:
                // the strip stops here.
                if let Some((holder, ..)) = self.gil_holder {
                    self.release_gil(holder, t);
                }
                self.merged_from_ns.get_or_insert(t);
                return;
            }
            TraceKind::Merged => {
                // `gil:<ns>` or `loop:<ns>`: a wait drawn as computing.
                let ns = event
                    .detail
                    .as_deref()
                    .and_then(|d| d.split_once(':')?.1.parse::<u64>().ok());
                self.merged_wait_ns += ns.unwrap_or(0);
                return;
            }
            TraceKind::GilAcquire if self.merged_from_ns.is_some() => {
                // A first take after the merge: not drawn on the strip, but
                // it still tells the task's activity.
                if let Some(stretch) = self.activities.observe(event) {
                    self.push_stretch(stretch, origin);
                }
                return;
            }
            TraceKind::WorkerStarting => {
                let lane = self.lane(event.worker.as_deref().unwrap_or("?"));
                self.startups.push(Startup {
                    lane,
                    start_ns: t,
                    end_ns: None,
                });
                return;
            }
            TraceKind::WorkerReady => {
                let lane = self.lane(event.worker.as_deref().unwrap_or("?"));
                if let Some(startup) = self
                    .startups
                    .iter_mut()
                    .rev()
                    .find(|s| s.lane == lane && s.end_ns.is_none())
                {
                    startup.end_ns = Some(t);
                }
                return;
            }
            _ => {}
        }
        // Ids are submission indexes; an absurd one is not given a table entry.
        let Some(index) = usize::try_from(id).ok().filter(|i| *i < MAX_FUTURES) else {
            return;
        };
        if index >= self.spans.len() {
            self.spans.resize(index + 1, Span::default());
        }
        match event.kind {
            TraceKind::Submitted => self.span(id).submitted_ns = Some(t),
            TraceKind::Started => self.start(id, event.worker.as_deref().unwrap_or("?"), t),
            _ => {}
        }
        if let Some(stretch) = self.activities.observe(event) {
            self.push_stretch(stretch, origin);
        }
        match event.kind {
            TraceKind::GilAcquire => {
                if let Some(open) = self.open.get(&id) {
                    self.gil_holder = Some((id, open.lane, t));
                }
            }
            TraceKind::GilRelease => self.release_gil(id, t),
            TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled => {
                if event.kind == TraceKind::Failed {
                    self.first_failure.get_or_insert((id, t));
                }
                self.release_gil(id, t);
                self.close(id);
                let span = self.span(id);
                span.ended_ns = Some(t);
                span.end = Some(event.kind);
            }
            _ => {}
        }
    }

    /// Fixes the origin (the first event's time) before any event is taken,
    /// so that a replay shown before its first event has the run's clock.
    pub fn set_origin(&mut self, t_ns: u64) {
        self.origin_ns.get_or_insert(t_ns);
    }

    /// Moves the last moment seen to `moment_ns` (from the origin) without an
    /// event: running tasks are drawn up to it.
    pub fn advance_to(&mut self, moment_ns: u64) {
        self.end_ns = self.end_ns.max(moment_ns);
    }

    /// The number of events taken so far: a cheap version number.
    pub fn events(&self) -> usize {
        self.events
    }

    /// The last moment seen, in ns from the origin (the first event).
    pub fn end_ns(&self) -> u64 {
        self.end_ns
    }

    /// The origin: the first event's time on the trace clock.
    pub fn origin_ns(&self) -> Option<u64> {
        self.origin_ns
    }

    /// The lanes, in the order their workers first ran a task.
    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    /// Who held the GIL when (empty when there is no GIL).
    pub fn gil(&self) -> &[GilHold] {
        &self.gil
    }

    /// True once any thread took a GIL: the page then shows the GIL strip.
    pub fn has_gil(&self) -> bool {
        !self.gil.is_empty() || self.gil_holder.is_some()
    }

    /// When the program's `wait` returned, in ns from the origin.
    pub fn wait_returned_ns(&self) -> Option<u64> {
        self.wait_returned_ns
    }

    /// The first future to fail and when, in ns from the origin.
    pub fn first_failure(&self) -> Option<(u64, u64)> {
        self.first_failure
    }

    /// The time every task spent computing up to the last moment seen, in
    /// ns: the run's CPU time so far.
    pub fn computing_ns(&self) -> u64 {
        let drawn: u64 = self
            .segments()
            .filter(|s| s.activity == Activity::Cpu)
            .map(|s| s.end_ns.saturating_sub(s.start_ns))
            .sum();
        // Merged GIL turns are drawn as computing; their waits are not.
        drawn.saturating_sub(self.merged_wait_ns)
    }

    /// From when the trace merged GIL turns (drawn as computing, counted as
    /// waits), in ns from the origin.
    pub fn merged_from_ns(&self) -> Option<u64> {
        self.merged_from_ns
    }

    /// Every stretch of every task so far, in no particular order: the
    /// closed ones, and what each running task is doing up to the last
    /// moment seen.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        let closed = self
            .lanes
            .iter()
            .flat_map(|lane| lane.rows.iter().flatten().copied());
        closed.chain(self.open.keys().filter_map(|id| self.running(*id)))
    }

    /// Every worker process's start-up so far.
    pub fn startups(&self) -> &[Startup] {
        &self.startups
    }

    /// True if some task was seen doing `activity` (for the legend).
    pub fn shows(&self, activity: Activity) -> bool {
        self.seen.contains(&activity)
            || self
                .open
                .keys()
                .any(|id| self.running(*id).is_some_and(|s| s.activity == activity))
    }

    /// How many futures the timeline knows of (ids below this).
    pub fn futures(&self) -> usize {
        self.spans.len()
    }

    /// Where and when future `id` ran.
    pub fn span_of(&self, id: u64) -> Option<&Span> {
        self.spans.get(usize::try_from(id).ok()?)
    }

    /// The rectangles to paint for the time window `[from_ns, to_ns]` drawn
    /// `width` pixels wide. Segments that would share a pixel merge, so the
    /// count stays near the pixel count whatever the number of futures; a task
    /// still running is drawn up to the last moment seen.
    pub fn bars(&self, from_ns: u64, to_ns: u64, width: f64) -> Vec<Bar> {
        let span = to_ns.saturating_sub(from_ns).max(1) as f64;
        let x_of = |t: u64| (t.saturating_sub(from_ns) as f64 / span * width).min(width);
        let mut bars = Vec::new();
        for (lane_index, lane) in self.lanes.iter().enumerate() {
            for (row_index, segments) in lane.rows.iter().enumerate() {
                let running = lane.open[row_index].and_then(|id| self.running(id));
                let first = segments.partition_point(|s| s.end_ns < from_ns);
                let mut current: Option<Bar> = None;
                for segment in segments[first..].iter().chain(running.iter()) {
                    if segment.start_ns >= to_ns {
                        break;
                    }
                    let failed =
                        self.span_of(segment.future).and_then(|s| s.end) == Some(TraceKind::Failed);
                    let (x0, x1) = (x_of(segment.start_ns), x_of(segment.end_ns));
                    match current.as_mut() {
                        Some(bar)
                            if bar.activity == segment.activity
                                && bar.failed == failed
                                && x0 <= bar.x + bar.width + 0.5
                                && (x1 - bar.x < 2.0 || x1 - x0 < 1.0) =>
                        {
                            bar.width = bar.width.max(x1 - bar.x);
                        }
                        _ => {
                            bars.extend(current.take());
                            current = Some(Bar {
                                lane: lane_index,
                                row: row_index,
                                x: x0,
                                width: (x1 - x0).max(1.0),
                                activity: segment.activity,
                                failed,
                            });
                        }
                    }
                }
                bars.extend(current);
            }
        }
        bars
    }

    /// The GIL strip's rectangles for the same window as [`Timeline::bars`]:
    /// who held the GIL, merged where holds of one lane would share a pixel.
    pub fn gil_bars(&self, from_ns: u64, to_ns: u64, width: f64) -> Vec<GilBar> {
        let span = to_ns.saturating_sub(from_ns).max(1) as f64;
        let x_of = |t: u64| (t.saturating_sub(from_ns) as f64 / span * width).min(width);
        let holding = self.gil_holder.map(|(future, lane, since)| GilHold {
            future,
            lane,
            start_ns: since,
            end_ns: self.end_ns,
        });
        let mut bars: Vec<GilBar> = Vec::new();
        for hold in self.gil.iter().chain(holding.iter()) {
            if hold.end_ns < from_ns || hold.start_ns >= to_ns {
                continue;
            }
            let (x0, x1) = (x_of(hold.start_ns), x_of(hold.end_ns));
            match bars.last_mut() {
                Some(bar) if bar.lane == hold.lane && x0 <= bar.x + bar.width + 0.5 => {
                    bar.width = bar.width.max(x1 - bar.x);
                }
                _ => bars.push(GilBar {
                    x: x0,
                    width: (x1 - x0).max(1.0),
                    lane: hold.lane,
                }),
            }
        }
        bars
    }

    /// The future drawn at time `t_ns` on a lane's row, if any.
    pub fn hit(&self, lane: usize, row: usize, t_ns: u64) -> Option<u64> {
        let lane_ref = self.lanes.get(lane)?;
        if let Some(id) = lane_ref.open.get(row).copied().flatten() {
            if self
                .span_of(id)
                .and_then(|s| s.started_ns)
                .is_some_and(|s| s <= t_ns)
            {
                return Some(id);
            }
        }
        let segments = lane_ref.rows.get(row)?;
        let after = segments.partition_point(|s| s.start_ns <= t_ns);
        let segment = segments.get(after.checked_sub(1)?)?;
        let span = self.span_of(segment.future)?;
        (span.ended_ns? >= t_ns).then_some(segment.future)
    }

    /// The span of a future [`Timeline::observe`] has made room for.
    fn span(&mut self, id: u64) -> &mut Span {
        &mut self.spans[id as usize]
    }

    /// The lane of `worker`, made if it has none yet.
    fn lane(&mut self, worker: &str) -> usize {
        match self.lane_of.get(worker) {
            Some(&lane) => lane,
            None => {
                self.lanes.push(Lane {
                    worker: worker.to_owned(),
                    ..Lane::default()
                });
                self.lane_of.insert(worker.to_owned(), self.lanes.len() - 1);
                self.lanes.len() - 1
            }
        }
    }

    fn start(&mut self, id: u64, worker: &str, t: u64) {
        let lane = self.lane(worker);
        let lane_ref = &mut self.lanes[lane];
        let row = match lane_ref.open.iter().position(Option::is_none) {
            Some(row) => row,
            None if lane_ref.rows.len() < MAX_ROWS => {
                lane_ref.rows.push(Vec::new());
                lane_ref.open.push(None);
                lane_ref.rows.len() - 1
            }
            None => MAX_ROWS - 1,
        };
        lane_ref.open[row] = Some(id);
        self.open.insert(id, Open { lane, row });
        let span = self.span(id);
        span.started_ns = Some(t);
        span.place = Some((lane, row));
    }

    /// What running task `id` is doing since when, up to the last moment
    /// seen. A task not yet seen taking the GIL while another thread holds
    /// it is waiting for it.
    fn running(&self, id: u64) -> Option<Segment> {
        let (activity, since) = self.activities.current(id)?;
        let origin = self.origin_ns.unwrap_or_default();
        let held_by_another = self.gil_holder.is_some_and(|(holder, ..)| holder != id);
        let activity =
            if activity == Activity::Cpu && self.activities.unproven(id) && held_by_another {
                Activity::GilWait
            } else {
                activity
            };
        Some(Segment {
            future: id,
            start_ns: since.saturating_sub(origin),
            end_ns: self.end_ns,
            activity,
        })
    }

    /// Frees the row of a task that ended.
    fn close(&mut self, id: u64) {
        let Some(open) = self.open.remove(&id) else {
            return;
        };
        if let Some(slot) = self.lanes[open.lane].open.get_mut(open.row) {
            if *slot == Some(id) {
                *slot = None;
            }
        }
    }

    /// Draws a stretch the task's activities closed on the task's row.
    fn push_stretch(&mut self, stretch: Stretch, origin: u64) {
        let Some(open) = self.open.get(&stretch.future).copied() else {
            return;
        };
        let (start_ns, end_ns) = (
            stretch.start_ns.saturating_sub(origin),
            stretch.end_ns.saturating_sub(origin),
        );
        if end_ns > start_ns {
            if !self.seen.contains(&stretch.activity) {
                self.seen.push(stretch.activity);
            }
            self.lanes[open.lane].rows[open.row].push(Segment {
                future: stretch.future,
                start_ns,
                end_ns,
                activity: stretch.activity,
            });
        }
    }

    fn release_gil(&mut self, id: u64, t: u64) {
        if let Some((holder, lane, since)) = self.gil_holder {
            if holder == id {
                self.gil_holder = None;
                self.gil.push(GilHold {
                    future: id,
                    lane,
                    start_ns: since,
                    end_ns: t,
                });
            }
        }
    }
}

/// Round tick positions for an axis from 0 to `end`: steps of 1, 2 or 5
/// times a power of ten, at most `max_ticks` of them.
///
/// # Examples
///
/// ```
/// assert_eq!(futures_lab::timeline::ticks(73.0, 5), vec![0.0, 20.0, 40.0, 60.0]);
/// ```
pub fn ticks(end: f64, max_ticks: usize) -> Vec<f64> {
    ticks_between(0.0, end, max_ticks)
}

/// Round tick positions for an axis from `start` to `end` (a zoomed part of
/// the run): the multiples of a step of 1, 2 or 5 times a power of ten
/// between them, at most `max_ticks` of them.
///
/// # Examples
///
/// ```
/// use futures_lab::timeline::ticks_between;
///
/// assert_eq!(ticks_between(12.3, 12.9, 3), vec![12.4, 12.6, 12.8]);
/// assert_eq!(ticks_between(5.0, 5.0, 3), vec![5.0]);
/// ```
pub fn ticks_between(start: f64, end: f64, max_ticks: usize) -> Vec<f64> {
    let length = end - start;
    if !(length.is_finite() && length > 0.0) || max_ticks == 0 {
        return vec![if start.is_finite() { start } else { 0.0 }];
    }
    let raw = length / max_ticks as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| length / step <= max_ticks as f64)
        .unwrap_or(10.0 * power);
    let first = (start / step - 1e-9).ceil() as i64;
    (first..)
        .map(|i| i as f64 * step)
        // Rounded to the step's decimals: 12.4, not 12.400000000000002.
        .map(|t| {
            let scale = 10f64.powi((-step.log10().floor()).clamp(0.0, 12.0) as i32);
            (t * scale).round() / scale
        })
        .take_while(|t| *t <= end + step * 1e-9)
        .collect()
}
