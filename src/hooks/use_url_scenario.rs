//! The scenario in the page's URL.

use futures_lab_scenarios::Scenario;
use yew::prelude::*;

use crate::link_keys::link_error;
use crate::state::{Action, State};

/// Loads the URL's scenario fields into the controls and checks them: a bad
/// field goes back to its default and the page says which and why; with
/// `run=1` a link without problems runs.
#[hook]
pub fn use_url_scenario(dispatcher: UseReducerDispatcher<State>, run: Callback<Scenario>) {
    use_effect_with((), move |()| {
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        if !query.is_empty() {
            dispatcher.dispatch(Action::LoadLink(query.clone()));
            // A bad page key is named, and the link does not run.
            if let Some(error) = link_error(&query) {
                dispatcher.dispatch(Action::Invalid(error));
                return;
            }
            let autorun = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .any(|(key, value)| key == "run" && value == "1");
            // The scenario is what the controls now hold: a `preset=` link
            // and the fields after it, exactly as shown.
            let mut shown = State::default();
            shown.apply(Action::LoadLink(query.clone()));
            match Scenario::from_query(&shown.form.to_query()) {
                Ok(scenario) if autorun && shown.error.is_none() => run.emit(scenario),
                Ok(_) => {}
                Err(error) => dispatcher.dispatch(Action::Invalid(error.to_string())),
            }
        }
    });
}
