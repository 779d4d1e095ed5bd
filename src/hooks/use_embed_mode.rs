//! Whether the page is the compact view for an iframe (`embed=1`).

use yew::prelude::*;

/// True when the page's URL has `embed=1` (as `embed.html` links give).
#[hook]
pub fn use_embed_mode() -> bool {
    *use_memo((), |()| {
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .any(|(key, value)| key == "embed" && value == "1")
    })
}
