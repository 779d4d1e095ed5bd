//! What the chosen workload does and which lesson it shows.

use futures_lab_scenarios::{workloads, ExecutorKind};
use yew::prelude::*;

use crate::i18n::{executor_note, Lang};

/// Props of [`Explanation`].
#[derive(Properties, PartialEq)]
pub struct ExplanationProps {
    /// The workload id.
    pub workload: String,
    /// The executor id: what it does with such work follows.
    #[prop_or_default]
    pub executor: String,
    /// The language shown.
    pub lang: Lang,
}

/// The workload's explanation in the page's language.
#[function_component(Explanation)]
pub fn explanation(props: &ExplanationProps) -> Html {
    let Some(workload) = workloads::find(&props.workload) else {
        return html! {};
    };
    let text = workload.explanation();
    let executor = props.executor.parse::<ExecutorKind>().unwrap_or_default();
    let note = executor_note(props.lang, executor, workload.mostly_waiting());
    html! {
        <p class="explanation" data-testid="explanation">
            { match props.lang { Lang::En => text.en, Lang::Ko => text.ko } }
            { " " }
            <span data-testid="executor-note">{ note }</span>
        </p>
    }
}
