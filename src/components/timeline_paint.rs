//! Painting the timeline on its canvas: the axis, the lanes' bars
//! (computing solid, I/O hatched, the waits pale and outlined), each
//! future's number, the GIL strip, the timeout and the marks for `wait()`'s
//! return and the first exception, the replay's moment and a selected
//! stretch, all for the stretch of time the view shows.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasPattern, CanvasRenderingContext2d, HtmlCanvasElement};

use crate::charts::{css, Palette};
use crate::i18n::{text, Label, Lang};
use crate::number_text::grouped;
use crate::timeline::Timeline as Model;
use crate::timeline::{ticks_between, Activity};
use crate::timeline_layout::{lane_label, Layout, AXIS_HEIGHT, GIL_HEIGHT, ROW_HEIGHT};
use crate::timeline_viewport::Viewport;

/// Lane colours on the dark theme: distinct hues of middle lightness, each
/// at least 3:1 against its panel; no red, which marks failures.
pub(super) const LANE_COLOURS: [&str; 8] = [
    "#3b82f6", "#f59e0b", "#10b981", "#a855f7", "#78716c", "#06b6d4", "#84cc16", "#ec4899",
];
/// The same hues, darker, for the light theme's white panel (each at least
/// 4.5:1 against it; the dark theme's amber or lime are about 2:1 there).
const LANE_COLOURS_LIGHT: [&str; 8] = [
    "#2563eb", "#b45309", "#047857", "#9333ea", "#57534e", "#0e7490", "#4d7c0f", "#db2777",
];
const FAILED: &str = "#dc2626";

/// What one paint can reuse from the last: the plot's width (reading it
/// forces a layout, so only when the window's width changes) and the I/O
/// hatching patterns of the canvas.
#[derive(Default)]
pub(super) struct PaintCache {
    window_width: Option<i32>,
    width: f64,
    patterns: Vec<Option<CanvasPattern>>,
    /// The theme the patterns were made for.
    patterns_dark: bool,
}

impl PaintCache {
    /// The width to paint at, measured again only for a new window width.
    pub(super) fn prepare(
        &mut self,
        canvas: &HtmlCanvasElement,
        window_width: i32,
        dark: bool,
    ) -> Option<f64> {
        if self.window_width != Some(window_width) {
            self.width = f64::from(canvas.parent_element()?.client_width()).max(200.0);
            self.window_width = Some(window_width);
        }
        if self.patterns.is_empty() || self.patterns_dark != dark {
            let context = context_2d(canvas)?;
            self.patterns = (0..LANE_COLOURS.len())
                .map(|i| hatch(&context, lane_colour(i, dark)))
                .collect();
            self.patterns_dark = dark;
        }
        Some(self.width)
    }
}

pub(super) fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// What is marked on the plot besides the bars, and the stretch shown.
#[derive(Clone, Copy)]
pub(super) struct View {
    /// True on a dark page.
    pub dark: bool,
    /// The timeout, in ms from the origin.
    pub timeout_ms: Option<f64>,
    /// The replay's moment.
    pub moment_ns: Option<u64>,
    /// The time the plot spans at least (the whole run while replaying).
    pub window_end_ns: Option<u64>,
    /// The stretch zoomed into, if any.
    pub zoom: Option<Viewport>,
    /// The selected stretch, if any.
    pub selection: Option<Viewport>,
}

impl View {
    /// The whole time the plot can show, in ns: the run so far (or the
    /// replay's whole run) and the timeout, with a little room after.
    pub fn whole_ns(&self, timeline: &Model) -> u64 {
        let timeout_ns = self.timeout_ms.map_or(0, |ms| (ms * 1e6) as u64);
        let shown = timeline
            .end_ns()
            .max(timeout_ns)
            .max(self.window_end_ns.unwrap_or(0));
        shown + shown / 30 + 1
    }

    /// The stretch to paint: the zoomed one, kept inside the whole, or the
    /// whole.
    pub fn shown(&self, timeline: &Model) -> Viewport {
        let whole = self.whole_ns(timeline);
        self.zoom.map_or(Viewport::whole(whole), |zoom| {
            Viewport::between(zoom.from_ns, zoom.to_ns, whole)
        })
    }
}

