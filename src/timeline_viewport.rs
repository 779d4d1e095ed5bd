//! The stretch of time the timeline shows: the whole run, or a part of it
//! zoomed into, moved along (panned) and kept inside the run.

/// The narrowest stretch the timeline zooms to, in ns: a microsecond shows
/// single GIL turns and event-loop steps on every clock.
pub const NARROWEST_NS: u64 = 1_000;

/// A stretch of the run's time, `[from_ns, to_ns)` from the timeline's
/// origin.
///
/// # Examples
///
/// ```
/// use futures_lab::timeline_viewport::Viewport;
///
/// let whole = Viewport::whole(1_000_000);
/// // Zooming in 4× around the middle keeps the middle where it was.
/// let zoomed = whole.zoomed(500_000, 0.25, 1_000_000);
/// assert_eq!((zoomed.from_ns, zoomed.to_ns), (375_000, 625_000));
/// // Panning stops at the run's end.
/// let panned = zoomed.panned(10_000_000, 1_000_000);
/// assert_eq!((panned.from_ns, panned.to_ns), (750_000, 1_000_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewport {
    /// Start, in ns from the origin.
    pub from_ns: u64,
    /// End, in ns from the origin (after the start).
    pub to_ns: u64,
}

impl Viewport {
    /// The whole of a run `whole_ns` long.
    pub fn whole(whole_ns: u64) -> Self {
        Self {
            from_ns: 0,
            to_ns: whole_ns.max(1),
        }
    }

    /// A stretch between two moments in either order, at least
    /// [`NARROWEST_NS`] wide and inside `[0, whole_ns]`: what a selection
    /// zooms to.
    pub fn between(a_ns: u64, b_ns: u64, whole_ns: u64) -> Self {
        let (from, to) = (a_ns.min(b_ns), a_ns.max(b_ns));
        Self {
            from_ns: from,
            to_ns: to,
        }
        .kept_in(whole_ns)
    }

    /// How long the stretch is, in ns.
    pub fn span_ns(self) -> u64 {
        self.to_ns - self.from_ns
    }

    /// True if it shows all of a run `whole_ns` long.
    pub fn is_whole(self, whole_ns: u64) -> bool {
        self.from_ns == 0 && self.to_ns >= whole_ns
    }

    /// Zoomed by `factor` (below 1 zooms in, above 1 out) about `anchor_ns`,
    /// which stays at the same place on the plot.
    pub fn zoomed(self, anchor_ns: u64, factor: f64, whole_ns: u64) -> Self {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let anchor = anchor_ns.clamp(self.from_ns, self.to_ns) as f64;
        let (from, to) = (self.from_ns as f64, self.to_ns as f64);
        let new_from = anchor - (anchor - from) * factor;
        let new_to = anchor + (to - anchor) * factor;
        // A stretch narrower than the narrowest grows about the anchor.
        let (new_from, new_to) = if new_to - new_from < NARROWEST_NS as f64 {
            let share = if to > from {
                (anchor - from) / (to - from)
            } else {
                0.5
            };
            let from = anchor - share * NARROWEST_NS as f64;
            (from, from + NARROWEST_NS as f64)
        } else {
            (new_from, new_to)
        };
        Self {
            from_ns: new_from.max(0.0).round() as u64,
            to_ns: new_to.max(0.0).round() as u64,
        }
        .kept_in(whole_ns)
    }

    /// Moved by `by_ns` (negative: earlier), keeping its width and staying
    /// inside the run.
    pub fn panned(self, by_ns: i64, whole_ns: u64) -> Self {
        let span = self.span_ns();
        let whole = whole_ns.max(span);
        let from = if by_ns < 0 {
            self.from_ns.saturating_sub(by_ns.unsigned_abs())
        } else {
            self.from_ns.saturating_add(by_ns as u64).min(whole - span)
        };
        Self {
            from_ns: from,
            to_ns: from + span,
        }
    }

    /// The same stretch made at least [`NARROWEST_NS`] wide and moved or
    /// cut to lie inside `[0, whole_ns]`.
    fn kept_in(self, whole_ns: u64) -> Self {
        let whole = whole_ns.max(NARROWEST_NS);
        let span = self
            .to_ns
            .saturating_sub(self.from_ns)
            .clamp(NARROWEST_NS, whole);
        let from = self.from_ns.min(whole - span);
        Self {
            from_ns: from,
            to_ns: from + span,
        }
    }
}
