//! Replaying a finished run from its trace: the views as they were at any
//! moment, a cursor that steps one event at a time, and play at a speed.

use std::rc::Rc;

use futures_lab_core::{TraceEvent, TraceKind};
use futures_lab_scenarios::{ProgramStep, Report, TaskState};

use crate::rows::{finish, observe, rows, Row};
use crate::shared::Shared;
use crate::timeline::Timeline;

/// Replay speeds offered, slowest first (1 = real time).
pub const SPEEDS: [f64; 10] = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0];

/// How long a replay at the default speed should last, in ms.
const A_FEW_SECONDS_MS: f64 = 4_000.0;

/// The speed that makes a run of `wall_ms` last a few seconds: the fastest
/// offered that still takes at least that long, or the slowest.
///
/// # Examples
///
/// ```
/// use futures_lab::replay::default_speed;
///
/// assert_eq!(default_speed(75.0), 0.01);    // 75 ms → 7.5 s
/// assert_eq!(default_speed(400.0), 0.1);    // 400 ms → 4 s
/// assert_eq!(default_speed(60_000.0), 10.0); // a minute → 6 s
/// ```
pub fn default_speed(wall_ms: f64) -> f64 {
    SPEEDS
        .iter()
        .rev()
        .copied()
        .find(|speed| wall_ms / speed >= A_FEW_SECONDS_MS)
        .unwrap_or(SPEEDS[0])
}

/// A finished run seen at one moment of its trace.
#[derive(Clone, Debug, PartialEq)]
pub struct Replay {
    /// The trace, in time order.
    trace: Shared<Vec<TraceEvent>>,
    /// How many events have happened at the moment shown.
    pub cursor: usize,
    /// The moment shown, in ns from the run's first event.
    pub moment_ns: u64,
    /// True while playing.
    pub playing: bool,
    /// Replay speed (1 = real time).
    pub speed: f64,
    /// The timeline at the moment.
    pub timeline: Shared<Timeline>,
    /// The futures at the moment.
    pub rows: Shared<Vec<Row>>,
    /// Per future: the program had received it by the moment.
    received: Vec<bool>,
    /// Per future: it had finished or failed by the moment.
    done: Vec<bool>,
    /// The program's `wait` had returned by the moment.
    pub wait_returned: bool,
    /// What the program's main thread did last by the moment, and the
    /// number of that step (from 1).
    pub program_step: Option<(ProgramStep, usize)>,
    /// The program's steps in the whole run: its submits, results taken,
    /// `wait`'s return and done callbacks.
    pub program_steps: usize,
    /// Every future's row before it was submitted (its input written once,
    /// not at every frame).
    pending: Rc<[Row]>,
    /// Every future's row as the report has it at the end (its outcome
    /// written once).
    finals: Rc<[Row]>,
    /// Where the views were last made, if they can go on from there (not
    /// at the end, where every future is made as the report has it).
    shown: Option<Shown>,
}

/// Where a replay's views were made: the cursor and the moment, and the
/// program's steps up to there.
#[derive(Clone, Debug, Default, PartialEq)]
struct Shown {
    cursor: usize,
    moment_ns: u64,
    /// The program's steps so far, its submits, and the kind of its last.
    steps: usize,
    submitted: usize,
    last: Option<TraceKind>,
}

/// True for an event that is a step of the program's main thread.
fn is_program_step(kind: TraceKind) -> bool {
    matches!(
        kind,
        TraceKind::Submitted | TraceKind::Received | TraceKind::WaitReturned | TraceKind::Callback
    )
}

/// What a replay is made of that takes long to make for a big run: the
/// trace in time order and every future's first and last row. Plain data,
/// so a trace opened from a file is prepared on a worker of the pool, and
/// only the views at its end are made on the page's thread.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    trace: Vec<TraceEvent>,
    program_steps: usize,
    pending: Vec<Row>,
    finals: Vec<Row>,
    /// The views at the end, where a replay starts.
    end: Views,
}

