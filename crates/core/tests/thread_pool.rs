//! CONFORMANCE.md sections D (timeouts), E and F: the thread pool's own rules,
//! and H: the initializer. The deterministic ManualSpawner pins down when
//! threads exist.

mod support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use futures_lab_core::{
    ErrorKind, Executor, ExecutorExt, FutureState, ManualSpawner, MapOptions, PythonVersion,
    TaskError, ThreadPool, Tracer, BROKEN_THREAD_POOL_MESSAGE, MAX_WORKERS_MESSAGE,
};
use support::{eventually, Gate};

fn pool(max_workers: usize) -> ThreadPool {
    ThreadPool::builder()
        .max_workers(max_workers)
        .build(Tracer::discard())
        .unwrap()
}

fn manual_pool(max_workers: usize) -> (ThreadPool, Arc<ManualSpawner>) {
    let spawner = ManualSpawner::shared();
    let pool = ThreadPool::builder()
        .max_workers(max_workers)
        .spawner(spawner.clone())
        .build(Tracer::discard())
        .unwrap();
    (pool, spawner)
}

#[test]
fn c51_map_timeout_raises_when_the_next_result_is_late_and_cancels_the_rest() {
    let executor = pool(1);
    let gate = Gate::default();
    let blocked = gate.clone();
    let options = MapOptions {
        timeout: Some(Duration::from_millis(30)),
        ..MapOptions::default()
    };
    let mut results = executor
        .map(
            move |n: u32, _| {
                if n == 1 {
                    blocked.wait();
                }
                Ok(n)
            },
            0..4,
            options,
        )
        .unwrap();
    assert_eq!(results.next().unwrap().unwrap(), 0);
    let error = results.next().unwrap().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(results.next().is_none(), "the iteration is over");
    gate.open();
}

#[test]
fn c52_on_a_map_timeout_the_awaited_future_is_cancelled_too() {
    let (executor, spawner) = manual_pool(1);
    let ran = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&ran);
    let options = MapOptions {
        timeout: Some(Duration::from_millis(10)),
        ..MapOptions::default()
    };
    let mut results = executor
        .map(
            move |n: u32, _| {
                count.fetch_add(1, Ordering::SeqCst);
                Ok(n)
            },
            0..3,
            options,
        )
        .unwrap();
    // No thread has started, so the awaited first call is still queued when
    // the deadline passes: it is cancelled with the rest.
    assert_eq!(
        results.next().unwrap().unwrap_err().kind(),
        ErrorKind::Timeout
    );
    spawner.start_all();
    executor.shutdown(true, false);
    assert_eq!(
        ran.load(Ordering::SeqCst),
        0,
        "no call ran, the awaited one included"
    );
}

#[test]
fn c54_dropping_the_map_iterator_cancels_the_calls_not_started() {
    let (executor, spawner) = manual_pool(1);
    let started = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&started);
    let results = executor
        .map(
            move |n: u32, _| {
                count.fetch_add(1, Ordering::SeqCst);
                Ok(n)
            },
            0..5,
            MapOptions::default(),
        )
        .unwrap();
    drop(results);
    spawner.start_all();
    executor.shutdown(true, false);
    assert_eq!(
        started.load(Ordering::SeqCst),
        0,
        "every call was cancelled"
    );
}

#[test]
fn c58_max_workers_zero_is_rejected_with_cpython_message() {
    let error = ThreadPool::builder()
        .max_workers(0)
        .build(Tracer::discard())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("ValueError: {MAX_WORKERS_MESSAGE}")
    );
}

#[test]
fn c64_shutdown_with_cancel_futures_cancels_queued_work_and_running_finishes() {
    let executor = pool(1);
    let gate = Gate::default();
    let blocked = gate.clone();
    let running = executor
        .submit(move |_| {
            blocked.wait();
            Ok(0)
        })
        .unwrap();
    let queued: Vec<_> = (1..5)
        .map(|i| executor.submit(move |_| Ok(i)).unwrap())
        .collect();
    eventually(|| running.running());
    executor.shutdown(false, true);
    assert!(queued.iter().all(|f| f.cancelled()));
    gate.open();
    executor.shutdown(true, false);
    assert_eq!(running.try_result().unwrap(), 0);
}

