//! Driving a future to completion on the current thread.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `future` to completion on this thread, parking between polls.
///
/// Thread executors run async workload code with it: there every await of a
/// [`TaskContext`](crate::TaskContext) completes at once (a blocking sleep,
/// the GIL released), so one poll is all it takes.
///
/// # Blocking
///
/// Blocks until the future is ready: a worker's call, never the browser's
/// main thread.
///
/// # Examples
///
/// ```
/// assert_eq!(futures_lab_core::block_on(async { 6 * 7 }), 42);
/// ```
pub fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        thread::park();
    }
}