/// What a replay shows at one moment: plain data, made on a worker for a
/// replay's end (see [`Prepared`]) and on the page's thread as it moves.
#[derive(Clone, Debug, Default)]
struct Views {
    timeline: Timeline,
    rows: Vec<Row>,
    received: Vec<bool>,
    done: Vec<bool>,
    wait_returned: bool,
    program_step: Option<(ProgramStep, usize)>,
    /// Where they were made, if they can go on from there (not at the end,
    /// where every future is made as the report has it).
    shown: Option<Shown>,
}

impl Prepared {
    /// Prepares the replay of `report`'s run from its `trace` (any order).
    pub fn new(report: &Report, mut trace: Vec<TraceEvent>) -> Self {
        trace.sort_by_key(|e| e.t_ns);
        let program_steps = trace.iter().filter(|e| is_program_step(e.kind)).count();
        let pending = rows(report.tasks.iter().map(|task| &task.input));
        let finals = pending
            .iter()
            .zip(&report.tasks)
            .map(|(row, task)| {
                let mut row = row.clone();
                finish(&mut row, task);
                if task.state.is_done() {
                    row.progress = 1.0;
                }
                row
            })
            .collect::<Vec<_>>();
        let mut end = Views::default();
        end.advance(
            &trace,
            trace.len(),
            end_ns(&trace),
            &pending,
            &finals,
            report,
        );
        Self {
            trace,
            program_steps,
            pending,
            finals,
            end,
        }
    }
}

impl Replay {
    /// A replay of `report`'s run from its `trace` (any order), shown at its end.
    pub fn new(report: &Report, trace: Vec<TraceEvent>) -> Self {
        Self::prepared(report, Prepared::new(report, trace))
    }

    /// The replay `prepared` for `report`'s run, shown at its end.
    pub fn prepared(report: &Report, prepared: Prepared) -> Self {
        let Prepared {
            trace,
            program_steps,
            pending,
            finals,
            end,
        } = prepared;
        let mut replay = Self {
            pending: pending.into(),
            finals: finals.into(),
            cursor: trace.len(),
            trace: Shared::new(trace),
            moment_ns: 0,
            playing: false,
            speed: default_speed(report.wall_ms),
            timeline: Shared::default(),
            rows: Shared::default(),
            received: Vec::new(),
            done: Vec::new(),
            shown: None,
            wait_returned: false,
            program_step: None,
            program_steps,
        };
        replay.moment_ns = replay.end_ns();
        replay.put(end);
        replay
    }

    /// The number of events in the trace.
    pub fn len(&self) -> usize {
        self.trace.borrow().len()
    }

    /// True if the run left no event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The last event's moment, in ns from the first.
    pub fn end_ns(&self) -> u64 {
        end_ns(&self.trace.borrow())
    }

    /// The event that the cursor last passed, if any.
    pub fn last_event(&self) -> Option<TraceEvent> {
        let at = self.cursor.checked_sub(1)?;
        self.trace.borrow().get(at).cloned()
    }

    /// Moves to just after event `cursor` (0: before the first).
    pub fn seek_event(&mut self, cursor: usize, report: &Report) {
        self.cursor = cursor.min(self.len());
        self.moment_ns = self.moment_of(self.cursor);
        self.show(report);
    }

    /// Moves to the moment `moment_ns` (ns from the first event).
    pub fn seek_time(&mut self, moment_ns: u64, report: &Report) {
        self.moment_ns = moment_ns.min(self.end_ns());
        let origin = self.origin();
        let until = origin + self.moment_ns;
        self.cursor = self.trace.borrow().partition_point(|e| e.t_ns <= until);
        self.show(report);
    }

    /// One event forward (`+1`) or back (`-1`).
    pub fn step(&mut self, by: i64, report: &Report) {
        let cursor = (self.cursor as i64 + by).clamp(0, self.len() as i64) as usize;
        self.seek_event(cursor, report);
    }

