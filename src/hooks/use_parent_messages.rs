//! The embedded page's conversation with the page around it (see
//! [`crate::embed_message`]).

use futures_lab_scenarios::{Report, Scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::embed_message::{error_message, report_message, run_request, size_message};
use crate::state::{Action, State};

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
/// report (when `finished_runs` changes, `report` is the new run's), and the
/// page's height whenever it changes.
#[hook]
pub fn use_parent_messages(
    embed: bool,
    dispatcher: UseReducerDispatcher<State>,
    run: Callback<Scenario>,
    finished_runs: u64,
    report: Option<&Report>,
) {
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
                    let Ok(message) =
                        serde_wasm_bindgen::from_value::<serde_json::Value>(event.data())
                    else {
                        return;
                    };
                    match run_request(&message) {
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
