//! What the browser says about itself.

use futures_lab_scenarios::Environment;

use super::isolation::cross_origin_isolated;

/// `crossOriginIsolated`, `hardwareConcurrency` and the user agent, read on the
/// main thread.
pub fn browser_environment() -> Environment {
    let window = web_sys::window().expect("the page has a window");
    let navigator = window.navigator();
    Environment {
        cross_origin_isolated: Some(cross_origin_isolated()),
        hardware_concurrency: navigator.hardware_concurrency().max(1.0) as usize,
        user_agent: navigator.user_agent().unwrap_or_default(),
    }
}
