//! The process pool with real worker processes (`futures-lab worker`):
//! results cross as bytes, workers share nothing, a killed worker breaks the
//! pool.

use std::path::PathBuf;
use std::sync::Arc;

use futures_lab_core::{
    CommandSpawner, ErrorKind, ProcessPool, Tracer, BROKEN_PROCESS_POOL_MESSAGE,
};
use futures_lab_scenarios::{play, ProcessCall, Report, RunEnv, Scenario};
use serde_json::{json, Value};

fn worker_program() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_futures-lab"))
}

fn run(query: &str) -> Report {
    let env = RunEnv::native_with_worker(Some(worker_program()));
    play(&Scenario::from_query(query).unwrap(), &env).unwrap()
}

#[test]
fn every_workload_gives_the_same_results_in_worker_processes() {
    for (query, expected) in [
        (
            "workload=sum_generator&inputs=1000,10",
            vec![json!(500500), json!(55)],
        ),
        (
            "workload=is_prime&inputs=97,91",
            vec![json!(true), json!(false)],
        ),
        (
            "workload=cpu_bound&inputs=100,7",
            vec![json!(328350), json!(91)],
        ),
        (
            "workload=power&inputs=3**40",
            vec![json!("12157665459056928801")],
        ),
        (
            "workload=points&inputs=1000,2500&params=lookup_ms:1",
            vec![json!(850), json!(1875)],
        ),
    ] {
        let report = run(&format!("{query}&executor=processes&max_workers=2"));
        let results: Vec<Value> = report
            .tasks
            .iter()
            .map(|t| t.result.clone().unwrap())
            .collect();
        assert_eq!(results, expected, "{query}");
        assert!(report.tasks.iter().all(|t| t
            .worker
            .as_deref()
            .unwrap()
            .starts_with("SpawnProcess-")));
    }
}

#[test]
fn errors_cross_the_process_boundary_with_their_type_and_the_worker_context() {
    let report =
        run("workload=points&executor=processes&max_workers=1&inputs=-5,300&params=lookup_ms:0");
    let error = report.tasks[0].error.as_deref().unwrap();
    // str(error) in CPython: the message alone (the worker's traceback is its __cause__).
    assert_eq!(error, "ValueError: points must not be negative (got -5)");
    assert_eq!(report.tasks[0].worker.as_deref(), Some("SpawnProcess-1"));
    assert_eq!(report.tasks[1].result, Some(json!(225)));
}

#[test]
fn a_cache_filled_in_one_worker_process_is_not_seen_by_another() {
    let report = run(
        "workload=points&executor=processes&max_workers=2&inputs=1000,1000,1000,1000,1000,1000&params=cache:locked,lookup_ms:40",
    );
    let stats = report.stats.unwrap();
    let per_worker = &stats.per_worker;
    assert_eq!(per_worker.len(), 2, "both workers took calls: {stats:?}");
    for (worker, cache) in per_worker {
        assert_eq!(
            cache.conversions, 1,
            "{worker} converted 1000 itself: {stats:?}"
        );
    }
    assert_eq!(stats.cache, None, "no cache is shared between processes");
    let processes = stats.processes.unwrap();
    assert_eq!(processes.workers_started, 2);
    assert!(processes.bytes_sent > 0);
    assert!(processes.bytes_received > 0);
    assert_eq!(processes.start_ms.len(), 2);
}

#[test]
fn max_tasks_per_child_starts_fresh_workers() {
    let report = run("workload=cpu_bound&executor=processes&max_workers=1&max_tasks_per_child=2&inputs=1,2,3,4,5");
    let stats = report.stats.unwrap();
    assert_eq!(stats.processes.unwrap().workers_started, 3);
    let workers: Vec<&str> = report
        .tasks
        .iter()
        .map(|t| t.worker.as_deref().unwrap())
        .collect();
    assert_eq!(
        workers,
        [
            "SpawnProcess-1",
            "SpawnProcess-1",
            "SpawnProcess-2",
            "SpawnProcess-2",
            "SpawnProcess-3"
        ]
    );
}

