//! Workers the page starts on the pool's behalf (see www/pool-bootstrap.js:
//! Firefox blocks a worker's own `new Worker` once its other workers wait on
//! shared memory, so the bootstrap worker asks the page to start each one).

use std::cell::RefCell;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, MessagePort, Worker, WorkerOptions, WorkerType};

use super::pool_broken::{break_pool, PANICKED};

/// What the bootstrap worker sends to have a worker started.
pub const RELAY_REQUEST: &str = "futures-lab:relay-worker";

thread_local! {
    /// Every relayed worker, held for the page's life: Firefox may collect
    /// a worker that shares wasm memory but that no `Worker` object roots.
    static RELAYED: RefCell<Vec<Worker>> = const { RefCell::new(Vec::new()) };
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
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options)?;
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
