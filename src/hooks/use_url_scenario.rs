//! The scenario in the page's URL.

use futures_lab_scenarios::Scenario;
use yew::prelude::*;

use crate::experiments::ExperimentKind;
use crate::link_keys::link_error;
use crate::state::{Action, State};

/// Loads the URL's scenario fields into the controls and checks them: a bad
/// field goes back to its default and the page says which and why; with
/// `run=1` a link without problems runs, and with `series=compare` (or
/// `amdahl`) it starts that series.
#[hook]
pub fn use_url_scenario(
    dispatcher: UseReducerDispatcher<State>,
    run: Callback<Scenario>,
    series: Callback<(ExperimentKind, Scenario)>,
) {
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
            let pairs = || form_urlencoded::parse(query.trim_start_matches('?').as_bytes());
            let autorun = pairs().any(|(key, value)| key == "run" && value == "1");
            let kind = pairs()
                .find(|(key, _)| key == "series")
                .and_then(|(_, value)| ExperimentKind::from_link(&value));
            // The scenario is what the controls now hold: a `preset=` link
            // and the fields after it, exactly as shown.
            let mut shown = State::default();
            shown.apply(Action::LoadLink(query.clone()));
            match Scenario::from_query(&shown.form.to_query()) {
                Ok(scenario) if shown.error.is_none() => {
                    if autorun {
                        run.emit(scenario.clone());
                    }
                    // A series waits for the run, as every run waits its turn.
                    if let Some(kind) = kind {
                        series.emit((kind, scenario));
                    }
                }
                Ok(_) => {}
                Err(error) => dispatcher.dispatch(Action::Invalid(error.to_string())),
            }
        }
    });
}
