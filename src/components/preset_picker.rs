//! The classic examples, one choice away.

use yew::prelude::*;

use super::field_events::on_changed;
use crate::i18n::{text, Label, Lang};
use crate::presets::{Preset, PRESETS};
use crate::state::Field;

/// Props of [`PresetPicker`].
#[derive(Properties, PartialEq)]
pub struct PresetPickerProps {
    /// The example the form holds, if it is still unchanged.
    pub chosen: Option<&'static Preset>,
    /// True if the form was changed from the chosen example.
    #[prop_or_default]
    pub changed: bool,
    /// The language shown.
    pub lang: Lang,
    /// An example was chosen (as a [`Field::Preset`] edit).
    pub on_edit: Callback<(Field, String)>,
}

/// A menu of the classic examples and, once one is chosen, what to look for.
#[function_component(PresetPicker)]
pub fn preset_picker(props: &PresetPickerProps) -> Html {
    let lang = props.lang;
    let chosen = props.chosen.map(|p| p.id);
    html! {
        <div class="presets">
            <label>
                <span>{ text(lang, Label::Preset) }</span>
                <select name="preset" data-testid="preset" onchange={on_changed(&props.on_edit, Field::Preset)}>
                    <option value="" selected={chosen.is_none()}>{ text(lang, Label::PresetNone) }</option>
                    { for PRESETS.iter().map(|preset| html! {
                        <option value={preset.id} selected={chosen == Some(preset.id)}>{ preset.title(lang) }</option>
                    }) }
                </select>
            </label>
            if let Some(preset) = props.chosen {
                <p class="lesson" data-testid="lesson">
                    <strong>{ text(lang, Label::LookFor) }</strong>{ " " }{ preset.lesson(lang) }
                    if props.changed {
                        <span class="lesson-changed" data-testid="lesson-changed">{ " " }{ text(lang, Label::LessonChanged) }</span>
                    }
                </p>
            }
        </div>
    }
}
