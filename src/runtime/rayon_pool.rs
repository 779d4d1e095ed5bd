//! The rayon pool that executor threads run on, and its replacement.
//!
//! wasm-bindgen-rayon builds rayon's global pool, which can be built once
//! only: a pool that a panic broke (the browser build aborts, so the thread
//! is lost) could never be replaced. So the pool is an ordinary
//! `rayon::ThreadPool` held here, built on the bootstrap worker (see
//! www/pool-bootstrap.js) from Web Workers that each run wasm-bindgen-rayon's
//! `wbg_rayon_start_worker`, and a new one takes the place of a broken one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use arc_swap::ArcSwapOption;
use crossbeam_channel::{bounded, Receiver, Sender};
use rayon::{ThreadBuilder, ThreadPool, ThreadPoolBuilder};
use wasm_bindgen::prelude::*;

/// The pool in use. Lock-free, as the page's main thread reads it: a
/// contended lock there would trap.
static CURRENT: ArcSwapOption<ThreadPool> = ArcSwapOption::const_empty();

/// Jobs handed to the pool in use that have not ended (running, or waiting
/// for a worker): see [`busy_jobs`].
static BUSY: AtomicUsize = AtomicUsize::new(0);

/// Which pool [`BUSY`] counts for: one more at each replacement, as a
/// broken pool's jobs may never end.
static COUNTED_POOL: AtomicUsize = AtomicUsize::new(0);

/// Counts from zero for a new pool in use.
fn count_anew() {
    COUNTED_POOL.fetch_add(1, Ordering::Relaxed);
    BUSY.store(0, Ordering::Relaxed);
}

/// How many jobs handed to the pool have not ended yet: more than the
/// workers that run means some wait for a thread (see
/// `pool_growth::grow_if_short`).
pub fn busy_jobs() -> usize {
    BUSY.load(Ordering::Relaxed)
}

/// Builds one pool: the bootstrap worker creates one, calls
/// [`PoolBuilder::build`], which puts the pool's [`PoolBuilder::threads`]
/// rayon threads in a channel, then starts workers that each take one from
/// [`PoolBuilder::receiver`] (in `wbg_rayon_start_worker`) and run it: as
/// many as the page needs at first, more as runs need them.
#[wasm_bindgen]
pub struct PoolBuilder {
    threads: usize,
    sender: Sender<ThreadBuilder>,
    /// Kept for good (a few bytes per pool): workers read it through a raw
    /// pointer whenever they get to it, so it must never be freed.
    receiver: &'static Receiver<ThreadBuilder>,
}

#[wasm_bindgen]
impl PoolBuilder {
    /// A builder for a pool of `threads` workers.
    #[wasm_bindgen(constructor)]
    pub fn new(threads: usize) -> PoolBuilder {
        let (sender, receiver) = bounded(threads);
        PoolBuilder {
            threads,
            sender,
            receiver: Box::leak(Box::new(receiver)),
        }
    }

    /// How many workers the pool has.
    #[wasm_bindgen(getter)]
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// What each worker passes to `wbg_rayon_start_worker`: the channel its
    /// rayon thread comes through.
    pub fn receiver(&self) -> *const Receiver<ThreadBuilder> {
        self.receiver
    }

    /// Builds the pool, its threads waiting in the channel for workers to
    /// take them, and puts it in place of the one before (whose idle
    /// workers then leave rayon's loop, and close). Rayon hands work only to
    /// threads that run: a thread no worker has taken yet has none.
    ///
    /// # Errors
    ///
    /// Rayon could not build the pool.
    pub fn build(&self) -> Result<(), JsValue> {
        let sender = self.sender.clone();
        let pool = ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .spawn_handler(move |thread| {
                // The channel holds every thread of the pool: this never waits.
                sender
                    .send(thread)
                    .map_err(|_| std::io::Error::other("the pool's workers stopped listening"))
            })
            .build()
            .map_err(|error| JsValue::from_str(&error.to_string()))?;
        // The one before ends here, on this worker, not on the page's thread.
        if let Some(old) = CURRENT.swap(Some(Arc::new(pool))) {
            count_anew();
            leave(&old);
        }
        Ok(())
    }
}

/// Ends the pool in use, before a new one is built in its place after a
/// panic: its workers' stacks are free again by the time the new workers
/// ask for theirs, so the module's memory need not hold two pools.
#[wasm_bindgen(js_name = retirePool)]
pub fn retire_pool() {
    if let Some(old) = CURRENT.swap(None) {
        count_anew();
        leave(&old);
    }
}

/// What a worker of a replaced pool throws to leave rayon's loop (see
/// www/pool-worker.js, which then frees its thread).
pub const LEAVE: &str = "futures-lab:leave-pool";

/// Ends the workers of a replaced pool. Dropping it is not enough: rayon
/// ends a pool's threads only once every job spawned on it has ended, and a
/// job of the broken run never does (it waits for the lost thread), so its
/// idle workers would sleep for good, with their stacks. Instead each worker
/// is handed one more job, which throws out of the worker's loop as soon as
/// it is free (a worker still waiting for the lost thread never is: it
/// stays). Throwing skips the destructors of what the thread held: a few
/// bytes left behind, rather than its stack.
fn leave(old: &ThreadPool) {
    old.spawn_broadcast(|_| wasm_bindgen::throw_str(LEAVE));
}

/// Runs `body` on the pool: on the caller's own pool when the caller is one
/// of its threads (a run's threads stay on the pool the run is on), else on
/// the pool in use.
///
/// # Errors
///
/// There is no pool (not built yet, or on a page without shared memory).
pub fn spawn_on_pool(body: impl FnOnce() + Send + 'static) -> Result<(), String> {
    let pool_counted = COUNTED_POOL.load(Ordering::Relaxed);
    let counted = move || {
        body();
        if COUNTED_POOL.load(Ordering::Relaxed) == pool_counted {
            let _ = BUSY.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |busy| {
                Some(busy.saturating_sub(1))
            });
        }
    };
    if rayon::current_thread_index().is_some() {
        BUSY.fetch_add(1, Ordering::Relaxed);
        rayon::spawn(counted);
        return Ok(());
    }
    let pool = CURRENT
        .load_full()
        .ok_or_else(|| "the worker pool is not built".to_owned())?;
    BUSY.fetch_add(1, Ordering::Relaxed);
    pool.spawn(counted);
    Ok(())
}
