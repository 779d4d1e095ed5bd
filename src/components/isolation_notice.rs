//! The page's one sentence when it has no shared memory.

use yew::prelude::*;

use crate::i18n::{text, Label, Lang};
use crate::runtime::NoSharedMemory;

/// Props of [`IsolationNotice`].
#[derive(Properties, PartialEq)]
pub struct IsolationNoticeProps {
    /// Why the page has no shared memory (`runtime::shared_memory()`), if so.
    pub missing: Option<NoSharedMemory>,
    /// The language shown.
    pub lang: Lang,
}

/// Says, in one plain sentence, that the page has no shared memory here and
/// what that means; nothing on an isolated page.
#[function_component(IsolationNotice)]
pub fn isolation_notice(props: &IsolationNoticeProps) -> Html {
    let label = match props.missing {
        None => return html! {},
        Some(NoSharedMemory::NotIsolated) => Label::WithoutIsolation,
        Some(NoSharedMemory::NotSendable) => Label::WithoutSharedMemory,
    };
    html! {
        <p class="notice" role="note" data-testid="isolation-notice">
            { text(props.lang, label) }
        </p>
    }
}
