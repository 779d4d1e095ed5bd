//! Whether the page has shared memory and how big the pool is.

use yew::prelude::*;

use crate::i18n::{pool_ready, text, Label, Lang};
use crate::runtime::{NoSharedMemory, BROKEN_THREAD_POOL, OUT_OF_MEMORY, TOO_SLOW};
use crate::state::PoolStatus;

/// Props of [`PoolBadge`].
#[derive(Properties, PartialEq)]
pub struct PoolBadgeProps {
    /// The pool's status.
    pub pool: PoolStatus,
    /// Why the page has no shared memory, if so: then there is no pool and
    /// the badge says why in the page's language.
    pub missing: Option<NoSharedMemory>,
    /// The language shown.
    pub lang: Lang,
}

/// A badge: isolation and pool size, or why there are no threads.
#[function_component(PoolBadge)]
pub fn pool_badge(props: &PoolBadgeProps) -> Html {
    let (class, text) = match &props.pool {
        PoolStatus::Starting => (
            "badge starting",
            text(props.lang, Label::PoolStarting).to_owned(),
        ),
        PoolStatus::Ready(info) => (
            "badge ready",
            pool_ready(props.lang, info.threads, info.start_ms.unwrap_or_default()),
        ),
        PoolStatus::Failed(_) if props.missing.is_some() => (
            "badge failed",
            format!(
                "{}: {}",
                text(props.lang, Label::NoThreads),
                text(
                    props.lang,
                    match props.missing {
                        Some(NoSharedMemory::NotSendable) => Label::NoSharedMemory,
                        _ => Label::NotIsolated,
                    }
                )
            ),
        ),
        PoolStatus::Failed(message) if message == TOO_SLOW => (
            "badge failed",
            format!(
                "{}: {}",
                text(props.lang, Label::NoThreads),
                text(props.lang, Label::PoolTooSlow)
            ),
        ),
        PoolStatus::Failed(message) if message.starts_with(BROKEN_THREAD_POOL) => (
            "badge failed",
            format!(
                "{}: {}",
                text(props.lang, Label::NoThreads),
                text(
                    props.lang,
                    if message.contains(OUT_OF_MEMORY) {
                        Label::PoolOutOfMemory
                    } else {
                        Label::PoolBroken
                    }
                )
            ),
        ),
        PoolStatus::Failed(message) => (
            "badge failed",
            format!("{}: {message}", text(props.lang, Label::NoThreads)),
        ),
    };
    html! {
        <p class={class} data-testid="pool-badge" role="status">
            { text }
        </p>
    }
}
