//! A pool that lost a thread, and the new one that takes its place. The
//! browser build aborts on panic (wasm's unwinding needs every closure
//! unwind-safe, and Yew's are not), so a task that panics on a pool worker
//! takes that worker's thread with it: whatever waited for it would wait for
//! good. The panic hook reports the panic to the page first (see
//! [`report_panic`]); the page then fails what waits on the pool with
//! `BrokenThreadPool`, naming the task, goes on as a page without threads
//! and has a new pool built; once it is up, runs have threads again.

use std::alloc::Layout;
use std::cell::{Cell, RefCell};
use std::panic::PanicHookInfo;

use futures_channel::oneshot;
use futures_lab_scenarios::PoolInfo;
use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

use super::page_stopped::page_stopped;
use super::pool::rebuild_pool;

/// What a pool worker posts when a panic is about to end its thread.
pub const PANICKED: &str = "futures-lab:panicked";

/// How every message of a broken pool begins (the badge looks for it).
pub const BROKEN_THREAD_POOL: &str = "BrokenThreadPool";

/// What a broken pool's message says of a task that ran out of memory (the
/// badge looks for it).
pub const OUT_OF_MEMORY: &str = "ran out of memory";

thread_local! {
    /// Why the pool is broken, once it is.
    static BROKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Who waits to hear that it broke.
    static WAITING: RefCell<Vec<oneshot::Sender<String>>> = const { RefCell::new(Vec::new()) };
    /// Which pool is the page's: 0 the first, one more for each built after
    /// a panic broke the one before.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// The pool built after a panic, once it is up.
    static REBUILT: RefCell<Option<PoolInfo>> = const { RefCell::new(None) };
    /// Who waits to hear whether the new pool came up.
    static MENDING: RefCell<Vec<oneshot::Sender<Option<PoolInfo>>>> = const { RefCell::new(Vec::new()) };
}

/// The panic hook's report, on a worker: posts [`PANICKED`] with the panic's
/// message and the running task (future id and worker name) to whoever
/// started this worker (the page, for a pool worker). Elsewhere it does
/// nothing: the console has the panic already.
pub fn report_panic(info: &PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|m| (*m).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    report_fault(&message.into());
}

/// The allocation error hook's report, on a worker: as [`report_panic`],
/// with std's words for it ("memory allocation of N bytes failed"). It
/// allocates nothing in the module's memory (the message is made in
/// JavaScript), as there may be none left; the thread aborts after it.
pub fn report_out_of_memory(layout: Layout) {
    let message = JsString::from("memory allocation of ")
        .concat(&JsValue::from(layout.size() as f64))
        .concat(&" bytes failed".into());
    report_fault(&message.into());
}

/// Posts [`PANICKED`] with `message` and the running task (future id and
/// worker name) to whoever started this worker (the page, for a pool
/// worker). On the page's own thread, which stops with it, the page says so
/// in a banner.
fn report_fault(message: &JsValue) {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        page_stopped(message);
        return;
    };
    let report = Object::new();
    let _ = Reflect::set(&report, &"type".into(), &PANICKED.into());
    let _ = Reflect::set(&report, &"message".into(), message);
    if let Some((id, worker)) = futures_lab_core::running_task() {
        let _ = Reflect::set(&report, &"task".into(), &JsValue::from(id as f64));
        let _ = Reflect::set(&report, &"worker".into(), &JsValue::from_str(&worker));
    }
    let _ = scope.post_message(&report);
}

/// A [`PANICKED`] report in words: "the task of future #1 panicked on
/// MainThread (its message)", or "ran out of memory (memory allocation of N
/// bytes failed)"; `who` where it names no task.
pub fn describe_fault(report: &JsValue, who: &str) -> String {
    let field = |name: &str| Reflect::get(report, &name.into()).ok();
    let message = field("message")
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    let task = field("task").and_then(|t| t.as_f64());
    let worker = field("worker").and_then(|w| w.as_string());
    // The allocation error hook's report, in std's own words.
    let fault = if message.starts_with("memory allocation of") {
        OUT_OF_MEMORY
    } else {
        "panicked"
    };
    match (task, worker) {
        (Some(task), Some(worker)) => {
            format!("the task of future #{task} {fault} on {worker} ({message})")
        }
        _ => format!("{who} {fault} ({message})"),
    }
}

/// Records a [`PANICKED`] report from a worker of the pool `generation`: if
/// that is the page's pool, it is broken from now on, whatever waits on it
/// hears why, and a new pool is asked for.
pub fn break_pool(report: &JsValue, generation: u32) {
    if generation != GENERATION.get() {
        // A worker of a pool already replaced: the page's pool is whole.
        return;
    }
    let what = describe_fault(report, "a worker thread of the pool");
    let reason = format!(
        "{BROKEN_THREAD_POOL}: {what}, and its thread is lost; the page runs without threads until a new pool is up"
    );
    let first = BROKEN.with(|broken| {
        let mut broken = broken.borrow_mut();
        let first = broken.is_none();
        broken.get_or_insert(reason.clone());
        first
    });
    if !first {
        return;
    }
    for waiting in WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut())) {
        let _ = waiting.send(reason.clone());
    }
    let next = generation + 1;
    GENERATION.set(next);
    if let Err(why) = rebuild_pool(next) {
        not_mended(next, &why);
    }
}

/// The pool `generation`, built after a panic, is up: the page has threads
/// again.
pub fn mended(generation: u32, info: PoolInfo) {
    if generation != GENERATION.get() {
        return;
    }
    BROKEN.with(|broken| *broken.borrow_mut() = None);
    REBUILT.with(|rebuilt| *rebuilt.borrow_mut() = Some(info.clone()));
    for waiting in MENDING.with(|mending| std::mem::take(&mut *mending.borrow_mut())) {
        let _ = waiting.send(Some(info.clone()));
    }
}

/// The pool `generation` did not come up: the page stays without threads,
/// and says why.
pub fn not_mended(generation: u32, why: &str) {
    if generation != GENERATION.get() {
        return;
    }
    BROKEN.with(|broken| {
        *broken.borrow_mut() = Some(format!(
            "the worker pool broke (a task panicked) and a new one did not start: {why}"
        ));
    });
    for waiting in MENDING.with(|mending| std::mem::take(&mut *mending.borrow_mut())) {
        let _ = waiting.send(None);
    }
}

/// The pool built after a panic, if one is up (it stands for the first).
pub fn rebuilt_pool() -> Option<PoolInfo> {
    REBUILT.with(|rebuilt| rebuilt.borrow().clone())
}

/// Resolves once the pool is whole: at once if it is, else when the pool
/// built after the panic is up (`None` if it did not start).
pub async fn when_mended() -> Option<PoolInfo> {
    if pool_broken().is_none() {
        return rebuilt_pool();
    }
    let (sender, receiver) = oneshot::channel();
    MENDING.with(|mending| mending.borrow_mut().push(sender));
    receiver.await.ok().flatten()
}

/// Why the pool is broken, if it is.
pub fn pool_broken() -> Option<String> {
    BROKEN.with(|broken| broken.borrow().clone())
}

/// Resolves with why the pool broke, once it does (at once if it is broken
/// now).
pub async fn when_broken() -> String {
    if let Some(reason) = pool_broken() {
        return reason;
    }
    let (sender, receiver) = oneshot::channel();
    WAITING.with(|waiting| waiting.borrow_mut().push(sender));
    // The page keeps the sender until the pool breaks: this waits for good
    // on a pool that never does, as it should.
    receiver.await.unwrap_or_default()
}
