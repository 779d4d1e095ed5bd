//! Work that must not run on the page's main thread, handed to a worker of
//! the pool and awaited.

use futures::FutureExt;

use super::pool::pool_if_any;
use super::pool_broken::when_broken;
use super::pool_growth::grow_if_short;
use super::rayon_pool::spawn_on_pool;

/// Runs `work` on a worker of the pool and resolves with what it gives. On
/// a page without the pool (no shared memory, or a pool that did not start)
/// it runs here, as nothing else can.
///
/// # Errors
///
/// The worker ended without an answer, or the pool broke (a panic took a
/// thread: `BrokenThreadPool`, naming the task).
pub async fn on_worker<T, F>(work: F) -> Result<T, String>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    if pool_if_any().await.is_none() {
        // No pool: the page's own thread does it.
        return Ok(work());
    }
    let (sender, receiver) = futures_channel::oneshot::channel();
    spawn_on_pool(move || {
        // The page may have stopped listening; then nobody needs the answer.
        let _ = sender.send(work());
    })?;
    // A panic on any pool worker may have taken this work's thread, or a
    // lock it needs, with it: it fails what waits here. Work that waits for
    // a thread meanwhile gets a worker.
    futures::select! {
        answer = receiver.fuse() => answer.map_err(|_| "the worker ended without an answer".to_owned()),
        broken = when_broken().fuse() => Err(broken),
        never = grow_if_short().fuse() => match never {},
    }
}
