//! The entry points of a worker process: a Web Worker running its own
//! instance of the module, with its own memory (see www/process-worker.js).

use std::cell::RefCell;
use std::io::Write;
use std::sync::{Arc, Mutex};

use futures_lab_core::{set_global_clock, Frame, WorkerSession};
use futures_lab_scenarios::worker_handler;
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

use super::clock::{EpochClock, WebClock};

/// Frames the session writes: each is posted to the page as soon as it is
/// flushed (a frame is written whole, then flushed), so that the page sees a
/// call start and progress while it runs, not when it returns.
#[derive(Clone, Default)]
struct Outbox(Arc<Mutex<Vec<u8>>>);

impl Write for Outbox {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let frames = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        if frames.is_empty() {
            return Ok(());
        }
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        scope
            .post_message(&Uint8Array::from(frames.as_slice()))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the page has gone"))
    }
}

thread_local! {
    static SESSION: RefCell<Option<(WorkerSession<'static>, Outbox)>> = const { RefCell::new(None) };
}

/// Prepares worker process `pid`: its clock, its panic messages, its session.
#[wasm_bindgen]
pub fn futures_lab_process_init(pid: u32) {
    console_error_panic_hook::set_once();
    let _ = set_global_clock(Box::new(WebClock::new()));
    let outbox = Outbox::default();
    let mut handler = worker_handler();
    let session = WorkerSession::new(
        Box::new(move |payload: &[u8], ctx: &futures_lab_core::TaskContext| handler(payload, ctx)),
        pid,
        Box::new(outbox.clone()),
        Arc::new(EpochClock),
    );
    SESSION.with(|s| *s.borrow_mut() = Some((session, outbox)));
}

/// Handles one frame from the pool; the frames it answers with (events,
/// then the result) have been posted by then, and any left unflushed are
/// returned, concatenated.
#[wasm_bindgen]
pub fn futures_lab_process_frame(bytes: &[u8]) -> Vec<u8> {
    SESSION.with(|s| {
        let mut session = s.borrow_mut();
        let Some((session, outbox)) = session.as_mut() else {
            return Vec::new();
        };
        let handled = Frame::read_from(&mut &bytes[..])
            .ok()
            .flatten()
            .map(|frame| session.handle(frame));
        if !matches!(handled, Some(Ok(_))) {
            web_sys::console::warn_1(&"futures-lab: a worker process got a bad frame".into());
        }
        let frames = std::mem::take(&mut *outbox.0.lock().unwrap_or_else(|e| e.into_inner()));
        frames
    })
}
