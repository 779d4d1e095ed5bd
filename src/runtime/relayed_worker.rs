//! Workers the page starts on the pool's behalf (see www/pool-bootstrap.js:
//! Firefox blocks a worker's own `new Worker` once its other workers wait on
//! shared memory, so the bootstrap worker asks the page to start each one).
//! The page starts the first ones before it is asked, while the bootstrap
//! worker itself starts: each joins the module instance meanwhile, and is
//! handed to the bootstrap when it asks for a worker.

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, MessagePort, Url, Worker, WorkerOptions, WorkerType};

use super::main_js::main_js_url;
use super::started_ahead::workers_started_ahead;

use super::pool_broken::{break_pool, PANICKED};

/// What the bootstrap worker sends to have a worker started.
pub const RELAY_REQUEST: &str = "futures-lab:relay-worker";

thread_local! {
    /// Every relayed worker, held for the page's life: Firefox may collect
    /// a worker that shares wasm memory but that no `Worker` object roots.
    static RELAYED: RefCell<Vec<Worker>> = const { RefCell::new(Vec::new()) };
    /// Pool workers started ahead (see [`start_ahead`]), with their URL,
    /// not yet handed to the bootstrap.
    static AHEAD: RefCell<Vec<(String, Worker)>> = const { RefCell::new(Vec::new()) };
}

/// Starts `count` pool workers (www/pool-worker.js) now, each joining this
/// module instance at once, so that they are up by the time the bootstrap
/// worker has built the pool and asks for them: the two starts overlap
/// instead of following one another.
///
/// # Errors
///
/// A worker could not be started or told (those started so far are kept).
pub fn start_ahead(count: usize) -> Result<(), JsValue> {
    let url = Url::new_with_base("pool-worker.js", &main_js_url())?.href();
    let join = Object::new();
    Reflect::set(
        &join,
        &"type".into(),
        &"futures-lab:pool-worker-join".into(),
    )?;
    Reflect::set(&join, &"mainJS".into(), &main_js_url().into())?;
    Reflect::set(&join, &"module".into(), &wasm_bindgen::module())?;
    Reflect::set(&join, &"memory".into(), &wasm_bindgen::memory())?;
    // Those the page started before the module loaded (www/pool-ahead.js)
    // first, then as many more as it did not.
    let mut earlier = workers_started_ahead().into_iter();
    for _ in 0..count {
        let worker = match earlier.next() {
            Some(worker) => worker,
            None => Worker::new_with_options(&url, &module_worker())?,
        };
        worker.post_message(&join)?;
        AHEAD.with(|ahead| ahead.borrow_mut().push((url.clone(), worker)));
    }
    Ok(())
}

fn module_worker() -> WorkerOptions {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    options
}

/// A worker of `url` started ahead, or a new one.
fn worker_of(url: &str) -> Result<Worker, JsValue> {
    let ahead = AHEAD.with(|ahead| {
        let mut ahead = ahead.borrow_mut();
        let at = ahead.iter().position(|(started, _)| started == url)?;
        Some(ahead.swap_remove(at).1)
    });
    ahead.map_or_else(|| Worker::new_with_options(url, &module_worker()), Ok)
}

/// Starts the worker a [`RELAY_REQUEST`] asks for (a module worker of the
/// pool with the given `generation`) and joins it to the request's port: what the bootstrap posts to the port reaches the worker,
/// what the worker posts reaches the bootstrap.
pub fn start_relayed(request: &JsValue) -> Result<(), JsValue> {
    let url = Reflect::get(request, &"url".into())?
        .as_string()
        .ok_or("the relay request has no url")?;
    let port: MessagePort = Reflect::get(request, &"port".into())?.dyn_into()?;
    // Which pool it belongs to: a panic on a pool already replaced breaks
    // nothing.
    let generation = Reflect::get(request, &"generation".into())?
        .as_f64()
        .unwrap_or_default() as u32;
    let worker = worker_of(&url)?;
    let to_bootstrap = port.clone();
    let from_worker = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let kind = Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|t| t.as_string());
        if kind.as_deref() == Some(PANICKED) {
            // The page's to know, not the bootstrap's.
            break_pool(&data, generation);
        } else {
            drop(to_bootstrap.post_message(&data));
        }
    });
    worker.set_onmessage(Some(from_worker.as_ref().unchecked_ref()));
    let to_worker = worker.clone();
    let from_bootstrap = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        drop(to_worker.post_message(&event.data()));
    });
    // Setting onmessage starts the port.
    port.set_onmessage(Some(from_bootstrap.as_ref().unchecked_ref()));
    // Both live as long as the worker: the page.
    from_worker.forget();
    from_bootstrap.forget();
    RELAYED.with(|relayed| relayed.borrow_mut().push(worker));
    Ok(())
}
