//! Starting a run and feeding its live events to the page.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use futures_lab_core::TraceBuffer;
use futures_lab_scenarios::Scenario;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::runtime::{next_frame, run};
use crate::state::{Action, State};

/// A callback that runs a scenario on the workers. Trace events are drained
/// once per animation frame (never blocking) and dispatched; the report
/// arrives as [`Action::Finished`].
#[hook]
pub fn use_runner(dispatcher: UseReducerDispatcher<State>) -> Callback<Scenario> {
    use_callback(dispatcher, |scenario: Scenario, dispatcher| {
        let dispatcher = dispatcher.clone();
        dispatcher.dispatch(Action::Started(scenario.clone()));
        let live = Arc::new(TraceBuffer::default());
        let done = Rc::new(Cell::new(false));
        spawn_local(pump(
            Arc::clone(&live),
            Rc::clone(&done),
            dispatcher.clone(),
        ));
        spawn_local(async move {
            let outcome = run(scenario, Some(Arc::clone(&live))).await;
            done.set(true);
            // The run is over, so no worker holds the buffer: take the rest.
            let rest = live.try_drain().unwrap_or_default();
            if !rest.is_empty() {
                dispatcher.dispatch(Action::Events(rest));
            }
            dispatcher.dispatch(match outcome {
                Ok(report) => Action::Finished(Box::new(report)),
                Err(message) => Action::RunFailed(message),
            });
        });
    })
}

/// Moves live events to the page once per frame until the run is done.
async fn pump(
    live: Arc<TraceBuffer>,
    done: Rc<Cell<bool>>,
    dispatcher: UseReducerDispatcher<State>,
) {
    while !done.get() {
        next_frame().await;
        if done.get() {
            break;
        }
        if let Some(events) = live.try_drain().filter(|events| !events.is_empty()) {
            dispatcher.dispatch(Action::Events(events));
        }
    }
}
