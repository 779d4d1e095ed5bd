//! The page's language: chosen, remembered, or the browser's.

use yew::prelude::*;

use super::page_setting::{keep, remembered};
use crate::i18n::Lang;
use crate::state::{Action, State};

const STORAGE_KEY: &str = "futures-lab:lang";

/// Picks the language at load (the URL's `lang=`, then the one chosen last
/// time, then the browser's preferred languages) and, whenever it changes,
/// remembers it and sets `<html lang>`.
#[hook]
pub fn use_language(dispatcher: UseReducerDispatcher<State>, lang: Lang) {
    use_effect_with((), move |()| {
        dispatcher.dispatch(Action::SetLang(initial_language()));
    });
    use_effect_with(lang, |lang| {
        keep(STORAGE_KEY, lang.code(), "lang", Some(lang.code()));
    });
}

fn initial_language() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::default();
    };
    let from_url = window.location().search().ok().and_then(|query| {
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .find(|(key, _)| key == "lang")
            .and_then(|(_, value)| Lang::parse(&value))
    });
    let remembered = || remembered(STORAGE_KEY).and_then(|code| Lang::parse(&code));
    let preferred = || {
        let languages: Vec<String> = window
            .navigator()
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .collect();
        Lang::from_preferences(languages.iter().map(String::as_str))
    };
    from_url.or_else(remembered).unwrap_or_else(preferred)
}
