//! The registry of workloads.

pub(crate) mod cost;
mod cpu_bound;
pub(crate) mod demand;
pub(crate) mod exact;
pub(crate) mod python_random;
pub(crate) mod python_task;
pub(crate) mod shared_model;
pub(crate) mod workload;

mod download;
mod is_prime;
mod points;
mod points_model;
mod points_rules;
mod power;
mod stream;
mod sum_generator;

pub use cpu_bound::CpuBound;
pub use download::Download;
pub use is_prime::IsPrime;
pub use points::Points;
pub use power::Power;
pub use stream::Stream;
pub use sum_generator::SumGenerator;

use crate::workloads::workload::Workload;

/// Every workload, in menu order. One line per workload.
pub static ALL: &[&dyn Workload] = &[
    &SumGenerator,
    &IsPrime,
    &CpuBound,
    &Power,
    &Download,
    &Points,
    &Stream,
];

/// The workload called `id`.
///
/// # Examples
///
/// ```
/// assert!(futures_lab_scenarios::workloads::find("cpu_bound").is_some());
/// assert!(futures_lab_scenarios::workloads::find("nope").is_none());
/// ```
pub fn find(id: &str) -> Option<&'static dyn Workload> {
    ALL.iter().copied().find(|w| w.id() == id)
}

/// The ids of every workload, for menus and error messages.
pub fn ids() -> Vec<&'static str> {
    ALL.iter().map(|w| w.id()).collect()
}
