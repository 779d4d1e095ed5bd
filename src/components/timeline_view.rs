//! The timeline on a canvas: one lane per worker, a bar for every stretch of
//! every task (computing solid, I/O hatched, waiting for the GIL pale), the
//! GIL holder strip, the wait timeout line, and a cursor that names the
//! future under it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasPattern, CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::charts::{css, Palette};
use crate::hooks::use_window_width;
use crate::i18n::{state_name, text, timeline_summary, Label, Lang};
use crate::number_text::grouped;
use crate::shared::Shared;
use crate::state::Row;
use crate::timeline::Timeline as Model;
use crate::timeline::{ticks, Activity};
use crate::timeline_layout::{Layout, GIL_HEIGHT, ROW_HEIGHT};

/// Lane colours on the dark theme: distinct hues of middle lightness, each
/// at least 3:1 against its panel; no red, which marks failures.
const LANE_COLOURS: [&str; 8] = [
    "#3b82f6", "#f59e0b", "#10b981", "#a855f7", "#78716c", "#06b6d4", "#84cc16", "#ec4899",
];
/// The same hues, darker, for the light theme's white panel (each at least
/// 4.5:1 against it; the dark theme's amber or lime are about 2:1 there).
const LANE_COLOURS_LIGHT: [&str; 8] = [
    "#2563eb", "#b45309", "#047857", "#9333ea", "#57534e", "#0e7490", "#4d7c0f", "#db2777",
];
const FAILED: &str = "#dc2626";

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The run's timeline.
    pub timeline: Shared<Model>,
    /// The futures' rows, for the details under the cursor.
    pub rows: Shared<Vec<Row>>,
    /// The timeout of `wait`, `as_completed` or `map`, in ms, drawn as a line.
    pub timeout_ms: Option<f64>,
    /// The language shown.
    pub lang: Lang,
    /// True on a dark page.
    pub dark: bool,
    /// The replay's moment (ns from the first event), drawn as a line.
    #[prop_or_default]
    pub moment_ns: Option<u64>,
    /// The time the plot spans (the whole run while replaying), if longer
    /// than the timeline so far.
    #[prop_or_default]
    pub window_end_ns: Option<u64>,
    /// Pressing or dragging on the plot asks for that moment.
    #[prop_or_default]
    pub on_seek: Option<Callback<u64>>,
}

/// What the pointer is over.
#[derive(Clone, Copy, PartialEq)]
struct Hover {
    x: f64,
    y: f64,
    t_ns: u64,
    future: Option<u64>,
}

/// The timeline canvas with its legend and the cursor's details.
#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineViewProps) -> Html {
    let canvas = use_node_ref();
    let layout = use_mut_ref(|| None::<Layout>);
    let cache = use_mut_ref(PaintCache::default);
    let hover = use_state(|| None::<Hover>);
    let width = use_window_width();
    {
        let (canvas, layout, cache) = (canvas.clone(), Rc::clone(&layout), Rc::clone(&cache));
        let deps = (
            props.timeline.clone(),
            props.timeout_ms,
            width,
            props.lang,
            props.dark,
            (props.moment_ns, props.window_end_ns),
        );
        use_effect_with(
            deps,
            move |(timeline, timeout_ms, window_width, lang, dark, marks)| {
                if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
                    let palette = Palette::for_theme(*dark);
                    let view = View {
                        dark: *dark,
                        timeout_ms: *timeout_ms,
                        moment_ns: marks.0,
                        window_end_ns: marks.1,
                    };
                    let mut cache = cache.borrow_mut();
                    let painted = cache
                        .prepare(&element, *window_width, *dark)
                        .and_then(|width| {
                            paint(
                                &element,
                                &cache,
                                width,
                                &timeline.borrow(),
                                view,
                                *lang,
                                palette,
                            )
                        });
                    *layout.borrow_mut() = painted;
                }
            },
        );
    }
    let on_move = pointer(&layout, &props.timeline, &hover, props.on_seek.clone());
    let on_press = {
        let (layout, on_seek) = (Rc::clone(&layout), props.on_seek.clone());
        Callback::from(move |event: MouseEvent| seek(&layout, on_seek.as_ref(), &event))
    };
    let on_key = keys(&layout, &props.timeline, &hover);
    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let lang = props.lang;
    let timeline = props.timeline.borrow();
    let has_gil = timeline.has_gil();
    // Counts only: worker names would make the canvas match searches for
    // the executor's name.
    let summary = timeline_summary(lang, timeline.lanes().len(), props.rows.borrow().len());
    html! {
        <section class="timeline" data-testid="timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ text(lang, Label::Timeline) }</h2>
            <p class="hint">{ text(lang, Label::TimelineHelp) }</p>
            <div class="timeline-canvas">
                <canvas ref={canvas} role="img" aria-label={summary} tabindex="0"
                    data-lanes={timeline.lanes().len().to_string()}
                    data-gil={has_gil.to_string()}
                    onmousemove={on_move} onmousedown={on_press} onmouseleave={on_leave} onkeydown={on_key} />
                // Always present, so the canvas keeps its place (and its
                // pixels) when the cursor comes and goes.
                <div class="timeline-overlay">
                    { for hover.as_ref().map(|h| cursor(h, &timeline, &props.rows.borrow(), lang, &layout.borrow())) }
                </div>
            </div>
            { legend(lang, &timeline) }
        </section>
    }
}

