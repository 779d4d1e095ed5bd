//! Where this module's JavaScript was loaded from: workers import it again.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static MAIN_JS: js_sys::JsString;
}

/// The URL of the module's JavaScript (`import.meta.url` of the glue).
pub fn main_js_url() -> String {
    MAIN_JS.with(|url| String::from(url))
}
