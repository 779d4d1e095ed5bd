//! Wall time and what the workers did.

use futures_lab_scenarios::{predicting_python, Gist, Report};
use yew::prelude::*;

use crate::charts::{queue_chart, Palette};
use crate::figures_at::{figures_with, WorkerStarts};
use crate::frozen::Frozen;
use crate::hooks::{is_predicted, traced_python, CpythonPrediction};
use crate::i18n::{
    baseline_note, cpython_fit_detail, cpython_prediction_name, cpython_prediction_note,
    gist_sentence, live_pace, queue_over_capacity, stat_name, text, Label, Lang,
};
use crate::number_text::ms;
use crate::shared::Shared;
use crate::stats::{stat_items, StatItem};
use crate::timeline::Timeline;

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The finished run's report.
    pub report: Option<Frozen<Report>>,
    /// True while a run is under way.
    pub running: bool,
    /// The same scenario's sequential wall time, once measured.
    pub baseline: Option<f64>,
    /// The language shown.
    pub lang: Lang,
    /// How often the live views update during a run, in ms (0: every frame).
    pub live_interval_ms: f64,
    /// The width of charts, in pixels.
    pub width: u32,
    /// True on a dark page.
    pub dark: bool,
    /// The replay's moment, in ms from the run's start, when it is before
    /// the end: the figures are those of that moment.
    #[prop_or_default]
    pub moment_ms: Option<f64>,
    /// The timeline shown (at the replay's moment, if any).
    #[prop_or_default]
    pub timeline: Shared<Timeline>,
    /// Beside a real run, what CPython would take, once predicted.
    #[prop_or_default]
    pub cpython: Option<CpythonPrediction>,
}

