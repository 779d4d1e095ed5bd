//! What wait() returned, and why.

use futures_lab_scenarios::WaitSplit;
use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`WaitSplitView`].
#[derive(Properties, PartialEq)]
pub struct WaitSplitViewProps {
    /// The split wait() returned.
    pub split: WaitSplit,
    /// The language shown.
    pub lang: Lang,
}

/// The done and not_done sets at the moment wait() returned, and the reason.
#[function_component(WaitSplitView)]
pub fn wait_split_view(props: &WaitSplitViewProps) -> Html {
    let (split, lang) = (&props.split, props.lang);
    // A set of thousands is shown by its first members and its size.
    let ids = |ids: &[u64]| -> String {
        const SHOWN: usize = 200;
        let listed: Vec<String> = ids.iter().take(SHOWN).map(u64::to_string).collect();
        match ids.len() {
            n if n > SHOWN => format!("{{{}, …}} ({n})", listed.join(", ")),
            _ => format!("{{{}}}", listed.join(", ")),
        }
    };
    html! {
        <section class="wait-split" data-testid="wait-split" aria-labelledby="wait-heading">
            <h2 id="wait-heading">{ text(lang, Label::WaitReturned) }</h2>
            <dl>
                <div><dt>{ text(lang, Label::Done) }</dt><dd data-testid="wait-done">{ ids(&split.done) }</dd></div>
                <div><dt>{ text(lang, Label::NotDone) }</dt><dd data-testid="wait-not-done">{ ids(&split.not_done) }</dd></div>
                <div><dt>{ text(lang, Label::Reason) }</dt>
                    <dd data-testid="wait-reason">{ format!("{} ({:.1} ms)", split.reason, split.returned_ms) }</dd></div>
            </dl>
        </section>
    }
}
