//! Worker "processes" on threads and pipes, for testing a process pool
//! without starting programs.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use crate::base::error::{Error, ErrorKind};
use crate::process::spawn::{ProcessHandle, ProcessSpawn};
use crate::process::worker::serve_worker;

/// The handler each worker runs, made afresh per worker (so workers share no
/// state, as processes do not).
pub type HandlerFactory = dyn Fn() -> Box<SendHandler> + Send + Sync;

/// A call handler that can be moved to the worker's thread.
pub type SendHandler =
    dyn FnMut(&[u8], &crate::TaskContext) -> Result<Vec<u8>, crate::TaskError> + Send;

/// Runs each worker's [`serve_worker`] loop on a thread of its own, over OS
/// pipes; killing it closes its pipes, which the pool sees as a dead process.
/// Each worker gets a fresh handler from the factory: nothing is shared.
pub struct PipeProcessSpawner {
    factory: Arc<HandlerFactory>,
}

impl PipeProcessSpawner {
    /// Workers that run handlers made by `factory`.
    pub fn new(factory: impl Fn() -> Box<SendHandler> + Send + Sync + 'static) -> Self {
        Self {
            factory: Arc::new(factory),
        }
    }
}

/// The worker's end of its output pipe; gone once killed.
struct Killable(Arc<Mutex<Option<io::PipeWriter>>>);

impl Write for Killable {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.0.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            Some(pipe) => pipe.write(buf),
            None => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the worker was killed",
            )),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.0.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            Some(pipe) => pipe.flush(),
            None => Ok(()),
        }
    }
}

impl ProcessSpawn for PipeProcessSpawner {
    fn spawn(&self, name: &str) -> Result<ProcessHandle, Error> {
        let broken = |e: io::Error| {
            Error::new(
                ErrorKind::BrokenExecutor,
                format!("cannot start {name}: {e}"),
            )
        };
        let (mut to_worker_read, to_worker_write) = io::pipe().map_err(broken)?;
        let (from_worker_read, from_worker_write) = io::pipe().map_err(broken)?;
        let writer = Arc::new(Mutex::new(Some(from_worker_write)));
        let mut handler = (self.factory)();
        let output = Killable(Arc::clone(&writer));
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let _ = serve_worker(&mut *handler, &mut to_worker_read, Box::new(output));
            })
            .map_err(broken)?;
        let kill = Arc::new(move || {
            writer.lock().unwrap_or_else(|e| e.into_inner()).take();
        });
        Ok(ProcessHandle {
            input: Box::new(to_worker_write),
            output: Box::new(from_worker_read),
            kill,
        })
    }
}
