//! The scenario as a program: the Python a learner would write, and the
//! Rust that does the same with futures-lab, each with a copy button.

use futures_lab_scenarios::{python_program, rust_program, Scenario};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// The scenario the controls hold, as a query.
    pub query: String,
    /// The language shown.
    pub lang: Lang,
}

/// Which program is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Program {
    Python,
    Rust,
}

/// Two programs for the current controls, generated as they change.
#[function_component(CodeView)]
pub fn code_view(props: &CodeViewProps) -> Html {
    let shown = use_state(|| Program::Python);
    let copied = use_state(|| false);
    let lang = props.lang;
    let scenario = Scenario::from_query(&props.query);
    let code = scenario.as_ref().ok().map(|scenario| match *shown {
        Program::Python => python_program(scenario),
        Program::Rust => rust_program(scenario),
    });
    let choose = |program: Program| {
        let (shown, copied) = (shown.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            shown.set(program);
            copied.set(false);
        })
    };
    let on_copy = {
        let (code, copied) = (code.clone().unwrap_or_default(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let promise = window.navigator().clipboard().write_text(&code);
            let copied = copied.clone();
            spawn_local(async move {
                // Refused without permission: the code stays there to select.
                copied.set(JsFuture::from(promise).await.is_ok());
            });
        })
    };
    let tab = |program: Program, label: Label| {
        html! {
            <button type="button" aria-pressed={(*shown == program).to_string()} onclick={choose(program)}>
                { text(lang, label) }
            </button>
        }
    };
    html! {
        <section class="code" aria-labelledby="code-heading">
            <h2 id="code-heading">{ text(lang, Label::Code) }</h2>
            <div class="code-bar">
                { tab(Program::Python, Label::PythonProgram) }
                { tab(Program::Rust, Label::RustProgram) }
                <button type="button" class="copy" onclick={on_copy} disabled={code.is_none()}>
                    { text(lang, if *copied { Label::Copied } else { Label::Copy }) }
                </button>
            </div>
            { match code {
                Some(code) => html! {
                    <pre data-testid="code" data-language={if *shown == Program::Python { "python" } else { "rust" }}><code>{ code }</code></pre>
                },
                None => html! { <p class="muted">{ text(lang, Label::CodeNeedsValidFields) }</p> },
            } }
        </section>
    }
}
