//! A result too long for its cell (a power's thousands of digits): its
//! start and its length, opened to read the whole of it, with a button
//! that copies it.

use yew::prelude::*;

use super::copy_text::copy_on_click;
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
    let on_copy = copy_on_click(props.text.to_string(), copied.clone());
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
