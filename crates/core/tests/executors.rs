//! CONFORMANCE.md sections D and E, written once and run for every executor:
//! Sequential, ThreadPool on std threads, ThreadPool on the deterministic
//! ManualSpawner (threads start only at `settle`), and the asyncio EventLoop.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_lab_core::{
    as_completed, ErrorKind, EventLoop, Executor, ExecutorExt, ManualSpawner, MapOnError,
    MapOptions, Sequential, TaskError, ThreadPool, TraceBuffer, TraceKind, Tracer,
    BUFFERSIZE_MESSAGE, SHUTDOWN_MESSAGE,
};
use support::{eventually, Live};

/// How a test gets an executor of one kind.
trait Harness {
    fn executor(&self, tracer: Tracer) -> Box<dyn Executor>;
    /// Lets deferred threads start (the manual spawner); a no-op otherwise.
    fn settle(&self) {}
}

struct SequentialHarness;
impl Harness for SequentialHarness {
    fn executor(&self, tracer: Tracer) -> Box<dyn Executor> {
        Box::new(Sequential::new(tracer))
    }
}

struct StdPoolHarness;
impl Harness for StdPoolHarness {
    fn executor(&self, tracer: Tracer) -> Box<dyn Executor> {
        Box::new(ThreadPool::builder().max_workers(3).build(tracer).unwrap())
    }
}

struct EventLoopHarness;
impl Harness for EventLoopHarness {
    fn executor(&self, tracer: Tracer) -> Box<dyn Executor> {
        Box::new(EventLoop::builder().build(tracer).unwrap())
    }
}

struct ManualPoolHarness(Arc<ManualSpawner>);
impl Harness for ManualPoolHarness {
    fn executor(&self, tracer: Tracer) -> Box<dyn Executor> {
        Box::new(
            ThreadPool::builder()
                .max_workers(3)
                .spawner(self.0.clone())
                .build(tracer)
                .unwrap(),
        )
    }
    fn settle(&self) {
        self.0.start_all();
    }
}

fn traced() -> (Arc<TraceBuffer>, Tracer) {
    let buffer = Arc::new(TraceBuffer::default());
    let tracer = Tracer::new(
        buffer.clone(),
        Arc::new(futures_lab_core::MonotonicClock::new()),
    );
    (buffer, tracer)
}

fn c46_submit_returns_the_future_of_the_call(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let future = executor.submit(|_| Ok(2u64.pow(8))).unwrap();
    h.settle();
    assert_eq!(future.result(None).unwrap(), 256);
}

fn c48_map_yields_in_input_order_whatever_the_completion_order(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let results = executor
        .map(
            |ms: u64, _| {
                std::thread::sleep(Duration::from_millis(ms));
                Ok(ms)
            },
            [30, 1, 15, 0],
            MapOptions::default(),
        )
        .unwrap();
    h.settle();
    let results: Vec<u64> = results.map(Result::unwrap).collect();
    assert_eq!(results, vec![30, 1, 15, 0]);
}

fn c48_map_over_zipped_inputs_stops_at_the_shortest(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let pairs = [1, 2, 3].into_iter().zip([10, 20]);
    let results = executor
        .map(
            |(a, b): (u32, u32), _| Ok(a + b),
            pairs,
            MapOptions::default(),
        )
        .unwrap();
    h.settle();
    assert_eq!(
        results.map(Result::unwrap).collect::<Vec<_>>(),
        vec![11, 22]
    );
}

fn c49_map_submits_every_call_before_iteration(h: &dyn Harness) {
    let (buffer, tracer) = traced();
    let executor = h.executor(tracer);
    let results = executor
        .map(|n: u32, _| Ok(n), 0..5, MapOptions::default())
        .unwrap();
    let submitted = buffer
        .drain()
        .iter()
        .filter(|e| e.kind == TraceKind::Submitted)
        .count();
    assert_eq!(submitted, 5, "all submitted before the first next()");
    h.settle();
    drop(results);
}

fn failing_at_two(n: u32, _: &futures_lab_core::TaskContext) -> Result<u32, TaskError> {
    if n == 2 {
        Err(TaskError::new("ValueError", "two"))
    } else {
        Ok(n)
    }
}

fn c50_map_error_raises_at_its_place_then_stops_or_goes_on(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let stop = executor
        .map(failing_at_two, 0..5, MapOptions::default())
        .unwrap();
    h.settle();
    let seen: Vec<String> = stop
        .map(|r| r.map_or_else(|e| e.to_string(), |v| v.to_string()))
        .collect();
    assert_eq!(
        seen,
        vec!["0", "1", "ValueError: two"],
        "3.14 and before: the error ends it"
    );
    let options = MapOptions {
        on_error: MapOnError::Continue,
        ..MapOptions::default()
    };
    let go_on = executor.map(failing_at_two, 0..5, options).unwrap();
    h.settle();
    let seen: Vec<String> = go_on
        .map(|r| r.map_or_else(|e| e.to_string(), |v| v.to_string()))
        .collect();
    assert_eq!(seen, vec!["0", "1", "ValueError: two", "3", "4"]);
}

