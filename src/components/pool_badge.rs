//! Whether the page is cross-origin isolated and how big the pool is.

use yew::prelude::*;

use crate::state::PoolStatus;

/// Props of [`PoolBadge`].
#[derive(Properties, PartialEq)]
pub struct PoolBadgeProps {
    /// The pool's status.
    pub pool: PoolStatus,
}

/// A badge: isolation and pool size, or why there are no threads.
#[function_component(PoolBadge)]
pub fn pool_badge(props: &PoolBadgeProps) -> Html {
    let (class, text) = match &props.pool {
        PoolStatus::Starting => ("badge starting", "Starting the worker pool…".to_owned()),
        PoolStatus::Ready(info) => (
            "badge ready",
            format!(
                "Cross-origin isolated · {} worker threads (started in {:.0} ms)",
                info.threads,
                info.start_ms.unwrap_or_default()
            ),
        ),
        PoolStatus::Failed(message) => ("badge failed", format!("No threads: {message}")),
    };
    html! {
        <p class={class} data-testid="pool-badge" role="status">
            { text }
        </p>
    }
}
