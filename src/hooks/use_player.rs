//! Plays a replay: one tick per animation frame while it plays.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::runtime::next_frame;
use crate::state::{Action, PlayerAction, State};

/// While `playing`, dispatches the real time passed since the last frame.
#[hook]
pub fn use_player(dispatcher: UseReducerDispatcher<State>, playing: bool) {
    use_effect_with(playing, move |playing| {
        let going = Rc::new(Cell::new(*playing));
        if *playing {
            let going = Rc::clone(&going);
            spawn_local(async move {
                let now = || {
                    web_sys::window()
                        .and_then(|w| w.performance())
                        .map_or(0.0, |p| p.now())
                };
                let mut last = now();
                while going.get() {
                    next_frame().await;
                    if !going.get() {
                        break;
                    }
                    let at = now();
                    dispatcher.dispatch(Action::Player(PlayerAction::Tick(at - last)));
                    last = at;
                }
            });
        }
        move || going.set(false)
    });
}
