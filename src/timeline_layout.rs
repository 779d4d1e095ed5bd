//! Where the timeline's parts sit on the canvas: the time axis, the GIL
//! strip, the lanes and their rows; and the way back from a pointer position
//! to a lane, a row and a moment.

use crate::timeline::Timeline;
use crate::timeline_viewport::Viewport;

/// Height of one row of a lane, in CSS pixels.
pub const ROW_HEIGHT: f64 = 14.0;
/// Space between lanes.
pub const LANE_GAP: f64 = 5.0;
/// Height of the time axis at the top.
pub const AXIS_HEIGHT: f64 = 22.0;
/// Height of the GIL strip.
pub const GIL_HEIGHT: f64 = 10.0;

/// The geometry of one paint of the timeline.
///
/// # Examples
///
/// ```
/// use futures_lab::timeline::Timeline;
/// use futures_lab::timeline_layout::Layout;
/// use futures_lab::timeline_viewport::Viewport;
///
/// let layout = Layout::new(&Timeline::default(), 800.0, Viewport::whole(1_000_000));
/// assert_eq!(layout.x_of_ms(0.5), layout.gutter + layout.plot_width / 2.0);
/// // Zoomed into the second half, 0.5 ms is the plot's left edge.
/// let zoomed = Layout::new(&Timeline::default(), 800.0, Viewport { from_ns: 500_000, to_ns: 1_000_000 });
/// assert_eq!(zoomed.x_of_ms(0.5), zoomed.gutter);
/// assert_eq!(zoomed.time_at(zoomed.gutter + zoomed.plot_width), Some(1_000_000));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Width of the worker names on the left.
    pub gutter: f64,
    /// Width of the plot right of the gutter.
    pub plot_width: f64,
    /// The first moment shown at the plot's left edge, in ns from the origin.
    pub from_ns: u64,
    /// The time shown across the plot, in ns.
    pub window_ns: u64,
    /// Top of the GIL strip, if there is one.
    pub gil_top: Option<f64>,
    /// Top and row count of every lane (by the timeline's lane index; drawn
    /// in the workers' order).
    pub lanes: Vec<(f64, usize)>,
    /// The whole height.
    pub height: f64,
}

impl Layout {
    /// The layout of `timeline` on a canvas `width` CSS pixels wide showing
    /// the stretch `view`.
    pub fn new(timeline: &Timeline, width: f64, view: Viewport) -> Self {
        let gutter = (width * 0.22).clamp(64.0, 150.0);
        let mut top = AXIS_HEIGHT;
        let gil_top = timeline.has_gil().then(|| {
            let strip = top;
            top += GIL_HEIGHT + LANE_GAP;
            strip
        });
        // Lanes in their workers' order (ThreadPoolExecutor-0_0 above 0_1,
        // ForkProcess-2 above ForkProcess-10), whatever order they started in.
        let all = timeline.lanes();
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|a, b| natural_order(&all[*a].worker, &all[*b].worker));
        let mut lanes = vec![(0.0, 1); all.len()];
        for lane in order {
            let here = (top, all[lane].rows.len().max(1));
            top += here.1 as f64 * ROW_HEIGHT + LANE_GAP;
            lanes[lane] = here;
        }
        Self {
            gutter,
            plot_width: (width - gutter - 8.0).max(1.0),
            from_ns: view.from_ns,
            window_ns: view.span_ns().max(1),
            gil_top,
            lanes,
            height: top.max(AXIS_HEIGHT + ROW_HEIGHT) + 2.0,
        }
    }

    /// The top of a lane's row.
    pub fn row_top(&self, lane: usize, row: usize) -> f64 {
        self.lanes
            .get(lane)
            .map_or(0.0, |(top, _)| top + row as f64 * ROW_HEIGHT)
    }

    /// The x of a moment given in ms from the origin.
    pub fn x_of_ms(&self, ms: f64) -> f64 {
        self.gutter + (ms * 1e6 - self.from_ns as f64) / self.window_ns as f64 * self.plot_width
    }

    /// The lane, row and moment (ns from the origin) under a point, if it is
    /// on a lane.
    pub fn locate(&self, x: f64, y: f64) -> Option<(usize, usize, u64)> {
        let t = self.time_at(x)?;
        let (lane, (top, rows)) = self
            .lanes
            .iter()
            .enumerate()
            .find(|(_, (top, rows))| y >= *top && y < top + *rows as f64 * ROW_HEIGHT)?;
        let row = (((y - top) / ROW_HEIGHT) as usize).min(rows - 1);
        Some((lane, row, t))
    }

    /// The moment (ns from the origin) under `x`, if it is on the plot.
    pub fn time_at(&self, x: f64) -> Option<u64> {
        let fraction = (x - self.gutter) / self.plot_width;
        (0.0..=1.0)
            .contains(&fraction)
            .then_some(self.from_ns + (fraction * self.window_ns as f64) as u64)
    }
}

