//! What a learner may do to a run under way: cancel what has not started,
//! or shut the executor down, with CPython's two switches.

use futures_lab_scenarios::Command;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`RunControls`].
#[derive(Properties, PartialEq)]
pub struct RunControlsProps {
    /// The language shown.
    pub lang: Lang,
    /// A command for the run.
    pub on_command: Callback<Command>,
}

/// Cancel pending, and `shutdown(wait=..., cancel_futures=...)` with
/// Python's defaults ticked as Python has them.
#[function_component(RunControls)]
pub fn run_controls(props: &RunControlsProps) -> Html {
    let wait = use_state(|| true);
    let cancel_futures = use_state(|| false);
    let lang = props.lang;
    let toggle = |flag: &UseStateHandle<bool>| {
        let flag = flag.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                flag.set(input.checked());
            }
        })
    };
    let send = |command: Command| {
        let on_command = props.on_command.clone();
        Callback::from(move |_: MouseEvent| on_command.emit(command.clone()))
    };
    html! {
        <div class="run-controls" role="group" aria-label={text(lang, Label::RunControl)} data-testid="run-controls">
            <span class="muted">{ text(lang, Label::RunControl) }</span>
            <button type="button" onclick={send(Command::CancelPending)}>{ text(lang, Label::CancelPending) }</button>
            <span class="shutdown">
                <button type="button" onclick={send(Command::Shutdown { wait: *wait, cancel_futures: *cancel_futures })}>
                    { text(lang, Label::Shutdown) }
                </button>
                <label class="check"><input type="checkbox" data-testid="shutdown-wait" checked={*wait} onchange={toggle(&wait)} />
                    { text(lang, Label::ShutdownWait) }</label>
                <label class="check"><input type="checkbox" data-testid="shutdown-cancel-futures" checked={*cancel_futures}
                    onchange={toggle(&cancel_futures)} />{ text(lang, Label::ShutdownCancelFutures) }</label>
            </span>
        </div>
    }
}
