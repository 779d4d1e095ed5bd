//! The timeline: its canvas (painted by `timeline_paint`), the zoom tools
//! and the stretch shown, a selected stretch's figures, the cursor's
//! details and the legend.

use std::cell::Cell;
use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::timeline_gestures::{use_wheel_zoom, Drag, Gestures, Hover};
use super::timeline_paint::{paint, PaintCache, View};
use crate::charts::Palette;
use crate::hooks::use_window_width;
use crate::i18n::{range_summary, shown_stretch, state_name, text, timeline_summary, Label, Lang};
use crate::number_text::grouped;
use crate::shared::Shared;
use crate::state::Row;
use crate::timeline::Activity;
use crate::timeline::Timeline as Model;
use crate::timeline_layout::Layout;
use crate::timeline_range::RangeFigures;
use crate::timeline_viewport::Viewport;

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
    /// A click on the plot asks for that moment.
    #[prop_or_default]
    pub on_seek: Option<Callback<u64>>,
    /// Which run this is (a new run shows the whole of it again).
    #[prop_or_default]
    pub run: u64,
}

/// The timeline canvas with its zoom tools, selection, legend and the
/// cursor's details.
#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineViewProps) -> Html {
    let canvas = use_node_ref();
    let layout = use_mut_ref(|| None::<Layout>);
    // The last paint's whole time, read by the gestures.
    let whole = use_memo((), |_| Rc::new(Cell::new(1u64)));
    let cache = use_mut_ref(PaintCache::default);
    // A drag lives across renders: each move re-renders the view.
    let drag = use_mut_ref(|| None::<Drag>);
    let hover = use_state(|| None::<Hover>);
    let zoom = use_state(|| None::<Viewport>);
    let selection = use_state(|| None::<Viewport>);
    let width = use_window_width();
    {
        // A new run is shown whole, with nothing selected.
        let (zoom, selection, hover) = (zoom.clone(), selection.clone(), hover.clone());
        use_effect_with(props.run, move |_| {
            zoom.set(None);
            selection.set(None);
            hover.set(None);
        });
    }
    let view = View {
        dark: props.dark,
        timeout_ms: props.timeout_ms,
        moment_ns: props.moment_ns,
        window_end_ns: props.window_end_ns,
        zoom: *zoom,
        selection: *selection,
    };
    {
        let (canvas, layout, cache, whole) = (
            canvas.clone(),
            Rc::clone(&layout),
            Rc::clone(&cache),
            Rc::clone(&*whole),
        );
        let deps = (
            props.timeline.clone(),
            width,
            props.lang,
            (props.timeout_ms, props.moment_ns, props.window_end_ns),
            (*zoom, *selection, props.dark),
        );
        use_effect_with(deps, move |(timeline, window_width, lang, ..)| {
            if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
                let timeline = timeline.borrow();
                whole.set(view.whole_ns(&timeline));
                let palette = Palette::for_theme(view.dark);
                let mut cache = cache.borrow_mut();
                let painted = cache
                    .prepare(&element, *window_width, view.dark)
                    .and_then(|width| {
                        paint(&element, &cache, width, &timeline, view, *lang, palette)
                    });
                *layout.borrow_mut() = painted;
            }
        });
    }
    let gestures = Gestures {
        layout: Rc::clone(&layout),
        whole_ns: Rc::clone(&*whole),
        zoom: zoom.clone(),
        selection: selection.clone(),
        hover: hover.clone(),
        timeline: props.timeline.clone(),
        on_seek: props.on_seek.clone(),
        drag: Rc::clone(&drag),
    };
    use_wheel_zoom(canvas.clone(), gestures.clone());
    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    let lang = props.lang;
    let timeline = props.timeline.borrow();
    let has_gil = timeline.has_gil();
    let whole_now = view.whole_ns(&timeline);
    let shown = view.shown(&timeline);
    let zoomed = !shown.is_whole(whole_now);
    // Counts only: worker names would make the canvas match searches for
    // the executor's name.
    let summary = timeline_summary(lang, timeline.lanes().len(), props.rows.borrow().len());
    let button = |label: Label,
                  shortcut: Option<&'static str>,
                  disabled: bool,
                  action: Callback<MouseEvent>| {
        html! {
            <button type="button" class="tool" aria-keyshortcuts={shortcut} {disabled} onclick={action}>
                { text(lang, label) }
            </button>
        }
    };
    let act = |f: fn(&Gestures)| {
        let gestures = gestures.clone();
        Callback::from(move |_: MouseEvent| f(&gestures))
    };
    let ms = |ns: u64| ns as f64 / 1e6;
    let range = selection.map(|range| RangeFigures::of(&timeline, range));
    html! {
        <section class="timeline" data-testid="timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ text(lang, Label::Timeline) }</h2>
            <p class="hint">{ text(lang, Label::TimelineHelp) }</p>
            <div class="timeline-tools" role="group" aria-label={text(lang, Label::TimelineTools)}>
                { button(Label::ZoomIn, Some("+"), false, act(|g| g.zoom_by(0.5, None))) }
                { button(Label::ZoomOut, Some("-"), !zoomed, act(|g| g.zoom_by(2.0, None))) }
                { button(Label::WholeRun, Some("0"), !zoomed, act(Gestures::show_whole)) }
                <span class="shown" data-testid="timeline-shown"
                    data-from-ns={shown.from_ns.to_string()} data-to-ns={shown.to_ns.to_string()}>
                    if zoomed {
                        { shown_stretch(lang, ms(shown.from_ns), ms(shown.to_ns), ms(whole_now)) }
                    }
                </span>
            </div>
            <div class="timeline-canvas">
                <canvas ref={canvas} role="img" aria-label={summary} tabindex="0"
                    aria-describedby={hover.is_some().then_some("timeline-tip")}
                    data-lanes={timeline.lanes().len().to_string()}
                    data-gil={has_gil.to_string()}
                    onpointermove={gestures.on_move()} onpointerdown={gestures.on_down()}
                    onpointerup={gestures.on_up()} onpointerleave={on_leave}
                    onkeydown={gestures.on_key()} />
                // Always present, so the canvas keeps its place (and its
                // pixels) when the cursor comes and goes.
                <div class="timeline-overlay">
                    { for hover.as_ref().map(|h| cursor(h, &timeline, &props.rows.borrow(), lang, &layout.borrow())) }
                </div>
            </div>
            // A future chosen with the keys is read out (pointing shows it
            // only).
            <p class="sr-only" aria-live="polite" data-testid="timeline-announce">
                { for hover.filter(|h| h.keyed).and_then(|h| h.future).map(|id| announce(id, &props.rows.borrow(), lang)) }
            </p>
            if let Some(range) = range {
                <div class="timeline-range" data-testid="timeline-range">
                    <p>{ range_summary(lang, &range) }</p>
                    { button(Label::ZoomToSelection, None, false, act(Gestures::zoom_to_selection)) }
                    { button(Label::ClearSelection, Some("Escape"), false, {
                        let selection = selection.clone();
                        Callback::from(move |_: MouseEvent| selection.set(None))
                    }) }
                </div>
            }
            { legend(lang, &timeline) }
        </section>
    }
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
    // Decimals enough to tell moments a pixel apart on the zoomed plot.
    let decimals = layout.as_ref().map_or(2, |l| {
        let pixel_ms = l.window_ns as f64 / 1e6 / l.plot_width.max(1.0);
        (-pixel_ms.log10().floor()).clamp(2.0, 6.0) as usize
    });
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
            <div class="cursor-tip" id="timeline-tip" role="tooltip" data-testid="timeline-tip" style={tip_style}>
                <span class="cursor-time">{ format!("t = {} ms", grouped(hover.t_ns as f64 / 1e6, decimals)) }</span>
                { for details }
            </div>
        </>
    }
}

/// A future's details in one line, for a screen reader.
fn announce(id: u64, rows: &[Row], lang: Lang) -> String {
    let Some(row) = rows.get(id as usize) else {
        return format!("future #{id}");
    };
    let duration = row
        .duration_ms()
        .map(|ms| format!(", {} {ms:.1} ms", text(lang, Label::Duration)))
        .unwrap_or_default();
    format!(
        "future #{id}: {} {}, {} {}{duration}",
        text(lang, Label::Input),
        row.input,
        state_name(lang, row.state.as_str()),
        row.worker.as_deref().unwrap_or_default(),
    )
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
            if timeline.shows(Activity::Untold) {
                { item("untold", Label::LegendUntold) }
            }
            if !timeline.startups().is_empty() {
                { item("startup", Label::LegendStartup) }
            }
            { item("failed", Label::LegendFailed) }
            { item("timeout", Label::TimeoutLine) }
        </ul>
    }
}
