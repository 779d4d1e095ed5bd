//! The thread pool: lazy threads, the max_workers bound, shutdown.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use futures_lab_core::{
    as_completed, ErrorKind, Executor, ExecutorExt, MonotonicClock, Sequential, ThreadPool,
    TraceBuffer, TraceKind, Tracer, MAX_WORKERS_MESSAGE, SHUTDOWN_MESSAGE,
};

#[test]
fn max_workers_zero_is_rejected_with_cpython_message() {
    let error = ThreadPool::builder()
        .max_workers(0)
        .build(Tracer::discard())
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert_eq!(error.message(), MAX_WORKERS_MESSAGE);
}

#[test]
fn submit_after_shutdown_is_rejected() {
    let pool = ThreadPool::builder()
        .max_workers(1)
        .build(Tracer::discard())
        .unwrap();
    pool.shutdown(true, false);
    let error = pool.submit(|_| Ok(1)).unwrap_err();
    assert_eq!(error.message(), SHUTDOWN_MESSAGE);
    let sequential = Sequential::new(Tracer::discard());
    sequential.shutdown(true, false);
    assert_eq!(
        sequential.submit(|_| Ok(1)).unwrap_err().kind(),
        ErrorKind::Shutdown
    );
}

#[test]
fn threads_start_lazily_and_never_exceed_max_workers() {
    let pool = ThreadPool::builder()
        .max_workers(3)
        .build(Tracer::discard())
        .unwrap();
    assert_eq!(pool.threads_started(), 0);
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let futures: Vec<_> = (0..30)
        .map(|_| {
            let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
            pool.submit(move |_| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(1));
                running.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            })
            .unwrap()
        })
        .collect();
    assert_eq!(as_completed(&futures, None).count(), 30);
    assert!(pool.threads_started() <= 3);
    assert!(peak.load(Ordering::SeqCst) <= 3);
}

#[test]
fn two_workers_run_tasks_at_the_same_time() {
    let pool = ThreadPool::builder()
        .max_workers(2)
        .build(Tracer::discard())
        .unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let futures: Vec<_> = (0..2)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            pool.submit(move |ctx| {
                barrier.wait();
                Ok(ctx.worker().to_string())
            })
            .unwrap()
        })
        .collect();
    let workers: HashSet<String> = futures.iter().map(|f| f.result(None).unwrap()).collect();
    assert_eq!(
        workers.len(),
        2,
        "both tasks met at the barrier on two threads"
    );
}

#[test]
fn shutdown_with_cancel_futures_cancels_queued_work() {
    let pool = ThreadPool::builder()
        .max_workers(1)
        .build(Tracer::discard())
        .unwrap();
    let gate = Arc::new(Barrier::new(2));
    let blocker_gate = Arc::clone(&gate);
    let blocker = pool
        .submit(move |_| {
            blocker_gate.wait();
            Ok(0)
        })
        .unwrap();
    let queued: Vec<_> = (1..5)
        .map(|i| pool.submit(move |_| Ok(i)).unwrap())
        .collect();
    while !blocker.running() {
        std::thread::yield_now();
    }
    let opener = std::thread::spawn(move || gate.wait());
    pool.shutdown(true, true);
    opener.join().unwrap();
    assert_eq!(blocker.try_result().unwrap(), 0);
    assert!(queued.iter().all(|f| f.cancelled()));
}

#[test]
fn trace_records_submitted_started_finished_per_future() {
    let buffer = Arc::new(TraceBuffer::default());
    let tracer = Tracer::new(buffer.clone(), Arc::new(MonotonicClock::new()));
    let pool = ThreadPool::builder().max_workers(2).build(tracer).unwrap();
    let futures: Vec<_> = (0..4u64)
        .map(|i| pool.submit(move |_| Ok(i)).unwrap())
        .collect();
    assert_eq!(as_completed(&futures, None).count(), 4);
    drop(pool);
    let events = buffer.drain();
    for id in 0..4 {
        let kinds: Vec<TraceKind> = events
            .iter()
            .filter(|e| e.future == id)
            .map(|e| e.kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                TraceKind::Submitted,
                TraceKind::Started,
                TraceKind::Finished
            ]
        );
        let started = events
            .iter()
            .find(|e| e.future == id && e.kind == TraceKind::Started)
            .unwrap();
        assert!(started
            .worker
            .as_deref()
            .unwrap()
            .starts_with("ThreadPoolExecutor-"));
    }
}

#[test]
fn a_panicking_task_fails_its_future_and_the_pool_survives() {
    let pool = ThreadPool::builder()
        .max_workers(1)
        .build(Tracer::discard())
        .unwrap();
    let failing = pool
        .submit(|_| -> Result<u8, _> { panic!("boom") })
        .unwrap();
    let error = failing.result(None).unwrap_err();
    assert!(error.to_string().contains("boom"), "{error}");
    assert_eq!(pool.submit(|_| Ok(7)).unwrap().result(None).unwrap(), 7);
}
