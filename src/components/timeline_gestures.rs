//! What the pointer, the wheel and the keys do on the timeline: point at a
//! bar to see its future, click to move the replay there, drag across the
//! plot to select a stretch, drag the time axis to move along, zoom with
//! Ctrl + wheel or + and −, pan with Shift + wheel or Shift + ← →.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, HtmlCanvasElement, WheelEvent};
use yew::prelude::*;

use crate::shared::Shared;
use crate::timeline::Timeline as Model;
use crate::timeline_layout::{Layout, AXIS_HEIGHT, ROW_HEIGHT};
use crate::timeline_viewport::Viewport;

/// What the pointer is over.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Hover {
    /// x on the canvas, in CSS pixels.
    pub x: f64,
    /// y on the canvas, in CSS pixels.
    pub y: f64,
    /// The moment under it.
    pub t_ns: u64,
    /// The future drawn there, if any.
    pub future: Option<u64>,
    /// True if the keys chose it (its details are read out).
    pub keyed: bool,
}

/// A drag in progress.
#[derive(Clone, Copy, Debug)]
pub(super) enum Drag {
    /// Across the plot: selects from `anchor_ns`; a press without moving is
    /// a click.
    Select {
        anchor_ns: u64,
        start_x: f64,
        moved: bool,
    },
    /// Along the time axis: moves the zoomed view.
    Pan { start_x: f64, view: Viewport },
}

/// How far a press must move, in CSS pixels, to be a drag and not a click.
const DRAG_PIXELS: f64 = 4.0;

/// Everything the gestures read and change: the last paint's layout and
/// whole time, the zoom, the selection, the cursor and the replay.
#[derive(Clone)]
pub(super) struct Gestures {
    /// The last paint's layout (its stretch is the one shown).
    pub layout: Rc<RefCell<Option<Layout>>>,
    /// The last paint's whole time, in ns.
    pub whole_ns: Rc<Cell<u64>>,
    /// The stretch zoomed into (`None`: the whole run, growing while it runs).
    pub zoom: UseStateHandle<Option<Viewport>>,
    /// The selected stretch.
    pub selection: UseStateHandle<Option<Viewport>>,
    /// What the pointer or the keys point at.
    pub hover: UseStateHandle<Option<Hover>>,
    /// The run's timeline.
    pub timeline: Shared<Model>,
    /// Moving the replay to a moment, while replaying.
    pub on_seek: Option<Callback<u64>>,
    /// The drag in progress: kept by the view across its renders (each
    /// move re-renders it, and so may the page at any time).
    pub drag: Rc<RefCell<Option<Drag>>>,
}

impl Gestures {
    /// The stretch shown at the last paint.
    fn shown(&self) -> Option<Viewport> {
        self.layout.borrow().as_ref().map(|l| Viewport {
            from_ns: l.from_ns,
            to_ns: l.from_ns + l.window_ns,
        })
    }

    /// True if the last paint showed less than the whole run (read from the
    /// paint, so that listeners made at an earlier render read it right).
    fn zoomed(&self) -> bool {
        self.shown()
            .is_some_and(|shown| !shown.is_whole(self.whole_ns.get()))
    }

    /// Shows `view` (the whole run again if it covers it).
    fn show(&self, view: Viewport) {
        let whole = self.whole_ns.get();
        self.zoom.set(
            (!view.is_whole(whole)).then(|| Viewport::between(view.from_ns, view.to_ns, whole)),
        );
    }

    /// Zooms by `factor` (below 1: in) about `anchor_ns`, or the middle.
    pub fn zoom_by(&self, factor: f64, anchor_ns: Option<u64>) {
        if let Some(shown) = self.shown() {
            let anchor = anchor_ns.unwrap_or(shown.from_ns + shown.span_ns() / 2);
            self.show(shown.zoomed(anchor, factor, self.whole_ns.get()));
        }
    }

    /// Moves the view by `fraction` of its width (negative: earlier).
    pub fn pan_by(&self, fraction: f64) {
        if let Some(shown) = self.shown() {
            let by = (shown.span_ns() as f64 * fraction) as i64;
            self.show(shown.panned(by, self.whole_ns.get()));
        }
    }

    /// Shows the whole run.
    pub fn show_whole(&self) {
        self.zoom.set(None);
    }

