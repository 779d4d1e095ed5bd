//! Workers the page started before its module loaded (www/pool-ahead.js,
//! `window.futuresLabAhead`): the pool's bootstrap worker and its first
//! workers, each taken once.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::Worker;

const AHEAD: &str = "futuresLabAhead";

/// Takes `window.futuresLabAhead[key]` away, if it is there.
fn take(key: &str) -> Option<JsValue> {
    let ahead = Reflect::get(&web_sys::window()?.into(), &AHEAD.into()).ok()?;
    if ahead.is_undefined() || ahead.is_null() {
        return None;
    }
    let value = Reflect::get(&ahead, &key.into()).ok()?;
    let _ = Reflect::delete_property(ahead.unchecked_ref::<js_sys::Object>(), &key.into());
    Some(value)
}

/// The bootstrap worker started ahead (www/pool-bootstrap.js), if any.
pub fn bootstrap_started_ahead() -> Option<Worker> {
    take("bootstrap")?.dyn_into().ok()
}

/// The pool workers started ahead (www/pool-worker.js): none if there are
/// none, or if they were taken already.
pub fn workers_started_ahead() -> Vec<Worker> {
    take("workers")
        .and_then(|workers| workers.dyn_into::<Array>().ok())
        .map(|workers| {
            workers
                .iter()
                .filter_map(|worker| worker.dyn_into().ok())
                .collect()
        })
        .unwrap_or_default()
}
