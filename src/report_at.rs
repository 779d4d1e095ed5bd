//! A finished run's report as it stood at a moment of its replay, for the
//! summary.

use futures_lab_scenarios::Report;

/// `report` as it stood `moment_ms` after the run's start: the wall time so
/// far, each task's running time up to then, only the workers that had
/// started a task; the program's error and the workload's statistics once
/// the run is over. At or after the end, the report itself.
///
/// # Examples
///
/// ```
/// use futures_lab::report_at::report_at;
/// use futures_lab_scenarios::{simulate, Scenario};
///
/// let scenario = Scenario::from_query("workload=download&inputs=a.example@30,b.example@10&executor=threads&max_workers=2").unwrap();
/// let report = simulate(&scenario, 2).unwrap().report;
/// let early = report_at(&report, 20.0);
/// assert_eq!(early.wall_ms, 20.0);
/// assert_eq!(early.cpu_ms, 30.0, "20 ms of the first task, all 10 of the second");
/// assert_eq!(report_at(&report, 30.0), report);
/// ```
pub fn report_at(report: &Report, moment_ms: f64) -> Report {
    if moment_ms >= report.wall_ms {
        return report.clone();
    }
    let mut shown = report.clone();
    shown.wall_ms = moment_ms.max(0.0);
    shown.cpu_ms = 0.0;
    for task in &mut shown.tasks {
        match task.started_ms.filter(|started| *started <= moment_ms) {
            Some(started) => {
                let until = task.finished_ms.unwrap_or(moment_ms).min(moment_ms);
                shown.cpu_ms += (until - started).max(0.0);
            }
            None => task.worker = None,
        }
    }
    shown.error = None;
    shown.stats = None;
    shown
}
