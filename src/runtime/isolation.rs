//! Whether the page can share its memory with Web Workers: the one fact
//! that decides whether it has threads.
//!
//! Cross-origin isolation is needed, but it is not enough: WebKitGTK says
//! `crossOriginIsolated` and still has no `SharedArrayBuffer`, and sending
//! the module's shared memory to a worker then fails ("The object can not
//! be cloned"). So the page tries what its pool will do, once: it makes a
//! shared `WebAssembly.Memory` and sends it through a `MessageChannel`
//! (the same structured clone a worker's `postMessage` does). Without
//! shared memory the page still boots, says why, and has no pool.

use js_sys::{Object, Reflect, WebAssembly};
use wasm_bindgen::JsValue;

/// Why the page has no shared memory, and so no threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoSharedMemory {
    /// The page is not cross-origin isolated (no COOP/COEP headers, and no
    /// service worker could add them).
    NotIsolated,
    /// The page is isolated, but this browser cannot send shared memory to
    /// a worker (no `SharedArrayBuffer`, or the clone is refused).
    NotSendable,
}

impl NoSharedMemory {
    /// The reason, as `futuresLab.info()` and a refused run give it.
    pub fn reason(self) -> &'static str {
        match self {
            Self::NotIsolated => "the page is not cross-origin isolated (no COOP/COEP headers, and no service worker could add them), so it has no shared memory and cannot start threads",
            Self::NotSendable => "the page is cross-origin isolated, but this browser cannot send shared memory to a worker (SharedArrayBuffer is missing or cannot be cloned), so it cannot start threads",
        }
    }
}

thread_local! {
    static PROBED: Result<(), NoSharedMemory> = probe();
}

/// `Ok` where the page can share its memory with workers (and so start its
/// pool); otherwise why not. Probed once: it never changes during a page's
/// life.
///
/// This is the hook for the page's choices without shared memory: the UI
/// reads it (the notice, the badge), `futuresLab.ready` resolves with no
/// threads, and a run that needs threads is switched to the virtual clock
/// (see `launch::run_controlled`).
pub fn shared_memory() -> Result<(), NoSharedMemory> {
    PROBED.with(|probed| *probed)
}

/// Whether the page can share its memory with workers.
pub fn has_shared_memory() -> bool {
    shared_memory().is_ok()
}

/// `self.crossOriginIsolated` as the browser says it.
pub fn cross_origin_isolated() -> bool {
    Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}

fn probe() -> Result<(), NoSharedMemory> {
    if !cross_origin_isolated() {
        return Err(NoSharedMemory::NotIsolated);
    }
    let global = js_sys::global();
    let constructor =
        Reflect::get(&global, &"SharedArrayBuffer".into()).unwrap_or(JsValue::UNDEFINED);
    if !constructor.is_function() {
        return Err(NoSharedMemory::NotSendable);
    }
    let descriptor = Object::new();
    for (key, value) in [
        ("initial", JsValue::from(1)),
        ("maximum", JsValue::from(1)),
        ("shared", JsValue::TRUE),
    ] {
        Reflect::set(&descriptor, &key.into(), &value).map_err(|_| NoSharedMemory::NotSendable)?;
    }
    let memory = WebAssembly::Memory::new(&descriptor).map_err(|_| NoSharedMemory::NotSendable)?;
    let channel = web_sys::MessageChannel::new().map_err(|_| NoSharedMemory::NotSendable)?;
    let sent = channel.port1().post_message(&memory);
    channel.port1().close();
    channel.port2().close();
    sent.map_err(|_| NoSharedMemory::NotSendable)
}