#[test]
fn killing_a_worker_process_breaks_the_pool() {
    let spawner = Arc::new(CommandSpawner::new(worker_program(), ["worker"]));
    let pool = ProcessPool::builder(spawner)
        .max_workers(1)
        .build(Tracer::discard())
        .unwrap();
    let call = |input: Value| {
        serde_json::to_vec(&ProcessCall {
            workload: "download".into(),
            params: Default::default(),
            seed: 1,
            input,
        })
        .unwrap()
    };
    let long = pool.submit_bytes(call(json!("slow.example@5000"))).unwrap();
    let queued = pool.submit_bytes(call(json!("next.example@1"))).unwrap();
    while !long.running() {
        std::thread::yield_now();
    }
    // The program waits (as CPython's lets go of the GIL): the manager moves
    // the queued call into the call queue, where it is RUNNING too.
    assert!(queued
        .result(Some(std::time::Duration::from_millis(200)))
        .is_err());
    assert!(queued.running());
    pool.kill_workers();
    for future in [&long, &queued] {
        let error = future.result(None).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("BrokenProcessPool: {BROKEN_PROCESS_POOL_MESSAGE}")
        );
    }
    assert!(pool.submit_bytes(call(json!("later.example@1"))).is_err());
}

#[test]
fn processes_without_a_worker_program_say_so() {
    let env = RunEnv::native_with_worker(None);
    let error = play(&Scenario::from_query("executor=processes").unwrap(), &env).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BrokenExecutor);
    assert!(error
        .message()
        .starts_with("processes are not available here"));
}

#[test]
fn a_stream_feeds_worker_processes_at_its_pace() {
    let report = run("workload=stream&executor=processes&max_workers=2&inputs=1,2,3,4,5,6,7,8&params=rate:200,capacity:2,b_ms:1,c_ms:5");
    let stats = report.stats.unwrap();
    assert_eq!(stats.stream.unwrap().completed, 8);
    assert!(stats.processes.unwrap().workers_started >= 1);
    assert!(report.tasks.iter().all(|t| t.state == "finished"));
}

#[test]
fn map_on_processes_gives_the_same_results_for_any_chunksize() {
    let query =
        "workload=is_prime&executor=processes&max_workers=2&api=map&inputs=97,91,2,15,17,19,21";
    let results = |chunksize: usize| -> Vec<Value> {
        run(&format!("{query}&chunksize={chunksize}"))
            .tasks
            .iter()
            .map(|t| t.result.clone().unwrap())
            .collect()
    };
    let one = results(1);
    assert_eq!(
        one,
        [true, false, true, false, true, true, false]
            .map(Value::Bool)
            .to_vec()
    );
    for chunksize in [2, 3, 7, 100] {
        assert_eq!(results(chunksize), one, "chunksize {chunksize}");
    }
    let error = Scenario::from_query("chunksize=0").unwrap_err();
    assert_eq!(
        error.to_string(),
        "chunksize: must be a whole number from 1 to 10000 (got \"0\")"
    );
}

#[test]
fn the_pool_traces_each_worker_process_starting_and_ready() {
    use futures_lab_core::{TraceBuffer, TraceKind, TraceSink};
    let buffer = Arc::new(TraceBuffer::default());
    let mut env = RunEnv::native_with_worker(Some(worker_program()));
    env.live = Some(Arc::clone(&buffer) as Arc<dyn TraceSink>);
    let scenario = Scenario::from_query(
        "workload=cpu_bound&inputs=1000,2000,3000&executor=processes&max_workers=2",
    )
    .unwrap();
    let report = play(&scenario, &env).unwrap();
    let started = report.stats.unwrap().processes.unwrap().workers_started;
    let events = buffer.drain();
    let count = |kind| events.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count(TraceKind::WorkerStarting), started);
    assert_eq!(count(TraceKind::WorkerReady), started);
    for ready in events.iter().filter(|e| e.kind == TraceKind::WorkerReady) {
        assert_eq!(ready.future, u64::MAX, "about the worker, not a future");
        let name = ready.worker.as_deref().unwrap();
        let began = events
            .iter()
            .find(|e| e.kind == TraceKind::WorkerStarting && e.worker.as_deref() == Some(name))
            .unwrap();
        assert!(began.t_ns <= ready.t_ns, "{name} began before it was ready");
        // Its first call started once it was ready.
        let first = events
            .iter()
            .filter(|e| e.kind == TraceKind::Started && e.worker.as_deref() == Some(name))
            .map(|e| e.t_ns)
            .min();
        assert!(first.is_none_or(|t| t >= ready.t_ns), "{name}");
    }
    // The calls that waited for a worker say so in their time split: at
    // most the first call on each worker (a later one waited for the calls
    // before it, not for the start).
    let waited = report
        .tasks
        .iter()
        .filter(|t| t.time.start_ms > 0.0)
        .count();
    assert!((1..=started).contains(&waited), "{:?}", report.tasks);
}
