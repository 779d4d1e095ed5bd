//! Executor threads on the Web Worker pool.

use futures_lab_core::{Error, Spawn};

/// Runs each executor thread as a job on the wasm-bindgen-rayon pool, so it
/// lives on a Web Worker where blocking is allowed. The pool is sized so that
/// every thread a scenario may ask for gets a worker of its own.
#[derive(Debug, Default, Clone, Copy)]
pub struct RayonSpawner;

impl Spawn for RayonSpawner {
    fn spawn(&self, _name: &str, body: Box<dyn FnOnce() + Send>) -> Result<(), Error> {
        rayon::spawn(body);
        Ok(())
    }
}
