//! Durations and sizes in words people read at a glance.

/// `ns` as people say it: "45 s", "14 minutes", "2.1 hours", "6.9 days",
/// "31 years".
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::span_in_words;
///
/// assert_eq!(span_in_words(45e9), "45 s");
/// assert_eq!(span_in_words(600e9), "10 minutes");
/// assert_eq!(span_in_words(6.9 * 86_400e9), "6.9 days");
/// ```
pub fn span_in_words(ns: f64) -> String {
    let s = ns / 1e9;
    let (value, unit) = if s < 1.0 {
        return format!("{} ms", round_to_two_figures(s * 1e3));
    } else if s < 90.0 {
        (s, "s")
    } else if s < 90.0 * 60.0 {
        (s / 60.0, "minutes")
    } else if s < 48.0 * 3600.0 {
        (s / 3600.0, "hours")
    } else if s < 730.0 * 86_400.0 {
        (s / 86_400.0, "days")
    } else {
        (s / (365.25 * 86_400.0), "years")
    };
    format!("{} {unit}", round_to_two_figures(value))
}

/// `bytes` in MiB, rounded for people ("310 MiB", "1.5 MiB").
pub fn mib_in_words(bytes: f64) -> String {
    format!("{} MiB", round_to_two_figures(bytes / (1024.0 * 1024.0)))
}

/// `x` with two significant figures at most below 100, whole above:
/// 6.94 → "6.9", 14.2 → "14", 345.6 → "346".
fn round_to_two_figures(x: f64) -> String {
    if x >= 10.0 {
        format!("{}", x.round())
    } else {
        let text = format!("{x:.1}");
        text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
    }
}
