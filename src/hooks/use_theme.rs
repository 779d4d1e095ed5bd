//! The page's theme: chosen and remembered, or the system's.

use yew::prelude::*;

use super::page_setting::{keep, remembered};
use crate::state::{Action, State};
use crate::theme::Theme;

const STORAGE_KEY: &str = "futures-lab:theme";

/// Loads the remembered theme at start and, whenever it changes, remembers
/// it and sets `data-theme` on `<html>` (the stylesheet's colours follow).
#[hook]
pub fn use_theme(dispatcher: UseReducerDispatcher<State>, theme: Theme) {
    use_effect_with((), move |()| {
        let remembered = remembered(STORAGE_KEY)
            .map(|code| Theme::parse(&code))
            .unwrap_or_default();
        dispatcher.dispatch(Action::SetTheme(remembered));
    });
    use_effect_with(theme, |theme| {
        let shown = (*theme != Theme::System).then_some(theme.code());
        keep(STORAGE_KEY, theme.code(), "data-theme", shown);
    });
}

/// True when the system asks for dark pages.
pub fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}
