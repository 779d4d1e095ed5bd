//! Runs a scenario on the workers and brings the report back as a Rust future.

use std::sync::Arc;

use futures::lock::Mutex;
use futures_lab_core::{TraceBuffer, TraceSink};
use futures_lab_scenarios::{
    play, workloads, Budget, Clock, ExecutorKind, IntoEnumIterator, Report, RunControl, RunEnv,
    Scenario,
};

use super::async_processes::run_processes_async;
use super::budget::{page_budget, within_budget};
use super::clock::{EpochClock, WebClock};
use super::environment::browser_environment;
use super::isolation::has_shared_memory;
use super::on_worker::on_worker;
use super::pool::{pool_failed, pool_if_any, pool_up};
use super::pool_growth::{ensure_workers, threads_for};
use super::process_spawner::BrowserProcessSpawner;
use super::solo_run::run_solo;
use super::spawner::RayonSpawner;

/// `scenario` as this page will play it: as it is on a cross-origin
/// page with shared memory, else as [`without_pools`] says (for the clock line).
pub fn as_played_here(scenario: Scenario) -> Scenario {
    if has_shared_memory() && !pool_failed() {
        scenario
    } else {
        without_pools(scenario)
    }
}

/// `scenario` as a page without shared memory plays it: a thread pool on
/// the virtual clock (with this machine's CPUs unless it says), and a process
/// pool there too when it needs what only the usual pool does (replacing
/// workers, a producer); anything else as it is.
fn without_pools(mut scenario: Scenario) -> Scenario {
    let pool = match scenario.executor {
        ExecutorKind::Threads => true,
        ExecutorKind::Processes => {
            scenario.max_tasks_per_child.is_some()
                || workloads::find(&scenario.workload)
                    .is_some_and(|w| w.pacing(&scenario.params).is_some())
        }
        _ => false,
    };
    // What the virtual clock does not play (shared state, a producer) is
    // left as it is: its run is then refused, naming why.
    let playable = workloads::find(&scenario.workload)
        .is_some_and(|w| w.virtual_clock_plays(scenario.executor));
    if pool && playable && scenario.clock == Clock::Real {
        scenario.clock = Clock::Virtual;
        scenario
            .cpus
            .get_or_insert(browser_environment().hardware_concurrency);
    }
    scenario
}

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
/// never blocks. The run is held to the [`page_budget`].
///
/// # Errors
///
/// The run is over the budget, the pool did not start, or the executor
/// could not run.
pub async fn run(scenario: Scenario, live: Option<Arc<TraceBuffer>>) -> Result<Report, String> {
    run_controlled(scenario, live, None, page_budget()).await
}

/// As [`run`], held to `budget`, and the page may cancel futures or shut
/// the executor down through `control` while it goes on. On a page that
/// cannot share memory with workers, a run is played in a worker of its own
/// (without control): sequential and asyncio for real, pools on the virtual
/// clock.
///
/// # Errors
///
/// As [`run`].
pub async fn run_controlled(
    scenario: Scenario,
    live: Option<Arc<TraceBuffer>>,
    control: Option<Arc<RunControl>>,
    budget: Budget,
) -> Result<Report, String> {
    within_budget(&scenario, &budget).map_err(|over| over.to_string())?;
    let turn = TURN.with(Arc::clone);
    // A run asked for before the pool is up waits for it.
    let Some(pool) = pool_if_any().await else {
        // No shared memory, or a pool that did not start (see isolation.rs,
        // pool.rs), so no pool: a run gets a
        // worker of its own, with one thread. Sequential runs and the asyncio
        // loop run there for real; pools, whose workers need shared memory
        // (threads) or a feeder thread each (processes), are played on the
        // virtual clock, and the report says so (`mode`, the clock line).
        let _turn = turn.lock().await;
        let scenario = without_pools(scenario);
        if scenario.executor == ExecutorKind::Processes && scenario.clock == Clock::Real {
            return run_processes_async(scenario, live).await;
        }
        return run_solo(scenario, live).await;
    };
    let _turn = turn.lock().await;
    // Workers start before the run, never during it (its times are measured).
    ensure_workers(threads_for(&scenario)).await?;
    // The pool as it runs now (grown, or built again after a panic).
    let pool = pool_up().unwrap_or(pool);
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
        one_thread: false,
    };
    on_worker(move || play(&scenario, &env).map_err(|e| e.to_string())).await?
}
