//! The last error, naming the field at fault.

use yew::prelude::*;

/// Props of [`ErrorBanner`].
#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    /// The message, if any.
    pub error: Option<String>,
}

/// Shows an error as an alert; nothing when there is none.
#[function_component(ErrorBanner)]
pub fn error_banner(props: &ErrorBannerProps) -> Html {
    match &props.error {
        Some(message) => html! {
            <p class="error" role="alert" data-testid="error">{ message.clone() }</p>
        },
        None => html! {},
    }
}
