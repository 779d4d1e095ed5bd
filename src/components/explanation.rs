//! What the chosen workload does and which lesson it shows.

use futures_lab_scenarios::workloads;
use yew::prelude::*;

use crate::i18n::Lang;

/// Props of [`Explanation`].
#[derive(Properties, PartialEq)]
pub struct ExplanationProps {
    /// The workload id.
    pub workload: String,
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
    html! {
        <p class="explanation" data-testid="explanation">
            { match props.lang { Lang::En => text.en, Lang::Ko => text.ko } }
        </p>
    }
}
