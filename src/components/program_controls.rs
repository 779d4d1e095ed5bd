//! How the modelled program collects its results: the API style, its
//! timeout and return_when, the GIL (threads) and the start method
//! (processes).

use futures_lab_scenarios::{Api, ExecutorKind, IntoEnumIterator, ScenarioError, StartMethod};
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

const APIS: [(Api, Label); 5] = [
    (Api::SubmitAsCompleted, Label::ApiAsCompleted),
    (Api::Map, Label::ApiMap),
    (Api::Wait, Label::ApiWait),
    (Api::Gather, Label::ApiGather),
    (Api::TaskGroup, Label::ApiTaskGroup),
];

/// API style, timeout, return_when (for wait) and the GIL (for threads).
#[function_component(ProgramControls)]
pub fn program_controls(props: &ProgramControlsProps) -> Html {
    let (form, lang) = (&props.form, props.lang);
    let invalid = props.invalid.as_ref();
    let on_edit = |key: &'static str| on_changed(&props.on_edit, Field::Extra(key));
    let typed = |key: &'static str| on_typed(&props.on_edit, Field::Extra(key));
    let executor: ExecutorKind = form.executor.parse().unwrap_or_default();
    let api = form.extra("api").unwrap_or("submit_as_completed");
    let api_kind: Api = api.parse().unwrap_or_default();
    html! {
        <div class="program-controls">
            <label>
                <span>{ text(lang, Label::Api) }</span>
                <select name="api" data-testid="api" onchange={on_edit("api")}>
                    { for APIS.iter().filter(|(id, _)| executor.allows(*id)).map(|(id, label)| html! {
                        <option value={id.as_str()} selected={api == id.as_str()}>{ text(lang, *label) }</option>
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
            if executor.allows_callbacks(api_kind) {
                <label class="check">
                    <input name="callbacks" data-testid="callbacks" type="checkbox"
                        checked={form.extra("callbacks") == Some("true")} onchange={on_edit("callbacks")} />
                    <span>{ text(lang, Label::Callbacks) }</span>
                </label>
            }
            { field_error(invalid, "callbacks") }
            if executor == ExecutorKind::Processes {
                <label>
                    <span>{ text(lang, Label::StartMethod) }</span>
                    <select name="start_method" data-testid="start-method" onchange={on_edit("start_method")}>
                        <option value="" selected={form.extra("start_method").is_none()}>{ text(lang, Label::StartMethodDefault) }</option>
                        { for StartMethod::iter().map(|method| html! {
                            <option value={method.as_str()} selected={form.extra("start_method") == Some(method.as_str())}>{ method.as_str() }</option>
                        }) }
                    </select>
                    { field_error(invalid, "start_method") }
                </label>
            }
            if api_kind == Api::Gather {
                <label class="check">
                    <input name="return_exceptions" data-testid="return-exceptions" type="checkbox"
                        checked={form.extra("return_exceptions") == Some("true")} onchange={on_edit("return_exceptions")} />
                    <span>{ text(lang, Label::ReturnExceptions) }</span>
                </label>
            }
            if executor == ExecutorKind::Asyncio {
                <label class="check">
                    <input name="cooperative" data-testid="cooperative" type="checkbox"
                        checked={form.extra("cooperative") == Some("true")} onchange={on_edit("cooperative")} />
                    <span>{ text(lang, Label::Cooperative) }</span>
                </label>
            }
            if executor.models_gil() {
                <label class="check">
                    <input name="gil" data-testid="gil" type="checkbox" checked={form.extra("gil") == Some("true")}
                        onchange={on_edit("gil")} />
                    <span>{ text(lang, Label::Gil) }</span>
                </label>
            }
        </div>
    }
}