fn c53_a_timeout_error_of_the_task_is_not_the_map_timeout(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let options = MapOptions {
        timeout: Some(Duration::from_secs(10)),
        ..MapOptions::default()
    };
    let mut results = executor
        .map(
            |_: u32, _| -> Result<u32, _> { Err(TaskError::new("TimeoutError", "from the task")) },
            [1],
            options,
        )
        .unwrap();
    h.settle();
    let error = results.next().unwrap().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Task);
    assert_eq!(error.to_string(), "TimeoutError: from the task");
}

fn c55_buffersize_zero_is_an_error_and_limits_read_ahead(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let options = |n| MapOptions {
        buffersize: Some(n),
        ..MapOptions::default()
    };
    let error = executor
        .map(|n: u32, _| Ok(n), 0..3, options(0))
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        format!("ValueError: {BUFFERSIZE_MESSAGE}")
    );
    let read = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&read);
    let inputs = (0..100u32).inspect(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let mut results = executor.map(|n: u32, _| Ok(n), inputs, options(2)).unwrap();
    assert_eq!(read.load(Ordering::SeqCst), 2, "two read ahead");
    h.settle();
    assert_eq!(results.next().unwrap().unwrap(), 0);
    h.settle();
    assert_eq!(read.load(Ordering::SeqCst), 3, "one more per result");
    assert_eq!(results.map(Result::unwrap).sum::<u32>(), (1..100).sum());
    // Reading ahead may have asked for another worker since the last settle;
    // start it, or dropping the pool would wait for it forever.
    h.settle();
}

fn c56_map_does_not_keep_read_results_alive(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let live = Live::default();
    let maker = live.clone();
    let mut results = executor
        .map(
            move |_: u32, _| Ok(maker.make()),
            0..3,
            MapOptions::default(),
        )
        .unwrap();
    h.settle();
    let first = results.next().unwrap().unwrap();
    drop(first);
    eventually(|| live.count() == 2);
    drop(results);
    // A worker lets go of its call's future as it goes back to its queue
    // (CPython's `del work_item`), a moment after setting the result.
    eventually(|| live.count() == 0);
}

fn c57_the_executor_lets_go_of_finished_callables(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let live = Live::default();
    let captured = live.make();
    let future = executor
        .submit(move |_| {
            let _keep = &captured;
            Ok(1)
        })
        .unwrap();
    h.settle();
    future.result(None).unwrap();
    eventually(|| live.count() == 0);
    executor.shutdown(true, false);
}

fn map_next_async_reads_results_in_input_order(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let mut results = executor
        .map(|n: u32, _| Ok(n + 1), 0..3, MapOptions::default())
        .unwrap();
    h.settle();
    let mut read = Vec::new();
    while let Some(result) = futures_lab_core::block_on(results.next_async()) {
        read.push(result.unwrap());
    }
    assert_eq!(read, vec![1, 2, 3]);
}

fn c59_map_then_shutdown_does_not_hang(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let results = executor
        .map(|n: u32, _| Ok(n * 2), 0..10, MapOptions::default())
        .unwrap();
    h.settle();
    executor.shutdown(true, false);
    assert_eq!(results.map(Result::unwrap).sum::<u32>(), 90);
}

fn c60_submit_after_shutdown_fails(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    executor.shutdown(true, false);
    let error = executor.submit(|_| Ok(1)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Shutdown);
    assert_eq!(
        error.to_string(),
        format!("RuntimeError: {SHUTDOWN_MESSAGE}")
    );
}

fn c62_work_submitted_before_shutdown_runs_to_completion(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let futures: Vec<_> = (0..10u32)
        .map(|n| {
            executor
                .submit(move |_| {
                    std::thread::sleep(Duration::from_millis(2));
                    Ok(n)
                })
                .unwrap()
        })
        .collect();
    h.settle();
    executor.shutdown(true, false);
    assert!(futures.iter().all(|f| f.done()));
    assert_eq!(
        futures.iter().map(|f| f.try_result().unwrap()).sum::<u32>(),
        45
    );
}

fn c65_shutdown_without_wait_returns_and_the_work_still_completes(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let futures: Vec<_> = (0..5u32)
        .map(|n| executor.submit(move |_| Ok(n)).unwrap())
        .collect();
    executor.shutdown(false, false);
    h.settle();
    assert_eq!(
        futures
            .iter()
            .map(|f| f.result(None).unwrap())
            .collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 4]
    );
    assert_eq!(
        executor.terminated().result(Some(Duration::from_secs(10))),
        Ok(())
    );
}

