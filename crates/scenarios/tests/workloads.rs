//! Every classic workload, natively: exact results as CPython gives them,
//! errors on the futures they belong to, and the lessons each one exists for,
//! checked over the report and the trace (not over wall-clock time).

use std::sync::Arc;

use futures_lab_core::{TraceBuffer, TraceEvent, TraceKind};
use futures_lab_scenarios::{
    play, python_program, workloads, Report, RunEnv, Scenario, StreamStats,
};
use serde_json::{json, Value};

fn run(query: &str) -> Report {
    play(&Scenario::from_query(query).unwrap(), &RunEnv::native()).unwrap()
}

/// Runs with a live trace sink and returns the report and the trace.
fn run_traced(query: &str) -> (Report, Vec<TraceEvent>) {
    let buffer = Arc::new(TraceBuffer::default());
    let env = RunEnv {
        live: Some(buffer.clone()),
        ..RunEnv::native()
    };
    let report = play(&Scenario::from_query(query).unwrap(), &env).unwrap();
    (report, buffer.drain())
}

fn results(report: &Report) -> Vec<Value> {
    report
        .tasks
        .iter()
        .map(|t| t.result.clone().unwrap_or_else(|| json!(t.error)))
        .collect()
}

/// The most intervals open at once, in trace order.
fn max_open(events: &[TraceEvent], open: TraceKind, close: TraceKind) -> usize {
    let (mut now, mut most) = (0usize, 0usize);
    for event in events {
        if event.kind == open {
            now += 1;
            most = most.max(now);
        } else if event.kind == close {
            now -= 1;
        }
    }
    most
}

#[test]
fn every_workload_explains_itself_in_english_and_korean_with_python_code() {
    for workload in workloads::ALL {
        let (title, text) = (workload.title(), workload.explanation());
        assert!(
            !title.en.is_empty() && !title.ko.is_empty(),
            "{}",
            workload.id()
        );
        assert!(
            text.en.len() > 100 && text.ko.len() > 100,
            "{}",
            workload.id()
        );
        assert!(
            text.ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "{}",
            workload.id()
        );
        let defaults = Scenario::from_query(&format!("workload={}", workload.id())).unwrap();
        assert!(python_program(&defaults).contains("from concurrent.futures import"));
        assert_eq!(defaults.inputs.len(), workload.default_inputs().len());
    }
}

#[test]
fn sum_generator_sums_one_to_n_for_the_classic_inputs() {
    let report = run("workload=sum_generator&executor=threads&max_workers=4");
    assert_eq!(
        results(&report),
        vec![
            json!(50_005_000),
            json!(5_000_050_000u64),
            json!(500_000_500_000u64),
            json!(50_000_005_000_000u64)
        ]
    );
    assert_eq!(report.completion_order[3], 3, "the biggest finishes last");
}

#[test]
fn is_prime_gives_the_python_documentation_answers() {
    let report = run("workload=is_prime&executor=threads&max_workers=2&api=map");
    assert_eq!(
        results(&report),
        [true, true, true, true, true, false]
            .map(Value::Bool)
            .to_vec()
    );
    let scenario = report
        .scenario
        .as_ref()
        .expect("a lab run names its scenario");
    assert_eq!(scenario.inputs[0], scenario.inputs[2], "a duplicate input");
}

#[test]
fn power_is_exact_to_the_last_digit() {
    let report = run("workload=power&executor=sequential");
    let expected = include_str!("fixtures/power_323_1235.txt").trim();
    assert_eq!(report.tasks[0].result, Some(json!(expected)));
    assert_eq!(expected.len(), 3099);
}

#[test]
fn download_fails_the_made_up_domain_and_pinned_latencies_hold() {
    let report =
        run("workload=download&executor=threads&max_workers=5&params=latency_ms:5,jitter_ms:3");
    let failed: Vec<&str> = report
        .tasks
        .iter()
        .filter(|t| t.state == "failed")
        .map(|t| t.input.as_str().unwrap())
        .collect();
    assert_eq!(failed, vec!["http://some-made-up-domain.com/"]);
    assert_eq!(
        report.tasks[19].error.as_deref(),
        Some("URLError: <urlopen error [Errno -2] Name or service not known>")
    );
    assert!(report.tasks[..19]
        .iter()
        .all(|t| t.result.as_ref().and_then(Value::as_u64).unwrap() >= 2000));
    let pinned = run("workload=download&executor=threads&max_workers=3&inputs=slow.example@150,fast.example@1,x.invalid@40");
    assert_eq!(
        pinned.completion_order,
        vec![1, 2, 0],
        "pinned latencies decide the order"
    );
    assert_eq!(pinned.tasks[2].state, "failed");
}

