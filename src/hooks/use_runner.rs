//! Starting a run, feeding its live events to the page, and passing on what
//! the learner asks of it meanwhile (cancel, shutdown).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use futures_lab_core::{TraceBuffer, TraceEvent};
use futures_lab_scenarios::{Budget, Command, RunControl, Scenario};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::runtime::{next_frame, replay_off_page, run_controlled, within_budget};
use crate::state::{Action, State};

/// The current run's control, and the commands waiting for its lock.
#[derive(Default)]
struct Controls {
    current: Option<Arc<RunControl>>,
    waiting: Vec<Command>,
}

type SharedControls = Rc<RefCell<Controls>>;

/// Two callbacks: one runs a scenario on the workers within a budget (trace
/// events drained once per animation frame, never blocking, and
/// dispatched; the report arrives as [`Action::FinishedReplayable`], its
/// replay prepared on a worker; a run over the
/// budget is refused before it starts with [`Action::OverBudget`]); the other sends a [`Command`] to the
/// run under way (applied on a worker; what it did arrives as
/// [`Action::ControlNotes`]).
#[hook]
pub fn use_runner(
    dispatcher: UseReducerDispatcher<State>,
) -> (Callback<(Scenario, Budget)>, Callback<Command>) {
    let controls: SharedControls = use_mut_ref(Controls::default);
    let run = {
        let controls = Rc::clone(&controls);
        use_callback(
            dispatcher,
            move |(scenario, budget): (Scenario, Budget), dispatcher| match within_budget(
                &scenario, &budget,
            ) {
                Ok(()) => start(scenario, budget, dispatcher.clone(), Rc::clone(&controls)),
                Err(over) => dispatcher.dispatch(Action::OverBudget(scenario, over)),
            },
        )
    };
    // Made once: it only queues the command for the run of the moment.
    let command = use_memo((), move |()| {
        Callback::from(move |command: Command| {
            let mut controls = controls.borrow_mut();
            if controls.current.is_some() {
                // Sent on the next frame, in order, by the pump.
                controls.waiting.push(command);
            }
        })
    });
    (run, (*command).clone())
}

/// How often the live views are updated during a run of `scenario`, in ms:
/// every frame while the machine has a CPU to spare for the page, else ten
/// times a second, so that drawing does not take a CPU from the workers and
/// slow the run it shows.
fn live_interval_ms(scenario: &Scenario) -> f64 {
    let cpus =
        web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency().max(1.0)) as usize;
    let busy = scenario
        .resolved_max_workers(cpus)
        .min(scenario.inputs.len().max(1));
    if busy < cpus {
        0.0
    } else {
        100.0
    }
}

fn start(
    scenario: Scenario,
    budget: Budget,
    dispatcher: UseReducerDispatcher<State>,
    controls: SharedControls,
) {
    dispatcher.dispatch(Action::Started(scenario.clone()));
    let interval_ms = live_interval_ms(&scenario);
    dispatcher.dispatch(Action::LivePace(interval_ms));
    let live = Arc::new(TraceBuffer::default());
    let control = Arc::new(RunControl::new());
    *controls.borrow_mut() = Controls {
        current: Some(Arc::clone(&control)),
        waiting: Vec::new(),
    };
    let done = Rc::new(Cell::new(false));
    let held = Rc::new(RefCell::new(Vec::new()));
    // Every event shown, for the replay prepared on a worker at the end.
    let seen = Rc::new(RefCell::new(Vec::new()));
    spawn_local(pump(
        Arc::clone(&live),
        Rc::clone(&held),
        Rc::clone(&seen),
        Rc::clone(&done),
        Rc::clone(&controls),
        dispatcher.clone(),
        interval_ms,
    ));
    spawn_local(async move {
        // Let the page draw the new run's rows and timeline first (two
        // frames: the render, then its paint), so that drawing them does
        // not take a CPU from the run's first tasks.
        next_frame().await;
        next_frame().await;
        let outcome = run_controlled(
            scenario,
            Some(Arc::clone(&live)),
            Some(Arc::clone(&control)),
            budget,
        )
        .await;
        done.set(true);
        {
            let mut kept = controls.borrow_mut();
            if kept
                .current
                .as_ref()
                .is_some_and(|c| Arc::ptr_eq(c, &control))
            {
                *kept = Controls::default();
            }
        }
        // The run is over, so no worker holds the buffer: take the rest,
        // after what the pump held back (older).
        let mut rest = std::mem::take(&mut *held.borrow_mut());
        rest.extend(live.try_drain().unwrap_or_default());
        seen.borrow_mut().extend(rest.iter().cloned());
        let finished = match outcome {
            Ok(report) => {
                let events = std::mem::take(&mut *seen.borrow_mut());
                replay_off_page(report, events)
                    .await
                    .map(|finished| Action::FinishedReplayable(Box::new(finished)))
                    .unwrap_or_else(Action::RunFailed)
            }
            Err(message) => Action::RunFailed(message),
        };
        // The last events and the end together: the rows never show the
        // run done before the report and its replay are there.
        if !rest.is_empty() {
            dispatcher.dispatch(Action::Events(rest));
        }
        dispatcher.dispatch(finished);
    });
}

/// Once per frame until the run is done: takes the live events (shown at
/// most every `interval_ms`) and control notes to the page, and hands
/// waiting commands to the run (a busy lock is tried again on the next
/// frame, so the main thread never blocks).
async fn pump(
    live: Arc<TraceBuffer>,
    held: Rc<RefCell<Vec<TraceEvent>>>,
    seen: Rc<RefCell<Vec<TraceEvent>>>,
    done: Rc<Cell<bool>>,
    controls: SharedControls,
    dispatcher: UseReducerDispatcher<State>,
    interval_ms: f64,
) {
    let now = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    };
    let mut shown_at = f64::MIN;
    while !done.get() {
        next_frame().await;
        if done.get() {
            break;
        }
        if let Some(events) = live.try_drain() {
            held.borrow_mut().extend(events);
        }
        if !held.borrow().is_empty() && now() - shown_at >= interval_ms {
            shown_at = now();
            let events = std::mem::take(&mut *held.borrow_mut());
            seen.borrow_mut().extend(events.iter().cloned());
            dispatcher.dispatch(Action::Events(events));
        }
        let mut controls = controls.borrow_mut();
        let Some(control) = controls.current.clone() else {
            continue;
        };
        let waiting = std::mem::take(&mut controls.waiting);
        let mut unsent = waiting.into_iter();
        for command in unsent.by_ref() {
            if let Err(command) = control.try_send(command) {
                controls.waiting.push(command);
                break;
            }
        }
        controls.waiting.extend(unsent);
        drop(controls);
        if let Some(notes) = control.try_take_notes().filter(|n| !n.is_empty()) {
            dispatcher.dispatch(Action::ControlNotes(notes));
        }
    }
}
