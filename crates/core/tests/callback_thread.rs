//! Which thread a done callback runs on, as the trace records it (C13–C16):
//! the executor thread that completes the future, or, for a callback added
//! to a future already done or run by the program's own `cancel()`, the
//! program's thread (no executor worker: `None`).

mod support;

use std::sync::Arc;

use futures_lab_core::{
    EventLoop, Executor, ExecutorExt, MonotonicClock, PipeProcessSpawner, ProcessPool, SendHandler,
    ThreadPool, TraceBuffer, TraceEvent, TraceKind, Tracer,
};
use support::Gate;

fn traced() -> (Arc<TraceBuffer>, Tracer) {
    let buffer = Arc::new(TraceBuffer::default());
    let tracer = Tracer::new(buffer.clone(), Arc::new(MonotonicClock::new()));
    (buffer, tracer)
}

/// The threads the `callback` events name, in trace order.
fn callback_threads(events: &[TraceEvent]) -> Vec<(u64, Option<String>)> {
    events
        .iter()
        .filter(|e| e.kind == TraceKind::Callback)
        .map(|e| (e.future, e.worker.as_deref().map(str::to_owned)))
        .collect()
}

#[test]
fn a_callback_on_a_pool_future_is_traced_with_its_worker() {
    let (buffer, tracer) = traced();
    let pool = ThreadPool::builder()
        .max_workers(1)
        .thread_name_prefix("pool")
        .build(tracer)
        .unwrap();
    let gate = Gate::default();
    let blocked = gate.clone();
    let future = pool
        .submit(move |_| {
            blocked.wait();
            Ok(())
        })
        .unwrap();
    future.add_done_callback(|_| {});
    gate.open();
    pool.shutdown(true, false);
    let threads = callback_threads(&buffer.drain());
    assert_eq!(threads, [(0, Some("pool_0".to_owned()))]);
}

#[test]
fn a_callback_added_to_a_done_future_or_run_by_cancel_is_on_the_programs_thread() {
    let (buffer, tracer) = traced();
    let pool = ThreadPool::builder().max_workers(1).build(tracer).unwrap();
    let gate = Gate::default();
    let blocked = gate.clone();
    let running = pool
        .submit(move |_| {
            blocked.wait();
            Ok(())
        })
        .unwrap();
    let queued = pool.submit(|_| Ok(())).unwrap();
    queued.add_done_callback(|_| {});
    assert!(queued.cancel());
    gate.open();
    running.result(None).unwrap();
    running.add_done_callback(|_| {});
    pool.shutdown(true, false);
    let threads = callback_threads(&buffer.drain());
    assert_eq!(threads, [(1, None), (0, None)]);
}

#[test]
fn an_asyncio_callback_runs_on_the_loop_as_main_thread() {
    let (buffer, tracer) = traced();
    let event_loop = EventLoop::builder().build(tracer).unwrap();
    let gate = Gate::default();
    let blocked = gate.clone();
    let future = event_loop
        .submit_async(move |_| async move {
            blocked.wait();
            Ok(())
        })
        .unwrap();
    future.add_done_callback(|_| {});
    gate.open();
    event_loop.shutdown(true, false);
    let threads = callback_threads(&buffer.drain());
    assert_eq!(threads, [(0, Some("MainThread".to_owned()))]);
}

#[test]
fn a_process_pool_callback_runs_on_the_manager_thread() {
    let (buffer, tracer) = traced();
    let gate = Gate::default();
    let blocked = gate.clone();
    let spawner = PipeProcessSpawner::new(move || {
        let gate = blocked.clone();
        Box::new(move |payload: &[u8], _: &_| {
            gate.wait();
            Ok(payload.to_vec())
        }) as Box<SendHandler>
    });
    let pool = ProcessPool::builder(Arc::new(spawner))
        .max_workers(1)
        .build(tracer)
        .unwrap();
    let future = pool.submit_bytes(b"x".to_vec()).unwrap();
    future.add_done_callback(|_| {});
    gate.open();
    pool.shutdown(true, false);
    let threads = callback_threads(&buffer.drain());
    assert_eq!(threads, [(0, Some("Thread-1".to_owned()))]);
}
