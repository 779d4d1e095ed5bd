//! The scenario controls: executor, max_workers, inputs, Run.

use futures_lab_scenarios::{workloads, ExecutorKind, ScenarioError, MAX_WORKERS_LIMIT};
use yew::prelude::*;

use super::field_error::{aria_invalid, described_by, field_error};
use super::field_events::{on_changed, on_typed};
use super::host_cpus::host_cpus;
use crate::i18n::{max_workers_default, text, Label, Lang};
use crate::state::{Field, Form};

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The values shown.
    pub form: Form,
    /// The field at fault, if any: its message shows beside it.
    pub invalid: Option<ScenarioError>,
    /// The executors this page can run.
    pub executors: Vec<ExecutorKind>,
    /// The language shown.
    pub lang: Lang,
    /// True while a run is under way (Run is disabled).
    pub running: bool,
    /// A field changed.
    pub on_edit: Callback<(Field, String)>,
    /// Run was pressed.
    pub on_run: Callback<()>,
    /// Share was pressed.
    pub on_share: Callback<()>,
}

/// The form that builds a scenario.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let edit = |field: Field| on_changed(&props.on_edit, field);
    let typed = |field: Field| on_typed(&props.on_edit, field);
    let on_submit = {
        let (on_run, running) = (props.on_run.clone(), props.running);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !running {
                on_run.emit(());
            }
        })
    };
    let form = &props.form;
    let lang = props.lang;
    let invalid = props.invalid.as_ref();
    html! {
        <form class="controls" onsubmit={on_submit} aria-label="Scenario" novalidate=true>
            <label>
                <span>{ text(lang, Label::Workload) }</span>
                <select name="workload" data-testid="workload" onchange={edit(Field::Workload)}
                    aria-invalid={aria_invalid(invalid, "workload")} aria-describedby={described_by(invalid, "workload")}>
                    { for workloads::ALL.iter().map(|workload| html! {
                        <option value={workload.id()} selected={form.workload == workload.id()}>
                            { match lang { Lang::En => workload.title().en, Lang::Ko => workload.title().ko } }
                        </option>
                    }) }
                </select>
                { field_error(invalid, "workload") }
            </label>
            <label>
                <span>{ text(lang, Label::Executor) }</span>
                <select name="executor" data-testid="executor" onchange={edit(Field::Executor)}
                    aria-invalid={aria_invalid(invalid, "executor")} aria-describedby={described_by(invalid, "executor")}>
                    { for props.executors.iter().copied().map(|kind| html! {
                        <option value={kind.as_str()} selected={form.executor == kind.as_str()}>
                            { executor_label(lang, kind) }
                        </option>
                    }) }
                </select>
                { field_error(invalid, "executor") }
            </label>
            <label>
                <span>{ text(lang, Label::MaxWorkers) }</span>
                <input name="max_workers" data-testid="max-workers" type="number" min="1"
                    max={MAX_WORKERS_LIMIT.to_string()} inputmode="numeric"
                    placeholder={text(lang, Label::MaxWorkersDefault)} value={form.max_workers.clone()}
                    oninput={typed(Field::MaxWorkers)}
                    aria-invalid={aria_invalid(invalid, "max_workers")} aria-describedby={described_by(invalid, "max_workers")} />
                <span class="hint" data-testid="max-workers-default">
                    { max_workers_default(lang, form.executor.parse().unwrap_or_default(), machine_cpus(form), form.extra("python_version")) }
                </span>
                { field_error(invalid, "max_workers") }
            </label>
            <label class="wide">
                <span>{ text(lang, Label::Inputs) }</span>
                <input name="inputs" data-testid="inputs" type="text" placeholder={placeholder(&form.workload)}
                    value={form.inputs.clone()} oninput={typed(Field::Inputs)}
                    aria-invalid={aria_invalid(invalid, "inputs")} aria-describedby={described_by(invalid, "inputs")} />
                { field_error(invalid, "inputs") }
            </label>
            <div class="actions">
                // Not `disabled` while running (which would drop the focus
                // to the page): marked busy, and a press does nothing.
                <button type="submit" data-testid="run" aria-disabled={props.running.to_string()}>
                    { text(lang, if props.running { Label::Running } else { Label::Run }) }
                </button>
                <button type="button" class="secondary" data-testid="share"
                    onclick={let on_share = props.on_share.clone(); Callback::from(move |_| on_share.emit(()))}>
                    { text(lang, Label::Share) }
                </button>
            </div>
        </form>
    }
}

/// The first classic inputs of the workload, as a hint.
fn placeholder(workload: &str) -> String {
    workloads::find(workload).map_or_else(String::new, |w| {
        let inputs = w.default_inputs();
        let shown: Vec<&str> = inputs.iter().take(3).map(String::as_str).collect();
        format!("{},…", shown.join(","))
    })
}

fn executor_label(lang: Lang, kind: ExecutorKind) -> &'static str {
    let label = match kind {
        ExecutorKind::Sequential => Label::Sequential,
        ExecutorKind::Threads => Label::Threads,
        ExecutorKind::Processes => Label::Processes,
        ExecutorKind::Asyncio => Label::Asyncio,
    };
    text(lang, label)
}

/// The CPUs Python's default `max_workers` counts: the virtual machine's on
/// the virtual clock, this one's otherwise.
fn machine_cpus(form: &Form) -> usize {
    form.extra("cpus")
        .filter(|_| form.extra("clock") == Some("virtual"))
        .and_then(|cpus| cpus.trim().parse().ok())
        .filter(|cpus| *cpus >= 1)
        .unwrap_or_else(host_cpus)
}
