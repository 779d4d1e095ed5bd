//! The GIL and the thread pool, checked over the trace (not over wall-clock
//! time): with the GIL, CPU segments never overlap; without it they do; I/O
//! releases it.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use futures_lab_core::{
    ExecutorExt, MonotonicClock, TaskContext, TaskError, ThreadPool, TraceBuffer, TraceEvent,
    TraceKind, Tracer,
};

fn traced_pool(max_workers: usize, gil: bool) -> (ThreadPool, Arc<TraceBuffer>) {
    let buffer = Arc::new(TraceBuffer::default());
    let tracer = Tracer::new(buffer.clone(), Arc::new(MonotonicClock::new()));
    let pool = ThreadPool::builder()
        .max_workers(max_workers)
        .gil(gil)
        .build(tracer)
        .unwrap();
    (pool, buffer)
}

/// CPU work for about `ms` milliseconds, with a checkpoint every 100 µs.
fn spin(ctx: &TaskContext, ms: u64) -> Result<u64, TaskError> {
    let end = std::time::Instant::now() + Duration::from_millis(ms);
    let mut x = 0u64;
    while std::time::Instant::now() < end {
        for i in 0..10_000 {
            x = std::hint::black_box(x.wrapping_add(i));
        }
        ctx.checkpoint(0.5)?;
    }
    Ok(x)
}

/// The most CPU segments in progress at once, in trace order. With the GIL a
/// segment is GilAcquire..GilRelease; without, Started..Finished.
fn max_overlap(events: &[TraceEvent], gil: bool) -> usize {
    let (open, close) = if gil {
        (TraceKind::GilAcquire, TraceKind::GilRelease)
    } else {
        (TraceKind::Started, TraceKind::Finished)
    };
    let mut now = 0usize;
    let mut max = 0;
    for event in events {
        if event.kind == open {
            now += 1;
            max = max.max(now);
        } else if event.kind == close {
            now -= 1;
        }
    }
    max
}

#[test]
fn with_the_gil_cpu_segments_never_overlap() {
    let (pool, buffer) = traced_pool(4, true);
    let futures: Vec<_> = (0..4)
        .map(|_| pool.submit(|ctx| spin(ctx, 25)).unwrap())
        .collect();
    futures.iter().for_each(|f| {
        f.result(None).unwrap();
    });
    drop(pool);
    let events = buffer.drain();
    assert_eq!(max_overlap(&events, true), 1);
    let handovers = events
        .iter()
        .filter(|e| e.kind == TraceKind::GilAcquire)
        .count();
    assert!(
        handovers > 4,
        "the GIL changed hands mid-task ({handovers} acquisitions)"
    );
}

#[test]
fn without_the_gil_two_workers_overlap_on_cpu_work() {
    let (pool, buffer) = traced_pool(2, false);
    let barrier = Arc::new(Barrier::new(2));
    let futures: Vec<_> = (0..2)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            pool.submit(move |ctx| {
                barrier.wait();
                spin(ctx, 5)
            })
            .unwrap()
        })
        .collect();
    futures.iter().for_each(|f| {
        f.result(None).unwrap();
    });
    drop(pool);
    assert_eq!(max_overlap(&buffer.drain(), false), 2);
}

#[test]
fn with_the_gil_io_waits_overlap_and_release_it() {
    let (pool, buffer) = traced_pool(2, true);
    let futures: Vec<_> = (0..2)
        .map(|_| {
            pool.submit(|ctx| {
                ctx.io_wait(Duration::from_millis(200));
                Ok(())
            })
            .unwrap()
        })
        .collect();
    futures.iter().for_each(|f| f.result(None).unwrap());
    drop(pool);
    let events = buffer.drain();
    let mut in_io = 0usize;
    let mut most = 0;
    let mut holding = 0usize;
    for event in &events {
        match event.kind {
            TraceKind::IoStart => {
                in_io += 1;
                most = most.max(in_io);
                assert_eq!(holding, 0, "nobody holds the GIL while doing I/O here");
            }
            TraceKind::IoEnd => in_io -= 1,
            TraceKind::GilAcquire => holding += 1,
            TraceKind::GilRelease => holding -= 1,
            _ => {}
        }
    }
    assert_eq!(most, 2, "both downloads waited at the same time");
    assert_eq!(max_overlap(&events, true), 1);
}

#[test]
fn a_task_waits_for_the_gil_after_it_starts() {
    let (pool, buffer) = traced_pool(2, true);
    let futures: Vec<_> = (0..2)
        .map(|_| pool.submit(|ctx| spin(ctx, 10)).unwrap())
        .collect();
    futures.iter().for_each(|f| {
        f.result(None).unwrap();
    });
    drop(pool);
    for id in 0..2 {
        let kinds: Vec<TraceKind> = buffer
            .drain_matching(id)
            .into_iter()
            .map(|e| e.kind)
            .filter(|k| !matches!(k, TraceKind::Checkpoint))
            .collect();
        assert_eq!(kinds.first(), Some(&TraceKind::Submitted));
        assert_eq!(kinds[1], TraceKind::Started);
        assert_eq!(kinds[2], TraceKind::GilAcquire);
        assert_eq!(
            &kinds[kinds.len() - 2..],
            &[TraceKind::GilRelease, TraceKind::Finished]
        );
    }
}

trait DrainMatching {
    fn drain_matching(&self, future: u64) -> Vec<TraceEvent>;
}

impl DrainMatching for TraceBuffer {
    fn drain_matching(&self, future: u64) -> Vec<TraceEvent> {
        let all = self.drain();
        let (mine, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|e| e.future == future);
        use futures_lab_core::TraceSink;
        rest.into_iter().for_each(|e| self.record(e));
        mine
    }
}

#[test]
fn waiting_for_a_lock_releases_the_gil_so_its_holder_can_go_on() {
    use std::sync::Mutex;
    let (pool, _buffer) = traced_pool(3, true);
    let shared = Arc::new(Mutex::new(0u32));
    let futures: Vec<_> = (0..6)
        .map(|_| {
            let shared = Arc::clone(&shared);
            pool.submit(move |ctx| {
                let mut guard = ctx.blocking(|| shared.lock().unwrap());
                // I/O while holding the lock: it drops the GIL, and the
                // others wait for the lock without holding the GIL.
                ctx.io_wait(Duration::from_millis(2));
                *guard += 1;
                Ok(*guard)
            })
            .unwrap()
        })
        .collect();
    let mut seen: Vec<u32> = futures.iter().map(|f| f.result(None).unwrap()).collect();
    seen.sort_unstable();
    assert_eq!(seen, vec![1, 2, 3, 4, 5, 6]);
}

/// The program's thread, woken from a wait, needs the GIL to go on: while a
/// worker computes holding it, it waits until the holder is asked to let go,
/// a switch interval after it asked (as CPython's MainThread does).
#[test]
fn a_thread_that_needs_the_gil_to_go_on_waits_for_the_holder_to_let_go() {
    let (pool, buffer) = traced_pool(1, true);
    let future = pool.submit(|ctx| spin(ctx, 60)).unwrap();
    // Until the worker holds the GIL.
    while !buffer
        .drain()
        .iter()
        .any(|e| e.kind == TraceKind::GilAcquire)
    {
        std::thread::sleep(Duration::from_millis(1));
    }
    let gil = pool.gil().unwrap();
    let asked = std::time::Instant::now();
    gil.go_on();
    let waited = asked.elapsed();
    assert!(
        waited >= gil.switch_interval(),
        "went on after {waited:?}, before the holder was asked to let go"
    );
    future.result(None).unwrap();
}
