//! Wall time and what the workers did.

use std::collections::BTreeSet;

use futures_lab_scenarios::{ExecutorKind, Report};
use yew::prelude::*;

use crate::i18n::{stat_name, text, Label, Lang};

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The finished run's report.
    pub report: Option<Report>,
    /// True while a run is under way.
    pub running: bool,
    /// The same scenario's sequential wall time, once measured.
    pub baseline: Option<f64>,
    /// The language shown.
    pub lang: Lang,
}

/// Wall time, CPU time, parallelism and workers used, once a run is done.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let Some(report) = &props.report else {
        return if props.running {
            html! { <p class="summary" aria-live="polite">{ text(props.lang, Label::Running) }</p> }
        } else {
            html! {}
        };
    };
    let workers: BTreeSet<&str> = report
        .tasks
        .iter()
        .filter_map(|t| t.worker.as_deref())
        .collect();
    let lang = props.lang;
    let parallelism = if report.wall_ms > 0.0 {
        report.cpu_ms / report.wall_ms
    } else {
        0.0
    };
    html! {
        <dl class="summary" data-testid="summary" aria-live="polite">
            <div><dt>{ text(lang, Label::WallTime) }</dt><dd data-testid="wall-time">{ format!("{:.1} ms", report.wall_ms) }</dd></div>
            <div><dt>{ text(lang, Label::CpuTime) }</dt><dd>{ format!("{:.1} ms", report.cpu_ms) }</dd></div>
            <div><dt>{ text(lang, Label::Parallelism) }</dt><dd>{ format!("{parallelism:.2}×") }</dd></div>
            <div><dt>{ text(lang, Label::WorkersUsed) }</dt><dd data-testid="workers-used">{ workers.len() }</dd></div>
            { speedup(lang, report, props.baseline, workers.len()) }
            { for stats(lang, report) }
        </dl>
    }
}

/// Speed-up against the sequential baseline, and for pools the efficiency
/// per worker (an event loop has one thread: its gain is concurrency, not
/// parallel workers). A program that raised stopped early: no speed-up.
fn speedup(lang: Lang, report: &Report, baseline: Option<f64>, workers: usize) -> Html {
    let wall_ms = report.wall_ms;
    let pool = matches!(
        report.scenario.executor,
        ExecutorKind::Threads | ExecutorKind::Processes
    );
    let unmeasured = |label: Label| {
        html! {
            <div><dt>{ text(lang, Label::SpeedUp) }</dt>
                <dd class="muted" data-testid="speed-up">{ text(lang, label) }</dd></div>
        }
    };
    if report.error.is_some() {
        return unmeasured(Label::StoppedEarly);
    }
    let Some(sequential) = baseline.filter(|_| wall_ms > 0.0) else {
        return unmeasured(Label::NoBaseline);
    };
    let speedup = sequential / wall_ms;
    let efficiency = speedup / workers.max(1) as f64;
    html! {
        <>
            <div><dt>{ text(lang, Label::SpeedUp) }</dt>
                <dd data-testid="speed-up" title={format!("{sequential:.1} ms ÷ {wall_ms:.1} ms")}>{ format!("{speedup:.2}×") }</dd></div>
            if pool {
                <div><dt>{ text(lang, Label::Efficiency) }</dt>
                    <dd data-testid="efficiency">{ format!("{:.0} %", efficiency * 100.0) }</dd></div>
            }
        </>
    }
}

/// The workload's numeric statistics (a cache's hits, duplicates, lost updates).
fn stats(lang: Lang, report: &Report) -> Vec<Html> {
    let Some(serde_json::Value::Object(stats)) = &report.stats else {
        return Vec::new();
    };
    stats
        .iter()
        .filter(|(_, value)| value.is_number())
        .map(|(name, value)| {
            html! {
                <div data-testid={format!("stat-{name}")}>
                    <dt>{ stat_name(lang, name) }</dt><dd>{ value.to_string() }</dd>
                </div>
            }
        })
        .collect()
}
