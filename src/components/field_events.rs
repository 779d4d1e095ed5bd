//! Turning control events into field edits, for every form component.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::Field;

/// A select's value, or a checkbox's (`"true"` when ticked, empty when not),
/// or an input's, when it changes.
pub fn on_changed(on_edit: &Callback<(Field, String)>, field: Field) -> Callback<Event> {
    let on_edit = on_edit.clone();
    Callback::from(move |event: Event| {
        let value = event
            .target_dyn_into::<HtmlSelectElement>()
            .map(|select| select.value())
            .or_else(|| {
                event.target_dyn_into::<HtmlInputElement>().map(|input| {
                    match input.type_().as_str() {
                        "checkbox" if input.checked() => "true".to_owned(),
                        "checkbox" => String::new(),
                        _ => input.value(),
                    }
                })
            })
            .unwrap_or_default();
        on_edit.emit((field, value));
    })
}

/// A text field's value at every keystroke, so that no re-render loses typing.
pub fn on_typed(on_edit: &Callback<(Field, String)>, field: Field) -> Callback<InputEvent> {
    let on_edit = on_edit.clone();
    Callback::from(move |event: InputEvent| {
        if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
            on_edit.emit((field, input.value()));
        }
    })
}
