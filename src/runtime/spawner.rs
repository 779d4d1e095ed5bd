//! Executor threads on the Web Worker pool.

use futures_lab_core::{Error, ErrorKind, Spawn};

use super::rayon_pool::spawn_on_pool;

/// Runs each executor thread as a job on the pool of Web Workers, so it
/// lives on a worker where blocking is allowed. Before a run, the pool
/// grows so that every thread the run may ask for gets a worker of its own
/// (see `pool_growth`).
#[derive(Debug, Default, Clone, Copy)]
pub struct RayonSpawner;

impl Spawn for RayonSpawner {
    fn spawn(&self, name: &str, body: Box<dyn FnOnce() + Send>) -> Result<(), Error> {
        spawn_on_pool(body).map_err(|why| {
            Error::new(
                ErrorKind::BrokenExecutor,
                format!("cannot start thread {name}: {why}"),
            )
        })
    }
}