    /// Zooms to the selection and clears it.
    pub fn zoom_to_selection(&self) {
        if let Some(selection) = *self.selection {
            self.show(selection);
            self.selection.set(None);
        }
    }

    /// A press on the canvas: on the axis of a zoomed view it starts moving
    /// the view, on the plot a selection (or a click).
    pub fn on_down(&self) -> Callback<PointerEvent> {
        let gestures = self.clone();
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
            let drag = {
                let layout = gestures.layout.borrow();
                let Some(layout) = layout.as_ref() else {
                    return;
                };
                let zoomed = gestures.zoomed();
                match layout.time_at(x) {
                    Some(_) if y < AXIS_HEIGHT && zoomed => Drag::Pan {
                        start_x: x,
                        view: Viewport {
                            from_ns: layout.from_ns,
                            to_ns: layout.from_ns + layout.window_ns,
                        },
                    },
                    Some(anchor_ns) => Drag::Select {
                        anchor_ns,
                        start_x: x,
                        moved: false,
                    },
                    None => return,
                }
            };
            // Moves outside the canvas still belong to this drag.
            if let Some(canvas) = event.target_dyn_into::<web_sys::Element>() {
                let _ = canvas.set_pointer_capture(event.pointer_id());
            }
            *gestures.drag.borrow_mut() = Some(drag);
        })
    }

    /// A move: drags select or pan; the cursor shows what is under it.
    pub fn on_move(&self) -> Callback<PointerEvent> {
        let gestures = self.clone();
        Callback::from(move |event: PointerEvent| {
            let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
            if event.buttons() & 1 == 0 {
                gestures.drag.borrow_mut().take();
            }
            let drag = *gestures.drag.borrow();
            let layout = gestures.layout.borrow();
            let Some(layout) = layout.as_ref() else {
                return;
            };
            match drag {
                Some(Drag::Pan { start_x, view }) => {
                    let by = -(x - start_x) / layout.plot_width * view.span_ns() as f64;
                    gestures.show(view.panned(by as i64, gestures.whole_ns.get()));
                }
                Some(Drag::Select {
                    anchor_ns,
                    start_x,
                    moved,
                }) if moved || (x - start_x).abs() >= DRAG_PIXELS => {
                    let edge = x.clamp(layout.gutter, layout.gutter + layout.plot_width);
                    if let Some(t) = layout.time_at(edge) {
                        gestures.selection.set(Some(Viewport::between(
                            anchor_ns,
                            t,
                            gestures.whole_ns.get(),
                        )));
                    }
                    *gestures.drag.borrow_mut() = Some(Drag::Select {
                        anchor_ns,
                        start_x,
                        moved: true,
                    });
                }
                Some(Drag::Select { .. }) | None => {}
            }
            let Some(t_ns) = layout.time_at(x) else {
                gestures.hover.set(None);
                return;
            };
            let future = layout
                .locate(x, y)
                .and_then(|(lane, row, t)| gestures.timeline.borrow().hit(lane, row, t));
            gestures.hover.set(Some(Hover {
                x,
                y,
                t_ns,
                future,
                keyed: false,
            }));
        })
    }

    /// The end of a press: a click moves the replay to its moment and clears
    /// the selection.
    pub fn on_up(&self) -> Callback<PointerEvent> {
        let gestures = self.clone();
        Callback::from(move |_: PointerEvent| {
            if let Some(Drag::Select {
                anchor_ns,
                moved: false,
                ..
            }) = gestures.drag.borrow_mut().take()
            {
                gestures.selection.set(None);
                if let Some(on_seek) = &gestures.on_seek {
                    on_seek.emit(anchor_ns);
                }
            }
        })
    }

    /// Keys on the focused canvas: ← → go from one future's bar to the next
    /// and show its details, as pointing at it would (moving the view to it
    /// if it is out of sight); Shift + ← → move the view; + and − zoom, 0
    /// shows the whole run; Escape hides the details and the selection.
    pub fn on_key(&self) -> Callback<KeyboardEvent> {
        let gestures = self.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            let step: i64 = match key.as_str() {
                "ArrowRight" | "ArrowLeft" if event.shift_key() => {
                    event.prevent_default();
                    gestures.pan_by(if key == "ArrowRight" { 0.25 } else { -0.25 });
                    return;
                }
                "+" | "=" => {
                    event.prevent_default();
                    gestures.zoom_by(0.5, gestures.hover.map(|h| h.t_ns));
                    return;
                }
                "-" | "_" => {
                    event.prevent_default();
                    gestures.zoom_by(2.0, gestures.hover.map(|h| h.t_ns));
                    return;
                }
                "0" => {
                    gestures.show_whole();
                    return;
                }
                "Escape" => {
                    gestures.hover.set(None);
                    gestures.selection.set(None);
                    return;
                }
                "ArrowRight" | "ArrowDown" => 1,
                "ArrowLeft" | "ArrowUp" => -1,
                _ => return,
            };
            event.prevent_default();
            gestures.step_future(step);
        })
    }

    /// Points at the next (or previous) future that ran.
    fn step_future(&self, step: i64) {
        let layout = self.layout.borrow();
        let timeline = self.timeline.borrow();
        let Some(layout) = layout.as_ref() else {
            return;
        };
        let count = timeline.futures() as i64;
        let mut id = self
            .hover
            .and_then(|h| h.future)
            .map_or(if step > 0 { -1 } else { count }, |f| f as i64);
        loop {
            id += step;
            if !(0..count).contains(&id) {
                return;
            }
            let Some(span) = timeline.span_of(id as u64) else {
                return;
            };
            let (Some((lane, row)), Some(start)) = (span.place, span.started_ns) else {
                continue;
            };
            let end = span.ended_ns.unwrap_or(timeline.end_ns()).max(start);
            let t_ns = start + (end - start) / 2;
            // A bar out of sight brings the view to it, its width kept.
            let mut seen = layout.clone();
            if !(layout.from_ns..=layout.from_ns + layout.window_ns).contains(&t_ns) {
                let view = Viewport::between(
                    t_ns.saturating_sub(layout.window_ns / 2),
                    t_ns.saturating_sub(layout.window_ns / 2) + layout.window_ns,
                    self.whole_ns.get(),
                );
                seen.from_ns = view.from_ns;
                self.zoom.set(Some(view));
            }
            self.hover.set(Some(Hover {
                x: seen.x_of_ms(t_ns as f64 / 1e6),
                y: seen.row_top(lane, row) + ROW_HEIGHT / 2.0,
                t_ns,
                future: Some(id as u64),
                keyed: true,
            }));
            return;
        }
    }
}

