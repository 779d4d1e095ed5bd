//! Watching a run in slow motion while it records: the views follow the
//! trace at a fraction of real time, behind the run, which goes on at full
//! speed.

use std::rc::Rc;

use futures_lab_core::TraceEvent;
use futures_lab_scenarios::Scenario;

use crate::replay::views_at;
use crate::rows::{rows, Row};
use crate::shared::Shared;
use crate::timeline::Timeline;

/// The views of a recording run, some way behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct SlowMotion {
    /// Every future's row before it was submitted (the scenario's inputs,
    /// written once).
    pending: Rc<[Row]>,
    /// The moment shown, in ns from the run's first event.
    pub moment_ns: u64,
    /// How fast the moment advances (1 = real time).
    pub speed: f64,
    /// The timeline at the moment.
    pub timeline: Shared<Timeline>,
    /// The futures at the moment.
    pub rows: Shared<Vec<Row>>,
}

impl SlowMotion {
    /// The speed slow motion follows a run at.
    pub const SPEED: f64 = 0.1;

    /// Slow motion of a run of `scenario` that has just started.
    pub fn new(scenario: &Scenario) -> Self {
        let pending: Rc<[Row]> = rows(&scenario.inputs).into();
        Self {
            rows: Shared::new(pending.to_vec()),
            pending,
            moment_ns: 0,
            speed: Self::SPEED,
            timeline: Shared::default(),
        }
    }

    /// Advances by `elapsed_ms` of real time, never past what `trace` (the
    /// events recorded so far, in any order) holds, and shows that moment.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::slow_motion::SlowMotion;
    /// use futures_lab_core::{TraceEvent, TraceKind};
    /// use futures_lab_scenarios::Scenario;
    ///
    /// let at = |kind, t_ns| TraceEvent { future: 0, kind, t_ns, worker: Some("w".into()), detail: None };
    /// let trace = [at(TraceKind::Submitted, 0), at(TraceKind::Started, 1_000_000), at(TraceKind::Finished, 9_000_000)];
    /// let mut slow = SlowMotion::new(&Scenario::from_query("inputs=10").unwrap());
    /// slow.tick(20.0, &trace); // 20 ms at 1/10× = 2 ms of the run
    /// assert_eq!(slow.moment_ns, 2_000_000);
    /// assert_eq!(slow.rows.borrow()[0].state.as_str(), "running");
    /// slow.tick(1_000.0, &trace); // never past the recording
    /// assert_eq!(slow.moment_ns, 9_000_000);
    /// ```
    pub fn tick(&mut self, elapsed_ms: f64, trace: &[TraceEvent]) {
        let Some(origin) = trace.iter().map(|e| e.t_ns).min() else {
            return;
        };
        let recorded = trace.iter().map(|e| e.t_ns).max().unwrap_or(origin) - origin;
        let advanced = self.moment_ns + (elapsed_ms * 1e6 * self.speed) as u64;
        self.moment_ns = advanced.min(recorded);
        let until = origin + self.moment_ns;
        let mut happened: Vec<&TraceEvent> = trace.iter().filter(|e| e.t_ns <= until).collect();
        happened.sort_by_key(|e| e.t_ns);
        let (timeline, shown) = views_at(
            &self.pending,
            happened.iter().copied(),
            origin,
            self.moment_ns,
        );
        self.timeline.update(|t| *t = timeline);
        self.rows.update(|r| *r = shown);
    }
}
