//! The Web Worker pool, started once at load, off the main thread, with
//! the workers the default scenario needs (see [`super::pool_growth`]).

use std::cell::{Cell, RefCell};

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use futures_lab_scenarios::{PoolInfo, MAX_WORKERS_LIMIT};
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::isolation::shared_memory;
use super::main_js::main_js_url;
use super::pool_broken::{mended, not_mended, pool_broken, rebuilt_pool};
use super::pool_growth::{first_workers, started_workers, workers_not_started, workers_started};
use super::relayed_worker::{start_ahead, start_relayed, RELAY_REQUEST};
use super::started_ahead::bootstrap_started_ahead;

/// Threads in the pool: one per thread a scenario may ask for, one for the
/// run itself (it blocks while it waits for results), and one for the
/// watcher that applies cancel and shutdown commands during a run. Each
/// runs once a worker has taken it: the pool starts with fewer workers and
/// grows as runs need them.
pub const POOL_THREADS: usize = MAX_WORKERS_LIMIT + 2;

/// How long the pool may take to start (its first workers are up 0.3–0.5 s
/// after navigation in Chromium and Firefox here) before the page stops
/// waiting for it and runs without threads (until it comes, if it does).
pub const POOL_START_LIMIT_MS: i32 = 15_000;

/// Why a page with shared memory has no pool after all.
pub const TOO_SLOW: &str = "the worker pool did not start within 15 s, so the page runs without threads (thread pools on the virtual clock, the rest for real)";

type PoolFuture = Shared<LocalBoxFuture<'static, Result<PoolInfo, String>>>;

thread_local! {
    static POOL: RefCell<Option<PoolFuture>> = const { RefCell::new(None) };
    /// The bootstrap worker's answer, without the time limit: a pool that
    /// comes late is still taken.
    static ANSWER: RefCell<Option<PoolFuture>> = const { RefCell::new(None) };
    /// The bootstrap worker: the pool's workers answer through it, so it
    /// lives as long as the page.
    static BOOTSTRAP: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// When the page asked for the pool that is being built after a panic.
    static REBUILD_ASKED: Cell<f64> = const { Cell::new(0.0) };
}

/// Why the pool is not up, if it broke (see [`pool_broken`]), failed to
/// start or has not started within the time limit (and has not come
/// since): the page then runs as one without shared memory.
pub fn pool_failure() -> Option<String> {
    if let Some(broken) = pool_broken() {
        return Some(broken);
    }
    let gave_up = POOL.with(|pool| {
        pool.borrow()
            .as_ref()
            .and_then(|started| started.peek().and_then(|result| result.clone().err()))
    });
    gave_up.filter(|_| pool_up().is_none())
}

/// Whether [`pool_failure`] has a reason.
pub fn pool_failed() -> bool {
    pool_failure().is_some()
}

/// The pool, where this page can have one: `None` without shared memory or
/// once the pool has failed to start (after waiting for it to start).
pub async fn pool_if_any() -> Option<PoolInfo> {
    if shared_memory().is_err() {
        return None;
    }
    let _ = pool_ready().await;
    pool_up()
}

/// Resolves once the pool is up (started on first call), with its size and
/// how long it took to start.
pub fn pool_ready() -> PoolFuture {
    POOL.with(|pool| pool.borrow_mut().get_or_insert_with(start).clone())
}

/// Starts the bootstrap worker now (not at the future's first poll, which
/// would wait for the page's first render) and waits for its answer, up to
/// [`POOL_START_LIMIT_MS`].
fn start() -> PoolFuture {
    let started = (|| {
        let window = web_sys::window().ok_or("no window")?;
        shared_memory().map_err(|missing| missing.reason().to_owned())?;
        let performance = window.performance().ok_or("no performance clock")?;
        let began = performance.now();
        // The first workers start beside the bootstrap, not after it; one
        // that does not start now is started when the bootstrap asks.
        if let Err(error) = start_ahead(first_workers()) {
            web_sys::console::warn_2(
                &"futures-lab: pool workers not started ahead:".into(),
                &error,
            );
        }
        let started = start_in_bootstrap_worker().map_err(describe)?;
        Ok::<_, String>((window, performance, began, started))
    })();
    async move {
        let (window, performance, began, started) = started?;
        let answer = async move {
            JsFuture::from(started).await.map_err(describe)?;
            Ok(PoolInfo {
                threads: started_workers(),
                start_ms: Some(performance.now() - began),
            })
        }
        .boxed_local()
        .shared();
        ANSWER.with(|late| *late.borrow_mut() = Some(answer.clone()));
        // A pool that never answers must not leave the page waiting for good:
        // past the limit, the page goes on without it (and takes it if it comes).
        let limit = Promise::new(&mut |resolve, _reject| {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                POOL_START_LIMIT_MS,
            );
        });
        futures::select! {
            answered = answer.fuse() => answered,
            _ = JsFuture::from(limit).fuse() => Err(TOO_SLOW.to_owned()),
        }
    }
    .boxed_local()
    .shared()
}

/// The pool, if it is up now: started in time, or late (after the page
/// gave up waiting for it), and not broken since (or built again since).
pub fn pool_up() -> Option<PoolInfo> {
    if pool_broken().is_some() {
        return None;
    }
    let up = rebuilt_pool().or_else(|| {
        // The bootstrap's answer, in time or not (the start's is the same one).
        ANSWER.with(|answer| {
            answer
                .borrow()
                .as_ref()
                .and_then(|answered| answered.peek().and_then(|result| result.clone().ok()))
        })
    })?;
    // As many threads as run now: the pool grows after it is up.
    Some(PoolInfo {
        threads: started_workers(),
        ..up
    })
}

