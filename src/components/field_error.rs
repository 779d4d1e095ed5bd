//! A field's complaint, shown beside it and tied to it for screen readers.

use futures_lab_scenarios::ScenarioError;
use yew::prelude::*;

/// The message beside `field` when it is the one at fault, else nothing.
pub fn field_error(invalid: Option<&ScenarioError>, field: &str) -> Html {
    match invalid.filter(|e| e.field() == field) {
        Some(error) => html! {
            <span class="field-error" id={error_id(field)} data-testid={format!("error-{field}")}>
                { error.message().to_owned() }
            </span>
        },
        None => html! {},
    }
}

/// `aria-invalid` for `field`'s control.
pub fn aria_invalid(invalid: Option<&ScenarioError>, field: &str) -> AttrValue {
    AttrValue::from(if invalid.is_some_and(|e| e.field() == field) {
        "true"
    } else {
        "false"
    })
}

/// `aria-describedby` for `field`'s control, pointing at its message.
pub fn described_by(invalid: Option<&ScenarioError>, field: &str) -> Option<AttrValue> {
    invalid
        .filter(|e| e.field() == field)
        .map(|_| AttrValue::from(error_id(field)))
}

fn error_id(field: &str) -> String {
    format!("error-for-{field}")
}
