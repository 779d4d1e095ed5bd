//! The asyncio event loop, checked over the trace: one thread, I/O waits that
//! overlap, CPU work that stalls the loop unless it yields.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_lab_core::{
    as_completed, Error, EventLoop, Executor, MonotonicClock, TaskContext, TaskError, TraceBuffer,
    TraceEvent, TraceKind, Tracer,
};

fn traced_loop(cooperative: bool) -> (EventLoop, Arc<TraceBuffer>) {
    let buffer = Arc::new(TraceBuffer::default());
    let tracer = Tracer::new(buffer.clone(), Arc::new(MonotonicClock::new()));
    let event_loop = EventLoop::builder()
        .cooperative(cooperative)
        .build(tracer)
        .unwrap();
    (event_loop, buffer)
}

/// CPU work for about `ms` milliseconds with an async checkpoint every ~100 µs.
async fn spin(ctx: &TaskContext, ms: u64) -> Result<u64, TaskError> {
    let end = Instant::now() + Duration::from_millis(ms);
    let mut x = 0u64;
    while Instant::now() < end {
        for i in 0..10_000 {
            x = std::hint::black_box(x.wrapping_add(i));
        }
        ctx.checkpoint_async(0.5).await?;
    }
    Ok(x)
}

fn position(events: &[TraceEvent], future: u64, kind: TraceKind) -> usize {
    events
        .iter()
        .position(|e| e.future == future && e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} for {future}"))
}

#[test]
fn io_waits_overlap_on_the_one_loop_thread() {
    let (event_loop, buffer) = traced_loop(false);
    let futures: Vec<_> = (0..5)
        .map(|_| {
            event_loop
                .submit_async(|ctx| async move {
                    ctx.io_wait_async(Duration::from_millis(100)).await;
                    Ok(std::thread::current().name().map(str::to_owned))
                })
                .unwrap()
        })
        .collect();
    let threads: std::collections::HashSet<_> =
        futures.iter().map(|f| f.result(None).unwrap()).collect();
    assert_eq!(threads.len(), 1, "every task ran on the loop thread");
    event_loop.shutdown(true, false);
    let events = buffer.drain();
    let last_start = (0..5)
        .map(|id| position(&events, id, TraceKind::IoStart))
        .max()
        .unwrap();
    let first_end = (0..5)
        .map(|id| position(&events, id, TraceKind::IoEnd))
        .min()
        .unwrap();
    assert!(last_start < first_end, "all five waited at once");
    assert!(events
        .iter()
        .filter(|e| e.kind == TraceKind::Started)
        .all(|e| e.worker.as_deref() == Some("MainThread")));
}

#[test]
fn a_cpu_bound_task_delays_the_others_until_it_ends() {
    let (event_loop, buffer) = traced_loop(false);
    let busy = event_loop
        .submit_async(|ctx| async move { spin(&ctx, 30).await })
        .unwrap();
    let quick = event_loop.submit_async(|_| async { Ok(0) }).unwrap();
    quick.result(None).unwrap();
    busy.result(None).unwrap();
    event_loop.shutdown(true, false);
    let events = buffer.drain();
    assert!(
        position(&events, 0, TraceKind::Finished) < position(&events, 1, TraceKind::Started),
        "the quick task could not start before the CPU-bound one finished"
    );
}

#[test]
fn a_cooperative_cpu_bound_task_lets_the_others_start() {
    let (event_loop, buffer) = traced_loop(true);
    let busy = event_loop
        .submit_async(|ctx| async move { spin(&ctx, 30).await })
        .unwrap();
    let quick = event_loop.submit_async(|_| async { Ok(0) }).unwrap();
    quick.result(None).unwrap();
    busy.result(None).unwrap();
    event_loop.shutdown(true, false);
    let events = buffer.drain();
    assert!(position(&events, 1, TraceKind::Finished) < position(&events, 0, TraceKind::Finished));
}