#[test]
fn a_pinned_latency_out_of_range_is_refused_however_long() {
    for latency in ["60001", "18446744073709551616", "99999999999999999999"] {
        let query = format!("workload=download&inputs=a.com@{latency}");
        let error = Scenario::from_query(&query).unwrap_err();
        assert_eq!(error.field(), "inputs", "{query}");
        assert!(
            error.message().contains("from 0 to 60000 ms"),
            "{}",
            error.message()
        );
    }
    let pinned = Scenario::from_query("workload=download&inputs=a.com@60000").unwrap();
    assert_eq!(pinned.inputs, vec![json!("a.com@60000")]);
}

#[test]
fn download_results_are_the_same_for_the_same_seed() {
    let query =
        "workload=download&executor=threads&max_workers=4&params=latency_ms:3,jitter_ms:2&seed=7";
    assert_eq!(results(&run(query)), results(&run(query)));
    let other =
        "workload=download&executor=threads&max_workers=4&params=latency_ms:3,jitter_ms:2&seed=8";
    assert_ne!(results(&run(query)), results(&run(other)));
}

#[test]
fn points_fail_their_own_future_for_bad_amounts_and_convert_the_rest() {
    let report = run("workload=points&executor=threads&max_workers=4&params=lookup_ms:1");
    let by_input = |input: Value| report.tasks.iter().find(|t| t.input == input).unwrap();
    assert_eq!(by_input(json!(1000)).result, Some(json!(850)));
    assert_eq!(by_input(json!(2500)).result, Some(json!(1875)));
    assert_eq!(by_input(json!(12000)).result, Some(json!(9550)));
    assert_eq!(
        by_input(json!(-5)).error.as_deref(),
        Some("ValueError: points must not be negative (got -5)")
    );
    assert_eq!(
        by_input(json!(12.5)).error.as_deref(),
        Some("ValueError: points must be a whole number (got 12.5)")
    );
    assert_eq!(
        by_input(json!(5_000_000)).error.as_deref(),
        Some("ValueError: points above the limit of 1000000 (got 5000000)")
    );
    assert_eq!(
        report.tasks.iter().filter(|t| t.state == "failed").count(),
        3
    );
}

#[test]
fn an_unsynchronized_cache_converts_the_same_key_twice_and_loses_updates() {
    let report = run(
        "workload=points&executor=threads&max_workers=4&inputs=1000,1000,1000,1000,1000,1000,1000,1000&params=cache:unsynchronized,lookup_ms:30",
    );
    let stats = report.stats.unwrap().cache.unwrap();
    assert!(stats.duplicate_conversions >= 1, "{stats:?}");
    assert!(stats.lost_updates >= 1, "{stats:?}");
    assert!(report.tasks.iter().all(|t| t.result == Some(json!(850))));
}

#[test]
fn a_locked_cache_converts_each_key_once_and_counts_right() {
    let report = run(
        "workload=points&executor=threads&max_workers=4&inputs=1000,1000,1000,1000,1000,1000,1000,1000&params=cache:locked,lookup_ms:30&gil=true",
    );
    let stats = report.stats.unwrap().cache.unwrap();
    assert_eq!(stats.conversions, 1, "{stats:?}");
    assert_eq!(stats.duplicate_conversions, 0);
    assert_eq!(stats.lost_updates, 0);
    assert_eq!(stats.hits, 7);
}

#[test]
fn an_lru_cache_evicts_the_least_recently_used() {
    let report = run(
        "workload=points&executor=sequential&inputs=1,2,3,1,4,2&params=cache:lru,capacity:3,lookup_ms:0",
    );
    let stats = report.stats.unwrap().cache.unwrap();
    // 1 2 3 miss; 1 hit; 4 misses and evicts 2; 2 misses again and evicts 3.
    assert_eq!((stats.hits, stats.misses), (1, 5));
    assert_eq!(stats.evictions, 2);
    assert_eq!(stats.size, 3);
    assert_eq!(stats.capacity, Some(3));
}

