//! The page's side of a solo run: on a page that is not cross-origin
//! isolated, a run that needs no second thread is played in a Web Worker of
//! its own (www/solo-worker.js, solo_entry.rs), one at a time.

use std::sync::Arc;

use futures_lab_core::{TraceBuffer, TraceSink};
use futures_lab_scenarios::{Report, Scenario};
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::armed_fault::take_for_another_instance;
use super::main_js::main_js_url;
use super::pool_broken::{describe_fault, PANICKED};
use super::solo_wire::{events_from_json, report_from_json};

/// Plays `scenario` in a new solo worker and resolves with its report; its
/// trace events go to `live` (all at once, when it ends).
///
/// # Errors
///
/// The worker could not start or died, or the program could not run
/// (its error, naming why).
pub async fn run_solo(
    scenario: Scenario,
    live: Option<Arc<TraceBuffer>>,
) -> Result<Report, String> {
    let describe = |e: JsValue| {
        let text = e
            .as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| format!("{e:?}"));
        format!("the run's worker failed: {text}")
    };
    let (worker, answered, _closures) = start(&scenario).map_err(describe)?;
    let outcome = JsFuture::from(answered).await;
    worker.terminate();
    let out = outcome.map_err(describe)?.as_string().unwrap_or_default();
    let answer: serde_json::Value =
        serde_json::from_str(&out).map_err(|e| format!("the run's answer: {e}"))?;
    if let Some(live) = live {
        events_from_json(&answer["events"])
            .into_iter()
            .for_each(|event| live.record(event));
    }
    if let Some(error) = answer.get("error").and_then(|e| e.as_str()) {
        return Err(error.to_owned());
    }
    report_from_json(scenario, &answer["report"])
}

type Closures = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(JsValue)>,
);

/// Starts the worker and sends it the run; the promise settles with its
/// answer (a JSON string). The closures must live until then.
fn start(scenario: &Scenario) -> Result<(Worker, Promise, Closures), JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let url = web_sys::Url::new_with_base("solo-worker.js", &main_js_url())?;
    let worker = Worker::new_with_options(&url.href(), &options)?;
    let mut closures = None;
    let answered = Promise::new(&mut |resolve, reject| {
        let failed = reject.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let kind = Reflect::get(&data, &"type".into())
                .ok()
                .and_then(|t| t.as_string());
            match kind.as_deref() {
                Some("futures-lab:solo-done") => {
                    let out = Reflect::get(&data, &"out".into()).unwrap_or_default();
                    drop(resolve.call1(&JsValue::NULL, &out));
                }
                Some("futures-lab:solo-failed") => {
                    let message = Reflect::get(&data, &"message".into()).unwrap_or_default();
                    drop(reject.call1(&JsValue::NULL, &message));
                }
                // A panic or a failed allocation, reported before the
                // instance aborts (its solo-failed follows, too late).
                Some(PANICKED) => {
                    let what = describe_fault(&data, "the run");
                    drop(reject.call1(&JsValue::NULL, &what.into()));
                }
                _ => {}
            }
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            drop(failed.call1(&JsValue::NULL, &"the worker could not start".into()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        closures = Some((on_message, on_error));
    });
    let window = web_sys::window().ok_or("no window")?;
    let navigator = window.navigator();
    let run = Object::new();
    Reflect::set(&run, &"type".into(), &"futures-lab:solo-run".into())?;
    Reflect::set(&run, &"mainJS".into(), &main_js_url().into())?;
    Reflect::set(&run, &"module".into(), &wasm_bindgen::module())?;
    Reflect::set(&run, &"query".into(), &scenario.to_query().into())?;
    if let Some(fault) = take_for_another_instance() {
        Reflect::set(&run, &"fault".into(), &fault.name().into())?;
    }
    Reflect::set(
        &run,
        &"cpus".into(),
        &JsValue::from(navigator.hardware_concurrency().max(1.0)),
    )?;
    Reflect::set(
        &run,
        &"userAgent".into(),
        &navigator.user_agent().unwrap_or_default().into(),
    )?;
    worker.post_message(&run)?;
    let closures = closures.ok_or("the worker's handlers were not made")?;
    Ok((worker, answered, closures))
}
