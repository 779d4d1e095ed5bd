//! Awaiting the next animation frame, or the next task.

use wasm_bindgen_futures::JsFuture;

/// Resolves at the next animation frame: the live view drains events once per frame.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let window = web_sys::window().expect("the page has a window");
        // A failed request only means the page is going away.
        let _ = window.request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves in a task of its own (a zero timeout): long work on the page's
/// thread goes on from there, letting the page paint and answer in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let window = web_sys::window().expect("the page has a window");
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}
