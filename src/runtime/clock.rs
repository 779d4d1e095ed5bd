//! One clock across Web Workers.

use futures_lab_core::Clock;
use wasm_bindgen::JsCast;

/// Nanoseconds since this clock was made, the same on every worker.
///
/// Each worker's `performance.now()` counts from its own start, so the clock
/// adds `performance.timeOrigin` to reach one epoch, and subtracts its own
/// origin (taken on the thread that made it) to keep the numbers small.
#[derive(Debug, Clone, Copy)]
pub struct WebClock {
    origin_ms: f64,
}

impl WebClock {
    /// A clock starting at zero now.
    pub fn new() -> Self {
        Self {
            origin_ms: epoch_ms(),
        }
    }
}

thread_local! {
    /// This thread's `performance` and its `timeOrigin` (fixed for the
    /// thread's life), looked up once: a run reads the clock several times
    /// a future, and looking them up each time (the global object, a string
    /// made for the name, four calls into JavaScript) cost more than the
    /// future itself.
    static PERFORMANCE: (web_sys::Performance, f64) = {
        let performance: web_sys::Performance =
            js_sys::Reflect::get(&js_sys::global(), &"performance".into())
                .expect("every window and worker has performance")
                .unchecked_into();
        let origin = performance.time_origin();
        (performance, origin)
    };
}

fn epoch_ms() -> f64 {
    PERFORMANCE.with(|(performance, origin)| origin + performance.now())
}

impl Clock for WebClock {
    fn now_ns(&self) -> u64 {
        ((epoch_ms() - self.origin_ms).max(0.0) * 1e6) as u64
    }
}

/// Unix time in ns from `performance.timeOrigin + performance.now()`: the
/// clock a page and its worker processes (Web Workers) agree on, where
/// `SystemTime` does not exist.
#[derive(Debug, Default, Clone, Copy)]
pub struct EpochClock;

impl Clock for EpochClock {
    fn now_ns(&self) -> u64 {
        (epoch_ms() * 1e6) as u64
    }
}
