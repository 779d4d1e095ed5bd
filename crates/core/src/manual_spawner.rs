//! A spawner that starts threads only when told to: in tests, and for an
//! event loop that is turned on its caller's thread instead.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use crate::base::error::Error;
use crate::spawn::{Spawn, StdSpawner};

type Pending = (String, Box<dyn FnOnce() + Send>);

/// Holds every thread an executor asks for until the test starts it, so a
/// test decides exactly when workers exist: a queued future provably stays
/// pending, and the count of requested threads is exact.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use futures_lab_core::{ExecutorExt, FutureState, ManualSpawner, ThreadPool, Tracer};
///
/// let spawner = Arc::new(ManualSpawner::default());
/// let pool = ThreadPool::builder().max_workers(1).spawner(spawner.clone()).build(Tracer::discard()).unwrap();
/// let future = pool.submit(|_| Ok(1)).unwrap();
/// assert_eq!(future.state(), FutureState::Pending);
/// assert_eq!(spawner.start_all(), 1);
/// assert_eq!(future.result(None).unwrap(), 1);
/// ```
#[derive(Default)]
pub struct ManualSpawner {
    pending: Mutex<VecDeque<Pending>>,
    started: Mutex<Vec<String>>,
}

impl ManualSpawner {
    /// The spawner as a shared seam.
    pub fn shared() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Threads asked for and not started yet.
    pub fn pending(&self) -> usize {
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Names of the threads started so far, in order.
    pub fn started(&self) -> Vec<String> {
        self.started
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Starts the oldest waiting thread (a real std thread); false if none waits.
    pub fn start_next(&self) -> bool {
        let next = self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front();
        let Some((name, body)) = next else {
            return false;
        };
        self.started
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(name.clone());
        StdSpawner
            .spawn(&name, body)
            .expect("the test machine can start a thread");
        true
    }

    /// Starts every waiting thread; returns how many.
    pub fn start_all(&self) -> usize {
        std::iter::from_fn(|| self.start_next().then_some(())).count()
    }
}

impl Spawn for ManualSpawner {
    fn spawn(&self, name: &str, body: Box<dyn FnOnce() + Send>) -> Result<(), Error> {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back((name.to_owned(), body));
        Ok(())
    }

    /// A body runs when the test starts it.
    fn starts_at_once(&self) -> bool {
        false
    }
}

impl std::fmt::Debug for ManualSpawner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManualSpawner")
            .field("pending", &self.pending())
            .finish()
    }
}
