//! Amdahl: measured speed-ups against the law's curve for the fitted serial
//! fraction, and the ideal line.

use plotters::prelude::*;

use super::{Palette, FONT};
use crate::amdahl::speedup;

/// The words of the chart, in the page's language.
#[derive(Clone, Debug, PartialEq)]
pub struct AmdahlLabels {
    /// The x axis (workers).
    pub workers: String,
    /// The y axis (speed-up).
    pub speedup: String,
    /// The measured points' legend.
    pub measured: String,
    /// The fitted curve's legend.
    pub fitted: String,
    /// The ideal line's legend.
    pub ideal: String,
}

/// The chart as SVG text, `width` pixels wide: `points` are
/// `(workers, speed-up)`, `serial` the fitted serial fraction.
///
/// # Examples
///
/// ```
/// use futures_lab::charts::{amdahl_chart, AmdahlLabels, Palette};
///
/// let labels = AmdahlLabels { workers: "workers".into(), speedup: "speed-up".into(),
///     measured: "measured".into(), fitted: "Amdahl, s = 0.20".into(), ideal: "ideal".into() };
/// let svg = amdahl_chart(&[(1.0, 1.0), (2.0, 1.6), (4.0, 2.4)], Some(0.2), &labels, 480, Palette::for_theme(true));
/// assert!(svg.starts_with("<svg") && svg.contains("Amdahl, s = 0.20"));
/// ```
pub fn amdahl_chart(
    points: &[(f64, f64)],
    serial: Option<f64>,
    labels: &AmdahlLabels,
    width: u32,
    palette: Palette,
) -> String {
    let mut svg = String::new();
    if draw(&mut svg, points, serial, labels, (width, 300), palette).is_err() {
        svg.clear();
    }
    svg
}

fn draw(
    svg: &mut String,
    points: &[(f64, f64)],
    serial: Option<f64>,
    labels: &AmdahlLabels,
    size: (u32, u32),
    palette: Palette,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, size).into_drawing_area();
    let most = points.iter().map(|(n, _)| *n).fold(2.0, f64::max);
    let top = points.iter().map(|(_, s)| *s).fold(most, f64::max) * 1.08;
    let text = (FONT, 13).into_font().color(&palette.ink);
    let mut chart = ChartBuilder::on(&root)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(44)
        .build_cartesian_2d(1.0..most, 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(palette.grid)
        .bold_line_style(palette.grid)
        .axis_style(palette.ink)
        .x_desc(labels.workers.as_str())
        .y_desc(labels.speedup.as_str())
        .x_labels(most as usize)
        .x_label_formatter(&|n| format!("{n:.0}"))
        .y_label_formatter(&|s| format!("{s:.1}×"))
        .label_style(text.clone())
        .axis_desc_style(text.clone())
        .draw()?;
    let ink = palette.ink;
    chart
        .draw_series(LineSeries::new(
            [(1.0, 1.0), (most, most)],
            ink.mix(0.45).stroke_width(1),
        ))?
        .label(labels.ideal.as_str())
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], ink.mix(0.45)));
    if let Some(serial) = serial {
        let model = palette.model;
        let curve = (0..=100).map(|i| {
            let n = 1.0 + (most - 1.0) * f64::from(i) / 100.0;
            (n, speedup(serial, n))
        });
        chart
            .draw_series(LineSeries::new(curve, model.stroke_width(2)))?
            .label(labels.fitted.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], model.stroke_width(2)));
    }
    let accent = palette.accent;
    chart
        .draw_series(points.iter().map(|p| Circle::new(*p, 5, accent.filled())))?
        .label(labels.measured.as_str())
        .legend(move |(x, y)| Circle::new((x + 9, y), 5, accent.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(text)
        .border_style(palette.grid)
        .background_style(palette.grid.mix(0.15))
        .draw()?;
    root.present()?;
    Ok(())
}
