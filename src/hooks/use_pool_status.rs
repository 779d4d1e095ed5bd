//! The worker pool's status, for the badge.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use futures_lab_scenarios::Scenario;

use crate::runtime::{pool_ready, warm_up};
use crate::state::{Action, State};

/// Reports the pool as ready (or failed) once it has started, then warms
/// up the default workload so that the first run is measured like the rest.
#[hook]
pub fn use_pool_status(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |()| {
        spawn_local(async move {
            let ready = pool_ready().await;
            let up = ready.is_ok();
            dispatcher.dispatch(match ready {
                Ok(info) => Action::PoolReady(info),
                Err(message) => Action::PoolFailed(message),
            });
            if up {
                warm_up(&Scenario::default()).await;
            }
        });
    });
}
