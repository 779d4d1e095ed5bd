//! CONFORMANCE.md section G: the process pool, on worker "processes" made of
//! threads and OS pipes (the same protocol and pool as real subprocesses;
//! the scenarios crate tests those).

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_lab_core::{
    ErrorKind, Future, FutureState, PipeProcessSpawner, ProcessHandle, ProcessPool, ProcessSpawn,
    SendHandler, TaskError, Tracer, BROKEN_PROCESS_POOL_MESSAGE, CHUNKSIZE_MESSAGE,
    MAX_TASKS_PER_CHILD_MESSAGE, MAX_WORKERS_MESSAGE,
};
use support::{eventually, Gate};

/// Records every worker's kill switch, so a test can kill one.
struct Killable {
    inner: PipeProcessSpawner,
    kills: Mutex<Vec<Arc<dyn Fn() + Send + Sync>>>,
}

impl ProcessSpawn for Killable {
    fn spawn(&self, name: &str) -> Result<ProcessHandle, futures_lab_core::Error> {
        let handle = self.inner.spawn(name)?;
        self.kills.lock().unwrap().push(Arc::clone(&handle.kill));
        Ok(handle)
    }
}

/// Workers that echo `payload` with the worker's own call count appended;
/// `"block"` waits at the gate, `"raise"` raises.
fn echo_spawner(gate: Gate) -> Arc<Killable> {
    Arc::new(Killable {
        inner: PipeProcessSpawner::new(move || {
            let gate = gate.clone();
            let mut calls = 0u32;
            Box::new(move |payload: &[u8], ctx: &futures_lab_core::TaskContext| {
                calls += 1;
                match payload {
                    b"block" => gate.wait(),
                    b"raise" => return Err(TaskError::new("ValueError", "bad input")),
                    _ => {}
                }
                Ok(format!(
                    "{}|{}|{calls}",
                    String::from_utf8_lossy(payload),
                    ctx.worker()
                )
                .into_bytes())
            }) as Box<SendHandler>
        }),
        kills: Mutex::new(Vec::new()),
    })
}

fn pool(spawner: &Arc<Killable>, max_workers: usize) -> ProcessPool {
    ProcessPool::builder(spawner.clone())
        .max_workers(max_workers)
        .build(Tracer::discard())
        .unwrap()
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

#[test]
fn calls_and_results_cross_as_bytes_and_workers_share_nothing() {
    let spawner = echo_spawner(Gate::default());
    let pool = pool(&spawner, 1);
    let first = pool.submit_bytes(b"a".to_vec()).unwrap();
    assert_eq!(text(first.result(None).unwrap()), "a|SpawnProcess-1|1");
    let second = pool.submit_bytes(b"b".to_vec()).unwrap();
    assert_eq!(
        text(second.result(None).unwrap()),
        "b|SpawnProcess-1|2",
        "the worker keeps its own state"
    );
    let stats = pool.stats();
    assert_eq!(stats.workers_started, 1);
    assert!(stats.bytes_sent > 0 && stats.bytes_received > stats.bytes_sent);
    assert_eq!(stats.start_ms.len(), 1);
}

#[test]
fn c76_a_dying_worker_breaks_the_pool_for_every_outstanding_future_and_later_submits() {
    let gate = Gate::default();
    let spawner = echo_spawner(gate.clone());
    let pool = pool(&spawner, 1);
    let running = pool.submit_bytes(b"block".to_vec()).unwrap();
    let queued: Vec<_> = (0..4)
        .map(|_| pool.submit_bytes(b"x".to_vec()).unwrap())
        .collect();
    eventually(|| !spawner.kills.lock().unwrap().is_empty() && running.running());
    (spawner.kills.lock().unwrap()[0])();
    for future in std::iter::once(&running).chain(&queued) {
        let error = future.result(None).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("BrokenProcessPool: {BROKEN_PROCESS_POOL_MESSAGE}")
        );
    }
    let later = pool.submit_bytes(b"y".to_vec()).unwrap_err();
    assert_eq!(later.kind(), ErrorKind::BrokenExecutor);
    assert_eq!(later.message(), BROKEN_PROCESS_POOL_MESSAGE);
    gate.open();
}

#[test]
fn c78_a_workers_error_keeps_its_type_and_message_with_the_worker_side_context() {
    let spawner = echo_spawner(Gate::default());
    let pool = pool(&spawner, 1);
    let failed = pool.submit_bytes(b"raise".to_vec()).unwrap();
    let error = failed.result(None).unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("ValueError: bad input"), "{text}");
    assert!(
        !text.contains("worker process"),
        "str(error) is the message alone: {text}"
    );
    let exception = failed.exception(None).unwrap().unwrap();
    let cause = exception.cause().unwrap_or_default();
    assert!(
        cause.contains("in worker process SpawnProcess-1"),
        "{cause}"
    );
    let ok = pool.submit_bytes(b"fine".to_vec()).unwrap();
    assert!(
        ok.result(None).is_ok(),
        "an exception does not break the pool"
    );
}