/// Asks for the moment under the pointer, if the plot is there.
fn seek(layout: &RefCell<Option<Layout>>, on_seek: Option<&Callback<u64>>, event: &MouseEvent) {
    let at = layout
        .borrow()
        .as_ref()
        .and_then(|l| l.time_at(f64::from(event.offset_x())));
    if let (Some(on_seek), Some(t_ns)) = (on_seek, at) {
        on_seek.emit(t_ns);
    }
}

/// Finds what is under the pointer from the last paint's layout.
fn pointer(
    layout: &Rc<RefCell<Option<Layout>>>,
    timeline: &Shared<Model>,
    hover: &UseStateHandle<Option<Hover>>,
    on_seek: Option<Callback<u64>>,
) -> Callback<MouseEvent> {
    let (layout, timeline, hover) = (Rc::clone(layout), timeline.clone(), hover.clone());
    Callback::from(move |event: MouseEvent| {
        // Dragging with the button down scrubs the replay.
        if event.buttons() & 1 == 1 {
            seek(&layout, on_seek.as_ref(), &event);
        }
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        let layout = layout.borrow();
        let Some(layout) = layout.as_ref() else {
            return;
        };
        let Some(t_ns) = layout.time_at(x) else {
            hover.set(None);
            return;
        };
        let future = layout
            .locate(x, y)
            .and_then(|(lane, row, t)| timeline.borrow().hit(lane, row, t));
        hover.set(Some(Hover { x, y, t_ns, future }));
    })
}

