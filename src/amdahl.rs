//! Amdahl's law, and the serial fraction that best explains measured speed-ups.

/// The speed-up Amdahl's law predicts on `workers` workers when a fraction
/// `serial` of the work cannot run in parallel: `1 / (s + (1 - s) / n)`.
///
/// # Examples
///
/// ```
/// use futures_lab::amdahl::speedup;
///
/// assert_eq!(speedup(0.0, 4.0), 4.0);
/// assert_eq!(speedup(1.0, 4.0), 1.0);
/// assert!((speedup(0.5, 2.0) - 4.0 / 3.0).abs() < 1e-12);
/// ```
pub fn speedup(serial: f64, workers: f64) -> f64 {
    1.0 / (serial + (1.0 - serial) / workers)
}

/// The serial fraction, between 0 and 1, that fits measured speed-ups best.
///
/// Each point is `(workers, speed-up)`. Amdahl's law is linear in the serial
/// fraction once rearranged, `1/S − 1/n = s · (1 − 1/n)`, so the least-squares
/// fit through the origin is `Σxy / Σx²` with `x = 1 − 1/n` and
/// `y = 1/S − 1/n`. Points with one worker say nothing about `s` (`x = 0`)
/// and are skipped; `None` if no point is left.
///
/// # Examples
///
/// ```
/// use futures_lab::amdahl::{fit_serial_fraction, speedup};
///
/// let measured: Vec<(f64, f64)> = [1.0, 2.0, 4.0, 8.0].iter().map(|&n| (n, speedup(0.2, n))).collect();
/// assert!((fit_serial_fraction(&measured).unwrap() - 0.2).abs() < 1e-9);
/// ```
pub fn fit_serial_fraction(points: &[(f64, f64)]) -> Option<f64> {
    let (sxy, sxx) = points
        .iter()
        .filter(|(n, s)| *n > 1.0 && *s > 0.0 && n.is_finite() && s.is_finite())
        .map(|(n, s)| (1.0 - 1.0 / n, 1.0 / s - 1.0 / n))
        .fold((0.0, 0.0), |(sxy, sxx), (x, y)| (sxy + x * y, sxx + x * x));
    (sxx > 0.0).then(|| (sxy / sxx).clamp(0.0, 1.0))
}
