//! `window.futuresLab`: the page's JavaScript API (see the README).

use futures_lab_scenarios::{
    estimate, simulate, workloads, Budget, Clock, ExecutorKind, PoolInfo, Scenario,
    MAX_REPORT_BYTES,
};
use js_sys::{Object, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::armed_fault::{arm, Fault};
use super::budget::{page_budget, set_page_budget};
use super::environment::browser_environment;
use super::exception_handling::exception_handling;
use super::frame::{next_frame, next_task};
use super::isolation::{has_shared_memory, shared_memory};
use super::js_scenario::{kind_of, scenario_from_js};
use super::launch::{available_executors, run};
use super::on_worker::on_worker;
use super::pool::{pool_failure, pool_ready, pool_up};
use super::process_host::live_processes;
use super::report_opener::show_bytes;

/// What `futuresLab.info()` returns.
#[derive(Serialize)]
struct Info {
    version: &'static str,
    mode: &'static str,
    threads: usize,
    cross_origin_isolated: bool,
    /// Whether the page can share memory with workers (and so has threads).
    shared_memory: bool,
    /// Whether WebAssembly exception handling exists here (what unwinding
    /// on panic would need; this build aborts instead).
    exception_handling: bool,
    /// Why it has no threads, where it has none.
    no_threads_because: Option<String>,
    hardware_concurrency: usize,
    /// How big the module's (shared) memory is now, in bytes: it grows and
    /// never shrinks, so it shows what a run or a message took.
    wasm_memory_bytes: f64,
    /// Worker processes (Web Workers of process pools) alive now.
    process_workers: usize,
    workloads: Vec<&'static str>,
    executors: Vec<&'static str>,
}

/// Installs `window.futuresLab` with `ready`, `info()`, `run(scenario)`,
/// `simulate(scenario, cpus)` and `show(report)`.
///
/// `ready` resolves once the pool is up; on a page without shared memory
/// (not cross-origin isolated, or a browser that cannot send shared memory
/// to a worker) it resolves at once with `{ threads: 0, start_ms: null }` (the
/// page works without a pool, as far as it can), and it rejects only if an
/// page's pool fails to start although it has shared memory.
pub fn install() {
    let api = Object::new();
    let ready = future_to_promise(async {
        if !has_shared_memory() {
            return to_js(&PoolInfo {
                threads: 0,
                start_ms: None,
            });
        }
        let info = pool_ready()
            .await
            .map_err(|m| JsValue::from(js_sys::Error::new(&m)))?;
        to_js(&info)
    });
    let info = Closure::<dyn Fn() -> Result<JsValue, JsValue>>::new(info);
    let run = Closure::<dyn Fn(JsValue) -> Promise>::new(run_promise);
    let simulate = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(simulate_promise);
    let show = Closure::<dyn Fn(JsValue) -> Promise>::new(show_promise);
    // For tests of what a panic does: the next task to start panics.
    let testing = Object::new();
    let arm_panic = Closure::<dyn Fn()>::new(|| arm(Fault::Panic));
    // The next task asks for more memory than the module may ever have.
    let arm_out_of_memory = Closure::<dyn Fn()>::new(|| arm(Fault::OutOfMemory));
    // A panic on the page's own thread, which ends the module there.
    let panic_here = Closure::<dyn Fn()>::new(|| {
        panic!("a panic on the page's thread, asked for by a test");
    });
    // The budget of runs nobody allowed more, lowered to try a refusal
    // with a short run: `setBudget(seconds, mebibytes)`.
    let set_budget = Closure::<dyn Fn(f64, f64)>::new(|real_s: f64, mib: f64| {
        set_page_budget(Budget {
            real_s,
            memory_bytes: mib * 1024.0 * 1024.0,
        });
    });
    let window = web_sys::window().expect("the page has a window");
    let installed = Reflect::set(&api, &"ready".into(), &ready)
        .and_then(|_| Reflect::set(&api, &"info".into(), info.as_ref()))
        .and_then(|_| Reflect::set(&api, &"run".into(), run.as_ref()))
        .and_then(|_| Reflect::set(&api, &"simulate".into(), simulate.as_ref()))
        .and_then(|_| Reflect::set(&api, &"show".into(), show.as_ref()))
        .and_then(|_| Reflect::set(&testing, &"armPanic".into(), arm_panic.as_ref()))
        .and_then(|_| {
            Reflect::set(
                &testing,
                &"armOutOfMemory".into(),
                arm_out_of_memory.as_ref(),
            )
        })
        .and_then(|_| Reflect::set(&testing, &"setBudget".into(), set_budget.as_ref()))
        .and_then(|_| Reflect::set(&testing, &"panicHere".into(), panic_here.as_ref()))
        .and_then(|_| Reflect::set(&api, &"testing".into(), &testing))
        .and_then(|_| Reflect::set(&window, &"futuresLab".into(), &api));
    if let Err(error) = installed {
        web_sys::console::error_2(
            &"futures-lab: cannot install window.futuresLab".into(),
            &error,
        );
    }
    // The API lives as long as the page.
    info.forget();
    run.forget();
    simulate.forget();
    show.forget();
    arm_panic.forget();
    arm_out_of_memory.forget();
    set_budget.forget();
    panic_here.forget();
}

fn memory_bytes() -> f64 {
    Reflect::get(&wasm_bindgen::memory(), &"buffer".into())
        .and_then(|buffer| Reflect::get(&buffer, &"byteLength".into()))
        .ok()
        .and_then(|bytes| bytes.as_f64())
        .unwrap_or_default()
}

fn info() -> Result<JsValue, JsValue> {
    let environment = browser_environment();
    let threads = pool_up().map_or(0, |pool| pool.threads);
    let no_threads_because = match shared_memory() {
        Err(missing) => Some(missing.reason().to_owned()),
        Ok(()) => pool_failure(),
    };
    to_js(&Info {
        version: env!("CARGO_PKG_VERSION"),
        mode: "browser",
        threads,
        cross_origin_isolated: environment.cross_origin_isolated.unwrap_or(false),
        shared_memory: has_shared_memory(),
        exception_handling: exception_handling(),
        no_threads_because,
        hardware_concurrency: environment.hardware_concurrency,
        wasm_memory_bytes: memory_bytes(),
        process_workers: live_processes(),
        workloads: workloads::ids(),
        executors: available_executors()
            .into_iter()
            .map(ExecutorKind::as_str)
            .collect(),
    })
}

fn run_promise(scenario: JsValue) -> Promise {
    let parsed = scenario_from_js(&scenario);
    future_to_promise(async move {
        let scenario = parsed.map_err(js_error)?;
        let report = run(scenario, None).await.map_err(js_error)?;
        to_js(&report)
    })
}

/// The scenario played on the virtual clock of a machine with `cpus` CPUs
/// (2 if not given): the same report here as natively. A bad `cpus` is
/// named with what it allows.
fn simulate_promise(scenario: JsValue, cpus: JsValue) -> Promise {
    let parsed = scenario_from_js(&scenario);
    let cpus = if cpus.is_undefined() {
        Ok(2)
    } else {
        cpus.as_f64()
            .filter(|c| c.fract() == 0.0 && (1.0..=1024.0).contains(c))
            .map(|c| c as usize)
            .ok_or_else(|| {
                format!(
                    "cpus: must be a whole number from 1 to 1024 (got {})",
                    kind_of(&cpus)
                )
            })
    };
    future_to_promise(async move {
        let cpus = cpus.map_err(js_error)?;
        let scenario = parsed.map_err(js_error)?;
        // Results are computed for real, so the page's budget holds here too.
        let simulated = Scenario {
            clock: Clock::Virtual,
            ..scenario.clone()
        };
        page_budget()
            .check(&estimate(&simulated, cpus))
            .map_err(|over| js_error(over.to_string()))?;
        // Results are computed for real: off the page's main thread.
        let played = on_worker(move || simulate(&scenario, cpus).map_err(|e| e.to_string()))
            .await
            .and_then(|played| played)
            .map_err(js_error)?;
        to_js(&played.report)
    })
}

/// What `futuresLab.show(report)` resolves with once the report is drawn.
#[derive(Serialize)]
struct Shown {
    /// Its futures.
    tasks: usize,
}

/// Shows a report (a `Report` object or its JSON text: a CPython trace or a
/// lab report) on the page; resolves once it is drawn, rejects naming what
/// is wrong with it.
fn show_promise(report: JsValue) -> Promise {
    // The text is encoded by the browser and copied into the module's
    // memory a piece at a time (a trace of 100,000 futures is about 50 MB).
    let text = if let Some(text) = report.dyn_ref::<js_sys::JsString>() {
        Ok(text.clone())
    } else if report.is_object() {
        js_sys::JSON::stringify(&report).map_err(|_| "report: cannot be written as JSON".to_owned())
    } else {
        Err(format!(
            "report: must be a Report object or its JSON text (got {})",
            kind_of(&report)
        ))
    };
    future_to_promise(async move {
        let text = text.map_err(js_error)?;
        // Each UTF-16 unit is at least a byte: too long is too long already.
        if text.length() as usize > MAX_REPORT_BYTES {
            return Err(js_error(format!(
                "report: the report is at least {} bytes, over the {} MB a report may have",
                text.length(),
                MAX_REPORT_BYTES / (1024 * 1024)
            )));
        }
        let bytes = utf8(&text).await;
        let tasks = show_bytes(bytes, "report").await.map_err(js_error)?;
        // The page draws it at its next frame.
        next_frame().await;
        next_frame().await;
        to_js(&Shown { tasks })
    })
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`, given a JavaScript string as it is
    /// (web-sys's takes a Rust `&str`, which is the slow copy this avoids).
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Utf8Encoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

/// UTF-16 units of a report's text encoded at a time: about 10 ms of work.
const ENCODED_AT_ONCE: u32 = 1 << 22;

/// `text` as UTF-8, encoded by the browser a piece at a time (each piece a
/// task of its own: 50 MB in one go would hold the page for 150 ms) and
/// copied into the module's memory.
async fn utf8(text: &js_sys::JsString) -> Vec<u8> {
    let encoder = Utf8Encoder::new();
    let length = text.length();
    let mut bytes: Vec<u8> = Vec::with_capacity(length as usize);
    let mut at = 0;
    while at < length {
        let mut end = (at + ENCODED_AT_ONCE).min(length);
        // A surrogate pair stays in one piece.
        if end < length && (0xD800..0xDC00).contains(&(text.char_code_at(end - 1) as u32)) {
            end -= 1;
        }
        let encoded = encoder.encode(&text.slice(at, end));
        let (from, more) = (bytes.len(), encoded.length() as usize);
        bytes.reserve(more);
        // SAFETY: `reserve` made room for `more` bytes past `from`, which
        // the copy fills, all of them, before the length takes them in.
        unsafe {
            encoded.raw_copy_to_ptr(bytes.as_mut_ptr().add(from));
            bytes.set_len(from + more);
        }
        at = end;
        if at < length {
            next_task().await;
        }
    }
    bytes
}

fn js_error(message: String) -> JsValue {
    js_sys::Error::new(&message).into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(e.to_string()))
}
