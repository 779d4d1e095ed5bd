//! The worker a job runs on.

use std::sync::Arc;

use crate::context::Interrupt;
use crate::gil::Gil;

/// A worker thread as a task sees it: its name, the GIL it must hold to run
/// CPU work (if the executor has one), and the run's interrupt flag.
#[derive(Clone, Debug)]
pub struct Worker {
    /// The thread name (`ThreadPoolExecutor-0_1`, `MainThread`).
    pub name: Arc<str>,
    /// The executor's GIL, if it models one.
    pub gil: Option<Arc<Gil>>,
    /// Stops tasks at their next checkpoint when triggered.
    pub interrupt: Option<Interrupt>,
}

impl Worker {
    /// A worker called `name` with no GIL and no interrupt.
    pub fn named(name: impl Into<Arc<str>>) -> Self {
        Self {
            name: name.into(),
            gil: None,
            interrupt: None,
        }
    }
}
