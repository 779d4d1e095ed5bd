//! Reports opened from outside a run: the page registers itself for them,
//! opens `?report=<url>` once, and takes a file dropped anywhere on it.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::runtime::{attach_report_page, open_file, open_url};
use crate::state::State;

/// Makes this page the one opened reports show in (`running`: a run is
/// under way, and a report waits for its end), opens the report of a
/// `?report=<url>` link, and opens a `.json` file dropped on the page.
#[hook]
pub fn use_report_opener(dispatcher: UseReducerDispatcher<State>, running: bool) {
    attach_report_page(dispatcher, running);
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("the page has a window");
        let url = window
            .location()
            .search()
            .ok()
            .and_then(|search| {
                form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
                    .find(|(key, _)| key == "report")
                    .map(|(_, url)| url.into_owned())
            })
            .filter(|url| !url.trim().is_empty());
        if let Some(url) = url {
            wasm_bindgen_futures::spawn_local(open_url(url));
        }
        // A file dragged over the page may be dropped (the browser would
        // otherwise open it in place of the page).
        let over = Closure::<dyn Fn(web_sys::DragEvent)>::new(|event: web_sys::DragEvent| {
            if carries_files(&event) {
                event.prevent_default();
            }
        });
        let drop = Closure::<dyn Fn(web_sys::DragEvent)>::new(|event: web_sys::DragEvent| {
            if !carries_files(&event) {
                return;
            }
            event.prevent_default();
            let file = event
                .data_transfer()
                .and_then(|data| data.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                wasm_bindgen_futures::spawn_local(open_file(file));
            }
        });
        let _ = window.add_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
        move || {
            let _ = window
                .remove_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
            let _ =
                window.remove_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
        }
    });
}

/// Whether a drag carries files (not text or a link from the page).
fn carries_files(event: &web_sys::DragEvent) -> bool {
    event
        .data_transfer()
        .is_some_and(|data| data.types().includes(&"Files".into(), 0))
}
