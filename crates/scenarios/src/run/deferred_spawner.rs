//! A spawner that starts no thread: it keeps each body and runs it later,
//! on the caller's thread, when asked.

use std::sync::Mutex;

use futures_lab_core::{Error, Spawn};

type Body = Box<dyn FnOnce() + Send>;

/// Keeps every body it is asked to spawn; [`Deferred::run_all`] runs them,
/// in order, on the calling thread.
#[derive(Default)]
pub(crate) struct Deferred {
    bodies: Mutex<Vec<Body>>,
}

impl Deferred {
    /// Runs every body kept so far (and any they spawn), to its end.
    pub(crate) fn run_all(&self) {
        loop {
            let next = {
                let mut bodies = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
                (!bodies.is_empty()).then(|| bodies.remove(0))
            };
            match next {
                Some(body) => body(),
                None => return,
            }
        }
    }
}

impl Spawn for Deferred {
    fn spawn(&self, _name: &str, body: Body) -> Result<(), Error> {
        self.bodies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(body);
        Ok(())
    }

    /// A body runs when [`Deferred::run_all`] is called.
    fn starts_at_once(&self) -> bool {
        false
    }
}