#[test]
fn tasks_start_in_the_order_they_were_created() {
    let (event_loop, buffer) = traced_loop(false);
    let futures: Vec<_> = (0..10u32)
        .map(|n| {
            event_loop
                .submit_async(move |_| async move { Ok(n) })
                .unwrap()
        })
        .collect();
    assert_eq!(as_completed(&futures, None).count(), 10);
    event_loop.shutdown(true, false);
    let started: Vec<u64> = buffer
        .drain()
        .iter()
        .filter(|e| e.kind == TraceKind::Started)
        .map(|e| e.future)
        .collect();
    assert_eq!(started, (0..10).collect::<Vec<_>>());
}

#[test]
fn a_blocking_sleep_in_a_coroutine_stalls_the_loop() {
    let (event_loop, buffer) = traced_loop(false);
    let blocking = event_loop
        .submit_async(|ctx| async move {
            ctx.io_wait(Duration::from_millis(40));
            Ok(())
        })
        .unwrap();
    let other = event_loop.submit_async(|_| async { Ok(()) }).unwrap();
    other.result(None).unwrap();
    blocking.result(None).unwrap();
    event_loop.shutdown(true, false);
    let events = buffer.drain();
    assert!(position(&events, 0, TraceKind::Finished) < position(&events, 1, TraceKind::Started));
}

#[test]
fn a_panicking_coroutine_fails_its_future_and_the_loop_goes_on() {
    let event_loop = EventLoop::builder().build(Tracer::discard()).unwrap();
    let failing = event_loop
        .submit_async(|_| async {
            panic!("coroutine fails");
            #[allow(unreachable_code)]
            Ok::<u8, TaskError>(0)
        })
        .unwrap();
    let error: Error = failing.result(None).unwrap_err();
    assert_eq!(error.to_string(), "PanicException: coroutine fails");
    let next = event_loop.submit_async(|_| async { Ok(5) }).unwrap();
    assert_eq!(next.result(None).unwrap(), 5);
}

#[test]
fn a_task_cancelled_while_it_awaits_ends_cancelled_and_the_loop_goes_on() {
    use futures_lab_core::{wait, FutureState, ReturnWhen};
    let (event_loop, buffer) = traced_loop(false);
    let sleeper = event_loop
        .submit_async(|ctx| async move {
            ctx.io_wait_async(Duration::from_secs(30)).await;
            Ok("woke")
        })
        .unwrap();
    let other = event_loop
        .submit_async(|ctx| async move {
            ctx.io_wait_async(Duration::from_millis(20)).await;
            Ok("other")
        })
        .unwrap();
    while !sleeper.running() {
        std::thread::yield_now();
    }
    assert!(
        event_loop.cancel(&sleeper),
        "a running asyncio task can be cancelled"
    );
    let split = wait(
        std::slice::from_ref(&sleeper),
        Some(Duration::from_secs(5)),
        ReturnWhen::AllCompleted,
    );
    assert_eq!(split.done.len(), 1, "wait sees the cancelled task as done");
    assert_eq!(sleeper.state(), FutureState::CancelledAndNotified);
    assert_eq!(other.result(None).unwrap(), "other");
    assert!(
        !event_loop.cancel(&other),
        "a finished task cannot be cancelled"
    );
    event_loop.shutdown(true, false);
    let events = buffer.drain();
    assert!(events
        .iter()
        .any(|e| e.future == 0 && e.kind == TraceKind::Cancelled));
    assert!(!events
        .iter()
        .any(|e| e.future == 0 && e.kind == TraceKind::IoEnd));
}

#[test]
fn a_task_cancelled_before_it_starts_never_runs() {
    let event_loop = EventLoop::builder().build(Tracer::discard()).unwrap();
    let blocker = event_loop
        .submit_async(|ctx| async move {
            ctx.io_wait(Duration::from_millis(50));
            Ok(0)
        })
        .unwrap();
    let ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = Arc::clone(&ran);
    let never = event_loop
        .submit_async(move |_| async move {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            Ok(1)
        })
        .unwrap();
    assert!(event_loop.cancel(&never));
    blocker.result(None).unwrap();
    event_loop.shutdown(true, false);
    assert!(never.cancelled());
    assert!(!ran.load(std::sync::atomic::Ordering::SeqCst));
}
