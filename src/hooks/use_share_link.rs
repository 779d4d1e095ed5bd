//! Share: the scenario in the address bar and on the clipboard.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::state::{Action, State};

/// A callback that takes the page's query for the current scenario, puts it
/// in the address bar (a reload reproduces it), copies the full link, and
/// reports it as [`Action::Shared`].
#[hook]
pub fn use_share_link(dispatcher: UseReducerDispatcher<State>) -> Callback<String> {
    use_callback(dispatcher, |query: String, dispatcher| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let link = format!("{base}?{query}");
        if let Ok(history) = window.history() {
            // Not allowed in some embedded frames; the link is shown anyway.
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&link));
        }
        let clipboard = window.navigator().clipboard();
        let (copied, confirm) = (link.clone(), dispatcher.clone());
        dispatcher.dispatch(Action::Shared(link));
        spawn_local(async move {
            // Copying may be refused (no permission); the link is shown to copy by hand.
            if JsFuture::from(clipboard.write_text(&copied)).await.is_ok() {
                confirm.dispatch(Action::SharedCopied(copied));
            }
        });
    })
}
