//! Whether the page is cross-origin isolated: the one fact that decides
//! whether it has shared memory, and so threads.
//!
//! In Chromium the threaded module instantiates either way (a shared
//! `WebAssembly.Memory` may be made without isolation); what isolation
//! allows is sending that memory to a Web Worker, which every pool thread
//! needs. Without it the page still boots, says so, and has no pool.

/// Why there are no threads on a page that is not isolated.
pub const NOT_ISOLATED: &str = "the page is not cross-origin isolated (no COOP/COEP headers, and no service worker could add them), so it has no shared memory and cannot start threads";

/// `self.crossOriginIsolated`, which never changes during a page's life.
///
/// This is the hook for the page's choices without isolation: the UI reads
/// it (the notice, the badge), `futuresLab.ready` resolves with no threads
/// when it is false, and a run that needs threads may be switched to the
/// virtual clock where it is false (see `launch::run_controlled`).
pub fn isolated() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}
