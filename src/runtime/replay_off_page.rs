//! A finished run's replay, prepared on a worker of the pool.

use futures_lab_core::TraceEvent;
use futures_lab_scenarios::Report;

use super::on_worker::on_worker;
use crate::replay::Prepared;
use crate::state::Replayable;

/// `report` with its replay prepared from `events` (every event the page
/// saw of the run) on a worker of the pool, where the page has one: the
/// trace put in time order and every future's first and last row (about
/// 10 ms of a run of 10,000 futures, more in the browser), while the page's
/// thread goes on drawing.
///
/// # Errors
///
/// The worker ended without an answer (a panic broke the pool meanwhile).
pub async fn replay_off_page(
    report: Report,
    events: Vec<TraceEvent>,
) -> Result<Replayable, String> {
    on_worker(move || {
        let replay = Prepared::new(&report, events);
        Replayable { report, replay }
    })
    .await
}
