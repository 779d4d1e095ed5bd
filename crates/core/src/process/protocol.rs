//! The frames a process pool and its worker processes exchange.
//!
//! A frame is a little-endian `u32` length and a body; the body starts with a
//! tag. Strings and byte strings are a `u32` length and the bytes.

use std::io::{self, Read, Write};

/// The most bytes one frame may hold (64 MiB).
pub const MAX_FRAME: usize = 64 << 20;

/// A message between the pool (parent) and a worker process (child).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Parent → child, first: the worker's name.
    Hello {
        /// `SpawnProcess-1`, as multiprocessing names its processes.
        name: String,
    },
    /// Parent → child: run call `id` on this serialized argument.
    Call {
        /// The future's id.
        id: u64,
        /// The serialized argument.
        payload: Vec<u8>,
    },
    /// Parent → child: run these calls in order (a `map` chunk).
    Batch {
        /// Each call's future id and serialized argument.
        calls: Vec<(u64, Vec<u8>)>,
    },
    /// Parent → child: exit after the current call.
    Exit,
    /// Child → parent: ready, with the child's wall clock (Unix ns).
    Ready {
        /// The child's process id.
        pid: u32,
        /// Unix time in ns when it became ready.
        unix_ns: u64,
    },
    /// Child → parent: a trace event of call `id`.
    Event {
        /// The future's id.
        id: u64,
        /// The trace kind's number ([`crate::TraceKind`] as `u8`).
        kind: u8,
        /// Unix time in ns.
        unix_ns: u64,
        /// The event's detail, or empty.
        detail: String,
    },
    /// Child → parent: call `id` returned this serialized result.
    Done {
        /// The future's id.
        id: u64,
        /// The serialized result.
        payload: Vec<u8>,
    },
    /// Child → parent: call `id` raised.
    Raised {
        /// The future's id.
        id: u64,
        /// The exception class.
        class: String,
        /// Its message.
        message: String,
        /// Where it happened in the worker (CPython's remote traceback).
        traceback: String,
    },
}

const HELLO: u8 = 1;
const CALL: u8 = 2;
const EXIT: u8 = 3;
const BATCH: u8 = 4;
const READY: u8 = 10;
const EVENT: u8 = 11;
const DONE: u8 = 12;
const RAISED: u8 = 13;

fn put_bytes(body: &mut Vec<u8>, bytes: &[u8]) {
    body.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    body.extend_from_slice(bytes);
}

impl Frame {
    /// The frame's bytes, length prefix included.
    pub fn encode(&self) -> Vec<u8> {
        let mut body = Vec::new();
        match self {
            Self::Hello { name } => {
                body.push(HELLO);
                put_bytes(&mut body, name.as_bytes());
            }
            Self::Call { id, payload } => {
                body.push(CALL);
                body.extend_from_slice(&id.to_le_bytes());
                put_bytes(&mut body, payload);
            }
            Self::Exit => body.push(EXIT),
            Self::Batch { calls } => {
                body.push(BATCH);
                body.extend_from_slice(&(calls.len() as u32).to_le_bytes());
                for (id, payload) in calls {
                    body.extend_from_slice(&id.to_le_bytes());
                    put_bytes(&mut body, payload);
                }
            }
            Self::Ready { pid, unix_ns } => {
                body.push(READY);
                body.extend_from_slice(&pid.to_le_bytes());
                body.extend_from_slice(&unix_ns.to_le_bytes());
            }
            Self::Event {
                id,
                kind,
                unix_ns,
                detail,
            } => {
                body.push(EVENT);
                body.extend_from_slice(&id.to_le_bytes());
                body.push(*kind);
                body.extend_from_slice(&unix_ns.to_le_bytes());
                put_bytes(&mut body, detail.as_bytes());
            }
            Self::Done { id, payload } => {
                body.push(DONE);
                body.extend_from_slice(&id.to_le_bytes());
                put_bytes(&mut body, payload);
            }
            Self::Raised {
                id,
                class,
                message,
                traceback,
            } => {
                body.push(RAISED);
                body.extend_from_slice(&id.to_le_bytes());
                for text in [class, message, traceback] {
                    put_bytes(&mut body, text.as_bytes());
                }
            }
        }
        let mut frame = (body.len() as u32).to_le_bytes().to_vec();
        frame.extend_from_slice(&body);
        frame
    }

    /// Writes the frame and flushes.
    ///
    /// # Errors
    ///
    /// The writer's error (the other side has gone).
    pub fn write_to(&self, writer: &mut dyn Write) -> io::Result<()> {
        writer.write_all(&self.encode())?;
        writer.flush()
    }

    /// Reads one frame; `None` at a clean end of the stream.
    ///
    /// # Errors
    ///
    /// A broken stream or a malformed frame.
    pub fn read_from(reader: &mut dyn Read) -> io::Result<Option<Self>> {
        let mut length = [0u8; 4];
        match reader.read_exact(&mut length) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        }
        let length = u32::from_le_bytes(length) as usize;
        if length == 0 || length > MAX_FRAME {
            return Err(invalid(format!("a frame of {length} bytes")));
        }
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body)?;
        Self::decode(&body).map(Some)
    }

    fn decode(body: &[u8]) -> io::Result<Self> {
        let mut cursor = Cursor { body, at: 1 };
        let frame = match body[0] {
            HELLO => Self::Hello {
                name: cursor.text()?,
            },
            CALL => Self::Call {
                id: cursor.u64()?,
                payload: cursor.bytes()?,
            },
            EXIT => Self::Exit,
            BATCH => {
                let count = cursor.u32()? as usize;
                let mut calls = Vec::with_capacity(count.min(1024));
                for _ in 0..count {
                    calls.push((cursor.u64()?, cursor.bytes()?));
                }
                Self::Batch { calls }
            }
            READY => Self::Ready {
                pid: cursor.u32()?,
                unix_ns: cursor.u64()?,
            },
            EVENT => Self::Event {
                id: cursor.u64()?,
                kind: cursor.u8()?,
                unix_ns: cursor.u64()?,
                detail: cursor.text()?,
            },
            DONE => Self::Done {
                id: cursor.u64()?,
                payload: cursor.bytes()?,
            },
            RAISED => Self::Raised {
                id: cursor.u64()?,
                class: cursor.text()?,
                message: cursor.text()?,
                traceback: cursor.text()?,
            },
            tag => return Err(invalid(format!("an unknown frame tag {tag}"))),
        };
        if cursor.at != body.len() {
            return Err(invalid("trailing bytes in a frame".to_owned()));
        }
        Ok(frame)
    }
}

fn invalid(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

struct Cursor<'a> {
    body: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> io::Result<&[u8]> {
        let end = self.at.checked_add(n).filter(|end| *end <= self.body.len());
        let end = end.ok_or_else(|| invalid("a truncated frame".to_owned()))?;
        let slice = &self.body[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> io::Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn bytes(&mut self) -> io::Result<Vec<u8>> {
        let n = self.u32()? as usize;
        Ok(self.take(n)?.to_vec())
    }

    fn text(&mut self) -> io::Result<String> {
        String::from_utf8(self.bytes()?).map_err(|_| invalid("text that is not UTF-8".to_owned()))
    }
}