/// Resolves with the pool once the bootstrap worker answers, however late
/// (`None` if it failed, or if the page never started one).
pub async fn late_pool() -> Option<PoolInfo> {
    let answer = ANSWER.with(|late| late.borrow().clone())?;
    answer.await.ok()
}

/// Asks the bootstrap worker for a new pool, the `generation`th, in place
/// of one a panic broke; [`mended`] or [`not_mended`] hears how it went.
///
/// # Errors
///
/// There is no bootstrap worker, or it cannot be told.
pub fn rebuild_pool(generation: u32) -> Result<(), String> {
    let request = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&request, &key.into(), &value).map(drop);
    set("type", "futures-lab:pool-rebuild".into())
        .and_then(|()| set("generation", generation.into()))
        .and_then(|()| set("threads", (POOL_THREADS as u32).into()))
        .map_err(|e| js_text(&e))?;
    if let Some(now) = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
    {
        REBUILD_ASKED.with(|asked| asked.set(now));
    }
    post_to_bootstrap(&request)
}

/// Sends `message` to the bootstrap worker (www/pool-bootstrap.js).
///
/// # Errors
///
/// There is no bootstrap worker, or it cannot be told.
pub fn post_to_bootstrap(message: &JsValue) -> Result<(), String> {
    BOOTSTRAP.with(|bootstrap| match bootstrap.borrow().as_ref() {
        Some(worker) => worker.post_message(message).map_err(|e| js_text(&e)),
        None => Err("the page has no bootstrap worker".to_owned()),
    })
}

/// The bootstrap's answer about a pool built after a panic.
fn rebuild_answered(generation: u32, message: &JsValue, ready: bool) {
    if !ready {
        let why = Reflect::get(message, &"message".into()).unwrap_or_default();
        not_mended(generation, &js_text(&why));
        return;
    }
    let now = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now());
    let asked = REBUILD_ASKED.with(Cell::get);
    mended(
        generation,
        PoolInfo {
            threads: started_workers(),
            start_ms: now.map(|now| now - asked),
        },
    );
}

fn describe(error: JsValue) -> String {
    format!("the worker pool did not start: {}", js_text(&error))
}

/// Starts the bootstrap worker (www/pool-bootstrap.js), which joins this
/// instance and builds the pool; the promise settles with its answer.
fn start_in_bootstrap_worker() -> Result<Promise, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let url = web_sys::Url::new_with_base("pool-bootstrap.js", &main_js_url())?;
    // Started as the page started (www/pool-ahead.js), or now.
    let worker = match bootstrap_started_ahead() {
        Some(worker) => worker,
        None => Worker::new_with_options(&url.href(), &options)?,
    };
    let answered = Promise::new(&mut |resolve, reject| {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let kind = Reflect::get(&data, &"type".into())
                .ok()
                .and_then(|t| t.as_string());
            // 0: the first pool; more: one built after a panic.
            let generation = Reflect::get(&data, &"generation".into())
                .ok()
                .and_then(|g| g.as_f64())
                .unwrap_or_default() as u32;
            if let Some("futures-lab:pool-ready" | "futures-lab:pool-grown") = kind.as_deref() {
                let threads = Reflect::get(&data, &"threads".into())
                    .ok()
                    .and_then(|t| t.as_f64())
                    .unwrap_or_default();
                workers_started(threads as usize);
            }
            match kind.as_deref() {
                Some("futures-lab:pool-grown") => {}
                Some("futures-lab:pool-grow-failed") => {
                    let why = Reflect::get(&data, &"message".into()).unwrap_or_default();
                    workers_not_started(&js_text(&why));
                }
                Some(answer @ ("futures-lab:pool-ready" | "futures-lab:pool-failed"))
                    if generation > 0 =>
                {
                    rebuild_answered(generation, &data, answer == "futures-lab:pool-ready");
                }
                Some("futures-lab:pool-ready") => drop(resolve.call0(&JsValue::NULL)),
                Some(RELAY_REQUEST) => {
                    if let Err(error) = start_relayed(&data) {
                        let message = format!("a pool worker did not start: {}", js_text(&error));
                        drop(reject.call1(&JsValue::NULL, &message.into()));
                    }
                }
                Some("futures-lab:pool-failed") => {
                    let message = Reflect::get(&data, &"message".into()).unwrap_or_default();
                    drop(reject.call1(&JsValue::NULL, &message));
                }
                _ => {}
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The closure lives as long as the worker: the page.
        on_message.forget();
    });
    let init = Object::new();
    Reflect::set(&init, &"type".into(), &"futures-lab:pool-init".into())?;
    Reflect::set(&init, &"mainJS".into(), &main_js_url().into())?;
    Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
    Reflect::set(&init, &"memory".into(), &wasm_bindgen::memory())?;
    Reflect::set(
        &init,
        &"threads".into(),
        &JsValue::from(POOL_THREADS as u32),
    )?;
    Reflect::set(
        &init,
        &"workers".into(),
        &JsValue::from(first_workers() as u32),
    )?;
    worker.post_message(&init)?;
    BOOTSTRAP.with(|b| *b.borrow_mut() = Some(worker));
    Ok(answered)
}

fn js_text(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{value:?}"))
}
