//! The run's two logs: what cancel and shutdown did, and the done callbacks
//! as they ran.

use futures_lab_scenarios::{CallbackNote, ControlNote};
use yew::prelude::*;

use crate::i18n::{callback_line, control_note, text, Label, Lang};

/// Props of [`RunLogs`].
#[derive(Properties, PartialEq)]
pub struct RunLogsProps {
    /// Commands and their outcomes.
    pub control: Vec<ControlNote>,
    /// Done callbacks.
    pub callbacks: Vec<CallbackNote>,
    /// True when the run is on the asyncio loop (tasks, not futures).
    pub asyncio: bool,
    /// The language shown.
    pub lang: Lang,
}

/// Lines shown per log: a run of 10,000 callbacks shows its first ones.
const SHOWN: usize = 200;

/// Each non-empty log as a list.
#[function_component(RunLogs)]
pub fn run_logs(props: &RunLogsProps) -> Html {
    let lang = props.lang;
    let log = |title: Label, testid: &'static str, lines: Vec<String>, total: usize| {
        if total == 0 {
            return html! {};
        }
        html! {
            <section class="run-log" data-testid={testid} aria-live="polite">
                <h2>{ text(lang, title) }</h2>
                <ol>
                    { for lines.into_iter().map(|line| html! { <li>{ line }</li> }) }
                    if total > SHOWN { <li class="muted">{ format!("… +{}", total - SHOWN) }</li> }
                </ol>
            </section>
        }
    };
    html! {
        <>
            { log(Label::ControlLog, "control-log",
                props.control.iter().take(SHOWN).map(|n| control_note(lang, n, props.asyncio)).collect(),
                props.control.len()) }
            { log(Label::CallbacksLog, "callbacks-log",
                props.callbacks.iter().take(SHOWN).map(|n| callback_line(lang, n)).collect(),
                props.callbacks.len()) }
        </>
    }
}