/// Paints the timeline for the stretch `view` shows; returns the layout
/// used, for the pointer.
pub(super) fn paint(
    canvas: &HtmlCanvasElement,
    cache: &PaintCache,
    width: f64,
    timeline: &Model,
    view: View,
    lang: Lang,
    palette: Palette,
) -> Option<Layout> {
    let timeout_ms = view.timeout_ms;
    let shown = view.shown(timeline);
    let (from_ns, to_ns) = (shown.from_ns, shown.to_ns);
    let layout = Layout::new(timeline, width, shown);
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    // Resizing a canvas reallocates it: only when the size changes.
    let (pixels_wide, pixels_high) = ((width * ratio) as u32, (layout.height * ratio) as u32);
    if canvas.width() != pixels_wide || canvas.height() != pixels_high {
        canvas.set_width(pixels_wide);
        canvas.set_height(pixels_high);
        let style = canvas.style();
        let _ = style.set_property("width", &format!("{width}px"));
        let _ = style.set_property("height", &format!("{}px", layout.height));
    }
    let context = context_2d(canvas)?;
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    context.clear_rect(0.0, 0.0, width, layout.height);
    let ink = css(palette.ink);
    let grid = css(palette.grid);
    context.set_font("11px system-ui, sans-serif");
    context.set_text_baseline("middle");

    // The axis and its grid.
    let mut last_right = f64::MIN;
    let tick_marks = ticks_between(
        from_ns as f64 / 1e6,
        to_ns as f64 / 1e6,
        (layout.plot_width / 90.0).max(2.0) as usize,
    );
    // As many decimals as the step between ticks needs (0.05 ms, not
    // 0.15000000000000002 ms), digits grouped.
    let step = tick_marks
        .get(1)
        .map_or(1.0, |second| second - tick_marks[0]);
    let decimals = (-step.log10().floor()).clamp(0.0, 9.0) as usize;
    for tick in tick_marks {
        let x = layout.x_of_ms(tick).round() + 0.5;
        context.set_fill_style_str(&grid);
        context.fill_rect(x, 16.0, 1.0, layout.height - 16.0);
        // Labels sit right of their line, or left of it at the plot's end,
        // and are left out where they would run into the one before.
        let label = format!("{} ms", grouped(tick, decimals));
        let width = context.measure_text(&label).map_or(40.0, |m| m.width());
        let near_end = x + 3.0 + width > layout.gutter + layout.plot_width;
        let left = if near_end { x - 3.0 - width } else { x + 3.0 };
        if left > last_right + 6.0 {
            context.set_fill_style_str(&ink);
            let _ = context.fill_text(&label, left, 9.0);
            last_right = left + width;
        }
    }
    context.set_text_align("left");

    if let Some(top) = layout.gil_top {
        context.set_fill_style_str(&ink);
        let _ = context.fill_text("GIL", 12.0, top + GIL_HEIGHT / 2.0);
    }
    // Lane names and their colour swatches.
    for (index, lane) in timeline.lanes().iter().enumerate() {
        let top = layout.row_top(index, 0);
        context.set_fill_style_str(lane_colour(index, view.dark));
        context.fill_rect(2.0, top + 3.0, 6.0, ROW_HEIGHT - 6.0);
        context.set_fill_style_str(&ink);
        let _ = context.fill_text(
            &lane_label(&lane.worker, layout.gutter - 16.0),
            12.0,
            top + ROW_HEIGHT / 2.0,
        );
    }

    // Everything from here on stays on the plot, whatever the zoom.
    context.save();
    context.begin_path();
    context.rect(
        layout.gutter,
        AXIS_HEIGHT - 6.0,
        layout.plot_width + 8.0,
        layout.height,
    );
    context.clip();

    // The bars.
    let patterns = &cache.patterns;
    for bar in timeline.bars(from_ns, to_ns, layout.plot_width) {
        let (x, y) = (
            layout.gutter + bar.x,
            layout.row_top(bar.lane, bar.row) + 1.0,
        );
        let (w, h) = (
            if bar.width >= 3.0 {
                bar.width - 0.5
            } else {
                bar.width
            },
            ROW_HEIGHT - 2.0,
        );
        let colour = lane_colour(bar.lane, view.dark);
        context.set_global_alpha(1.0);
        match (bar.failed, bar.activity) {
            (true, _) => context.set_fill_style_str(FAILED),
            (false, Activity::Cpu) => context.set_fill_style_str(colour),
            (false, Activity::Io) => match &patterns[bar.lane % LANE_COLOURS.len()] {
                Some(pattern) => context.set_fill_style_canvas_pattern(pattern),
                None => {
                    context.set_global_alpha(0.4);
                    context.set_fill_style_str(colour);
                }
            },
            (false, Activity::GilWait | Activity::LoopWait | Activity::LockWait) => {
                context.set_global_alpha(0.22);
                context.set_fill_style_str(colour);
            }
            // Computing or waiting: half the colour, outlined below.
            (false, Activity::Untold) => {
                context.set_global_alpha(0.5);
                context.set_fill_style_str(colour);
            }
        }
        context.fill_rect(x, y, w, h);
        if !bar.failed
            && matches!(
                bar.activity,
                Activity::GilWait | Activity::LoopWait | Activity::LockWait | Activity::Untold
            )
        {
            // A wait's pale fill is outlined in the lane's colour (3:1 and
            // more against the panel); a lock wait has a solid top line.
            context.set_global_alpha(1.0);
            context.set_stroke_style_str(colour);
            context.set_line_width(1.0);
            if w >= 3.0 {
                context.stroke_rect(x + 0.5, y + 0.5, w - 1.0, h - 1.0);
            }
            if bar.activity == Activity::LockWait {
                context.fill_rect(x, y, w, 2.0);
            }
        }
    }
    context.set_global_alpha(1.0);

    // Worker processes starting: a dashed outline on their lane, named.
    startups(&context, timeline, &layout, view, lang);

    // Each future's number on its bar, where it fits, ringed in the page's
    // colour so that it reads on every fill.
    label_futures(&context, timeline, &layout, (&ink, &css(palette.page)));

    // Who held the GIL.
    if let Some(top) = layout.gil_top {
        for bar in timeline.gil_bars(from_ns, to_ns, layout.plot_width) {
            context.set_fill_style_str(lane_colour(bar.lane, view.dark));
            context.fill_rect(layout.gutter + bar.x, top, bar.width, GIL_HEIGHT);
        }
    }

    let in_view = |ns: u64| (from_ns..=to_ns).contains(&ns);
    // The timeout.
    if let Some(ms) = timeout_ms.filter(|ms| in_view((ms * 1e6) as u64)) {
        let x = layout.x_of_ms(ms).round() + 0.5;
        dashed_line(&context, x, &layout, FAILED, (4.0, 3.0));
        context.set_fill_style_str(FAILED);
        let label = text(lang, Label::TimeoutLine);
        let _ = context.fill_text(label, (x - 60.0).max(layout.gutter), layout.height - 6.0);
    }
    // When wait() returned, and the first failure.
    let marks = [
        timeline.wait_returned_ns().map(|t| {
            (
                t,
                text(lang, Label::WaitReturnedMark).to_owned(),
                ink.clone(),
            )
        }),
        timeline.first_failure().map(|(id, t)| {
            (
                t,
                format!("{} #{id}", text(lang, Label::FirstFailureMark)),
                FAILED.to_owned(),
            )
        }),
        timeline
            .merged_from_ns()
            .map(|t| (t, text(lang, Label::MergedMark).to_owned(), ink.clone())),
    ];
    let page = css(palette.page);
    let marks = marks.into_iter().flatten().filter(|(t, ..)| in_view(*t));
    for (index, (t, label, colour)) in marks.enumerate() {
        let x = layout.x_of_ms(t as f64 / 1e6).round() + 0.5;
        dashed_line(&context, x, &layout, &colour, (2.0, 2.0));
        let width = context.measure_text(&label).map_or(60.0, |m| m.width());
        let left = if x + 4.0 + width > layout.gutter + layout.plot_width {
            x - 4.0 - width
        } else {
            x + 4.0
        };
        // One above the other, ringed so that they read over the bars.
        let y = layout.height - 6.0 - 13.0 * index as f64;
        context.set_line_width(3.0);
        context.set_stroke_style_str(&page);
        let _ = context.stroke_text(&label, left, y);
        context.set_line_width(1.0);
        context.set_fill_style_str(&colour);
        let _ = context.fill_text(&label, left, y);
    }
    // The selected stretch: tinted, with its edges.
    if let Some(selection) = view.selection {
        let (x0, x1) = (
            layout.x_of_ms(selection.from_ns as f64 / 1e6),
            layout.x_of_ms(selection.to_ns as f64 / 1e6),
        );
        let accent = css(palette.accent);
        context.set_fill_style_str(&accent);
        context.set_global_alpha(0.16);
        context.fill_rect(x0, AXIS_HEIGHT - 6.0, x1 - x0, layout.height);
        context.set_global_alpha(1.0);
        context.fill_rect(x0.round() - 0.5, AXIS_HEIGHT - 6.0, 1.0, layout.height);
        context.fill_rect(x1.round() - 0.5, AXIS_HEIGHT - 6.0, 1.0, layout.height);
    }
    // The replay's moment.
    if let Some(moment) = view.moment_ns.filter(|t| in_view(*t)) {
        let x = layout.x_of_ms(moment as f64 / 1e6).round();
        context.set_fill_style_str(&css(palette.accent));
        context.fill_rect(x - 1.0, 14.0, 2.0, layout.height - 14.0);
    }
    context.restore();
    Some(layout)
}

