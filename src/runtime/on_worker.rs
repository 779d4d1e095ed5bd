//! Work that must not run on the page's main thread, handed to a worker of
//! the pool and awaited.

use super::isolation::has_shared_memory;
use super::pool::pool_ready;

/// Runs `work` on a worker of the pool and resolves with what it gives. On
/// a page without the pool (not cross-origin isolated) it runs here, as
/// nothing else can.
///
/// # Errors
///
/// The pool did not start, or the worker ended without an answer.
pub async fn on_worker<T, F>(work: F) -> Result<T, String>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    if !has_shared_memory() {
        return Ok(work());
    }
    pool_ready().await?;
    let (sender, receiver) = futures_channel::oneshot::channel();
    rayon::spawn(move || {
        // The page may have stopped listening; then nobody needs the answer.
        let _ = sender.send(work());
    });
    receiver
        .await
        .map_err(|_| "the worker ended without an answer".to_owned())
}
