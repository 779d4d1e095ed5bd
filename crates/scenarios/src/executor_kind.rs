//! Which execution model runs the scenario.

use std::fmt;
use std::str::FromStr;

/// The executor a learner picks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecutorKind {
    /// One task after another in one thread.
    Sequential,
    /// `ThreadPoolExecutor(max_workers)`.
    #[default]
    Threads,
}

impl ExecutorKind {
    /// Every executor, in menu order.
    pub const ALL: [Self; 2] = [Self::Sequential, Self::Threads];

    /// The id used in URLs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sequential => "sequential",
            Self::Threads => "threads",
        }
    }
}

impl fmt::Display for ExecutorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ExecutorKind {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or(())
    }
}
