//! The worker pool's status, for the badge.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::runtime::pool_ready;
use crate::state::{Action, State};

/// Reports the pool as ready (or failed) once it has started.
#[hook]
pub fn use_pool_status(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |()| {
        spawn_local(async move {
            dispatcher.dispatch(match pool_ready().await {
                Ok(info) => Action::PoolReady(info),
                Err(message) => Action::PoolFailed(message),
            });
        });
    });
}
