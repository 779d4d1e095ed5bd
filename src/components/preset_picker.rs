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
    /// A "Try" button was pressed: its fields (a query) are set and the
    /// example runs.
    pub on_try: Callback<&'static str>,
    /// True while a run goes on (the Try buttons wait for it).
    #[prop_or_default]
    pub running: bool,
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
                if !preset.tries.is_empty() {
                    <div class="tries" role="group" aria-label={text(lang, Label::TryThis)} data-testid="tries">
                        <span class="muted">{ text(lang, Label::TryThis) }</span>
                        { for preset.tries.iter().map(|change| {
                            let on_try = props.on_try.clone();
                            let query = change.query;
                            html! {
                                <button type="button" class="tool" title={query}
                                    aria-disabled={props.running.to_string()}
                                    onclick={Callback::from(move |_: MouseEvent| on_try.emit(query))}>
                                    { change.label(lang) }
                                </button>
                            }
                        }) }
                    </div>
                }
            }
        </div>
    }
}
