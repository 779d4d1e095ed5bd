//! The simulated time, as a clock any thread can read (a tracer's).

use std::sync::atomic::{AtomicU64, Ordering};

use futures_lab_core::Clock;

/// Nanoseconds of simulated time, set by the simulation as it plays.
#[derive(Debug, Default)]
pub(crate) struct VirtualTime(AtomicU64);

impl VirtualTime {
    /// The simulation is at `ns`.
    pub(crate) fn set(&self, ns: u64) {
        self.0.store(ns, Ordering::Relaxed);
    }
}

impl Clock for VirtualTime {
    fn now_ns(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}
