//! Charts drawn with plotters into SVG text: pure Rust, so each chart is
//! built and checked natively; the page puts the SVG in place.

mod amdahl_chart;
mod compare_chart;
mod queue_chart;

pub use amdahl_chart::{amdahl_chart, AmdahlLabels};
pub use compare_chart::compare_chart;
pub use queue_chart::queue_chart;

use plotters::style::RGBColor;

/// The colours of a chart, for the page's light or dark theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Text and axes.
    pub ink: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The measured values.
    pub accent: RGBColor,
    /// A model's curve.
    pub model: RGBColor,
    /// The panel a chart is drawn on.
    pub page: RGBColor,
}

impl Palette {
    /// Colours for a light or a dark page.
    pub fn for_theme(dark: bool) -> Self {
        if dark {
            Self {
                ink: RGBColor(0xe6, 0xe9, 0xee),
                grid: RGBColor(0x2f, 0x37, 0x42),
                accent: RGBColor(0x7a, 0xa2, 0xff),
                model: RGBColor(0xf0, 0xa5, 0x3a),
                page: RGBColor(0x1c, 0x21, 0x28),
            }
        } else {
            Self {
                ink: RGBColor(0x1d, 0x23, 0x2b),
                grid: RGBColor(0xd9, 0xdd, 0xe3),
                accent: RGBColor(0x24, 0x56, 0xc9),
                model: RGBColor(0xc7, 0x78, 0x00),
                page: RGBColor(0xff, 0xff, 0xff),
            }
        }
    }
}

/// The font of every chart's text.
const FONT: &str = "sans-serif";

/// A colour as CSS text (`#rrggbb`), for drawing on a canvas.
///
/// # Examples
///
/// ```
/// use futures_lab::charts::css;
/// use plotters::style::RGBColor;
///
/// assert_eq!(css(RGBColor(0x24, 0x56, 0xc9)), "#2456c9");
/// ```
pub fn css(colour: RGBColor) -> String {
    let RGBColor(r, g, b) = colour;
    format!("#{r:02x}{g:02x}{b:02x}")
}
