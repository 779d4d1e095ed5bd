//! What happens once at load, on the main thread.

use wasm_bindgen_futures::spawn_local;

use super::pool_broken::{report_out_of_memory, report_panic};
use super::{clock::WebClock, js_api, pool::pool_ready, process_host::start_host};

/// Reports panics and failed allocations on the console (and, from a pool
/// worker, to the page), installs the clock that timeouts and the
/// GIL are measured on (`Instant` does not exist on wasm32), starts hosting
/// worker processes, installs `window.futuresLab` and starts the worker pool.
pub fn boot() {
    // The hook is the whole instance's: pool workers share it. Set through
    // Yew, whose renderer would otherwise put its own in its place.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        report_panic(info);
    }));
    // A failed allocation aborts without a panic: its own hook tells the
    // page which task ran out of memory before the thread ends.
    std::alloc::set_alloc_error_hook(report_out_of_memory);
    if futures_lab_core::set_global_clock(Box::new(WebClock::new())).is_err() {
        web_sys::console::warn_1(&"futures-lab: the clock was installed twice".into());
    }
    // First, so that the workers start while the page renders.
    let pool = pool_ready();
    start_host();
    js_api::install();
    spawn_local(async {
        if let Err(message) = pool.await {
            web_sys::console::warn_1(&format!("futures-lab: {message}").into());
        }
    });
}
