//! The program's side of a run: what the scenario's Python program does
//! with its futures (submit, or a producer at a pace; `as_completed`, `map`,
//! `wait`, `gather`; timeouts; callbacks) and what it sees.

pub(crate) mod live;
pub(crate) mod observed;
pub(crate) mod producer;
pub(crate) mod replay;
pub(crate) mod report_builder;
pub mod trace_merger;
