//! What the page shows when its own thread stops: a panic or a failed
//! allocation on the main thread ends the module there, so the page says so
//! in a banner made by JavaScript (nothing allocated in the module's memory,
//! which may be full) instead of going still.

use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::*;

/// Puts a banner at the top of the page: "futures-lab stopped: `message`",
/// and to reload, in the page's language.
pub fn page_stopped(message: &JsValue) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let korean = document
        .document_element()
        .and_then(|root| Reflect::get(&root, &"lang".into()).ok())
        .is_some_and(|lang| lang == JsValue::from_str("ko"));
    let (before, after) = if korean {
        (
            "futures-lab이 멈췄습니다: ",
            ". 페이지를 새로 고치면 다시 쓸 수 있습니다.",
        )
    } else {
        ("futures-lab stopped: ", ". Reload the page to go on.")
    };
    let text = JsString::from(before).concat(message).concat(&after.into());
    let Ok(banner) = document.create_element("p") else {
        return;
    };
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "error page-stopped");
    let _ = banner.set_attribute("data-testid", "page-stopped");
    let _ = Reflect::set(&banner, &"textContent".into(), &text);
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
