//! Which clock a scenario runs on.

use serde::Serialize;
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// `real` runs the tasks on real threads, processes or an event loop and
/// measures them; `virtual` plays the same executors on a virtual clock
/// (see [`simulate`](crate::simulate)): the same trace every time, on any
/// machine, with as many CPUs as the scenario says.
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
pub enum Clock {
    /// Run for real and measure.
    #[default]
    Real,
    /// Count time on a discrete-event simulation.
    Virtual,
}

impl Clock {
    /// The id used in URLs and JSON.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}
