//! The seam through which a process pool gets its worker processes.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use crate::base::error::{Error, ErrorKind};

/// A started worker process: where to write frames, where to read them,
/// and how to kill it.
pub struct ProcessHandle {
    /// The worker's standard input (frames to it).
    pub input: Box<dyn Write + Send>,
    /// The worker's standard output (frames from it).
    pub output: Box<dyn Read + Send>,
    /// Kills the worker at once (SIGKILL, or closing its pipes).
    pub kill: Arc<dyn Fn() + Send + Sync>,
}

/// Starts worker processes: a real subprocess natively
/// ([`CommandSpawner`]), a Web Worker with its own wasm instance in the
/// browser, an in-memory stand-in in tests.
pub trait ProcessSpawn: Send + Sync {
    /// Starts the worker called `name`.
    ///
    /// # Errors
    ///
    /// `BrokenExecutor` if it cannot be started.
    fn spawn(&self, name: &str) -> Result<ProcessHandle, Error>;
}

/// Starts each worker as a subprocess: `program args...`, talking frames over
/// its standard input and output. It shares no memory with the parent.
#[derive(Clone, Debug)]
pub struct CommandSpawner {
    program: PathBuf,
    args: Vec<String>,
}

impl CommandSpawner {
    /// Workers run `program` with `args`.
    pub fn new(
        program: impl Into<PathBuf>,
        args: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self {
            program: program.into(),
            args: args.into_iter().map(Into::into).collect(),
        }
    }
}

impl ProcessSpawn for CommandSpawner {
    fn spawn(&self, name: &str) -> Result<ProcessHandle, Error> {
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                Error::new(
                    ErrorKind::BrokenExecutor,
                    format!(
                        "cannot start worker {name} ({}): {e}",
                        self.program.display()
                    ),
                )
            })?;
        let input = child.stdin.take().expect("stdin is piped");
        let output = child.stdout.take().expect("stdout is piped");
        let child: Arc<Mutex<Child>> = Arc::new(Mutex::new(child));
        let kill = Arc::new(move || {
            let mut child = child.lock().unwrap_or_else(|e| e.into_inner());
            let _ = child.kill();
            let _ = child.wait();
        });
        Ok(ProcessHandle {
            input: Box::new(input),
            output: Box::new(output),
            kill,
        })
    }
}