/// Ctrl (or ⌘) + wheel zooms about the moment under the pointer; Shift +
/// wheel, or a sideways wheel, moves a zoomed view. A plain wheel scrolls
/// the page. The listener is not passive, so that a zoom does not also
/// zoom the page.
#[hook]
pub(super) fn use_wheel_zoom(canvas: NodeRef, gestures: Gestures) {
    use_effect_with(canvas, move |canvas| {
        let element = canvas.cast::<HtmlCanvasElement>();
        let listener = Closure::<dyn FnMut(WheelEvent)>::new(move |event: WheelEvent| {
            let unit = match event.delta_mode() {
                WheelEvent::DOM_DELTA_LINE => 16.0,
                WheelEvent::DOM_DELTA_PAGE => 400.0,
                _ => 1.0,
            };
            let (dx, dy) = (event.delta_x() * unit, event.delta_y() * unit);
            if event.ctrl_key() || event.meta_key() {
                event.prevent_default();
                let anchor = gestures
                    .layout
                    .borrow()
                    .as_ref()
                    .and_then(|l| l.time_at(f64::from(event.offset_x())));
                gestures.zoom_by((dy * 0.002).clamp(-1.0, 1.0).exp(), anchor);
            } else if gestures.zoomed() && (event.shift_key() || dx.abs() > dy.abs()) {
                event.prevent_default();
                let pixels = if dx.abs() > dy.abs() { dx } else { dy };
                let plot = gestures
                    .layout
                    .borrow()
                    .as_ref()
                    .map_or(1.0, |l| l.plot_width);
                gestures.pan_by(pixels / plot);
            }
        });
        let options = AddEventListenerOptions::new();
        options.set_passive(false);
        if let Some(element) = &element {
            let _ = element.add_event_listener_with_callback_and_add_event_listener_options(
                "wheel",
                listener.as_ref().unchecked_ref(),
                &options,
            );
        }
        move || {
            if let Some(element) = element {
                let _ = element.remove_event_listener_with_callback(
                    "wheel",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