fn c67_shutdown_right_after_submit_and_cancel_does_not_hang(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let futures: Vec<_> = (0..5u32)
        .map(|n| executor.submit(move |_| Ok(n)).unwrap())
        .collect();
    for f in &futures {
        f.cancel();
    }
    h.settle();
    executor.shutdown(true, false);
    assert!(futures.iter().all(|f| f.done()));
}

fn c68_leaving_scope_shuts_down_and_waits(h: &dyn Harness) {
    let futures = {
        let executor = h.executor(Tracer::discard());
        let futures: Vec<_> = (0..4u32)
            .map(|n| {
                executor
                    .submit(move |_| {
                        std::thread::sleep(Duration::from_millis(5));
                        Ok(n)
                    })
                    .unwrap()
            })
            .collect();
        h.settle();
        futures
    };
    assert!(
        futures.iter().all(|f| f.try_result().is_ok()),
        "drop waited for queued work"
    );
}

fn c71_shutdown_twice_is_safe(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let future = executor.submit(|_| Ok(1)).unwrap();
    h.settle();
    executor.shutdown(true, false);
    executor.shutdown(true, true);
    assert_eq!(future.try_result().unwrap(), 1);
}

fn callbacks_are_traced_and_cancel_is_traced(h: &dyn Harness) {
    let (buffer, tracer) = traced();
    let executor = h.executor(tracer);
    let future = executor.submit(|_| Ok(1)).unwrap();
    let log = Arc::new(Mutex::new(0));
    let seen = Arc::clone(&log);
    future.add_done_callback(move |_| *seen.lock().unwrap() += 1);
    h.settle();
    let _ = future.result(None);
    eventually(|| *log.lock().unwrap() == 1);
    let kinds: Vec<TraceKind> = buffer.drain().iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&TraceKind::Callback), "{kinds:?}");
}

fn as_completed_yields_every_submitted_future(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let futures: Vec<_> = (0..20u64)
        .map(|n| executor.submit(move |_| Ok(n)).unwrap())
        .collect();
    h.settle();
    let mut values: Vec<u64> = as_completed(&futures, None)
        .map(|f| f.unwrap().try_result().unwrap())
        .collect();
    values.sort_unstable();
    assert_eq!(values, (0..20).collect::<Vec<_>>());
}

fn a_panicking_task_fails_its_future_and_the_executor_survives(h: &dyn Harness) {
    let executor = h.executor(Tracer::discard());
    let failing = executor
        .submit(|_| -> Result<u8, _> { panic!("boom") })
        .unwrap();
    h.settle();
    let error = failing.result(None).unwrap_err();
    assert_eq!(error.to_string(), "PanicException: boom");
    let next = executor.submit(|_| Ok(7)).unwrap();
    h.settle();
    assert_eq!(next.result(None).unwrap(), 7);
}

/// Instantiates every shared test for every executor.
macro_rules! for_every_executor {
    ($($test:ident),* $(,)?) => {
        mod sequential {
            use super::*;
            $( #[test] fn $test() { super::$test(&SequentialHarness); } )*
        }
        mod thread_pool {
            use super::*;
            $( #[test] fn $test() { super::$test(&StdPoolHarness); } )*
        }
        mod event_loop {
            use super::*;
            $( #[test] fn $test() { super::$test(&EventLoopHarness); } )*
        }
        mod thread_pool_manual {
            use super::*;
            $( #[test] fn $test() { super::$test(&ManualPoolHarness(ManualSpawner::shared())); } )*
        }
    };
}

for_every_executor!(
    c46_submit_returns_the_future_of_the_call,
    c48_map_yields_in_input_order_whatever_the_completion_order,
    c48_map_over_zipped_inputs_stops_at_the_shortest,
    c49_map_submits_every_call_before_iteration,
    c50_map_error_raises_at_its_place_then_stops_or_goes_on,
    c53_a_timeout_error_of_the_task_is_not_the_map_timeout,
    c55_buffersize_zero_is_an_error_and_limits_read_ahead,
    c56_map_does_not_keep_read_results_alive,
    c57_the_executor_lets_go_of_finished_callables,
    c59_map_then_shutdown_does_not_hang,
    map_next_async_reads_results_in_input_order,
    c60_submit_after_shutdown_fails,
    c62_work_submitted_before_shutdown_runs_to_completion,
    c65_shutdown_without_wait_returns_and_the_work_still_completes,
    c67_shutdown_right_after_submit_and_cancel_does_not_hang,
    c68_leaving_scope_shuts_down_and_waits,
    c71_shutdown_twice_is_safe,
    callbacks_are_traced_and_cancel_is_traced,
    as_completed_yields_every_submitted_future,
    a_panicking_task_fails_its_future_and_the_executor_survives,
);
