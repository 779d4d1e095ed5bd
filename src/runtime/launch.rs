//! Runs a scenario on the workers and brings the report back as a Rust future.

use std::sync::Arc;

use futures::lock::Mutex;
use futures_lab_core::{TraceBuffer, TraceSink};
use futures_lab_scenarios::{
    play, ExecutorKind, IntoEnumIterator, Report, RunControl, RunEnv, Scenario,
};

use super::clock::{EpochClock, WebClock};
use super::environment::browser_environment;
use super::pool::pool_ready;
use super::process_spawner::BrowserProcessSpawner;
use super::spawner::RayonSpawner;

/// The executors this page can run: all of them (worker processes are Web
/// Workers with instances of their own).
pub fn available_executors() -> Vec<ExecutorKind> {
    ExecutorKind::iter().collect()
}

thread_local! {
    /// One run at a time: a run holds up to `max_workers + 1` pool workers.
    static TURN: Arc<Mutex<()>> = Arc::new(Mutex::new(()));
}

/// Plays `scenario` on a Web Worker and resolves with its report. Live trace
/// events go to `live` as they happen. Runs wait their turn; the main thread
/// never blocks.
///
/// # Errors
///
/// The pool did not start, or the executor could not run.
pub async fn run(scenario: Scenario, live: Option<Arc<TraceBuffer>>) -> Result<Report, String> {
    run_controlled(scenario, live, None).await
}

/// As [`run`], and the page may cancel futures or shut the executor down
/// through `control` while it goes on.
///
/// # Errors
///
/// As [`run`].
pub async fn run_controlled(
    scenario: Scenario,
    live: Option<Arc<TraceBuffer>>,
    control: Option<Arc<RunControl>>,
) -> Result<Report, String> {
    // Without cross-origin isolation there is no pool, and this fails
    // naming why (see isolation.rs). This is the place to play a run on the
    // virtual clock instead when `super::isolation::isolated()` is false.
    let pool = pool_ready().await?;
    let turn = TURN.with(Arc::clone);
    let _turn = turn.lock().await;
    let env = RunEnv {
        spawner: Arc::new(RayonSpawner),
        processes: Some(Arc::new(BrowserProcessSpawner)),
        unix_clock: Arc::new(EpochClock),
        clock: Arc::new(WebClock::new()),
        live: live.map(|buffer| buffer as Arc<dyn TraceSink>),
        mode: "browser",
        pool: Some(pool),
        environment: browser_environment(),
        control,
    };
    let (sender, receiver) = futures_channel::oneshot::channel();
    rayon::spawn(move || {
        let report = play(&scenario, &env).map_err(|e| e.to_string());
        // The page may have stopped listening; then nobody needs the report.
        let _ = sender.send(report);
    });
    receiver
        .await
        .map_err(|_| "the run ended without a report".to_owned())?
}
