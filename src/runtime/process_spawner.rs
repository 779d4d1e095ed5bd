//! Worker processes in the browser, as the pool's feeder threads see them.

use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use futures::StreamExt;
use futures_channel::mpsc::{unbounded, UnboundedReceiver};
use futures_lab_core::{block_on, Error, ErrorKind, ProcessHandle, ProcessSpawn};

use super::process_host::{host, HostCommand};

/// The next worker process number (shared by every pool of the page).
pub(super) static NEXT_PROCESS: AtomicU64 = AtomicU64::new(0);

/// Starts each worker process as a Web Worker with its own instance of the
/// module and its own memory (nothing shared), through the main thread.
#[derive(Debug, Default, Clone, Copy)]
pub struct BrowserProcessSpawner;

/// Frames to a process: written whole, sent on flush.
struct FrameWriter {
    id: u64,
    pending: Vec<u8>,
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.pending);
        host()
            .and_then(|host| {
                host.unbounded_send(HostCommand::Frame { id: self.id, bytes })
                    .ok()
            })
            .ok_or_else(|| io::Error::new(io::ErrorKind::BrokenPipe, "the page has gone"))
    }
}

/// Bytes from a process, as they arrive; the end once it is killed.
struct ReplyReader {
    replies: UnboundedReceiver<Vec<u8>>,
    buffer: Vec<u8>,
    at: usize,
}

impl Read for ReplyReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.at == self.buffer.len() {
            match block_on(self.replies.next()) {
                Some(bytes) => {
                    self.buffer = bytes;
                    self.at = 0;
                }
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.buffer.len() - self.at);
        out[..n].copy_from_slice(&self.buffer[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

impl ProcessSpawn for BrowserProcessSpawner {
    fn spawn(&self, name: &str) -> Result<ProcessHandle, Error> {
        let host = host().ok_or_else(|| {
            Error::new(
                ErrorKind::BrokenExecutor,
                format!("cannot start {name}: no page to host it"),
            )
        })?;
        let id = NEXT_PROCESS.fetch_add(1, Ordering::Relaxed);
        let (replies, receiver) = unbounded();
        host.unbounded_send(HostCommand::Spawn { id, replies })
            .map_err(|_| {
                Error::new(
                    ErrorKind::BrokenExecutor,
                    format!("cannot start {name}: the page has gone"),
                )
            })?;
        let kill_host = host.clone();
        Ok(ProcessHandle {
            input: Box::new(FrameWriter {
                id,
                pending: Vec::new(),
            }),
            output: Box::new(ReplyReader {
                replies: receiver,
                buffer: Vec::new(),
                at: 0,
            }),
            kill: Arc::new(move || {
                let _ = kill_host.unbounded_send(HostCommand::Kill { id });
            }),
        })
    }
}