/// Each worker process's start-up on row 0 of its lane: a pale fill in the
/// lane's colour with a dashed outline, labelled where it fits.
fn startups(
    context: &CanvasRenderingContext2d,
    timeline: &Model,
    layout: &Layout,
    view: View,
    lang: Lang,
) {
    let label = text(lang, Label::LegendStartup);
    let label_width = context.measure_text(label).map_or(60.0, |m| m.width());
    context.set_text_align("center");
    for startup in timeline.startups() {
        let end = startup.end_ns.unwrap_or(timeline.end_ns());
        let (x0, x1) = (
            layout.x_of_ms(startup.start_ns as f64 / 1e6),
            layout.x_of_ms(end as f64 / 1e6),
        );
        let (y, h) = (layout.row_top(startup.lane, 0) + 1.0, ROW_HEIGHT - 2.0);
        let w = (x1 - x0).max(1.0);
        let colour = lane_colour(startup.lane, view.dark);
        context.set_global_alpha(0.14);
        context.set_fill_style_str(colour);
        context.fill_rect(x0, y, w, h);
        context.set_global_alpha(1.0);
        context.set_stroke_style_str(colour);
        context.set_line_width(1.0);
        let _ = context.set_line_dash(&js_sys::Array::of2(
            &JsValue::from(3.0),
            &JsValue::from(2.0),
        ));
        context.stroke_rect(x0 + 0.5, y + 0.5, (w - 1.0).max(0.0), h - 1.0);
        let _ = context.set_line_dash(&js_sys::Array::new());
        if w > label_width + 8.0 {
            context.set_fill_style_str(colour);
            let _ = context.fill_text(label, x0 + w / 2.0, y + h / 2.0);
        }
    }
    context.set_text_align("left");
}

