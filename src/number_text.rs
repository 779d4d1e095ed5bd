//! Numbers as the page writes them: digits grouped by thousands, a fixed
//! number of decimals, and durations always in ms, so figures side by side
//! read alike.

/// `value` with `decimals` decimals and its whole part grouped by commas.
///
/// # Examples
///
/// ```
/// use futures_lab::number_text::grouped;
///
/// assert_eq!(grouped(13985.04, 1), "13,985.0");
/// assert_eq!(grouped(-1234567.0, 0), "-1,234,567");
/// assert_eq!(grouped(0.25, 2), "0.25");
/// assert_eq!(grouped(f64::NAN, 1), "NaN");
/// ```
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return format!("{value}");
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    // "-0.0" reads as 0.
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A duration in ms with one decimal, grouped: `13,985.0 ms`.
///
/// # Examples
///
/// ```
/// assert_eq!(futures_lab::number_text::ms(3500.0), "3,500.0 ms");
/// ```
pub fn ms(value: f64) -> String {
    format!("{} ms", grouped(value, 1))
}
