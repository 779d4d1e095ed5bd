//! One clock for every thread, so that trace times can be compared and
//! timeouts measured, natively and on Web Workers alike.

use std::sync::OnceLock;
use std::time::Instant;

/// A source of nanosecond timestamps that agree across threads.
///
/// Natively that is [`MonotonicClock`]; in the browser each Web Worker has its
/// own `performance.now()` origin, so the runtime supplies a clock that
/// converts through `performance.timeOrigin` and installs it with
/// [`set_global_clock`].
pub trait Clock: Send + Sync {
    /// Nanoseconds since this clock's origin.
    fn now_ns(&self) -> u64;
}

/// A native monotonic clock whose origin is its creation.
///
/// Not for `wasm32-unknown-unknown`, where `Instant` is not available.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{Clock, MonotonicClock};
///
/// let clock = MonotonicClock::new();
/// let a = clock.now_ns();
/// assert!(clock.now_ns() >= a);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct MonotonicClock {
    origin: Instant,
}

impl MonotonicClock {
    /// A clock starting at zero now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for MonotonicClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for MonotonicClock {
    fn now_ns(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
}

static GLOBAL: OnceLock<Box<dyn Clock>> = OnceLock::new();

/// Installs the clock that timeouts and the GIL's switch interval are measured
/// on. Call it once, before any timeout is used; natively it is optional (a
/// [`MonotonicClock`] is the default), in the browser it is required.
///
/// # Errors
///
/// Gives the clock back if one was installed (or used) already.
pub fn set_global_clock(clock: Box<dyn Clock>) -> Result<(), Box<dyn Clock>> {
    GLOBAL.set(clock)
}

/// The clock that timeouts are measured on.
///
/// # Examples
///
/// ```
/// let a = futures_lab_core::global_clock().now_ns();
/// assert!(futures_lab_core::global_clock().now_ns() >= a);
/// ```
pub fn global_clock() -> &'static dyn Clock {
    GLOBAL
        .get_or_init(|| Box::new(MonotonicClock::new()))
        .as_ref()
}
