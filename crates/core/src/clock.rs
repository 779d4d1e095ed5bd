//! One clock for every thread, so that trace times can be compared.

use std::time::Instant;

/// A source of nanosecond timestamps that agree across threads.
///
/// Natively that is [`MonotonicClock`]; in the browser each Web Worker has its
/// own `performance.now()` origin, so the runtime supplies a clock that
/// converts through `performance.timeOrigin`.
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