/// Wall time, CPU time, parallelism and workers used, once a run is done.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    // Made once per report, not at every frame of its replay.
    let made = use_memo(props.report.clone(), |report| {
        report
            .as_ref()
            .map(|report| (Gist::of(report), WorkerStarts::of(report)))
    });
    let (Some(report), Some((gist, starts))) = (&props.report, made.as_ref()) else {
        return if props.running {
            html! {
                <p class="summary" aria-live="polite">
                    { text(props.lang, Label::Running) }
                    if props.live_interval_ms > 0.0 {
                        <span class="muted" data-testid="live-pace">{ " " }{ live_pace(props.lang, props.live_interval_ms) }</span>
                    }
                </p>
            }
        } else {
            html! {}
        };
    };
    let shown = figures_with(report, props.moment_ms, &props.timeline.borrow(), starts);
    // Why the run has no speed-up, if it has none at its end.
    let unmeasured = if report.mode == "cpython" {
        Some(Label::TraceHasNoBaseline)
    } else if report.error.is_some() {
        Some(Label::StoppedEarly)
    } else if props.baseline.is_none() || report.wall_ms <= 0.0 {
        Some(Label::NoBaseline)
    } else {
        None
    };
    let lang = props.lang;
    let parallelism = if shown.wall_ms > 0.0 {
        shown.cpu_ms / shown.wall_ms
    } else {
        0.0
    };
    // The workload's statistics are the whole run's: shown at its end;
    // before it they keep their room, so that the stage does not move as
    // the replay does.
    let items = report.stats.as_ref().map(stat_items).unwrap_or_default();
    let until_end = shown.before_end;
    // A real run of a workload the virtual clock plays gets CPython's
    // prediction; its slot is kept from the start, so nothing moves when
    // it comes.
    let predicted = is_predicted(report);
    let prediction = props.cpython.as_ref().filter(|_| predicted && !until_end);
    let scenario = report.scenario.as_ref();
    // A CPython trace's program may run several executors: each is a pool.
    let pool = scenario.is_none_or(|s| s.executor.is_pool());
    let python = traced_python(report)
        .or(scenario.map(|s| s.python_version))
        .and_then(predicting_python)
        .map(|v| v.to_string())
        .unwrap_or_default();
    html! {
        <>
        // The whole run's finding, shown at its end; before it the line
        // keeps its room, so that the stage does not move as the replay does.
        <p class="gist" data-testid="gist" aria-hidden={shown.before_end.then_some("true")}
            style={shown.before_end.then_some("visibility: hidden")}>
            { gist_sentence(lang, gist) }
        </p>
        // Read out once the figures are the whole run's, not at every frame
        // of a replay.
        <dl class="summary" data-testid="summary" aria-live={if shown.before_end { "off" } else { "polite" }}>
            <div><dt>{ text(lang, Label::WallTime) }</dt><dd data-testid="wall-time">{ ms(shown.wall_ms) }</dd></div>
            <div><dt>{ text(lang, Label::CpuTime) }</dt><dd data-testid="cpu-time">{ ms(shown.cpu_ms) }</dd></div>
            <div><dt>{ text(lang, Label::Parallelism) }</dt><dd>{ format!("{parallelism:.2}×") }</dd></div>
            <div><dt>{ text(lang, Label::WorkersUsed) }</dt><dd data-testid="workers-used">{ shown.workers }</dd></div>
            // A figure's slot holds a figure: why there is none is said
            // under the list (the same at every moment, so nothing moves).
            if shown.before_end || unmeasured.is_some() {
                <div><dt>{ text(lang, Label::SpeedUp) }</dt>
                    <dd class="muted" data-testid="speed-up">
                        <span aria-hidden="true">{ "–" }</span>
                        <span class="sr-only">{ text(lang, unmeasured.unwrap_or(Label::AtTheEnd)) }</span>
                    </dd></div>
                // The efficiency the end will show, its room kept.
                if unmeasured.is_none() && pool {
                    <div><dt>{ text(lang, Label::Efficiency) }</dt>
                        <dd class="muted"><span aria-hidden="true">{ "–" }</span>
                        <span class="sr-only">{ text(lang, Label::AtTheEnd) }</span></dd></div>
                }
            } else {
                { speedup(lang, report, props.baseline, shown.workers) }
            }
            if predicted {
                <div><dt>{ cpython_prediction_name(lang, &python) }</dt>
                    if let Some(prediction) = prediction {
                        // The prediction is a run of its own: the link plays it.
                        <dd data-testid="cpython-prediction">
                            <a href={format!("?{}&run=1", prediction.query)} title={text(lang, Label::PlayPrediction)}>
                                { format!("≈ {}", ms(prediction.wall_ms)) }
                            </a>
                        </dd>
                    } else {
                        <dd class="muted" data-testid="cpython-prediction">
                            <span aria-hidden="true">{ "–" }</span>
                            <span class="sr-only">{ text(lang, Label::AtTheEnd) }</span>
                        </dd>
                    }
                </div>
            }
            if let Some(lab_ms) = prediction.and_then(|p| p.lab_ms) {
                <div><dt>{ text(lang, Label::LabBesideTrace) }</dt>
                    <dd data-testid="lab-beside-trace">{ ms(lab_ms) }</dd></div>
            }
            { for figures(lang, &items, until_end) }
        </dl>
        // Why there is no speed-up, or what it is measured against: one line
        // either way, so that nothing moves when the baseline comes.
        if let Some(why) = unmeasured {
            <p class="figure-note" data-testid="speed-up-note">{ text(lang, why) }</p>
        } else if let Some(baseline) = props.baseline {
            <p class="figure-note" data-testid="speed-up-note">{ baseline_note(lang, &ms(baseline)) }</p>
        }
        // Its room kept from the start, as the figures' is.
        if predicted {
            <p class="figure-note" data-testid="cpython-prediction-note"
                title={prediction.and_then(|p| p.this_build_ns).map(|ns| cpython_fit_detail(lang, ns))}
                aria-hidden={prediction.is_none().then_some("true")}
                style={prediction.is_none().then_some("visibility: hidden")}>
                { cpython_prediction_note(lang, &python, report.environment.hardware_concurrency.max(1), scenario.is_some_and(|s| s.executor.models_gil())) }
            </p>
        }
        <div class="run-extras" aria-hidden={until_end.then_some("true")}
            style={until_end.then_some("visibility: hidden")}>
            { for extras(lang, &items, props.width, props.dark) }
        </div>
        </>
    }
}

