//! The theme menu.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{text, Label, Lang};
use crate::theme::Theme;

/// Props of [`ThemeSwitch`].
#[derive(Properties, PartialEq)]
pub struct ThemeSwitchProps {
    /// The theme in use.
    pub theme: Theme,
    /// The language shown.
    pub lang: Lang,
    /// A theme was chosen.
    pub on_choose: Callback<Theme>,
}

/// System, light or dark.
#[function_component(ThemeSwitch)]
pub fn theme_switch(props: &ThemeSwitchProps) -> Html {
    let on_change = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                on_choose.emit(Theme::parse(&select.value()));
            }
        })
    };
    let lang = props.lang;
    let name = |theme: Theme| match theme {
        Theme::System => text(lang, Label::ThemeSystem),
        Theme::Light => text(lang, Label::ThemeLight),
        Theme::Dark => text(lang, Label::ThemeDark),
    };
    html! {
        <label class="theme-switch">
            <span>{ text(lang, Label::Theme) }</span>
            <select data-testid="theme" onchange={on_change}>
                { for Theme::ALL.into_iter().map(|theme| html! {
                    <option value={theme.code()} selected={theme == props.theme}>{ name(theme) }</option>
                }) }
            </select>
        </label>
    }
}
