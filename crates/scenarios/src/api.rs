//! How the scenario's program collects its results.

use std::fmt;
use std::str::FromStr;

/// The calling style of the Python program being modelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Api {
    /// `[executor.submit(f, x) for x in inputs]`, then `as_completed(...)`.
    #[default]
    SubmitAsCompleted,
    /// `executor.map(f, inputs)`: results in input order.
    Map,
    /// `[executor.submit(f, x) ...]`, then `wait(fs, timeout, return_when)`.
    Wait,
}

impl Api {
    /// Every style, in menu order.
    pub const ALL: [Self; 3] = [Self::SubmitAsCompleted, Self::Map, Self::Wait];

    /// The id used in URLs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SubmitAsCompleted => "submit_as_completed",
            Self::Map => "map",
            Self::Wait => "wait",
        }
    }
}

impl fmt::Display for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Api {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|api| api.as_str() == text)
            .ok_or(())
    }
}
