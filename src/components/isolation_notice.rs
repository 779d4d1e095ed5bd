//! The page's one sentence when it is not cross-origin isolated.

use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`IsolationNotice`].
#[derive(Properties, PartialEq)]
pub struct IsolationNoticeProps {
    /// Whether the page is cross-origin isolated (`runtime::isolated()`).
    pub isolated: bool,
    /// The language shown.
    pub lang: Lang,
}

/// Says, in one plain sentence, that the page has no shared memory here and
/// what that means; nothing on an isolated page.
#[function_component(IsolationNotice)]
pub fn isolation_notice(props: &IsolationNoticeProps) -> Html {
    if props.isolated {
        return html! {};
    }
    html! {
        <p class="notice" role="note" data-testid="isolation-notice">
            { text(props.lang, Label::WithoutIsolation) }
        </p>
    }
}
