//! The summary's figures of a finished run, at any moment of its replay.

use std::collections::{BTreeSet, HashMap};

use futures_lab_scenarios::Report;

use crate::timeline::Timeline;

/// What the summary shows of a run at a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// From the start to the moment (the whole run at its end).
    pub wall_ms: f64,
    /// Every task's computing time up to the moment (waits left out).
    pub cpu_ms: f64,
    /// The workers that had started a task by then.
    pub workers: usize,
    /// True before the end: speed-up, the program's error and the
    /// workload's statistics wait for it.
    pub before_end: bool,
}

/// The figures of `report` `moment_ms` after the run's start, or at its end
/// without a moment (or with one at or past the end). Before the end, CPU
/// time is read off `timeline`, the replay's timeline at that moment. It
/// reads the report without copying it: a replay asks at every frame.
///
/// # Examples
///
/// ```
/// use futures_lab::figures_at::figures_at;
/// use futures_lab::timeline::Timeline;
/// use futures_lab_scenarios::{simulate, Scenario};
///
/// // Two tasks that compute 30 ms and 10 ms on two threads without a GIL.
/// let scenario = Scenario::from_query("workload=cpu_bound&inputs=3000000,1000000&executor=threads&max_workers=2&gil=false&clock=virtual&op_ns=10").unwrap();
/// let run = simulate(&scenario, 2).unwrap();
/// let mut timeline = Timeline::default();
/// let moment_ns = 20_000_000;
/// let origin = run.trace[0].t_ns;
/// run.trace.iter().filter(|e| e.t_ns - origin <= moment_ns).for_each(|e| timeline.observe(e));
/// timeline.advance_to(moment_ns);
/// let early = figures_at(&run.report, Some(20.0), &timeline);
/// assert_eq!((early.wall_ms, early.workers, early.before_end), (20.0, 2, true));
/// assert_eq!(early.cpu_ms, 30.0, "20 ms of the first task, all 10 of the second");
/// let end = figures_at(&run.report, None, &timeline);
/// assert_eq!((end.wall_ms, end.cpu_ms, end.before_end), (30.0, 40.0, false));
/// ```
pub fn figures_at(report: &Report, moment_ms: Option<f64>, timeline: &Timeline) -> Figures {
    figures_with(report, moment_ms, timeline, &WorkerStarts::of(report))
}

/// As [`figures_at`], with the report's [`WorkerStarts`] made once (a
/// replay of 100,000 futures asks at every frame).
pub fn figures_with(
    report: &Report,
    moment_ms: Option<f64>,
    timeline: &Timeline,
    starts: &WorkerStarts,
) -> Figures {
    let moment = moment_ms.filter(|moment| *moment < report.wall_ms);
    let Some(moment) = moment else {
        return Figures {
            wall_ms: report.wall_ms,
            cpu_ms: report.cpu_ms,
            workers: starts.workers,
            before_end: false,
        };
    };
    Figures {
        wall_ms: moment.max(0.0),
        cpu_ms: timeline.computing_ns() as f64 / 1e6,
        workers: starts.by(moment),
        before_end: true,
    }
}

/// When each worker of a run first started a task, in time order, and how
/// many workers ran any of its tasks: how many had started one by a moment
/// is then a binary search, not a pass over every task.
///
/// # Examples
///
/// ```
/// use futures_lab::figures_at::WorkerStarts;
/// use futures_lab_scenarios::{simulate, Scenario};
///
/// let scenario = Scenario::from_query("workload=download&inputs=a@10,b@30,c@10&executor=threads&max_workers=2&clock=virtual").unwrap();
/// let run = simulate(&scenario, 2).unwrap();
/// let starts = WorkerStarts::of(&run.report);
/// assert_eq!((starts.by(-1.0), starts.by(1e9), starts.workers), (0, 2, 2));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkerStarts {
    /// Each worker's first start, in ms, in order.
    firsts: Vec<f64>,
    /// The workers named by any task.
    pub workers: usize,
}

impl WorkerStarts {
    /// The worker starts of `report`'s tasks.
    pub fn of(report: &Report) -> Self {
        let mut firsts: HashMap<&str, f64> = HashMap::new();
        for task in &report.tasks {
            if let (Some(worker), Some(started)) = (task.worker.as_deref(), task.started_ms) {
                let first = firsts.entry(worker).or_insert(started);
                *first = first.min(started);
            }
        }
        let workers: BTreeSet<&str> = report
            .tasks
            .iter()
            .filter_map(|t| t.worker.as_deref())
            .collect();
        let mut firsts: Vec<f64> = firsts.into_values().collect();
        firsts.sort_by(f64::total_cmp);
        Self {
            firsts,
            workers: workers.len(),
        }
    }

    /// The workers that had started a task by `moment_ms`.
    pub fn by(&self, moment_ms: f64) -> usize {
        self.firsts.partition_point(|first| *first <= moment_ms)
    }
}
