//! Where the timeline's parts sit on the canvas: the time axis, the GIL
//! strip, the lanes and their rows; and the way back from a pointer position
//! to a lane, a row and a moment.

use crate::timeline::Timeline;

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
///
/// let layout = Layout::new(&Timeline::default(), 800.0, 1_000_000);
/// assert_eq!(layout.x_of_ms(0.5), layout.gutter + layout.plot_width / 2.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Width of the worker names on the left.
    pub gutter: f64,
    /// Width of the plot right of the gutter.
    pub plot_width: f64,
    /// The time shown across the plot, in ns from the origin.
    pub window_ns: u64,
    /// Top of the GIL strip, if there is one.
    pub gil_top: Option<f64>,
    /// Top and row count of every lane.
    pub lanes: Vec<(f64, usize)>,
    /// The whole height.
    pub height: f64,
}

impl Layout {
    /// The layout of `timeline` on a canvas `width` CSS pixels wide showing
    /// `window_ns` of time.
    pub fn new(timeline: &Timeline, width: f64, window_ns: u64) -> Self {
        let gutter = (width * 0.22).clamp(64.0, 150.0);
        let mut top = AXIS_HEIGHT;
        let gil_top = timeline.has_gil().then(|| {
            let strip = top;
            top += GIL_HEIGHT + LANE_GAP;
            strip
        });
        let lanes = timeline
            .lanes()
            .iter()
            .map(|lane| {
                let here = (top, lane.rows.len().max(1));
                top += here.1 as f64 * ROW_HEIGHT + LANE_GAP;
                here
            })
            .collect();
        Self {
            gutter,
            plot_width: (width - gutter - 8.0).max(1.0),
            window_ns: window_ns.max(1),
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
        self.gutter + ms * 1e6 / self.window_ns as f64 * self.plot_width
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
            .then_some((fraction * self.window_ns as f64) as u64)
    }
}
