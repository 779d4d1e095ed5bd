//! How many of the pool's threads run, and starting more before a run
//! needs them.
//!
//! The rayon pool has a thread for everything a scenario may ask for
//! ([`POOL_THREADS`]), but each thread runs only once a Web Worker has taken
//! it (see www/pool-bootstrap.js). Starting 34 workers takes about a second
//! on two cores, so the page starts with the workers its default scenario
//! needs and asks for more just before a run that needs them: a worker's start
//! never falls inside a measured run.

use std::cell::{Cell, RefCell};
use std::convert::Infallible;

use futures_channel::oneshot;
use futures_lab_scenarios::Scenario;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::environment::browser_environment;
use super::pool::{post_to_bootstrap, POOL_THREADS};
use super::rayon_pool::busy_jobs;

/// Threads of a run besides its executor's workers: the run itself (it
/// blocks while it waits for results), the watcher that applies cancel and
/// shutdown commands, and the event loop's thread or the process pool's
/// feeder.
const RUN_THREADS: usize = 3;

/// One more for work that may go on beside a run: the virtual clock's
/// prediction, played on a worker.
const BESIDE_A_RUN: usize = 1;

/// How often a run's progress is checked for work that waits for a thread
/// (see [`grow_if_short`]).
pub const CHECK_MS: i32 = 100;

/// Something waiting for `.0` workers to run, and where to tell it.
type Waiter = (usize, oneshot::Sender<Result<(), String>>);

thread_local! {
    /// Workers that have taken a thread of the pool in use.
    static STARTED: Cell<usize> = const { Cell::new(0) };
    /// What waits for more workers, with how many it waits for.
    static WAITING: RefCell<Vec<Waiter>> = const { RefCell::new(Vec::new()) };
    /// What waits to hear of the next growth.
    static GROWN: RefCell<Vec<oneshot::Sender<usize>>> = const { RefCell::new(Vec::new()) };
}

/// The workers a run of `scenario` keeps busy at most, with one to spare,
/// capped at the pool's size.
pub fn threads_for(scenario: &Scenario) -> usize {
    let workers = scenario.resolved_max_workers(browser_environment().hardware_concurrency);
    (workers + RUN_THREADS + BESIDE_A_RUN).min(POOL_THREADS)
}

/// The workers the page starts with: those a run on one thread needs (the
/// warm-up after load is one). Each worker more adds to the start, as they
/// all start at once on the machine's few cores; [`grow_for_the_default`]
/// starts the rest of what the default scenario needs once the page is
/// ready.
pub fn first_workers() -> usize {
    1 + RUN_THREADS + BESIDE_A_RUN
}

/// Starts, after the first ones, the workers the default scenario needs,
/// so that its first run does not wait for them.
///
/// # Errors
///
/// As [`ensure_workers`].
pub async fn grow_for_the_default() -> Result<(), String> {
    ensure_workers(threads_for(&Scenario::default())).await
}

/// Resolves with the number of workers the next time the pool gets more
/// (or a new pool is up).
pub async fn when_grown() -> usize {
    let (sender, receiver) = oneshot::channel();
    GROWN.with(|grown| grown.borrow_mut().push(sender));
    receiver.await.unwrap_or_default()
}

/// How many workers have taken a thread of the pool in use.
pub fn started_workers() -> usize {
    STARTED.with(Cell::get)
}

/// The bootstrap worker says `threads` workers now run in the pool in use
/// (a new pool, or one that grew): what waited for as many goes on.
pub fn workers_started(threads: usize) {
    STARTED.with(|started| started.set(threads));
    let ready = WAITING.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        let (ready, rest) = std::mem::take(&mut *waiting)
            .into_iter()
            .partition::<Vec<_>, _>(|(wanted, _)| *wanted <= threads);
        *waiting = rest;
        ready
    });
    for (_, waiter) in ready {
        let _ = waiter.send(Ok(()));
    }
    for heard in GROWN.with(|grown| std::mem::take(&mut *grown.borrow_mut())) {
        let _ = heard.send(threads);
    }
}

/// The bootstrap worker could not start more workers: everything that
/// waited for them fails with `why`.
pub fn workers_not_started(why: &str) {
    for (_, waiter) in WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut())) {
        let _ = waiter.send(Err(format!("more pool workers did not start: {why}")));
    }
}

/// Resolves once at least `threads` workers (at most the pool's size) run
/// in the pool, starting more if fewer do.
///
/// # Errors
///
/// The bootstrap worker cannot be told, or the workers did not start.
pub async fn ensure_workers(threads: usize) -> Result<(), String> {
    let wanted = threads.min(POOL_THREADS);
    if started_workers() >= wanted {
        return Ok(());
    }
    let (sender, receiver) = oneshot::channel();
    WAITING.with(|waiting| waiting.borrow_mut().push((wanted, sender)));
    let request = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&request, &key.into(), &value).map(drop);
    set("type", "futures-lab:pool-grow".into())
        .and_then(|()| set("threads", (wanted as u32).into()))
        .map_err(|e| format!("{e:?}"))?;
    post_to_bootstrap(&request)?;
    receiver
        .await
        .map_err(|_| "the pool's bootstrap worker did not answer".to_owned())?
}

/// A safety net under [`threads_for`]: if more jobs wait on the pool than
/// workers run (a run needed more threads than it said), start a worker for
/// each, rather than leave them waiting for good. Checked every
/// [`CHECK_MS`] while work is on the pool; the console says it happened, as
/// it would have slowed the run.
pub async fn grow_if_short() -> Infallible {
    loop {
        sleep(CHECK_MS).await;
        let busy = busy_jobs();
        if busy > started_workers() && started_workers() < POOL_THREADS {
            web_sys::console::warn_1(
                &format!(
                    "futures-lab: {busy} jobs on the pool and {} workers: starting more",
                    started_workers()
                )
                .into(),
            );
            // A failure shows as the run's own: it waits on.
            let _ = ensure_workers(busy + BESIDE_A_RUN).await;
        }
    }
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let timer = Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(timer).await;
}
