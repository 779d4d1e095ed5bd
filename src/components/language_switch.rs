//! The English / 한국어 switch.

use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`LanguageSwitch`].
#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    /// The language shown.
    pub lang: Lang,
    /// A language was chosen.
    pub on_choose: Callback<Lang>,
}

/// Two buttons, one per language; the current one is pressed.
#[function_component(LanguageSwitch)]
pub fn language_switch(props: &LanguageSwitchProps) -> Html {
    html! {
        <div class="language" role="group" aria-label={text(props.lang, Label::Language)}>
            { for Lang::ALL.iter().map(|lang| {
                let on_choose = props.on_choose.clone();
                let lang = *lang;
                html! {
                    <button type="button" lang={lang.code()} aria-pressed={(lang == props.lang).to_string()}
                        onclick={Callback::from(move |_| on_choose.emit(lang))}>
                        { lang.name() }
                    </button>
                }
            }) }
        </div>
    }
}