/// Arrow keys on the focused canvas go from one future's bar to the next
/// (left and right) and show its details, as pointing at it would.
fn keys(
    layout: &Rc<RefCell<Option<Layout>>>,
    timeline: &Shared<Model>,
    hover: &UseStateHandle<Option<Hover>>,
) -> Callback<KeyboardEvent> {
    let (layout, timeline, hover) = (Rc::clone(layout), timeline.clone(), hover.clone());
    Callback::from(move |event: KeyboardEvent| {
        let step: i64 = match event.key().as_str() {
            "ArrowRight" | "ArrowDown" => 1,
            "ArrowLeft" | "ArrowUp" => -1,
            "Escape" => {
                hover.set(None);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        let (layout, timeline) = (layout.borrow(), timeline.borrow());
        let Some(layout) = layout.as_ref() else {
            return;
        };
        let count = timeline.futures() as i64;
        let mut id = hover
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
            if let (Some((lane, row)), Some(start)) = (span.place, span.started_ns) {
                let end = span.ended_ns.unwrap_or(timeline.end_ns()).max(start);
                let t_ns = start + (end - start) / 2;
                let x = layout.gutter + t_ns as f64 / layout.window_ns as f64 * layout.plot_width;
                let y = layout.row_top(lane, row) + ROW_HEIGHT / 2.0;
                hover.set(Some(Hover {
                    x,
                    y,
                    t_ns,
                    future: Some(id as u64),
                }));
                return;
            }
        }
    })
}

/// The cursor line, its time, and the details of the future under it.
fn cursor(
    hover: &Hover,
    timeline: &Model,
    rows: &[Row],
    lang: Lang,
    layout: &Option<Layout>,
) -> Html {
    let height = layout.as_ref().map_or(0.0, |l| l.height);
    let ms =
        |ns: Option<u64>| ns.map_or("–".to_owned(), |ns| format!("{:.1} ms", ns as f64 / 1e6));
    let details = hover.future.and_then(|id| {
        let span = timeline.span_of(id)?;
        let row = rows.get(id as usize);
        let state = row.map_or("running", |r| r.state.as_str());
        let duration = span
            .started_ns
            .zip(span.ended_ns)
            .map(|(s, e)| e.saturating_sub(s));
        Some(html! {
            <>
                <strong>{ format!("future #{id}") }</strong>
                { for row.map(|r| html! { <span>{ format!("{}: {}", text(lang, Label::Input), r.input) }</span> }) }
                <span>{ format!("{}: {}", text(lang, Label::State), state_name(lang, state)) }</span>
                { for row.and_then(|r| r.worker.clone()).map(|w| html! { <span>{ format!("{}: {w}", text(lang, Label::Worker)) }</span> }) }
                <span>{ format!("{} {} · {} {} · {} {}",
                    text(lang, Label::Submitted), ms(span.submitted_ns),
                    text(lang, Label::Started), ms(span.started_ns),
                    text(lang, Label::Ended), ms(span.ended_ns)) }</span>
                { for duration.map(|d| html! { <span>{ format!("{}: {}", text(lang, Label::Duration), ms(Some(d))) }</span> }) }
                { for row.and_then(|r| r.outcome.clone()).map(|o| html! { <span class="outcome">{ format!("{}: {}", text(lang, Label::Result), shorten(&o)) }</span> }) }
            </>
        })
    });
    let flip = hover.x > 360.0;
    let tip_style = if flip {
        format!(
            "right: calc(100% - {}px); top: {}px",
            hover.x - 8.0,
            hover.y + 12.0
        )
    } else {
        format!("left: {}px; top: {}px", hover.x + 8.0, hover.y + 12.0)
    };
    html! {
        <>
            <div class="cursor-line" style={format!("left: {}px; height: {height}px", hover.x)} />
            <div class="cursor-tip" role="tooltip" data-testid="timeline-tip" style={tip_style}>
                <span class="cursor-time">{ format!("t = {:.2} ms", hover.t_ns as f64 / 1e6) }</span>
                { for details }
            </div>
        </>
    }
}

fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count > 60 {
        format!("{}… ({count})", text.chars().take(60).collect::<String>())
    } else {
        text.to_owned()
    }
}

fn legend(lang: Lang, timeline: &Model) -> Html {
    let has_gil = timeline.has_gil();
    let item = |class: &str, label: Label| {
        html! { <li><span class={classes!("swatch", class.to_owned())} />{ text(lang, label) }</li> }
    };
    html! {
        <ul class="legend" data-testid="timeline-legend">
            { item("cpu", Label::LegendCpu) }
            { item("io", Label::LegendIo) }
            if has_gil {
                { item("gil-wait", Label::LegendGilWait) }
                { item("gil", Label::LegendGil) }
            }
            if timeline.shows(Activity::LockWait) {
                { item("lock-wait", Label::LegendLockWait) }
            }
            if timeline.shows(Activity::LoopWait) {
                { item("loop-wait", Label::LegendLoopWait) }
            }
            { item("failed", Label::LegendFailed) }
            { item("timeout", Label::TimeoutLine) }
        </ul>
    }
}

/// Paints the whole timeline; returns the layout used, for the pointer.
/// What one paint can reuse from the last: the plot's width (reading it
/// forces a layout, so only when the window's width changes) and the I/O
/// hatching patterns of the canvas.
#[derive(Default)]
struct PaintCache {
    window_width: Option<i32>,
    width: f64,
    patterns: Vec<Option<CanvasPattern>>,
    /// The theme the patterns were made for.
    patterns_dark: bool,
}

