//! The clock a run uses: real, or the virtual clock with its CPUs and the
//! speed of an operation.

use futures_lab_scenarios::{ScenarioError, Speed, DEFAULT_OP_NS};
use yew::prelude::*;

use super::field_error::{aria_invalid, described_by, field_error};
use super::field_events::{on_changed, on_typed};
use super::host_cpus::host_cpus;
use crate::hooks::use_fit_to_machine;
use crate::i18n::{cpython_speed_name, text, Label, Lang};
use crate::state::{Field, Form};

/// Props of [`ClockControls`].
#[derive(Properties, PartialEq)]
pub struct ClockControlsProps {
    /// The values shown.
    pub form: Form,
    /// The field at fault, if any: its message shows beside it.
    pub invalid: Option<ScenarioError>,
    /// The language shown.
    pub lang: Lang,
    /// A field changed.
    pub on_edit: Callback<(Field, String)>,
}

/// Real or virtual; on the virtual clock, its CPUs and CPU speed.
#[function_component(ClockControls)]
pub fn clock_controls(props: &ClockControlsProps) -> Html {
    let (form, lang) = (&props.form, props.lang);
    let invalid = props.invalid.as_ref();
    let virtual_clock = form.extra("clock") == Some("virtual");
    // Switching to the virtual clock pins the CPUs (this machine's, to start
    // with), so that a shared link plays the same everywhere; back to the
    // real clock, its settings go.
    let on_clock = {
        let (on_edit, cpus_set) = (props.on_edit.clone(), form.extra("cpus").is_some());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            if select.value() == "virtual" {
                on_edit.emit((Field::Extra("clock"), "virtual".to_owned()));
                if !cpus_set {
                    on_edit.emit((Field::Extra("cpus"), host_cpus().to_string()));
                }
            } else {
                for key in ["clock", "cpus", "op_ns", "speed"] {
                    on_edit.emit((Field::Extra(key), String::new()));
                }
            }
        })
    };
    let op_ns = form.extra("op_ns").unwrap_or_default();
    let speed = form.extra("speed").unwrap_or_default();
    let chosen: Speed = speed.parse().unwrap_or_default();
    let (fit, measuring) = use_fit_to_machine(chosen, props.on_edit.clone());
    html! {
        <div class="clock-controls">
            <label>
                <span>{ text(lang, Label::Clock) }</span>
                <select name="clock" data-testid="clock" onchange={on_clock}>
                    <option value="real" selected={!virtual_clock}>{ text(lang, Label::ClockReal) }</option>
                    <option value="virtual" selected={virtual_clock}>{ text(lang, Label::ClockVirtual) }</option>
                </select>
                { field_error(invalid, "clock") }
            </label>
            if virtual_clock {
                <label>
                    <span>{ text(lang, Label::Cpus) }</span>
                    <input name="cpus" data-testid="cpus" type="number" min="1" max="1024" step="1"
                        value={form.extra("cpus").unwrap_or_default().to_owned()}
                        placeholder={host_cpus().to_string()}
                        oninput={on_typed(&props.on_edit, Field::Extra("cpus"))}
                        aria-invalid={aria_invalid(invalid, "cpus")} aria-describedby={described_by(invalid, "cpus")} />
                    { field_error(invalid, "cpus") }
                </label>
                <label>
                    <span>{ text(lang, Label::CpuSpeed) }</span>
                    <select name="speed" data-testid="cpu-speed" onchange={on_changed(&props.on_edit, Field::Extra("speed"))}
                        aria-invalid={aria_invalid(invalid, "speed")} aria-describedby={described_by(invalid, "speed")}>
                        { for Speed::choices().into_iter().map(|choice| {
                            let value = match choice {
                                Speed::ThisBuild => String::new(),
                                Speed::Cpython(_) => choice.to_string(),
                            };
                            let selected = value == speed || (value.is_empty() && speed == "this-build");
                            html! { <option {value} {selected}>{ speed_name(lang, choice) }</option> }
                        }) }
                    </select>
                    { field_error(invalid, "speed") }
                </label>
                // A CPython's figures were timed on another machine: fitted
                // here, they scale as this build's speed does.
                if chosen != Speed::ThisBuild {
                    <button type="button" class="secondary" data-testid="fit-to-machine" onclick={fit}
                        disabled={measuring} aria-busy={measuring.then_some("true")}>
                        { text(lang, if measuring { Label::Measuring } else { Label::FitToThisMachine }) }
                    </button>
                }
                // A link's own op_ns (another machine's calibration) shows,
                // and can be dropped for the speed's own figures.
                if !op_ns.is_empty() {
                    <label>
                        <span>{ text(lang, Label::OpNs) }</span>
                        <select name="op_ns" data-testid="op-ns" onchange={on_changed(&props.on_edit, Field::Extra("op_ns"))}
                            aria-invalid={aria_invalid(invalid, "op_ns")} aria-describedby={described_by(invalid, "op_ns")}>
                            <option value="">{ text(lang, Label::OpNsMeasured) }</option>
                            <option value={op_ns.to_owned()} selected=true>{ format!("{op_ns} ns") }</option>
                        </select>
                        { field_error(invalid, "op_ns") }
                    </label>
                }
            }
        </div>
    }
}

/// A speed's name in the select: this build's with its figure, a
/// CPython's with its version.
fn speed_name(lang: Lang, speed: Speed) -> String {
    match speed {
        Speed::ThisBuild => format!("{} ({DEFAULT_OP_NS} ns)", text(lang, Label::SpeedThisBuild)),
        Speed::Cpython(version) => cpython_speed_name(lang, &version.to_string()),
    }
}
