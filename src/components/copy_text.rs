//! Copy buttons: a text onto the clipboard, and whether it got there.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

/// A click handler that puts `text` on the clipboard and sets `copied` to
/// whether it got there (the browser may refuse without permission: the
/// text stays on the page to select).
pub(super) fn copy_on_click(text: String, copied: UseStateHandle<bool>) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&text);
        let copied = copied.clone();
        spawn_local(async move {
            copied.set(JsFuture::from(promise).await.is_ok());
        });
    })
}
