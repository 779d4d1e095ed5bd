//! How the modelled program collects its results: the API style, its
//! timeout and return_when, and the GIL.

use futures_lab_scenarios::ScenarioError;
use yew::prelude::*;

use super::field_error::{aria_invalid, described_by, field_error};
use super::field_events::{on_changed, on_typed};
use crate::i18n::{text, Label, Lang};
use crate::state::{Field, Form};

/// Props of [`ProgramControls`].
#[derive(Properties, PartialEq)]
pub struct ProgramControlsProps {
    /// The values shown.
    pub form: Form,
    /// The field at fault, if any: its message shows beside it.
    pub invalid: Option<ScenarioError>,
    /// The language shown.
    pub lang: Lang,
    /// A field changed.
    pub on_edit: Callback<(Field, String)>,
}

const APIS: [(&str, Label, bool); 5] = [
    ("submit_as_completed", Label::ApiAsCompleted, false),
    ("map", Label::ApiMap, false),
    ("wait", Label::ApiWait, false),
    ("gather", Label::ApiGather, true),
    ("task_group", Label::ApiTaskGroup, true),
];

/// API style, timeout, return_when (for wait) and the GIL (for threads).
#[function_component(ProgramControls)]
pub fn program_controls(props: &ProgramControlsProps) -> Html {
    let (form, lang) = (&props.form, props.lang);
    let invalid = props.invalid.as_ref();
    let on_edit = |key: &'static str| on_changed(&props.on_edit, Field::Extra(key));
    let typed = |key: &'static str| on_typed(&props.on_edit, Field::Extra(key));
    let asyncio = form.executor == "asyncio";
    let api = form.extra("api").unwrap_or("submit_as_completed");
    html! {
        <div class="program-controls">
            <label>
                <span>{ text(lang, Label::Api) }</span>
                <select name="api" data-testid="api" onchange={on_edit("api")}>
                    { for APIS.iter().filter(|(_, _, only_asyncio)| asyncio || !only_asyncio).map(|(id, label, _)| html! {
                        <option value={*id} selected={api == *id}>{ text(lang, *label) }</option>
                    }) }
                </select>
                { field_error(invalid, "api") }
            </label>
            <label>
                <span>{ text(lang, Label::Timeout) }</span>
                <input name="timeout_s" data-testid="timeout" type="number" min="0" max="3600" step="0.1"
                    placeholder={text(lang, Label::TimeoutNone)} value={form.extra("timeout_s").unwrap_or_default().to_owned()}
                    oninput={typed("timeout_s")}
                    aria-invalid={aria_invalid(invalid, "timeout_s")} aria-describedby={described_by(invalid, "timeout_s")} />
                { field_error(invalid, "timeout_s") }
            </label>
            if api == "wait" {
                <label>
                    <span>{ text(lang, Label::ReturnWhen) }</span>
                    <select name="return_when" data-testid="return-when" onchange={on_edit("return_when")}>
                        { for ["ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"].iter().map(|when| html! {
                            <option value={*when} selected={form.extra("return_when").unwrap_or("ALL_COMPLETED") == *when}>{ *when }</option>
                        }) }
                    </select>
                </label>
            }
            // A plain loop has no futures, and map on a pool gives results, not futures.
            if form.executor != "sequential" && !(api == "map" && form.executor != "asyncio") {
                <label class="check">
                    <input name="callbacks" data-testid="callbacks" type="checkbox"
                        checked={form.extra("callbacks") == Some("true")} onchange={on_edit("callbacks")} />
                    <span>{ text(lang, Label::Callbacks) }</span>
                </label>
            }
            { field_error(invalid, "callbacks") }
            if form.executor == "threads" {
                <label class="check">
                    <input name="gil" data-testid="gil" type="checkbox" checked={form.extra("gil") == Some("true")}
                        onchange={on_edit("gil")} />
                    <span>{ text(lang, Label::Gil) }</span>
                </label>
            }
        </div>
    }
}
