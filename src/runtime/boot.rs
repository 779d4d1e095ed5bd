//! What happens once at load, on the main thread.

use wasm_bindgen_futures::spawn_local;

use super::{js_api, pool::pool_ready};

/// Reports panics on the console, installs `window.futuresLab` and starts the
/// worker pool.
pub fn boot() {
    console_error_panic_hook::set_once();
    js_api::install();
    spawn_local(async {
        if let Err(message) = pool_ready().await {
            web_sys::console::warn_1(&format!("futures-lab: {message}").into());
        }
    });
}
