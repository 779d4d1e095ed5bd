//! The window's width, so that canvases repaint when it changes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The window's inner width in CSS pixels, updated on every resize.
#[hook]
pub fn use_window_width() -> i32 {
    let width = use_state(current_width);
    {
        let width = width.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn Fn()>::new(move || width.set(current_width()));
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window
                    .add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "resize",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    *width
}

fn current_width() -> i32 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .map_or(0, |w| w as i32)
}
