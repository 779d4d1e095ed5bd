//! How the scenario's program collects its results.

use serde::Serialize;
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// The calling style of the Python program being modelled. Its id in URLs
/// and JSON is the snake_case name (`submit_as_completed`).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Api {
    /// `[executor.submit(f, x) for x in inputs]`, then `as_completed(...)`.
    #[default]
    SubmitAsCompleted,
    /// `executor.map(f, inputs)`: results in input order.
    Map,
    /// `[executor.submit(f, x) ...]`, then `wait(fs, timeout, return_when)`.
    Wait,
    /// asyncio: `await asyncio.gather(*coros, return_exceptions=...)`, inside
    /// `asyncio.wait_for(..., timeout)` when there is a timeout.
    Gather,
    /// asyncio: `async with asyncio.TaskGroup() as tg:` creating every task.
    TaskGroup,
}

impl Api {
    /// True for the shapes only asyncio has.
    pub fn asyncio_only(self) -> bool {
        matches!(self, Self::Gather | Self::TaskGroup)
    }
}

impl Api {
    /// The id used in URLs and JSON.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}
