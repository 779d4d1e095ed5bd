//! The page's theme: chosen and remembered, or the system's.

use yew::prelude::*;

use crate::state::{Action, State};
use crate::theme::Theme;

const STORAGE_KEY: &str = "futures-lab:theme";

/// Loads the remembered theme at start and, whenever it changes, remembers
/// it and sets `data-theme` on `<html>` (the stylesheet's colours follow).
#[hook]
pub fn use_theme(dispatcher: UseReducerDispatcher<State>, theme: Theme) {
    use_effect_with((), move |()| {
        let remembered = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .map(|code| Theme::parse(&code))
            .unwrap_or_default();
        dispatcher.dispatch(Action::SetTheme(remembered));
    });
    use_effect_with(theme, |theme| {
        let window = web_sys::window();
        if let Some(storage) = window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten())
        {
            // Storage may be refused (private windows): the choice lasts the visit.
            let _ = storage.set_item(STORAGE_KEY, theme.code());
        }
        if let Some(root) = window
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                chosen => root.set_attribute("data-theme", chosen.code()),
            };
        }
    });
}

/// True when the system asks for dark pages.
pub fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}
