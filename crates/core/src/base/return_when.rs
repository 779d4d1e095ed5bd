//! `wait()`'s `return_when` conditions.

use std::fmt;
use std::str::FromStr;

use crate::base::error::{Error, ErrorKind};

/// When [`wait`](crate::wait) returns, as Python's constants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ReturnWhen {
    /// When any future finishes or is cancelled (and noticed).
    FirstCompleted,
    /// When any future fails; if none fails, as `AllCompleted`.
    FirstException,
    /// When every future has finished or been cancelled (and noticed).
    #[default]
    AllCompleted,
}

impl ReturnWhen {
    /// Every condition.
    pub const ALL: [Self; 3] = [
        Self::FirstCompleted,
        Self::FirstException,
        Self::AllCompleted,
    ];

    /// Python's name of the constant.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstCompleted => "FIRST_COMPLETED",
            Self::FirstException => "FIRST_EXCEPTION",
            Self::AllCompleted => "ALL_COMPLETED",
        }
    }
}

impl fmt::Display for ReturnWhen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReturnWhen {
    type Err = Error;

    /// Parses Python's constant names.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::ReturnWhen;
    ///
    /// assert_eq!("FIRST_EXCEPTION".parse::<ReturnWhen>().unwrap(), ReturnWhen::FirstException);
    /// assert!("SOMETIMES".parse::<ReturnWhen>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|when| when.as_str() == text)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!("Invalid return condition: {text:?}"),
                )
            })
    }
}
