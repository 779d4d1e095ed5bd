//! The worker side of a process pool: read calls, run them, send back
//! events and results.

use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::clock::Clock;
use crate::context::TaskContext;
use crate::error::TaskError;
use crate::future::panic_message;
use crate::process_protocol::Frame;
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
    let output = Arc::new(Mutex::new(output));
    let write = |frame: Frame| -> io::Result<()> {
        let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
        frame.write_to(&mut **out)
    };
    let name: Arc<str> = match Frame::read_from(input)? {
        Some(Frame::Hello { name }) => name.into(),
        other => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("expected hello, got {other:?}"),
            ))
        }
    };
    write(Frame::Ready {
        pid: std::process::id(),
        unix_ns: UnixClock.now_ns(),
    })?;
    let tracer = Tracer::new(
        Arc::new(EventSink(Arc::clone(&output))),
        Arc::new(UnixClock),
    );
    while let Some(frame) = Frame::read_from(input)? {
        let (id, payload) = match frame {
            Frame::Call { id, payload } => (id, payload),
            Frame::Exit => break,
            other => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("expected a call, got {other:?}"),
                ))
            }
        };
        let ctx = TaskContext::new(id, Arc::clone(&name), tracer.clone());
        tracer.record(id, TraceKind::Started, Some(&name), None);
        let outcome =
            catch_unwind(AssertUnwindSafe(|| handler(&payload, &ctx))).unwrap_or_else(|panic| {
                Err(TaskError::new(
                    "PanicException",
                    panic_message(panic.as_ref()),
                ))
            });
        match outcome {
            Ok(payload) => {
                tracer.record(id, TraceKind::Finished, Some(&name), None);
                write(Frame::Done { id, payload })?;
            }
            Err(error) => {
                tracer.record(id, TraceKind::Failed, Some(&name), Some(error.to_string()));
                write(Frame::Raised {
                    id,
                    class: error.class().to_owned(),
                    message: error.message().to_owned(),
                    traceback: format!(
                        "in worker process {name} (pid {}), call {id}",
                        std::process::id()
                    ),
                })?;
            }
        }
    }
    Ok(())
}
