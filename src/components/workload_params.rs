//! The chosen workload's parameters, one field each.

use futures_lab_scenarios::{workloads, ScenarioError};
use yew::prelude::*;

use super::field_error::{aria_invalid, described_by, field_error};
use super::field_events::on_typed;
use crate::i18n::{param_help, text, Label, Lang};
use crate::state::{Field, Form};

/// Props of [`WorkloadParams`].
#[derive(Properties, PartialEq)]
pub struct WorkloadParamsProps {
    /// The values shown.
    pub form: Form,
    /// The field at fault, if any.
    pub invalid: Option<ScenarioError>,
    /// The language shown.
    pub lang: Lang,
    /// A parameter changed.
    pub on_edit: Callback<(Field, String)>,
}

/// A text field per parameter, its default as placeholder and its range in
/// words; nothing for a workload without parameters.
#[function_component(WorkloadParams)]
pub fn workload_params(props: &WorkloadParamsProps) -> Html {
    let Some(workload) = workloads::find(&props.form.workload) else {
        return html! {};
    };
    let params = workload.params();
    if params.is_empty() {
        return html! {};
    }
    let (lang, invalid) = (props.lang, props.invalid.as_ref());
    html! {
        <fieldset class="params" data-testid="params" aria-describedby={described_by(invalid, "params")}>
            <legend>{ text(lang, Label::Params) }</legend>
            { for params.iter().map(|param| {
                // A bad value is reported as `params.<name>`.
                let field = format!("params.{}", param.name);
                html! {
                    <label>
                        <span><code>{ param.name }</code>{ " · " }{ param_help(lang, workload.id(), param) }</span>
                        <input name={param.name} type="text" data-testid={format!("param-{}", param.name)}
                            placeholder={param.default} value={props.form.param(param.name).unwrap_or_default().to_owned()}
                            oninput={on_typed(&props.on_edit, Field::Param(param.name))}
                            aria-invalid={aria_invalid(invalid, &field)} aria-describedby={described_by(invalid, &field)} />
                        { field_error(invalid, &field) }
                    </label>
                }
            }) }
            { field_error(invalid, "params") }
        </fieldset>
    }
}
