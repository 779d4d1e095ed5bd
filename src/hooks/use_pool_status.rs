//! The worker pool's status, for the badge.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use futures_lab_scenarios::Scenario;

use crate::runtime::{
    grow_for_the_default, late_pool, pool_failure, pool_ready, pool_up, warm_up, when_broken,
    when_grown, when_mended,
};
use crate::state::{Action, State};

/// Reports the pool as ready (or failed) once it has started, then warms
/// up the default workload so that the first run is measured like the rest.
/// A pool that comes after the page stopped waiting for it is reported
/// ready when it comes; a pool that breaks later (a panic took a thread)
/// is reported failed when it breaks, and ready again once the pool built
/// in its place is up. Once it is up, the workers the default scenario needs
/// start, and the badge counts the workers as the pool grows.
#[hook]
pub fn use_pool_status(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |()| {
        spawn_local(async move {
            let up = match pool_ready().await {
                Ok(info) => Some(info),
                Err(message) => {
                    dispatcher.dispatch(Action::PoolFailed(message));
                    late_pool().await
                }
            };
            if let Some(info) = up {
                dispatcher.dispatch(Action::PoolReady(info));
                let grown = dispatcher.clone();
                spawn_local(async move {
                    if let Err(why) = grow_for_the_default().await {
                        web_sys::console::warn_1(&format!("futures-lab: {why}").into());
                    }
                });
                spawn_local(async move {
                    loop {
                        when_grown().await;
                        // A broken pool is reported as such, not as grown.
                        if let Some(info) = pool_up() {
                            grown.dispatch(Action::PoolReady(info));
                        }
                    }
                });
                warm_up(&Scenario::default()).await;
                loop {
                    dispatcher.dispatch(Action::PoolFailed(when_broken().await));
                    let Some(rebuilt) = when_mended().await else {
                        // The new pool did not start: the badge says why.
                        if let Some(why) = pool_failure() {
                            dispatcher.dispatch(Action::PoolFailed(why));
                        }
                        break;
                    };
                    dispatcher.dispatch(Action::PoolReady(rebuilt));
                }
            }
        });
    });
}
