//! 100,000 futures through a thread pool without memory growth: after two
//! warm-up batches, the bytes still allocated stay flat (a counting allocator
//! measures them; this file is its own process).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use futures_lab_core::{as_completed, ExecutorExt, ThreadPool, Tracer};

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only the
// live byte count is kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const BATCH: u64 = 10_000;

fn run_batch(pool: &ThreadPool) {
    let futures: Vec<_> = (0..BATCH)
        .map(|n| pool.submit(move |_| Ok(n)).unwrap())
        .collect();
    let sum: u64 = as_completed(&futures, None)
        .map(|f| f.unwrap().try_result().unwrap())
        .sum();
    assert_eq!(sum, BATCH * (BATCH - 1) / 2);
}

#[test]
fn one_hundred_thousand_futures_leave_no_memory_behind() {
    let pool = ThreadPool::builder()
        .max_workers(4)
        .build(Tracer::discard())
        .unwrap();
    // Two warm-up batches let the queue and the allocator reach their working size.
    run_batch(&pool);
    run_batch(&pool);
    let after_warm_up = LIVE_BYTES.load(Ordering::Relaxed);
    for _ in 2..10 {
        run_batch(&pool);
    }
    let after_all = LIVE_BYTES.load(Ordering::Relaxed);
    let growth = after_all - after_warm_up;
    println!("live bytes after 20,000 futures: {after_warm_up}; after 100,000: {after_all}");
    assert!(
        growth < 64 * 1024,
        "memory grew by {growth} bytes over 80,000 futures"
    );
}