    /// Advances a playing replay by `elapsed_ms` of real time; it stops at
    /// the end.
    pub fn tick(&mut self, elapsed_ms: f64, report: &Report) {
        if !self.playing {
            return;
        }
        let advanced = self.moment_ns + (elapsed_ms * 1e6 * self.speed) as u64;
        self.seek_time(advanced, report);
        if self.moment_ns >= self.end_ns() {
            self.playing = false;
        }
    }

    /// Plays (from the start if at the end) or pauses.
    pub fn play(&mut self, playing: bool, report: &Report) {
        if playing && self.cursor >= self.len() {
            self.seek_event(0, report);
        }
        self.playing = playing;
    }

    fn origin(&self) -> u64 {
        self.trace.borrow().first().map_or(0, |e| e.t_ns)
    }

    fn moment_of(&self, cursor: usize) -> u64 {
        let trace = self.trace.borrow();
        match cursor.checked_sub(1).and_then(|at| trace.get(at)) {
            Some(event) => event.t_ns - self.origin(),
            None => 0,
        }
    }

    /// Makes the views at the cursor: on from the views last made when the
    /// cursor and the moment moved forward (scrubbing forward through a
    /// 100,000-future trace takes the events passed, not the whole trace
    /// again), else anew from the first event.
    fn show(&mut self, report: &Report) {
        let mut views = Views {
            timeline: self.timeline.update(std::mem::take),
            rows: self.rows.update(std::mem::take),
            received: std::mem::take(&mut self.received),
            done: std::mem::take(&mut self.done),
            wait_returned: self.wait_returned,
            program_step: self.program_step,
            shown: self.shown.take(),
        };
        views.advance(
            &self.trace.borrow(),
            self.cursor,
            self.moment_ns,
            &self.pending,
            &self.finals,
            report,
        );
        self.put(views);
    }

    /// Shows `views`.
    fn put(&mut self, views: Views) {
        let Views {
            timeline,
            rows,
            received,
            done,
            wait_returned,
            program_step,
            shown,
        } = views;
        self.timeline.update(|shown| *shown = timeline);
        self.rows.update(|shown| *shown = rows);
        (self.received, self.done, self.wait_returned) = (received, done, wait_returned);
        (self.program_step, self.shown) = (program_step, shown);
    }

    /// The report's `as_completed` order as far as it had formed by the
    /// moment: the futures the program had received (as_completed), or
    /// that had finished (map, wait), in the report's order.
    pub fn completed_so_far(&self, report: &Report) -> Vec<u64> {
        let as_completed = report.yielded_as_completed();
        let known = if as_completed {
            &self.received
        } else {
            &self.done
        };
        keep(&report.completion_order, known)
    }

    /// The order the program received results in, as far as it had by the
    /// moment (for `wait`: the done set, once `wait` had returned).
    pub fn results_so_far(&self, report: &Report) -> Vec<u64> {
        if report.wait.is_some() {
            return if self.wait_returned {
                report.result_order.clone()
            } else {
                Vec::new()
            };
        }
        keep(&report.result_order, &self.received)
    }

    /// Counts of the events up to the cursor, by kind, for the player's text.
    pub fn happened(&self, kind: TraceKind) -> usize {
        self.trace.borrow()[..self.cursor]
            .iter()
            .filter(|e| e.kind == kind)
            .count()
    }
}

/// The last event's moment of `trace` (in time order), in ns from the first.
fn end_ns(trace: &[TraceEvent]) -> u64 {
    match (trace.first(), trace.last()) {
        (Some(first), Some(last)) => last.t_ns - first.t_ns,
        _ => 0,
    }
}

