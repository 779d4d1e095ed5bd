//! The seam through which executors get their threads.

use std::sync::Arc;

use crate::base::error::{Error, ErrorKind};

/// Starts threads for executors, like rayon's `spawn_handler`: std threads
/// natively, Web Workers in the browser, a deterministic queue in tests.
pub trait Spawn: Send + Sync {
    /// Runs `body` on a new thread called `name`. The thread is detached:
    /// executors track their own workers.
    ///
    /// # Errors
    ///
    /// `BrokenExecutor` if no thread could be started.
    fn spawn(&self, name: &str, body: Box<dyn FnOnce() + Send>) -> Result<(), Error>;

    /// Whether a spawned body starts running by itself, as a real thread
    /// does, rather than when a test (or a later step) runs it. An executor
    /// waits for a thread it has just started only if so.
    fn starts_at_once(&self) -> bool {
        true
    }
}

/// Spawns native std threads.
///
/// # Examples
///
/// ```
/// use std::sync::mpsc;
/// use futures_lab_core::{Spawn, StdSpawner};
///
/// let (tx, rx) = mpsc::channel();
/// StdSpawner.spawn("worker", Box::new(move || {
///     tx.send(std::thread::current().name().map(str::to_owned)).unwrap();
/// })).unwrap();
/// assert_eq!(rx.recv().unwrap().as_deref(), Some("worker"));
/// ```
#[derive(Debug, Default, Clone, Copy)]
pub struct StdSpawner;

impl StdSpawner {
    /// The std spawner as a shared seam.
    pub fn shared() -> Arc<dyn Spawn> {
        Arc::new(Self)
    }
}

impl Spawn for StdSpawner {
    fn spawn(&self, name: &str, body: Box<dyn FnOnce() + Send>) -> Result<(), Error> {
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(body)
            .map(drop)
            .map_err(|e| {
                Error::new(
                    ErrorKind::BrokenExecutor,
                    format!("cannot start thread {name}: {e}"),
                )
            })
    }
}
