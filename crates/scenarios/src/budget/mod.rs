//! What a run may demand: its cost estimated before it starts, and the
//! page's limits on it.

pub(crate) mod estimate;
pub(crate) mod limit;
pub(crate) mod span;
