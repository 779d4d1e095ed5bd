//! Which executor thread the current thread is acting as, for tracing what
//! runs where (done callbacks run on the thread that completes the future).

use std::cell::RefCell;
use std::sync::Arc;

thread_local! {
    /// The executor thread this thread is acting as, if any.
    static CURRENT: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// While alive, this thread counts as the executor thread `name` (see
/// [`current_thread_name`]); dropping it restores what was there before.
pub(crate) struct ThreadScope {
    previous: Option<Arc<str>>,
}

impl ThreadScope {
    /// This thread acts as the executor thread `name` until the scope drops.
    pub(crate) fn enter(name: &Arc<str>) -> Self {
        let previous = CURRENT.with(|current| current.replace(Some(Arc::clone(name))));
        Self { previous }
    }
}

impl Drop for ThreadScope {
    fn drop(&mut self) {
        CURRENT.with(|current| *current.borrow_mut() = self.previous.take());
    }
}

/// The name of the executor thread running here (`ThreadPoolExecutor-0_1`,
/// `MainThread` on the asyncio loop), or `None` on a thread that is no
/// executor's: the program's own, where Python would say `MainThread`.
/// Done callbacks are traced with it, as CPython runs them in the thread
/// that completes the future.
pub(crate) fn current_thread_name() -> Option<Arc<str>> {
    CURRENT.with(|current| current.borrow().clone())
}

/// Runs `body` with this thread acting as the executor thread `name`: done
/// callbacks that `body` runs are traced on `name`, as CPython runs them on
/// the thread that completes the future. A simulation completes its
/// futures this way for the workers it models.
pub fn acting_as<R>(name: &Arc<str>, body: impl FnOnce() -> R) -> R {
    let _scope = ThreadScope::enter(name);
    body()
}
