//! A bad value as an error message shows it: whole if short, else its start
//! and its length, so a 50 MB value never makes a 50 MB message.

use std::fmt;

/// How many characters of a value an error message shows.
pub const EXCERPT_CHARS: usize = 60;

/// `value` for an error message: `{:?}` of it gives it quoted, cut to its
/// first [`EXCERPT_CHARS`] characters and its length where it is longer.
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
/// ```
#[derive(Clone, Copy)]
pub struct Excerpt<'a>(pub &'a str);

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(EXCERPT_CHARS) {
            None => write!(f, "{:?}", self.0),
            Some((end, _)) => write!(
                f,
                "{:?}… ({} characters)",
                &self.0[..end],
                self.0.chars().count()
            ),
        }
    }
}