impl PaintCache {
    /// The width to paint at, measured again only for a new window width.
    fn prepare(
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

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// What is marked on the plot besides the bars.
#[derive(Clone, Copy)]
struct View {
    dark: bool,
    timeout_ms: Option<f64>,
    moment_ns: Option<u64>,
    window_end_ns: Option<u64>,
}

fn paint(
    canvas: &HtmlCanvasElement,
    cache: &PaintCache,
    width: f64,
    timeline: &Model,
    view: View,
    lang: Lang,
    palette: Palette,
) -> Option<Layout> {
    let timeout_ms = view.timeout_ms;
    let timeout_ns = timeout_ms.map_or(0, |ms| (ms * 1e6) as u64);
    let shown = timeline
        .end_ns()
        .max(timeout_ns)
        .max(view.window_end_ns.unwrap_or(0));
    let window_ns = shown + shown / 30 + 1;
    let layout = Layout::new(timeline, width, window_ns);
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
    let window_ms = window_ns as f64 / 1e6;
    let mut last_right = f64::MIN;
    let tick_marks = ticks(window_ms, (layout.plot_width / 90.0).max(2.0) as usize);
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

    // Lane names and their colour swatches.
    for (index, lane) in timeline.lanes().iter().enumerate() {
        let top = layout.row_top(index, 0);
        context.set_fill_style_str(lane_colour(index, view.dark));
        context.fill_rect(2.0, top + 3.0, 6.0, ROW_HEIGHT - 6.0);
        context.set_fill_style_str(&ink);
        let _ = context.fill_text(
            &fit(&lane.worker, layout.gutter - 16.0),
            12.0,
            top + ROW_HEIGHT / 2.0,
        );
    }

    // The bars.
    let patterns = &cache.patterns;
    for bar in timeline.bars(0, window_ns, layout.plot_width) {
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
        }
        context.fill_rect(x, y, w, h);
        if !bar.failed
            && matches!(
                bar.activity,
                Activity::GilWait | Activity::LoopWait | Activity::LockWait
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

    // Each future's number on its bar, where it fits, ringed in the page's
    // colour so that it reads on every fill.
    label_futures(&context, timeline, &layout, (&ink, &css(palette.page)));

    // Who held the GIL.
    if let Some(top) = layout.gil_top {
        context.set_fill_style_str(&ink);
        let _ = context.fill_text("GIL", 12.0, top + GIL_HEIGHT / 2.0);
        for bar in timeline.gil_bars(0, window_ns, layout.plot_width) {
            context.set_fill_style_str(lane_colour(bar.lane, view.dark));
            context.fill_rect(layout.gutter + bar.x, top, bar.width, GIL_HEIGHT);
        }
    }

    // The timeout.
    if let Some(ms) = timeout_ms {
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
    ];
    let page = css(palette.page);
    for (index, (t, label, colour)) in marks.into_iter().flatten().enumerate() {
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
    // The replay's moment.
    if let Some(moment) = view.moment_ns {
        let x = layout.x_of_ms(moment as f64 / 1e6).round();
        context.set_fill_style_str(&css(palette.accent));
        context.fill_rect(x - 1.0, 14.0, 2.0, layout.height - 14.0);
    }
    Some(layout)
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

fn lane_colour(lane: usize, dark: bool) -> &'static str {
    let colours = if dark {
        &LANE_COLOURS
    } else {
        &LANE_COLOURS_LIGHT
    };
    colours[lane % colours.len()]
}

/// The worker's name cut to fit `room` pixels (about 6 px a character).
fn fit(name: &str, room: f64) -> String {
    let fits = (room / 6.0).max(3.0) as usize;
    let count = name.chars().count();
    if count <= fits {
        name.to_owned()
    } else {
        let tail: String = name.chars().skip(count + 1 - fits).collect();
        format!("…{tail}")
    }
}

/// Diagonal hatching in `colour` over a pale tint of it: the I/O fill.
fn hatch(owner: &CanvasRenderingContext2d, colour: &str) -> Option<CanvasPattern> {
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