#[test]
fn under_the_gil_cpu_bound_threads_never_overlap() {
    let (_, events) = run_traced("workload=cpu_bound&executor=threads&max_workers=4&gil=true&inputs=3000000,3000000,3000000,3000000");
    assert_eq!(
        max_open(&events, TraceKind::GilAcquire, TraceKind::GilRelease),
        1
    );
}

#[test]
fn under_the_gil_download_threads_still_overlap_their_io() {
    let (report, events) = run_traced(
        "workload=download&executor=threads&max_workers=5&gil=true&inputs=a.example@150,b.example@150,c.example@150,d.example@150,e.example@150",
    );
    assert!(report.tasks.iter().all(|t| t.state == "finished"));
    assert!(max_open(&events, TraceKind::IoStart, TraceKind::IoEnd) >= 2);
    assert_eq!(
        max_open(&events, TraceKind::GilAcquire, TraceKind::GilRelease),
        1
    );
}

#[test]
fn bad_params_are_named_with_what_is_allowed() {
    let error = |q: &str| Scenario::from_query(q).unwrap_err().to_string();
    assert_eq!(
        error("workload=points&params=cache:sometimes"),
        "params.cache: must be one of none, unsynchronized, locked, lru (got \"sometimes\")"
    );
    assert_eq!(
        error("workload=points&params=colour:red"),
        "params: \"colour\" is not a parameter of points; its parameters are cache, capacity, lookup_ms"
    );
    assert_eq!(
        error("workload=cpu_bound&params=cache:lru"),
        "params: \"cache\" is not a parameter of cpu_bound; it takes none"
    );
    assert_eq!(
        error("workload=download&inputs=a b"),
        "inputs: each input must be a URL or site name of up to 200 characters without spaces or quotes, optionally followed by @ms (got \"a b\")"
    );
    assert_eq!(
        error("workload=power&inputs=2**99999"),
        "inputs: each input must be base**exponent with base from 0 to 1000000 and exponent from 0 to 10000 (got \"2**99999\")"
    );
    assert_eq!(
        error("workload=points&inputs=lots"),
        "inputs: each input must be a number of points, for example 2500 (got \"lots\")"
    );
    assert_eq!(
        error("seed=-1"),
        format!(
            "seed: must be a whole number from 0 to {} (got \"-1\")",
            u64::MAX
        )
    );
}

#[test]
fn params_round_trip_through_the_url_and_json() {
    let from_query =
        Scenario::from_query("workload=points&params=cache:lru,capacity:8&seed=9").unwrap();
    let from_json = Scenario::from_json(
        r#"{"workload": "points", "params": {"cache": "lru", "capacity": 8}, "seed": 9}"#,
    )
    .unwrap();
    assert_eq!(from_query, from_json);
    assert_eq!(
        from_query.params["lookup_ms"],
        json!(5),
        "defaults are filled in"
    );
    assert_eq!(
        Scenario::from_query(&from_query.to_query()).unwrap(),
        from_query
    );
}

#[test]
fn asyncio_overlaps_every_download_on_one_thread() {
    let (report, events) = run_traced(
        "workload=download&executor=asyncio&inputs=a.example@150,b.example@150,c.example@150,d.example@150,x.invalid@5",
    );
    assert!(report
        .tasks
        .iter()
        .all(|t| t.worker.as_deref() == Some("MainThread")));
    assert_eq!(report.tasks[4].state, "failed");
    assert_eq!(max_open(&events, TraceKind::IoStart, TraceKind::IoEnd), 5);
    assert_eq!(report.pool.threads, 1, "one loop thread");
}

