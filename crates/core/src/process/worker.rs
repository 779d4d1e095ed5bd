//! The worker side of a process pool: read calls, run them, send back
//! events and results.

use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::base::error::TaskError;
use crate::base::future::panic_message;
use crate::clock::Clock;
use crate::context::TaskContext;
use crate::process::protocol::Frame;
use crate::trace::{TraceEvent, TraceKind, TraceSink, Tracer};

/// What a worker process runs for each call: the serialized argument in,
/// the serialized result out.
pub type CallHandler<'a> = dyn FnMut(&[u8], &TaskContext) -> Result<Vec<u8>, TaskError> + 'a;

/// Unix time in ns: the clock that worker processes and the pool agree on.
#[derive(Debug, Default, Clone, Copy)]
pub struct UnixClock;

impl Clock for UnixClock {
    fn now_ns(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
    }
}

/// Sends the worker's trace events to the pool as frames.
struct EventSink(Arc<Mutex<Box<dyn Write + Send>>>);

impl TraceSink for EventSink {
    fn record(&self, event: TraceEvent) {
        let frame = Frame::Event {
            id: event.future,
            kind: event.kind.number(),
            unix_ns: event.t_ns,
            detail: event.detail.unwrap_or_default(),
        };
        let mut output = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // If the pool has gone, the next result write fails and ends the worker.
        let _ = frame.write_to(&mut **output);
    }
}

/// The worker side of the protocol, one frame at a time: for a worker that
/// receives frames as messages (a Web Worker) rather than from a stream.
pub struct WorkerSession<'h> {
    handler: Box<CallHandler<'h>>,
    pid: u32,
    output: Arc<Mutex<Box<dyn Write + Send>>>,
    clock: Arc<dyn Clock>,
    name: Option<Arc<str>>,
    tracer: Option<Tracer>,
}

impl<'h> WorkerSession<'h> {
    /// A session of worker `pid` running calls with `handler`, writing
    /// frames to `output`, stamping events in Unix ns read from `clock`.
    pub fn new(
        handler: Box<CallHandler<'h>>,
        pid: u32,
        output: Box<dyn Write + Send>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            handler,
            pid,
            output: Arc::new(Mutex::new(output)),
            clock,
            name: None,
            tracer: None,
        }
    }

    fn write(&self, frame: Frame) -> io::Result<()> {
        let mut out = self.output.lock().unwrap_or_else(|e| e.into_inner());
        frame.write_to(&mut **out)
    }

    /// Runs call `id` and writes its events and outcome.
    fn run_call(&mut self, id: u64, payload: &[u8]) -> io::Result<()> {
        let name = self.name.clone().unwrap_or_else(|| Arc::from("worker"));
        let tracer = self.tracer.clone().unwrap_or_else(Tracer::discard);
        let ctx = TaskContext::new(id, Arc::clone(&name), tracer.clone());
        tracer.record(id, TraceKind::Started, Some(&name), None);
        let handler = &mut self.handler;
        let outcome =
            catch_unwind(AssertUnwindSafe(|| handler(payload, &ctx))).unwrap_or_else(|panic| {
                Err(TaskError::new(
                    "PanicException",
                    panic_message(panic.as_ref()),
                ))
            });
        match outcome {
            Ok(payload) => {
                tracer.record(id, TraceKind::Finished, Some(&name), None);
                self.write(Frame::Done { id, payload })
            }
            Err(error) => {
                tracer.record(id, TraceKind::Failed, Some(&name), Some(error.to_string()));
                self.write(Frame::Raised {
                    id,
                    class: error.class().to_owned(),
                    message: error.message().to_owned(),
                    traceback: format!("in worker process {name} (pid {}), call {id}", self.pid),
                })
            }
        }
    }

    /// Handles one frame from the pool; false once told to exit.
    ///
    /// # Errors
    ///
    /// A frame out of order, or an output that is gone.
    pub fn handle(&mut self, frame: Frame) -> io::Result<bool> {
        match (frame, &self.name) {
            (Frame::Hello { name }, None) => {
                let name: Arc<str> = name.into();
                self.tracer = Some(Tracer::new(
                    Arc::new(EventSink(Arc::clone(&self.output))),
                    Arc::clone(&self.clock),
                ));
                self.name = Some(name);
                self.write(Frame::Ready {
                    pid: self.pid,
                    unix_ns: self.clock.now_ns(),
                })?;
                Ok(true)
            }
            (Frame::Call { id, payload }, Some(_)) => {
                self.run_call(id, &payload)?;
                Ok(true)
            }
            (Frame::Batch { calls }, Some(_)) => {
                for (id, payload) in calls {
                    self.run_call(id, &payload)?;
                }
                Ok(true)
            }
            (Frame::Exit, _) => Ok(false),
            (other, _) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a frame out of order: {other:?}"),
            )),
        }
    }
}

/// Serves a process pool over `input` and `output` (a worker process's
/// standard input and output) until told to exit or the pool goes away.
///
/// # Errors
///
/// A broken or malformed stream.
///
/// # Blocking
///
/// Runs until the pool is done with this worker.
pub fn serve_worker(
    handler: &mut CallHandler<'_>,
    input: &mut dyn Read,
    output: Box<dyn Write + Send>,
) -> io::Result<()> {
    let mut session = WorkerSession::new(
        Box::new(|payload: &[u8], ctx: &TaskContext| handler(payload, ctx)),
        std::process::id(),
        output,
        Arc::new(UnixClock),
    );
    while let Some(frame) = Frame::read_from(input)? {
        if !session.handle(frame)? {
            break;
        }
    }
    Ok(())
}