#[test]
fn c70_worker_names_follow_the_prefix_or_cpython_default() {
    let named = ThreadPool::builder()
        .max_workers(2)
        .thread_name_prefix("download")
        .build(Tracer::discard())
        .unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let names: HashSet<String> = (0..2)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            named
                .submit(move |ctx| {
                    barrier.wait();
                    Ok(std::thread::current().name().unwrap().to_owned() + "|" + ctx.worker())
                })
                .unwrap()
        })
        .collect::<Vec<_>>()
        .iter()
        .map(|f| f.result(None).unwrap())
        .collect();
    assert_eq!(
        names,
        HashSet::from([
            "download_0|download_0".to_owned(),
            "download_1|download_1".to_owned()
        ])
    );
    let default = pool(1);
    let name = default.submit(|ctx| Ok(ctx.worker().to_string())).unwrap();
    let name = name.result(None).unwrap();
    let (prefix, index) = name.rsplit_once('_').unwrap();
    assert!(prefix.starts_with("ThreadPoolExecutor-"), "{name}");
    assert_eq!(index, "0");
}

#[test]
fn c72_default_max_workers_follows_the_python_version() {
    let default_for = |version: &str, cpus| {
        ThreadPool::builder()
            .python_version(version.parse::<PythonVersion>().unwrap())
            .cpus(cpus)
            .build(Tracer::discard())
            .unwrap()
            .max_workers()
    };
    assert_eq!(default_for("3.7", 2), 10);
    assert_eq!(default_for("3.8", 2), 6);
    assert_eq!(default_for("3.12", 64), 32);
    assert_eq!(default_for("3.13", 4), 8);
    assert_eq!(default_for("3.13", 40), 32);
}

#[test]
fn c73_threads_start_lazily_and_never_exceed_max_workers() {
    let (executor, spawner) = manual_pool(3);
    assert_eq!(spawner.pending(), 0, "no thread before the first submit");
    let futures: Vec<_> = (0..10)
        .map(|n| executor.submit(move |_| Ok(n)).unwrap())
        .collect();
    assert_eq!(
        spawner.pending(),
        3,
        "one thread per submit, up to max_workers"
    );
    assert_eq!(executor.threads_started(), 3);
    spawner.start_all();
    assert_eq!(
        futures.iter().map(|f| f.result(None).unwrap()).sum::<i32>(),
        45
    );
    assert_eq!(spawner.pending(), 0);
}

#[test]
fn c73_a_pool_never_runs_more_than_max_workers_tasks_at_once() {
    let executor = pool(3);
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let futures: Vec<_> = (0..30)
        .map(|_| {
            let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
            executor
                .submit(move |_| {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(1));
                    running.fetch_sub(1, Ordering::SeqCst);
                    Ok(())
                })
                .unwrap()
        })
        .collect();
    futures.iter().for_each(|f| f.result(None).unwrap());
    assert!(peak.load(Ordering::SeqCst) <= 3);
}

#[test]
fn c74_an_idle_thread_is_reused_before_a_new_one_starts() {
    let (executor, spawner) = manual_pool(3);
    let first = executor.submit(|_| Ok(1)).unwrap();
    spawner.start_all();
    first.result(None).unwrap();
    eventually(|| executor.idle_threads() == 1);
    let second = executor.submit(|_| Ok(2)).unwrap();
    assert_eq!(spawner.pending(), 0, "no new thread was asked for");
    assert_eq!(second.result(None).unwrap(), 2);
    assert_eq!(spawner.started().len(), 1);
}

#[test]
fn c74_a_done_callback_that_submits_finds_its_worker_not_yet_idle() {
    // CPython's worker releases the idle semaphore after `work_item.run()`,
    // which sets the result and runs the done callbacks: a callback that
    // submits, on the worker, finds no idle thread and starts one (run
    // 20 times on CPython 3.11 here: 2 threads 19 times).
    let executor = Arc::new(pool(2));
    let gate = Gate::default();
    let opened = gate.clone();
    let first = executor
        .submit(move |_| {
            opened.wait();
            Ok(1)
        })
        .unwrap();
    let (submitted, received) = std::sync::mpsc::channel();
    let pool_there = Arc::clone(&executor);
    first.add_done_callback(move |_| {
        let _ = submitted.send(pool_there.submit(|_| Ok(2)).unwrap());
    });
    gate.open();
    let second = received.recv().expect("the callback submitted");
    assert_eq!(second.result(None).unwrap(), 2);
    assert_eq!(executor.threads_started(), 2);
}

#[test]
fn c75_a_queued_future_stays_pending_and_can_be_cancelled() {
    let (executor, spawner) = manual_pool(1);
    let queued = executor.submit(|_| Ok(1)).unwrap();
    assert_eq!(queued.state(), FutureState::Pending);
    assert!(queued.cancel());
    spawner.start_all();
    executor.shutdown(true, false);
    assert_eq!(queued.state(), FutureState::CancelledAndNotified);
}

