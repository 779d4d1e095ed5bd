//! The Web Worker pool, started once at load.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use futures_lab_scenarios::{PoolInfo, MAX_WORKERS_LIMIT};
use wasm_bindgen_futures::JsFuture;

use super::environment::cross_origin_isolated;

/// Workers in the pool: one per thread a scenario may ask for, plus one for
/// the run itself (it blocks while it waits for results).
pub const POOL_THREADS: usize = MAX_WORKERS_LIMIT + 1;

type PoolFuture = Shared<LocalBoxFuture<'static, Result<PoolInfo, String>>>;

thread_local! {
    static POOL: RefCell<Option<PoolFuture>> = const { RefCell::new(None) };
}

/// Resolves once the pool is up (started on first call), with its size and
/// how long it took to start.
pub fn pool_ready() -> PoolFuture {
    POOL.with(|pool| {
        pool.borrow_mut()
            .get_or_insert_with(|| start().boxed_local().shared())
            .clone()
    })
}

async fn start() -> Result<PoolInfo, String> {
    let window = web_sys::window().ok_or("no window")?;
    if !cross_origin_isolated() {
        return Err("the page is not cross-origin isolated (COOP/COEP headers missing), so it cannot start threads".into());
    }
    let performance = window.performance().ok_or("no performance clock")?;
    let began = performance.now();
    JsFuture::from(wasm_bindgen_rayon::init_thread_pool(POOL_THREADS))
        .await
        .map_err(|e| format!("the worker pool did not start: {e:?}"))?;
    Ok(PoolInfo {
        threads: rayon::current_num_threads(),
        start_ms: Some(performance.now() - began),
    })
}
