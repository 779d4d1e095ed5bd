//! The embedded page's conversation with the page around it (see
//! [`crate::embed_message`]).

use futures_lab_scenarios::{Report, Scenario};
use serde::Serialize;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use yew::prelude::*;

use crate::embed_message::{error_message, report_message, run_request, size_message, RUN};
use crate::runtime::measure;
use crate::state::{Action, State};

/// What the page knows of its runs, for the messages to the parent.
pub struct RunsSeen<'a> {
    /// A run is under way.
    pub running: bool,
    /// Runs finished so far (a new count: a new report).
    pub finished_runs: u64,
    /// The last report.
    pub report: Option<&'a Report>,
    /// Runs that could not run so far (a new count: a new error).
    pub failed_runs: u64,
    /// The last error.
    pub error: Option<&'a str>,
}

/// The parent window, when the page is in a frame.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `message` to the parent page, if there is one.
fn post(message: &serde_json::Value) {
    let Some(parent) = parent() else {
        return;
    };
    let value = message.serialize(&serde_wasm_bindgen::Serializer::json_compatible());
    if let Ok(value) = value {
        // A report is no secret: any page may embed the playground.
        let _ = parent.post_message(&value, "*");
    }
}

/// In embed mode: runs the scenarios the parent page sends (from the parent
/// only, and only well-shaped run messages), posts each finished run's
/// report (or its error, for a run that could not run), refuses a run while
/// one is under way, and posts the page's height whenever it changes.
#[hook]
pub fn use_parent_messages(
    embed: bool,
    dispatcher: UseReducerDispatcher<State>,
    run: Callback<Scenario>,
    runs: RunsSeen<'_>,
) {
    let RunsSeen {
        running,
        finished_runs,
        report,
        failed_runs,
        error,
    } = runs;
    // The listener is made once; it reads whether a run is under way here.
    let busy = use_mut_ref(|| false);
    *busy.borrow_mut() = running;
    let busy_now = Rc::clone(&busy);
    use_effect_with(embed, move |embed| {
        let listener = embed.then(|| {
            let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(
                move |event: web_sys::MessageEvent| {
                    let from_parent = match (event.source(), parent()) {
                        (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
                        _ => false,
                    };
                    if !from_parent {
                        return;
                    }
                    // The type and the scenario's size are read first, in
                    // JavaScript: a message of another type, however big,
                    // is ignored without copying any of it into wasm.
                    let data = event.data();
                    let kind = js_sys::Reflect::get(&data, &"type".into()).ok();
                    let two_keys = data
                        .dyn_ref::<js_sys::Object>()
                        .is_some_and(|object| js_sys::Object::keys(object).length() == 2);
                    if kind.and_then(|kind| kind.as_string()).as_deref() != Some(RUN) || !two_keys {
                        return;
                    }
                    let scenario =
                        js_sys::Reflect::get(&data, &"scenario".into()).unwrap_or_default();
                    // Any other shape (a number, a list) is ignored, as the
                    // protocol says.
                    let shaped = scenario.is_string()
                        || (scenario.is_object() && !js_sys::Array::is_array(&scenario));
                    if !shaped {
                        return;
                    }
                    if let Err(error) = measure(&scenario) {
                        post(&error_message(&error));
                        dispatcher.dispatch(Action::Invalid(error));
                        return;
                    }
                    let Ok(message) = serde_wasm_bindgen::from_value::<serde_json::Value>(data)
                    else {
                        return;
                    };
                    match run_request(&message) {
                        // One run at a time, and each report for the run asked.
                        Some(Ok(_)) if *busy_now.borrow() => {
                            post(&error_message(
                                "a run is under way: send the next one after its report",
                            ));
                        }
                        Some(Ok(scenario)) => {
                            dispatcher.dispatch(Action::LoadQuery(scenario.to_query()));
                            run.emit(scenario);
                        }
                        Some(Err(error)) => {
                            post(&error_message(&error));
                            dispatcher.dispatch(Action::Invalid(error));
                        }
                        None => {}
                    }
                },
            );
            if let Some(window) = web_sys::window() {
                let _ = window
                    .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            }
            listener
        });
        move || {
            if let (Some(listener), Some(window)) = (listener, web_sys::window()) {
                let _ = window.remove_event_listener_with_callback(
                    "message",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
    // Each report once: the render that first sees a new one builds the
    // message, the effect after it posts it.
    let posted = use_mut_ref(|| 0u64);
    let new_report = finished_runs != std::mem::replace(&mut *posted.borrow_mut(), finished_runs);
    let message = report.filter(|_| embed && new_report).map(report_message);
    // A run that could not run at all answers with its error.
    let failed_seen = use_mut_ref(|| 0u64);
    let new_failure = failed_runs != std::mem::replace(&mut *failed_seen.borrow_mut(), failed_runs);
    let message = message.or_else(|| error.filter(|_| embed && new_failure).map(error_message));
    use_effect(move || {
        if let Some(message) = message {
            post(&message);
        }
    });
    // The height of the whole page (the view and its margins), whenever it
    // changes: a run, a replay's orders, a narrower iframe.
    use_effect_with(embed, move |embed| {
        let watching = embed.then(|| {
            let posted = std::cell::Cell::new(0u32);
            let measure = Closure::<dyn Fn()>::new(move || {
                let height = web_sys::window()
                    .and_then(|w| w.document()?.body())
                    .map_or(0, |body| {
                        u32::try_from(body.offset_height()).unwrap_or_default()
                    });
                if height > 0 && height != posted.get() {
                    posted.set(height);
                    post(&size_message(height));
                }
            });
            let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(body)) = (
                &observer,
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.body()),
            ) {
                observer.observe(&body);
            }
            (observer, measure)
        });
        move || {
            if let Some((Some(observer), _measure)) = watching {
                observer.disconnect();
            }
        }
    });
}
