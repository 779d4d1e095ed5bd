//! The summary's figures of a finished run, at any moment of its replay.

use std::collections::BTreeSet;

use futures_lab_scenarios::Report;

/// What the summary shows of a run at a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// From the start to the moment (the whole run at its end).
    pub wall_ms: f64,
    /// Every task's running time up to the moment.
    pub cpu_ms: f64,
    /// The workers that had started a task by then.
    pub workers: usize,
    /// True before the end: speed-up, the program's error and the
    /// workload's statistics wait for it.
    pub before_end: bool,
}

/// The figures of `report` `moment_ms` after the run's start, or at its end
/// without a moment (or with one at or past the end). It reads the report
/// without copying it: a replay asks at every frame.
///
/// # Examples
///
/// ```
/// use futures_lab::figures_at::figures_at;
/// use futures_lab_scenarios::{simulate, Scenario};
///
/// let scenario = Scenario::from_query("workload=download&inputs=a.example@30,b.example@10&executor=threads&max_workers=2").unwrap();
/// let report = simulate(&scenario, 2).unwrap().report;
/// let early = figures_at(&report, Some(20.0));
/// assert_eq!((early.wall_ms, early.workers, early.before_end), (20.0, 2, true));
/// assert_eq!(early.cpu_ms, 30.0, "20 ms of the first task, all 10 of the second");
/// let end = figures_at(&report, None);
/// assert_eq!((end.wall_ms, end.cpu_ms, end.before_end), (30.0, 40.0, false));
/// ```
pub fn figures_at(report: &Report, moment_ms: Option<f64>) -> Figures {
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
    let mut workers: BTreeSet<&str> = BTreeSet::new();
    let mut cpu_ms = 0.0;
    for task in &report.tasks {
        let Some(started) = task.started_ms.filter(|started| *started <= moment) else {
            continue;
        };
        cpu_ms += (task.finished_ms.unwrap_or(moment).min(moment) - started).max(0.0);
        workers.extend(task.worker.as_deref());
    }
    Figures {
        wall_ms: moment.max(0.0),
        cpu_ms,
        workers: workers.len(),
        before_end: true,
    }
}
