//! The stream's queue depth over time, as a step line.

use plotters::prelude::*;

use super::{Palette, FONT};

/// A step chart of `(ms, depth)` changes as SVG text, `width` pixels wide,
/// with the queue's capacity as a dashed line.
///
/// # Examples
///
/// ```
/// use futures_lab::charts::{queue_chart, Palette};
///
/// let svg = queue_chart(&[(0.0, 1), (5.0, 3), (9.0, 0)], 8, ("time (ms)", "queue depth"), 480, Palette::for_theme(false));
/// assert!(svg.starts_with("<svg") && svg.contains("queue depth"));
/// ```
pub fn queue_chart(
    changes: &[(f64, u64)],
    capacity: u64,
    (x_desc, y_desc): (&str, &str),
    width: u32,
    palette: Palette,
) -> String {
    let mut svg = String::new();
    if draw(
        &mut svg,
        changes,
        capacity,
        (x_desc, y_desc),
        (width, 220),
        palette,
    )
    .is_err()
    {
        svg.clear();
    }
    svg
}

fn draw(
    svg: &mut String,
    changes: &[(f64, u64)],
    capacity: u64,
    (x_desc, y_desc): (&str, &str),
    size: (u32, u32),
    palette: Palette,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, size).into_drawing_area();
    let end = changes.last().map_or(1.0, |(t, _)| *t).max(1e-3);
    let top = changes
        .iter()
        .map(|(_, d)| *d)
        .max()
        .unwrap_or(0)
        .max(capacity) as f64
        + 1.0;
    let text = (FONT, 13).into_font().color(&palette.ink);
    let mut chart = ChartBuilder::on(&root)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(40)
        .build_cartesian_2d(0.0..end, 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(palette.grid)
        .bold_line_style(palette.grid)
        .axis_style(palette.ink)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_label_formatter(&|ms| format!("{ms:.0}"))
        .y_label_formatter(&|d| format!("{d:.0}"))
        .label_style(text.clone())
        .axis_desc_style(text)
        .draw()?;
    // A step: each depth holds until the next change.
    let mut steps = Vec::with_capacity(changes.len() * 2);
    let mut last = 0.0;
    for (t, depth) in changes {
        steps.push((*t, last));
        last = *depth as f64;
        steps.push((*t, last));
    }
    chart.draw_series(LineSeries::new(steps, palette.accent.stroke_width(2)))?;
    chart.draw_series(DashedLineSeries::new(
        [(0.0, capacity as f64), (end, capacity as f64)],
        5,
        4,
        palette.model.stroke_width(1),
    ))?;
    root.present()?;
    Ok(())
}
