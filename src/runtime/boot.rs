//! What happens once at load, on the main thread.

use wasm_bindgen_futures::spawn_local;

use super::{clock::WebClock, js_api, pool::pool_ready, process_host::start_host};

/// Reports panics on the console, installs the clock that timeouts and the
/// GIL are measured on (`Instant` does not exist on wasm32), starts hosting
/// worker processes, installs `window.futuresLab` and starts the worker pool.
pub fn boot() {
    console_error_panic_hook::set_once();
    if futures_lab_core::set_global_clock(Box::new(WebClock::new())).is_err() {
        web_sys::console::warn_1(&"futures-lab: the clock was installed twice".into());
    }
    start_host();
    js_api::install();
    spawn_local(async {
        if let Err(message) = pool_ready().await {
            web_sys::console::warn_1(&format!("futures-lab: {message}").into());
        }
    });
}