#[test]
fn c85_the_initializer_runs_in_every_worker_before_its_tasks() {
    let initialized = Arc::new(std::sync::Mutex::new(HashSet::new()));
    let record = Arc::clone(&initialized);
    let executor = ThreadPool::builder()
        .max_workers(2)
        .initializer(move |worker| {
            record.lock().unwrap().insert(worker.name.to_string());
            Ok(())
        })
        .build(Tracer::discard())
        .unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let seen = Arc::clone(&initialized);
    let futures: Vec<_> = (0..2)
        .map(|_| {
            let (barrier, seen) = (Arc::clone(&barrier), Arc::clone(&seen));
            executor
                .submit(move |ctx| {
                    barrier.wait();
                    Ok(seen.lock().unwrap().contains(ctx.worker().as_ref()))
                })
                .unwrap()
        })
        .collect();
    assert!(futures.iter().all(|f| f.result(None).unwrap()));
    assert_eq!(initialized.lock().unwrap().len(), 2);
}

#[test]
fn c86_a_failing_initializer_breaks_the_pool() {
    let (executor, spawner) = {
        let spawner = ManualSpawner::shared();
        let executor = ThreadPool::builder()
            .max_workers(1)
            .spawner(spawner.clone())
            .initializer(|_| Err(TaskError::new("ValueError", "no database")))
            .build(Tracer::discard())
            .unwrap();
        (executor, spawner)
    };
    let pending: Vec<_> = (0..3)
        .map(|n| executor.submit(move |_| Ok(n)).unwrap())
        .collect();
    spawner.start_all();
    for future in &pending {
        let error = future.result(None).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("BrokenThreadPool: {BROKEN_THREAD_POOL_MESSAGE}")
        );
    }
    let later = executor.submit(|_| Ok(9)).unwrap_err();
    assert_eq!(later.kind(), ErrorKind::BrokenExecutor);
    assert_eq!(later.message(), BROKEN_THREAD_POOL_MESSAGE);
}

#[test]
fn a_submit_refused_while_refilling_the_map_buffer_is_the_last_item() {
    let executor = pool(1);
    let options = MapOptions {
        buffersize: Some(1),
        ..MapOptions::default()
    };
    let mut results = executor.map(|n: u32, _| Ok(n), 0..3, options).unwrap();
    executor.shutdown(false, false);
    let error = results.next().unwrap().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Shutdown);
    assert!(results.next().is_none());
}

/// Submits a call that returns 1 once `gate` opens.
fn submit_waiting(executor: &ThreadPool, gate: &Gate) -> futures_lab_core::Future<i32> {
    let opened = gate.clone();
    executor
        .submit(move |_| {
            opened.wait();
            Ok(1)
        })
        .unwrap()
}

/// `Thread.start()` returns once the new thread runs, and under the GIL the
/// new worker takes the call it was started for first: when `submit`
/// returns, that call is RUNNING and refuses `cancel()`.
#[test]
fn a_submit_that_starts_a_worker_returns_once_the_worker_has_taken_the_call() {
    for _ in 0..20 {
        let executor = pool(1);
        let gate = Gate::default();
        let first = submit_waiting(&executor, &gate);
        assert_eq!(first.state(), FutureState::Running);
        assert!(!first.cancel(), "a running call cannot be cancelled");
        gate.open();
        assert_eq!(first.result(None).unwrap(), 1);
    }
}

/// Under CPython's GIL the worker that sets a result goes on to take its
/// next call before the waiting thread can act: a program woken by the
/// first result finds the next call RUNNING, and cannot cancel it.
#[test]
fn a_worker_takes_its_next_call_before_its_result_wakes_the_program() {
    for _ in 0..20 {
        let executor = pool(1);
        let gate = Gate::default();
        let first = submit_waiting(&executor, &gate);
        let second = executor.submit(|_| Ok(2)).unwrap();
        let third = executor.submit(|_| Ok(3)).unwrap();
        assert_eq!(second.state(), FutureState::Pending);
        gate.open();
        first.result(None).unwrap();
        assert!(
            second.running() || second.done(),
            "the worker took the next call before publishing the first result"
        );
        assert!(!second.cancel());
        assert_eq!(second.result(None).unwrap(), 2);
        assert_eq!(third.result(None).unwrap(), 3);
    }
}
