//! A result too long for its cell (a power's thousands of digits): its
//! start and its length, opened to read the whole of it, with a button
//! that copies it.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::i18n::{characters, text, Label, Lang};

/// Characters a cell shows before the rest is folded away.
pub const SHOWN: usize = 40;

/// Props of [`LongResult`].
#[derive(Properties, PartialEq)]
pub struct LongResultProps {
    /// The whole result, as Python prints it.
    pub text: AttrValue,
    /// The language shown.
    pub lang: Lang,
}

/// The start of a long result; opened, the whole of it and Copy.
#[function_component(LongResult)]
pub fn long_result(props: &LongResultProps) -> Html {
    let copied = use_state(|| false);
    let lang = props.lang;
    let count = props.text.chars().count();
    let head: String = props.text.chars().take(SHOWN).collect();
    let on_copy = {
        let (text, copied) = (props.text.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let promise = window.navigator().clipboard().write_text(&text);
            let copied = copied.clone();
            spawn_local(async move {
                // Refused without permission: the text stays there to select.
                copied.set(JsFuture::from(promise).await.is_ok());
            });
        })
    };
    html! {
        <details class="long-result" data-testid="long-result">
            <summary>{ format!("{head}… ({})", characters(lang, count)) }</summary>
            <div class="long-result-body">
                <pre tabindex="0" data-testid="long-result-text">{ props.text.clone() }</pre>
                <button type="button" class="tool" data-testid="copy-result" onclick={on_copy}>
                    { text(lang, if *copied { Label::Copied } else { Label::Copy }) }
                </button>
            </div>
        </details>
    }
}
