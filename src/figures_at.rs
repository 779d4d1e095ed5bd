//! The summary's figures of a finished run, at any moment of its replay.

use std::collections::BTreeSet;

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
    let moment = moment_ms.filter(|moment| *moment < report.wall_ms);
    let Some(moment) = moment else {
        let workers: BTreeSet<&str> = report
            .tasks
            .iter()
            .filter_map(|t| t.worker.as_deref())
            .collect();
        return Figures {
            wall_ms: report.wall_ms,
            cpu_ms: report.cpu_ms,
            workers: workers.len(),
            before_end: false,
        };
    };
    let workers: BTreeSet<&str> = report
        .tasks
        .iter()
        .filter(|task| task.started_ms.is_some_and(|started| started <= moment))
        .filter_map(|task| task.worker.as_deref())
        .collect();
    Figures {
        wall_ms: moment.max(0.0),
        cpu_ms: timeline.computing_ns() as f64 / 1e6,
        workers: workers.len(),
        before_end: true,
    }
}