#[test]
fn asyncio_cpu_work_delays_the_other_tasks_unless_it_yields() {
    let position = |events: &[TraceEvent], future: u64, kind: TraceKind| {
        events
            .iter()
            .position(|e| e.future == future && e.kind == kind)
            .unwrap()
    };
    let (_, stalled) = run_traced("workload=cpu_bound&executor=asyncio&inputs=20000000,10");
    assert!(
        position(&stalled, 0, TraceKind::Finished) < position(&stalled, 1, TraceKind::Started),
        "the small task starts only after the big one ends"
    );
    let (_, yielding) =
        run_traced("workload=cpu_bound&executor=asyncio&cooperative=true&inputs=20000000,10");
    assert!(
        position(&yielding, 1, TraceKind::Finished) < position(&yielding, 0, TraceKind::Finished),
        "yielding at checkpoints lets the small task through"
    );
}

#[test]
fn asyncio_races_on_a_cache_at_its_awaits_and_a_lock_prevents_them() {
    let inputs = "1000,1000,1000,1000,1000,1000";
    let racy = run(&format!(
        "workload=points&executor=asyncio&inputs={inputs}&params=cache:unsynchronized,lookup_ms:10"
    ));
    let stats = racy.stats.unwrap().cache.unwrap();
    assert_eq!(
        stats.conversions, 6,
        "every task awaited the lookup before any stored: {stats:?}"
    );
    assert_eq!(stats.duplicate_conversions, 5);
    let locked = run(&format!(
        "workload=points&executor=asyncio&inputs={inputs}&params=cache:locked,lookup_ms:10"
    ));
    let stats = locked.stats.unwrap().cache.unwrap();
    assert_eq!((stats.conversions, stats.hits), (1, 5));
    assert!(locked.tasks.iter().all(|t| t.result == Some(json!(850))));
}

#[test]
fn every_workload_gives_the_same_results_on_every_executor() {
    let queries = [
        "workload=sum_generator&inputs=1000,10",
        "workload=is_prime&inputs=97,91,2",
        "workload=cpu_bound&inputs=100,7",
        "workload=power&inputs=3**40",
        "workload=download&inputs=a.example@2,x.invalid@1",
        "workload=points&inputs=1000,-5,2500&params=lookup_ms:1",
    ];
    for query in queries {
        let outcomes: Vec<Vec<Value>> = [
            "sequential",
            "threads&max_workers=2",
            "threads&max_workers=2&gil=true",
            "asyncio",
        ]
        .iter()
        .map(|executor| results(&run(&format!("{query}&executor={executor}"))))
        .collect();
        assert!(
            outcomes.windows(2).all(|w| w[0] == w[1]),
            "{query}: {outcomes:?}"
        );
    }
}

#[test]
fn stream_backpressure_fills_the_queue_when_consumers_are_too_few() {
    let inputs: Vec<String> = (1..=40).map(|k| k.to_string()).collect();
    let inputs = inputs.join(",");
    let query = |workers: usize| {
        format!("workload=stream&executor=threads&max_workers={workers}&inputs={inputs}&params=rate:100,capacity:6,b_ms:1,c_ms:15")
    };
    let stream = |workers| run(&query(workers)).stats.unwrap().stream.unwrap();
    let (keeping_up, too_few) = (stream(4), stream(1));
    assert_eq!(too_few.completed, 40);
    // Full: at capacity, and for an instant one more while a finished
    // consumer's slot is handed to the producer before it takes the next.
    let depth = too_few.max_queue_depth;
    assert!(
        (6..=7).contains(&depth),
        "the queue filled up to its capacity: {too_few:?}"
    );
    assert!(too_few.producer_blocked_ms > keeping_up.producer_blocked_ms);
    let p95 = |stats: &StreamStats| stats.latency_ms.p95.unwrap();
    assert!(
        p95(&too_few) > 3.0 * p95(&keeping_up),
        "{} vs {}",
        p95(&too_few),
        p95(&keeping_up)
    );
    assert!(keeping_up.max_queue_depth < 6);
    assert!(!too_few.queue_depth.is_empty());
}

#[test]
fn stream_runs_on_every_executor_with_the_same_results() {
    let query = "workload=stream&inputs=1,2,3,4,5,6&params=rate:1000,capacity:2,b_ms:0,c_ms:1";
    let outcomes: Vec<Vec<Value>> = ["sequential", "threads&max_workers=2", "asyncio"]
        .iter()
        .map(|executor| results(&run(&format!("{query}&executor={executor}"))))
        .collect();
    assert!(outcomes.windows(2).all(|w| w[0] == w[1]), "{outcomes:?}");
}
