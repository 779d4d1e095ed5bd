//! Opening a report the page did not run: a CPython trace written by
//! `futures_lab_trace.py`, or a saved lab report (also by dropping the
//! file anywhere on the page).

use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`TraceOpener`].
#[derive(Properties, PartialEq)]
pub struct TraceOpenerProps {
    /// The page's language.
    pub lang: Lang,
    /// A run is under way (a report waits for its end).
    pub running: bool,
    /// A file was picked.
    pub on_open: Callback<web_sys::File>,
}

/// A file picker for a report, and where the tracer comes from.
#[function_component(TraceOpener)]
pub fn trace_opener(props: &TraceOpenerProps) -> Html {
    let lang = props.lang;
    let on_change = {
        let on_open = props.on_open.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_open.emit(file);
            }
            // The same file picked again opens again.
            input.set_value("");
        })
    };
    html! {
        <div class="trace-opener" data-testid="trace-opener">
            <label class={classes!("button", "file-button", props.running.then_some("disabled"))}>
                <input type="file" accept=".json,application/json" data-testid="open-report"
                    disabled={props.running} onchange={on_change} />
                { text(lang, Label::OpenReport) }
            </label>
            <p class="hint">
                { text(lang, Label::OpenReportHint) }{ " " }
                <a href="futures_lab_trace.py" download="futures_lab_trace.py" data-testid="tracer-download">
                    { "futures_lab_trace.py" }
                </a>
                { text(lang, Label::OpenReportHintEnd) }
            </p>
        </div>
    }
}