/// Compares worker names as people read them: runs of digits by their
/// value, the rest as text.
///
/// # Examples
///
/// ```
/// use std::cmp::Ordering;
/// use futures_lab::timeline_layout::natural_order;
///
/// assert_eq!(natural_order("ForkProcess-2", "ForkProcess-10"), Ordering::Less);
/// assert_eq!(natural_order("ThreadPoolExecutor-0_1", "ThreadPoolExecutor-0_0"), Ordering::Greater);
/// assert_eq!(natural_order("MainThread", "ThreadPoolExecutor-0_0"), Ordering::Less);
/// ```
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(name: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digits = None;
        for (at, c) in name.char_indices() {
            let is_digit = c.is_ascii_digit();
            if digits.is_some_and(|d| d != is_digit) {
                out.push((digits.unwrap_or_default(), &name[start..at]));
                start = at;
            }
            digits = Some(is_digit);
        }
        if start < name.len() {
            out.push((digits.unwrap_or_default(), &name[start..]));
        }
        out
    }
    let (left, right) = (chunks(a), chunks(b));
    for ((a_digits, a_text), (b_digits, b_text)) in left.iter().zip(&right) {
        let order = if *a_digits && *b_digits {
            // By value: without leading zeros, the longer is larger.
            let (a_trim, b_trim) = (
                a_text.trim_start_matches('0'),
                b_text.trim_start_matches('0'),
            );
            a_trim
                .len()
                .cmp(&b_trim.len())
                .then_with(|| a_trim.cmp(b_trim))
        } else {
            a_text.cmp(b_text)
        };
        if order.is_ne() {
            return order;
        }
    }
    left.len().cmp(&right.len())
}

/// A worker's name as its lane shows it in `room` CSS pixels (about 6 px a
/// character): whole where it fits; else the capitals of its words and its
/// number, which tell the lanes apart (`ThreadPoolExecutor-0_1` → `TPE-0_1`);
/// else its end.
///
/// # Examples
///
/// ```
/// use futures_lab::timeline_layout::lane_label;
///
/// assert_eq!(lane_label("ThreadPoolExecutor-0_1", 200.0), "ThreadPoolExecutor-0_1");
/// assert_eq!(lane_label("ThreadPoolExecutor-0_1", 60.0), "TPE-0_1");
/// assert_eq!(lane_label("SpawnProcess-12", 60.0), "SP-12");
/// assert_eq!(lane_label("asyncio-loop", 40.0), "…-loop");
/// ```
pub fn lane_label(name: &str, room: f64) -> String {
    let fits = (room / 6.0).max(3.0) as usize;
    let count = name.chars().count();
    if count <= fits {
        return name.to_owned();
    }
    if let Some((words, number)) = name.rsplit_once('-') {
        let capitals: String = words.chars().filter(char::is_ascii_uppercase).collect();
        let short = format!("{capitals}-{number}");
        if capitals.len() >= 2
            && number.chars().next().is_some_and(|c| c.is_ascii_digit())
            && short.chars().count() <= fits
        {
            return short;
        }
    }
    let tail: String = name.chars().skip(count + 1 - fits).collect();
    format!("…{tail}")
}
