//! # futures-lab (the web app)
//!
//! The Yew playground and its browser runtime. Only [`state`] (the reducer,
//! pure Rust) builds natively; everything that touches the browser is
//! compiled for `wasm32` only, so native tests never compile Yew.
//!
//! The one wasm module is instantiated by the page and by every Web Worker of
//! the pool; [`start`] runs on the page's main thread only.

#![warn(missing_docs)]
// The browser build (nightly, for build-std) reports a failed allocation to the
// page through `std::alloc::set_alloc_error_hook`.
#![cfg_attr(target_arch = "wasm32", feature(alloc_error_hook))]

pub mod amdahl;
pub mod charts;
pub mod embed_message;
pub mod experiments;
pub mod figures_at;
pub mod frozen;
pub mod i18n;
pub mod link_keys;
pub mod number_text;
pub mod presets;
pub mod program_comments;
pub mod program_comments_ko;
pub mod replay;

pub mod rows;
pub mod shared;
pub mod slow_motion;

pub mod state;
pub mod stats;
pub mod theme;
pub mod timeline;
pub mod timeline_layout;
pub mod timeline_range;
pub mod timeline_viewport;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod stage_in_view;

/// Exported for the pool's workers (www/pool-worker.js): each runs its rayon
/// thread through it.
#[cfg(target_arch = "wasm32")]
pub use wasm_bindgen_rayon::wbg_rayon_start_worker;

/// Entry point on the page's main thread: starts the worker pool, installs
/// `window.futuresLab` and mounts the UI.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    // A worker process (a Web Worker with its own instance) has no page to
    // run: its entry points are in runtime::process_entry.
    if web_sys::window().is_none() {
        return;
    }
    runtime::boot();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("the page has a document");
    let root = document
        .get_element_by_id("app")
        .expect("index.html has #app");
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root(root).render();
}
