//! The scenario as a program: the Python a learner would write, the same
//! futures on a dask cluster, and the Rust that does the same with
//! futures-lab, each with a copy button.

use futures_lab_scenarios::{
    dask_program, python_program, rust_program, ProgramMarks, ProgramStep, Scenario,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::copy_text::copy_on_click;
use crate::i18n::{dask_refusal_text, program_step_text, text, Label, Lang};
use crate::program_comments::in_korean;
use crate::runtime::next_frame;

/// Props of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// The scenario the controls hold, as a query.
    pub query: String,
    /// The language shown.
    pub lang: Lang,
    /// The step of the program's main thread at the replay's moment, its
    /// number and the run's count of steps, when the run shown is this
    /// program's: its line is highlighted.
    #[prop_or_default]
    pub step: Option<(ProgramStep, usize, usize)>,
}

/// Which program is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Program {
    Python,
    Dask,
    Rust,
}

impl Program {
    /// The name `data-language` gives it.
    fn name(self) -> &'static str {
        match self {
            Self::Python => "python",
            Self::Dask => "dask",
            Self::Rust => "rust",
        }
    }
}

/// Three programs for the current controls, generated as they change.
#[function_component(CodeView)]
pub fn code_view(props: &CodeViewProps) -> Html {
    let shown = use_state(|| Program::Python);
    let copied = use_state(|| false);
    let lang = props.lang;
    // Parsed and generated once per change of the scenario, the program
    // shown or the language, not at every render (a replay renders every
    // frame).
    let generated = use_memo(
        (props.query.clone(), *shown, lang),
        |(query, shown, lang)| {
            let scenario = Scenario::from_query(query).ok();
            // The Korean page's Python has its comments in Korean, line for line.
            let korean = |program: String| match lang {
                Lang::Ko => in_korean(&program),
                Lang::En => program,
            };
            let code = scenario.as_ref().map(|scenario| match shown {
                Program::Python => Ok(korean(python_program(scenario))),
                Program::Dask => dask_program(scenario)
                    .map(korean)
                    .map_err(|why| dask_refusal_text(*lang, &why)),
                Program::Rust => Ok(rust_program(scenario)),
            });
            let marks = scenario.as_ref().map(ProgramMarks::of);
            (code, marks)
        },
    );
    let (code, marks) = (generated.0.clone(), generated.1.clone());
    let choose = |program: Program| {
        let (shown, copied) = (shown.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            shown.set(program);
            copied.set(false);
        })
    };
    let copyable = code.clone().and_then(Result::ok);
    let on_copy = copy_on_click(copyable.clone().unwrap_or_default(), copied.clone());
    let tab = |program: Program, label: Label| {
        html! {
            <button type="button" aria-pressed={(*shown == program).to_string()} onclick={choose(program)}>
                { text(lang, label) }
            </button>
        }
    };
    // The highlighted line is kept in the program's view (the view scrolls,
    // not the page).
    let pre = use_node_ref();
    {
        let pre = pre.clone();
        let line = props.step.map(|(step, n, _)| (step, n));
        use_effect_with((line, *shown), move |_| {
            // Measured at the next frame, where the page is laid out anyway
            // (now, it would be laid out once more in this task).
            wasm_bindgen_futures::spawn_local(async move {
                next_frame().await;
                keep_in_view(&pre);
            });
        });
    }
    html! {
        <section class="code" aria-labelledby="code-heading">
            <h2 id="code-heading">{ text(lang, Label::Code) }</h2>
            <div class="code-bar">
                { tab(Program::Python, Label::PythonProgram) }
                { tab(Program::Dask, Label::DaskProgram) }
                { tab(Program::Rust, Label::RustProgram) }
                <button type="button" class="copy" onclick={on_copy} disabled={copyable.is_none()}>
                    { text(lang, if *copied { Label::Copied } else { Label::Copy }) }
                </button>
            </div>
            { match code {
                // What dask cannot express, and why.
                Some(Err(why)) => html! {
                    <p class="muted" data-testid="code-refused">{ why }</p>
                },
                Some(Ok(code)) => {
                    // The Python program follows the replay, line by line.
                    let current = marks
                        .as_ref()
                        .filter(|_| *shown == Program::Python)
                        .zip(props.step)
                        .and_then(|(marks, (step, n, of))| Some((marks.line(step)?, step, n, of)));
                    html! {
                        <>
                        if let Some((line, step, n, of)) = current {
                            <p class="program-step" data-testid="program-step" aria-live="off">
                                { program_step_text(lang, step, n, of, line) }
                            </p>
                        }
                        <pre ref={pre.clone()} tabindex="0" data-testid="code" data-language={shown.name()}><code>
                            { for code.split_inclusive('\n').enumerate().map(|(index, text)| {
                                if current.is_some_and(|(line, ..)| line == index + 1) {
                                    // The line's end outside the mark: a
                                    // block-wide mark must not carry the
                                    // next line on its right.
                                    let (line, end) = text.split_at(text.trim_end_matches('\n').len());
                                    html! { <><mark class="current-line" data-testid="current-line">{ line.to_owned() }</mark>{ end.to_owned() }</> }
                                } else {
                                    html! { { text.to_owned() } }
                                }
                            }) }
                        </code></pre>
                        </>
                    }
                }
                None => html! { <p class="muted">{ text(lang, Label::CodeNeedsValidFields) }</p> },
            } }
        </section>
    }
}

/// Scrolls the program's view so that its highlighted line shows.
fn keep_in_view(pre: &NodeRef) {
    let Some(pre) = pre.cast::<web_sys::HtmlElement>() else {
        return;
    };
    let Some(mark) = pre
        .query_selector(".current-line")
        .ok()
        .flatten()
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let (top, height) = (mark.offset_top(), pre.client_height());
    let (shown_from, shown_to) = (pre.scroll_top(), pre.scroll_top() + height);
    if top < shown_from || top + mark.offset_height() > shown_to {
        pre.set_scroll_top((top - height / 3).max(0));
    }
}
