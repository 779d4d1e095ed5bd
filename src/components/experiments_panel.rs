//! Compare (every executor) and Amdahl (1..N workers): the buttons, the
//! progress, the chart and the figures.

use futures_lab_scenarios::predicting_python;
use yew::prelude::*;

use crate::charts::{amdahl_chart, compare_chart, AmdahlLabels, Palette};
use crate::experiments::{Experiment, ExperimentKind};
use crate::i18n::{
    amdahl_fit, cpython_prediction_name, runs_done, text, variant_name, Label, Lang,
};

/// Props of [`ExperimentsPanel`].
#[derive(Properties, PartialEq)]
pub struct ExperimentsPanelProps {
    /// The last series, if any.
    pub experiment: Option<Experiment>,
    /// The language shown.
    pub lang: Lang,
    /// True on a dark page (the chart's colours).
    pub dark: bool,
    /// The chart's width in pixels.
    pub width: u32,
    /// A series was asked for.
    pub on_start: Callback<ExperimentKind>,
    /// A run is under way: a series waits for it to end.
    #[prop_or_default]
    pub running: bool,
}

/// Two buttons, then the series' progress, chart and table.
#[function_component(ExperimentsPanel)]
pub fn experiments_panel(props: &ExperimentsPanelProps) -> Html {
    let lang = props.lang;
    // One thing at a time: a series, or a run started from the controls.
    let busy = props.running || props.experiment.as_ref().is_some_and(|e| !e.finished());
    let start = |kind| {
        let on_start = props.on_start.clone();
        Callback::from(move |_: MouseEvent| on_start.emit(kind))
    };
    html! {
        <section class="experiments" aria-labelledby="experiments-heading">
            <h2 id="experiments-heading">{ text(lang, Label::Experiments) }</h2>
            <div class="experiment-actions">
                <button type="button" disabled={busy} onclick={start(ExperimentKind::Compare)}>
                    { text(lang, Label::Compare) }
                </button>
                <button type="button" disabled={busy} onclick={start(ExperimentKind::Amdahl)}>
                    { text(lang, Label::AmdahlRun) }
                </button>
            </div>
            if let Some(experiment) = &props.experiment {
                { series(experiment, lang, props.dark, props.width) }
            }
        </section>
    }
}

fn series(experiment: &Experiment, lang: Lang, dark: bool, width: u32) -> Html {
    let (done, total) = (experiment.done(), experiment.runs.len());
    let palette = Palette::for_theme(dark);
    let amdahl = experiment.kind == ExperimentKind::Amdahl;
    let serial = experiment.serial_fraction();
    let svg = if amdahl {
        let labels = AmdahlLabels {
            workers: text(lang, Label::WorkersAxis).to_owned(),
            speedup: text(lang, Label::SpeedupAxis).to_owned(),
            measured: text(lang, Label::Measured).to_owned(),
            fitted: serial.map_or_else(String::new, |s| format!("Amdahl, s = {s:.2}")),
            ideal: text(lang, Label::Ideal).to_owned(),
        };
        amdahl_chart(&experiment.speedups(), serial, &labels, width, palette)
    } else {
        compare_chart(
            &experiment.walls_named(|variant| variant_name(lang, variant)),
            text(lang, Label::WallAxis),
            width,
            palette,
        )
    };
    let speedups = experiment.speedups();
    // Compare on the real clock: CPython's predicted time beside each run.
    let cpython = experiment
        .predicted
        .iter()
        .any(Option::is_some)
        .then(|| experiment.runs.first())
        .flatten()
        .and_then(|(_, scenario)| predicting_python(scenario.python_version))
        .map(|python| python.to_string());
    html! {
        <div class="series" data-testid="experiment" data-kind={if amdahl { "amdahl" } else { "compare" }}
            data-done={done.to_string()}>
            <p aria-live="polite">
                { runs_done(lang, done, total) }{ " " }
                <progress max={total.to_string()} value={done.to_string()} />
            </p>
            if amdahl {
                if let Some(s) = serial {
                    <p class="fit" data-testid="serial-fraction" data-value={format!("{s:.4}")}>{ amdahl_fit(lang, s) }</p>
                }
            }
            <div class="chart" data-testid="chart">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
            <table class="figures" data-testid="experiment-results">
                <thead><tr>
                    <th scope="col">{ text(lang, if amdahl { Label::WorkersAxis } else { Label::Executor }) }</th>
                    <th scope="col">{ text(lang, Label::WallTime) }</th>
                    if amdahl { <th scope="col">{ text(lang, Label::SpeedupAxis) }</th> }
                    if let Some(python) = &cpython {
                        <th scope="col">{ cpython_prediction_name(lang, python) }</th>
                    }
                </tr></thead>
                <tbody>
                    { for experiment.runs.iter().zip(&experiment.results).zip(&experiment.predicted).map(|(((variant, _), result), predicted)| {
                        let label = variant.label();
                        let speedup = speedups.iter().find(|(n, _)| n.to_string() == label).map(|(_, s)| format!("{s:.2}×"));
                        html! {
                            <tr data-variant={label.clone()}>
                                <th scope="row">{ variant_name(lang, *variant) }</th>
                                { match result {
                                    None => html! { <td class="muted">{ "…" }</td> },
                                    Some(Ok(ms)) => html! { <td class="num" data-ms={ms.to_string()}>{ format!("{ms:.1} ms") }</td> },
                                    Some(Err(error)) => html! { <td class="error-text">{ error.clone() }</td> },
                                } }
                                if amdahl { <td class="num">{ speedup.unwrap_or_default() }</td> }
                                if cpython.is_some() {
                                    { match predicted {
                                        Some(ms) => html! { <td class="num" data-testid="predicted" data-ms={ms.to_string()}>{ format!("≈ {ms:.1} ms") }</td> },
                                        None => html! { <td class="muted">{ "…" }</td> },
                                    } }
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
