//! The page's side of worker processes: the main thread creates each
//! process's Web Worker and carries frames to and from it by postMessage.
//!
//! Pool threads (Web Workers of the rayon pool) block and have no event
//! loop, so they cannot receive messages; they hand commands to the main
//! thread through a channel that never blocks, and read replies from a
//! channel of their own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use futures::StreamExt;
use futures_channel::mpsc::{unbounded, UnboundedSender};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::main_js::main_js_url;

/// What a pool thread asks of the main thread.
pub enum HostCommand {
    /// Start worker process `id`; its replies go to `replies`.
    Spawn {
        /// The process's number.
        id: u64,
        /// Where its frames go.
        replies: UnboundedSender<Vec<u8>>,
    },
    /// Send one frame to process `id`.
    Frame {
        /// The process's number.
        id: u64,
        /// The encoded frame.
        bytes: Vec<u8>,
    },
    /// Kill process `id`.
    Kill {
        /// The process's number.
        id: u64,
    },
}

static HOST: OnceLock<UnboundedSender<HostCommand>> = OnceLock::new();

struct Process {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

/// A process that died (its instance trapped): forget it, which closes its
/// reply channel, which its pool reads as a worker gone (BrokenProcessPool).
fn died(id: u64) {
    if let Some(process) = PROCESSES.with(|p| p.borrow_mut().remove(&id)) {
        process.worker.terminate();
    }
}

thread_local! {
    static PROCESSES: RefCell<HashMap<u64, Process>> = RefCell::new(HashMap::new());
}

/// How many worker processes (Web Workers) are alive now: a process pool
/// ends its own when it shuts down, so none is left computing after a run.
pub fn live_processes() -> usize {
    PROCESSES.with(|p| p.borrow().len())
}

/// Where pool threads send their commands (set up by [`start_host`]).
pub fn host() -> Option<&'static UnboundedSender<HostCommand>> {
    HOST.get()
}

/// Starts serving commands on the main thread.
pub fn start_host() {
    let (sender, mut commands) = unbounded();
    if HOST.set(sender).is_err() {
        return;
    }
    spawn_local(async move {
        while let Some(command) = commands.next().await {
            if let Err(error) = serve(command) {
                web_sys::console::warn_2(&"futures-lab: a worker process failed:".into(), &error);
            }
        }
    });
}

fn serve(command: HostCommand) -> Result<(), JsValue> {
    match command {
        HostCommand::Spawn { id, replies } => {
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            let url = web_sys::Url::new_with_base("process-worker.js", &main_js_url())?;
            let worker = Worker::new_with_options(&url.href(), &options)?;
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if let Some(bytes) = data.dyn_ref::<Uint8Array>() {
                    // A closed channel means the pool gave up on this process.
                    let _ = replies.unbounded_send(bytes.to_vec());
                } else if Reflect::get(&data, &"type".into())
                    .ok()
                    .and_then(|t| t.as_string())
                    .as_deref()
                    == Some("futures-lab:process-died")
                {
                    died(id);
                }
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| died(id));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            let init = Object::new();
            Reflect::set(&init, &"type".into(), &"futures-lab:process-init".into())?;
            Reflect::set(&init, &"mainJS".into(), &main_js_url().into())?;
            Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
            Reflect::set(&init, &"pid".into(), &JsValue::from(id as u32 + 1))?;
            worker.post_message(&init)?;
            PROCESSES.with(|p| {
                p.borrow_mut().insert(
                    id,
                    Process {
                        worker,
                        _on_message: on_message,
                        _on_error: on_error,
                    },
                )
            });
        }
        HostCommand::Frame { id, bytes } => {
            PROCESSES.with(|p| -> Result<(), JsValue> {
                if let Some(process) = p.borrow().get(&id) {
                    process
                        .worker
                        .post_message(&Uint8Array::from(bytes.as_slice()))?;
                }
                Ok(())
            })?;
        }
        HostCommand::Kill { id } => {
            if let Some(process) = PROCESSES.with(|p| p.borrow_mut().remove(&id)) {
                process.worker.terminate();
            }
        }
    }
    Ok(())
}
