//! Wall time and what the workers did.

use std::collections::BTreeSet;

use futures_lab_scenarios::Report;
use yew::prelude::*;

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The finished run's report.
    pub report: Option<Report>,
    /// True while a run is under way.
    pub running: bool,
}

/// Wall time, CPU time, parallelism and workers used, once a run is done.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let Some(report) = &props.report else {
        return if props.running {
            html! { <p class="summary" aria-live="polite">{ "Running…" }</p> }
        } else {
            html! {}
        };
    };
    let workers: BTreeSet<&str> = report
        .tasks
        .iter()
        .filter_map(|t| t.worker.as_deref())
        .collect();
    let parallelism = if report.wall_ms > 0.0 {
        report.cpu_ms / report.wall_ms
    } else {
        0.0
    };
    html! {
        <dl class="summary" data-testid="summary" aria-live="polite">
            <div><dt>{ "wall time" }</dt><dd data-testid="wall-time">{ format!("{:.1} ms", report.wall_ms) }</dd></div>
            <div><dt>{ "CPU time (sum of tasks)" }</dt><dd>{ format!("{:.1} ms", report.cpu_ms) }</dd></div>
            <div><dt>{ "parallelism (CPU ÷ wall)" }</dt><dd>{ format!("{parallelism:.2}×") }</dd></div>
            <div><dt>{ "workers used" }</dt><dd data-testid="workers-used">{ workers.len() }</dd></div>
            { for stats(report) }
        </dl>
    }
}

/// The workload's numeric statistics (a cache's hits, duplicates, lost updates).
fn stats(report: &Report) -> Vec<Html> {
    let Some(serde_json::Value::Object(stats)) = &report.stats else {
        return Vec::new();
    };
    stats
        .iter()
        .filter(|(_, value)| value.is_number())
        .map(|(name, value)| {
            html! {
                <div data-testid={format!("stat-{name}")}>
                    <dt>{ name.replace('_', " ") }</dt><dd>{ value.to_string() }</dd>
                </div>
            }
        })
        .collect()
}
