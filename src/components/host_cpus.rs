//! The CPUs of the machine the page runs on.

/// The CPUs the browser reports (`os.cpu_count()` of the page).
pub fn host_cpus() -> usize {
    web_sys::window().map_or(1, |w| {
        w.navigator().hardware_concurrency().max(1.0) as usize
    })
}
