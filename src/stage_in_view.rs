//! Run brings the stage into view: on a narrow screen it sits under the
//! controls, and a run that happens out of sight teaches nothing.

/// Scrolls the page so that the stage's top is at the top of the window,
/// unless its top is already in the upper part of the window.
pub(crate) fn bring_stage_into_view() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(stage) = window
        .document()
        .and_then(|d| d.query_selector("[data-testid=stage]").ok().flatten())
    else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let top = stage.get_bounding_client_rect().top();
    if top < 0.0 || top > 0.6 * height {
        stage.scroll_into_view_with_bool(true);
    }
}