impl Views {
    /// Makes these views show `trace` (in time order) up to `cursor` at
    /// `moment_ns`: on from where they were made if that was no later, else
    /// anew from `pending` (every future's row before it was submitted).
    /// A future done by then shows its row in `finals` (as the report has
    /// it); at the end, every future does.
    fn advance(
        &mut self,
        trace: &[TraceEvent],
        cursor: usize,
        moment_ns: u64,
        pending: &[Row],
        finals: &[Row],
        report: &Report,
    ) {
        let count = report.tasks.len();
        let at_end = cursor == trace.len();
        let on_from = self
            .shown
            .take()
            .filter(|shown| shown.cursor <= cursor && shown.moment_ns <= moment_ns);
        let shown = on_from.unwrap_or_else(|| {
            // The first event fixes the origin, even before it has happened.
            self.timeline = Timeline::default();
            self.timeline
                .set_origin(trace.first().map_or(0, |e| e.t_ns));
            self.rows = pending.to_vec();
            (self.received, self.done) = (vec![false; count], vec![false; count]);
            self.wait_returned = false;
            Shown::default()
        });
        let passed = &trace[shown.cursor..cursor];
        passed.iter().for_each(|e| self.timeline.observe(e));
        self.timeline.advance_to(moment_ns);
        for event in passed {
            if let Some(row) = self.rows.get_mut(event.future as usize) {
                observe(row, event);
            }
        }
        // A future done by now shows what the report says it gave.
        for event in passed {
            let i = event.future as usize;
            if let (Some(row), Some(last)) = (self.rows.get_mut(i), finals.get(i)) {
                let finished = matches!(row.state, TaskState::Finished | TaskState::Failed);
                if finished && last.state.is_done() && row != last {
                    *row = last.clone();
                }
            }
        }
        let (mut steps, mut submitted, mut last) = (shown.steps, shown.submitted, shown.last);
        for event in passed {
            if is_program_step(event.kind) {
                steps += 1;
                last = Some(event.kind);
                submitted += usize::from(event.kind == TraceKind::Submitted);
            }
            let slot = usize::try_from(event.future).ok().filter(|i| *i < count);
            match (event.kind, slot) {
                (TraceKind::Received, Some(i)) => self.received[i] = true,
                (TraceKind::Finished | TraceKind::Failed, Some(i)) => self.done[i] = true,
                (TraceKind::WaitReturned, _) => self.wait_returned = true,
                _ => {}
            }
        }
        // At the end, every future is as the report has it: a future still
        // running (or pending) at the end as observed, and as the report
        // has it; and every future counts as received and done.
        self.shown = (!at_end).then_some(Shown {
            cursor,
            moment_ns,
            steps,
            submitted,
            last,
        });
        if at_end {
            for ((row, task), last) in self.rows.iter_mut().zip(&report.tasks).zip(finals) {
                if last.state.is_done() {
                    if row != last {
                        *row = last.clone();
                    }
                } else {
                    finish(row, task);
                }
            }
            self.received.iter_mut().for_each(|r| *r = true);
            self.done.iter_mut().for_each(|d| *d = true);
            self.wait_returned = true;
        }
        // After its last submit the main thread waits for results.
        self.program_step = last.map(|kind| {
            let step = match kind {
                TraceKind::Submitted if submitted < count => ProgramStep::Submit,
                TraceKind::Submitted => ProgramStep::Collect,
                TraceKind::Callback => ProgramStep::Callback,
                _ => ProgramStep::Receive,
            };
            (step, steps)
        });
    }
}

/// The timeline and the rows after `happened` (in time order), with the
/// clock at `moment_ns` from `origin`: running tasks reach the moment.
pub(crate) fn views_at<'a>(
    pending: &[Row],
    happened: impl Iterator<Item = &'a TraceEvent> + Clone,
    origin: u64,
    moment_ns: u64,
) -> (Timeline, Vec<Row>) {
    let mut timeline = Timeline::default();
    timeline.set_origin(origin);
    happened.clone().for_each(|e| timeline.observe(e));
    timeline.advance_to(moment_ns);
    let mut shown = pending.to_vec();
    for event in happened {
        if let Some(row) = shown.get_mut(event.future as usize) {
            observe(row, event);
        }
    }
    (timeline, shown)
}

/// The ids of `order` that `known` marks, in that order.
fn keep(order: &[u64], known: &[bool]) -> Vec<u64> {
    order
        .iter()
        .copied()
        .filter(|id| known.get(*id as usize).copied().unwrap_or(false))
        .collect()
}