/// A dashed vertical line across the plot at `x`: `(dash, gap)` in pixels.
fn dashed_line(
    context: &CanvasRenderingContext2d,
    x: f64,
    layout: &Layout,
    colour: &str,
    (dash, gap): (f64, f64),
) {
    context.set_stroke_style_str(colour);
    let _ = context.set_line_dash(&js_sys::Array::of2(
        &JsValue::from(dash),
        &JsValue::from(gap),
    ));
    context.begin_path();
    context.move_to(x, 16.0);
    context.line_to(x, layout.height);
    context.stroke();
    let _ = context.set_line_dash(&js_sys::Array::new());
}

/// Writes each future's number on the middle of its bar where it fits.
fn label_futures(
    context: &CanvasRenderingContext2d,
    timeline: &Model,
    layout: &Layout,
    (ink, ring): (&str, &str),
) {
    context.set_text_align("center");
    context.set_line_width(3.0);
    context.set_stroke_style_str(ring);
    context.set_fill_style_str(ink);
    let x_of = |ns: u64| layout.x_of_ms(ns as f64 / 1e6);
    for id in 0..timeline.futures() as u64 {
        let Some(span) = timeline.span_of(id) else {
            continue;
        };
        let (Some((lane, row)), Some(started)) = (span.place, span.started_ns) else {
            continue;
        };
        let (x0, x1) = (
            x_of(started),
            x_of(span.ended_ns.unwrap_or(timeline.end_ns())),
        );
        let label = id.to_string();
        // About 7 px a digit at 11 px, and room on both sides.
        if x1 - x0 < 7.0 * label.len() as f64 + 8.0 {
            continue;
        }
        let y = layout.row_top(lane, row) + ROW_HEIGHT / 2.0;
        let x = (x0 + x1) / 2.0;
        context.stroke_text(&label, x, y).ok();
        context.fill_text(&label, x, y).ok();
    }
    context.set_text_align("left");
    context.set_line_width(1.0);
}

pub(super) fn lane_colour(lane: usize, dark: bool) -> &'static str {
    let colours = if dark {
        &LANE_COLOURS
    } else {
        &LANE_COLOURS_LIGHT
    };
    colours[lane % colours.len()]
}

/// Diagonal hatching in `colour` over a pale tint of it: the I/O fill.
pub(super) fn hatch(owner: &CanvasRenderingContext2d, colour: &str) -> Option<CanvasPattern> {
    let document = web_sys::window()?.document()?;
    let tile = document
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()?;
    tile.set_width(6);
    tile.set_height(6);
    let context = tile
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    context.set_global_alpha(0.25);
    context.set_fill_style_str(colour);
    context.fill_rect(0.0, 0.0, 6.0, 6.0);
    context.set_global_alpha(1.0);
    context.set_stroke_style_str(colour);
    context.set_line_width(1.5);
    context.begin_path();
    context.move_to(0.0, 6.0);
    context.line_to(6.0, 0.0);
    context.move_to(-1.0, 1.0);
    context.line_to(1.0, -1.0);
    context.move_to(5.0, 7.0);
    context.line_to(7.0, 5.0);
    context.stroke();
    owner
        .create_pattern_with_html_canvas_element(&tile, "repeat")
        .ok()?
}