#[test]
fn c80_workers_start_on_demand_up_to_max_workers_and_idle_ones_are_reused() {
    let spawner = echo_spawner(Gate::default());
    let pool = pool(&spawner, 2);
    let first = pool.submit_bytes(b"a".to_vec()).unwrap();
    first.result(None).unwrap();
    eventually(|| pool.idle_workers() == 1);
    let second = pool.submit_bytes(b"b".to_vec()).unwrap();
    second.result(None).unwrap();
    assert_eq!(pool.stats().workers_started, 1, "the idle worker took it");
    let many: Vec<_> = (0..20)
        .map(|_| pool.submit_bytes(b"c".to_vec()).unwrap())
        .collect();
    many.iter().for_each(|f| drop(f.result(None).unwrap()));
    assert!(pool.stats().workers_started <= 2);
}

#[test]
fn c81_max_tasks_per_child_replaces_a_worker_after_that_many_calls() {
    let spawner = echo_spawner(Gate::default());
    let pool = ProcessPool::builder(spawner.clone())
        .max_workers(1)
        .max_tasks_per_child(2)
        .build(Tracer::discard())
        .unwrap();
    let results: Vec<String> = (0..5)
        .map(|_| {
            text(
                pool.submit_bytes(b"t".to_vec())
                    .unwrap()
                    .result(None)
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(
        results,
        vec![
            "t|SpawnProcess-1|1",
            "t|SpawnProcess-1|2",
            "t|SpawnProcess-2|1",
            "t|SpawnProcess-2|2",
            "t|SpawnProcess-3|1"
        ]
    );
    assert_eq!(pool.stats().workers_started, 3);
    let error = ProcessPool::builder(spawner)
        .max_tasks_per_child(0)
        .build(Tracer::discard())
        .unwrap_err();
    assert_eq!(error.message(), MAX_TASKS_PER_CHILD_MESSAGE);
}

#[test]
fn c82_killing_the_workers_stops_the_pool() {
    let gate = Gate::default();
    let spawner = echo_spawner(gate.clone());
    let pool = pool(&spawner, 1);
    let running = pool.submit_bytes(b"block".to_vec()).unwrap();
    eventually(|| running.running() && !spawner.kills.lock().unwrap().is_empty());
    pool.kill_workers();
    assert_eq!(running.result(None).unwrap_err().kind(), ErrorKind::Task);
    assert!(pool.submit_bytes(b"after".to_vec()).is_err());
    gate.open();
}

#[test]
fn c84_up_to_max_workers_plus_one_queued_calls_are_running_and_refuse_cancel() {
    let gate = Gate::default();
    let spawner = echo_spawner(gate.clone());
    let pool = pool(&spawner, 1);
    let first = pool.submit_bytes(b"block".to_vec()).unwrap();
    // The worker has taken the first call: the call queue is empty again.
    eventually(|| pool.stats().bytes_sent > 0);
    let mut futures = vec![first];
    futures.extend((1..5).map(|_| pool.submit_bytes(b"q".to_vec()).unwrap()));
    let states =
        |futures: &[_]| -> Vec<FutureState> { futures.iter().map(Future::state).collect() };
    // The manager fills the call queue once the program lets it run (in
    // CPython: once it lets go of the GIL), not at each submit.
    assert_eq!(
        states(&futures),
        [
            FutureState::Running,
            FutureState::Pending,
            FutureState::Pending,
            FutureState::Pending,
            FutureState::Pending
        ]
    );
    assert!(
        futures[4].result(Some(Duration::from_millis(20))).is_err(),
        "the program waits"
    );
    assert_eq!(
        states(&futures),
        vec![
            FutureState::Running,
            FutureState::Running,
            FutureState::Running,
            FutureState::Pending,
            FutureState::Pending
        ]
    );
    assert!(
        !futures[1].cancel(),
        "in the call queue: RUNNING, cannot be cancelled"
    );
    assert!(futures[3].cancel());
    gate.open();
    pool.shutdown(true, false);
    assert_eq!(futures[3].state(), FutureState::CancelledAndNotified);
    assert!(futures[4].result(None).is_ok());
}

#[test]
fn c58_max_workers_zero_is_rejected_for_processes_too() {
    let spawner = echo_spawner(Gate::default());
    let error = ProcessPool::builder(spawner)
        .max_workers(0)
        .build(Tracer::discard())
        .unwrap_err();
    assert_eq!(error.message(), MAX_WORKERS_MESSAGE);
}

#[test]
fn shutdown_waits_for_the_workers_and_cancel_futures_cancels_pending_calls() {
    let gate = Gate::default();
    let spawner = echo_spawner(gate.clone());
    let pool = pool(&spawner, 1);
    let first = pool.submit_bytes(b"block".to_vec()).unwrap();
    eventually(|| pool.stats().bytes_sent > 0);
    let mut futures = vec![first];
    futures.extend((1..5).map(|_| pool.submit_bytes(b"q".to_vec()).unwrap()));
    // Once the program waits, the worker has taken the first call, two more
    // are RUNNING in the call queue; the last two are still PENDING.
    assert!(futures[4].result(Some(Duration::from_millis(20))).is_err());
    assert!(futures[2].running() && !futures[3].running());
    pool.shutdown(false, true);
    assert!(futures[3].cancelled() && futures[4].cancelled());
    gate.open();
    pool.shutdown(true, false);
    let outcomes: Vec<_> = futures[..3]
        .iter()
        .map(|f| f.try_result().map(text))
        .collect();
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert!(pool.submit_bytes(b"late".to_vec()).is_err());
}

#[test]
fn c77_map_gives_the_same_results_for_any_chunksize_and_rejects_zero() {
    let spawner = echo_spawner(Gate::default());
    let payloads = |n: u8| (0..n).map(|i| vec![b'a' + i]).collect::<Vec<_>>();
    let letters = |futures: Vec<futures_lab_core::Future<Vec<u8>>>| -> Vec<u8> {
        futures.iter().map(|f| f.result(None).unwrap()[0]).collect()
    };
    let expected: Vec<u8> = (b'a'..b'a' + 10).collect();
    for chunksize in [1, 2, 3, 4, 10, 25] {
        let pool = pool(&spawner, 2);
        assert_eq!(
            letters(pool.map_bytes(payloads(10), chunksize).unwrap()),
            expected,
            "chunksize {chunksize}"
        );
    }
    let pool = pool(&spawner, 2);
    let error = pool.map_bytes(payloads(3), 0).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("ValueError: {CHUNKSIZE_MESSAGE}")
    );
}

#[test]
fn c77_a_chunk_is_one_work_item_for_one_worker() {
    let spawner = echo_spawner(Gate::default());
    let pool = pool(&spawner, 2);
    let futures = pool
        .map_bytes((0..6).map(|i| vec![b'0' + i]).collect(), 6)
        .unwrap();
    let results: Vec<String> = futures
        .iter()
        .map(|f| text(f.result(None).unwrap()))
        .collect();
    assert!(
        results.iter().all(|r| r.contains("|SpawnProcess-1|")),
        "{results:?}"
    );
    assert_eq!(pool.stats().workers_started, 1, "one work item, one worker");
}

#[test]
fn c82_terminating_the_workers_stops_the_pool_too() {
    let gate = Gate::default();
    let spawner = echo_spawner(gate.clone());
    let pool = pool(&spawner, 1);
    let running = pool.submit_bytes(b"block".to_vec()).unwrap();
    eventually(|| running.running() && !spawner.kills.lock().unwrap().is_empty());
    pool.terminate_workers();
    let error = running.result(None).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("BrokenProcessPool: {BROKEN_PROCESS_POOL_MESSAGE}")
    );
    // The workers died: later submits get BrokenProcessPool.
    assert_eq!(
        pool.submit_bytes(b"after".to_vec()).unwrap_err().kind(),
        ErrorKind::BrokenExecutor
    );
    gate.open();
}

#[test]
fn calls_queued_while_one_worker_is_busy_run_on_the_others() {
    let gate = Gate::default();
    let spawner = echo_spawner(gate.clone());
    let pool = pool(&spawner, 2);
    let busy = pool.submit_bytes(b"block".to_vec()).unwrap();
    eventually(|| pool.stats().bytes_sent > 0);
    // The program submits without waiting: the calls stay PENDING, and a
    // second process starts for them (the first one is not idle).
    let quick: Vec<_> = (0..4)
        .map(|_| pool.submit_bytes(b"q".to_vec()).unwrap())
        .collect();
    assert!(quick.iter().all(|f| !f.running()));
    // Once it waits, the manager moves them; the second worker runs every
    // one of them while the first is still busy, each result letting the
    // manager move more.
    for future in &quick {
        let reply = text(future.result(Some(Duration::from_secs(10))).unwrap());
        assert!(reply.contains("SpawnProcess-2"), "{reply}");
    }
    assert!(!busy.done());
    assert_eq!(pool.stats().workers_started, 2);
    gate.open();
    pool.shutdown(true, false);
}
