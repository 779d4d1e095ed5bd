//! Compare: one horizontal bar per executor, its wall time at the end.

use plotters::prelude::*;

use super::{Palette, FONT};

/// A bar chart of `(label, wall ms)` as SVG text, `width` pixels wide, the
/// value axis titled `axis`.
///
/// # Examples
///
/// ```
/// use futures_lab::charts::{compare_chart, Palette};
///
/// let svg = compare_chart(&[("sequential".into(), 73.1), ("threads".into(), 38.5)], "wall time (ms)", 480, Palette::for_theme(false));
/// assert!(svg.starts_with("<svg") && svg.contains("sequential") && svg.contains("73.1 ms"));
/// ```
pub fn compare_chart(walls: &[(String, f64)], axis: &str, width: u32, palette: Palette) -> String {
    let height = 60 + 34 * walls.len().max(1) as u32;
    let mut svg = String::new();
    // Drawing into a String cannot fail for want of a device; a chart that
    // still fails is left out rather than shown half drawn.
    if draw(&mut svg, walls, axis, (width, height), palette).is_err() {
        svg.clear();
    }
    svg
}

fn draw(
    svg: &mut String,
    walls: &[(String, f64)],
    axis: &str,
    size: (u32, u32),
    palette: Palette,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, size).into_drawing_area();
    let longest = walls
        .iter()
        .map(|(_, ms)| *ms)
        .fold(0.0, f64::max)
        .max(1e-3);
    let count = walls.len().max(1);
    let text = (FONT, 13).into_font().color(&palette.ink);
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .margin_right(70)
        .x_label_area_size(36)
        .y_label_area_size(110)
        .build_cartesian_2d(0.0..longest * 1.05, (0..count).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(palette.grid)
        .bold_line_style(palette.grid)
        .axis_style(palette.ink)
        .x_desc(axis)
        .x_labels(6)
        .label_style(text.clone())
        .axis_desc_style(text.clone())
        .x_label_formatter(&|ms| format!("{ms:.0}"))
        .y_label_formatter(&|value| match value {
            SegmentValue::CenterOf(i) if *i < count => walls
                .get(count - 1 - i)
                .map(|(l, _)| l.clone())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .draw()?;
    // The first bar at the top: segments count from the bottom.
    let row = |i: usize| count - 1 - i;
    chart.draw_series(walls.iter().enumerate().map(|(i, (_, ms))| {
        let i = row(i);
        let mut bar = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(i)),
                (*ms, SegmentValue::Exact(i + 1)),
            ],
            palette.accent.filled(),
        );
        bar.set_margin(6, 6, 0, 0);
        bar
    }))?;
    chart.draw_series(walls.iter().enumerate().map(|(i, (_, ms))| {
        let i = row(i);
        Text::new(
            format!("{ms:.1} ms"),
            (*ms + longest * 0.01, SegmentValue::CenterOf(i)),
            text.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        )
    }))?;
    root.present()?;
    Ok(())
}
