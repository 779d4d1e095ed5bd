//! The registry of workloads.

mod cpu_bound;

pub use cpu_bound::CpuBound;

use crate::workload::Workload;

/// Every workload, in menu order. One line per workload.
pub static ALL: &[&dyn Workload] = &[&CpuBound];

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