/// Speed-up against the sequential baseline, and for pools the efficiency
/// per worker (an event loop has one thread: its gain is concurrency, not
/// parallel workers). Only called when there is a baseline and the
/// program did not raise.
fn speedup(lang: Lang, report: &Report, baseline: Option<f64>, workers: usize) -> Html {
    let wall_ms = report.wall_ms;
    let pool = report
        .scenario
        .as_ref()
        .is_none_or(|scenario| scenario.executor.is_pool());
    let Some(sequential) = baseline.filter(|_| wall_ms > 0.0) else {
        return html! {};
    };
    let speedup = sequential / wall_ms;
    let efficiency = speedup / workers.max(1) as f64;
    html! {
        <>
            <div><dt>{ text(lang, Label::SpeedUp) }</dt>
                <dd data-testid="speed-up" title={format!("{} ÷ {}", ms(sequential), ms(wall_ms))}>{ format!("{speedup:.2}×") }</dd></div>
            if pool {
                <div><dt>{ text(lang, Label::Efficiency) }</dt>
                    <dd data-testid="efficiency">{ format!("{:.0} %", efficiency * 100.0) }</dd></div>
            }
        </>
    }
}

/// The workload's figures, for the summary's list; `hidden` keeps their
/// room without showing them (before the run's end).
fn figures(lang: Lang, items: &[StatItem], hidden: bool) -> Vec<Html> {
    items
        .iter()
        .filter_map(|item| match item {
            StatItem::Figure { key, value } => Some(html! {
                <div data-testid={format!("stat-{key}")} aria-hidden={hidden.then_some("true")}
                    style={hidden.then_some("visibility: hidden")}>
                    <dt>{ stat_name(lang, key) }</dt><dd>{ value.clone() }</dd>
                </div>
            }),
            _ => None,
        })
        .collect()
}

/// The queue chart and the per-worker table, below the figures.
fn extras(lang: Lang, items: &[StatItem], width: u32, dark: bool) -> Vec<Html> {
    items
        .iter()
        .filter_map(|item| match item {
            StatItem::Queue { changes, capacity } => {
                let svg = queue_chart(
                    changes,
                    *capacity,
                    (&stat_name(lang, "time_ms"), &stat_name(lang, "queue_depth")),
                    width,
                    Palette::for_theme(dark),
                );
                let over = changes.iter().map(|(_, depth)| *depth).max().unwrap_or(0);
                Some(html! {
                    <figure class="chart" data-testid="queue-chart">
                        <figcaption>{ stat_name(lang, "queue_depth") }</figcaption>
                        { Html::from_html_unchecked(AttrValue::from(svg)) }
                        if over > *capacity && *capacity > 0 {
                            <p class="figure-note" data-testid="queue-over-capacity">
                                { queue_over_capacity(lang, *capacity, over) }
                            </p>
                        }
                    </figure>
                })
            }
            // Wider than a phone: the table scrolls in its own box, not
            // the page.
            StatItem::PerWorker { columns, rows } => Some(html! {
                <div class="figures-scroll" tabindex="0" role="region" aria-label={stat_name(lang, "per_worker")}>
                <table class="figures" data-testid="per-worker">
                    <caption>{ stat_name(lang, "per_worker") }</caption>
                    <thead><tr>
                        <th scope="col">{ text(lang, Label::Worker) }</th>
                        { for columns.iter().map(|c| html! { <th scope="col">{ stat_name(lang, c) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|(worker, values)| html! {
                            <tr><th scope="row">{ worker.clone() }</th>
                                { for values.iter().map(|v| html! { <td class="num">{ v.clone() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }),
            StatItem::Figure { .. } => None,
        })
        .collect()
}
