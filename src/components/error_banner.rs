//! The last error, naming the field at fault.

use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`ErrorBanner`].
#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    /// The message, if any.
    pub error: Option<String>,
    /// The page's language.
    pub lang: Lang,
    /// For a run refused for its budget that a person may allow: runs it
    /// with the budget it needs.
    #[prop_or_default]
    pub on_allow: Option<Callback<()>>,
}

/// Shows an error as an alert, with a button to allow a refused run more
/// where a person may; nothing when there is no error.
#[function_component(ErrorBanner)]
pub fn error_banner(props: &ErrorBannerProps) -> Html {
    let Some(message) = &props.error else {
        return html! {};
    };
    let allow = props.on_allow.as_ref().map(|on_allow| {
        let onclick = on_allow.reform(|_: MouseEvent| ());
        html! {
            <button type="button" data-testid="allow-run" {onclick}>
                { text(props.lang, Label::AllowRun) }
            </button>
        }
    });
    html! {
        <div class="error" role="alert" data-testid="error-box">
            <p data-testid="error">{ message.clone() }</p>
            { for allow }
        </div>
    }
}
