//! A bad value as an error message shows it: whole if short, else its start
//! and its length, so a 50 MB value never makes a 50 MB message.

use std::fmt;

/// How many characters of a value an error message shows, counted as the
/// message prints them (an escaped character such as `\u{10a38}` counts as
/// the nine it prints).
pub const EXCERPT_CHARS: usize = 60;

/// `value` for an error message: `{:?}` of it gives it quoted, cut where
/// its printed form would pass [`EXCERPT_CHARS`] characters, with its length
/// where it is cut.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::Excerpt;
///
/// assert_eq!(format!("{:?}", Excerpt("12x")), "\"12x\"");
/// let long = "1,".repeat(1000);
/// assert_eq!(
///     format!("{:?}", Excerpt(&long)),
///     format!("{:?}… (2000 characters)", "1,".repeat(30)),
/// );
/// // Characters printed escaped count as printed.
/// let marks = "\u{81b}".repeat(20);
/// assert_eq!(
///     format!("{:?}", Excerpt(&marks)),
///     format!("{:?}… (20 characters)", "\u{81b}".repeat(8)),
/// );
/// ```
#[derive(Clone, Copy)]
pub struct Excerpt<'a>(pub &'a str);

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut printed = 0;
        let cut = self.0.char_indices().find_map(|(at, c)| {
            // `char::escape_debug` escapes at least what `str`'s `{:?}`
            // does, so this bounds what is printed.
            printed += c.escape_debug().count();
            (printed > EXCERPT_CHARS).then_some(at)
        });
        match cut {
            None => write!(f, "{:?}", self.0),
            Some(end) => write!(
                f,
                "{:?}… ({} characters)",
                &self.0[..end],
                self.0.chars().count()
            ),
        }
    }
}
