//! Every classic example's "what to look for" holds on the report of the
//! scenario it opens: a learner who follows the lesson sees it happen.
//! Claims about time are checked on the virtual clock (the same trace every
//! time), claims about results and orders on a real run.

use futures_lab::presets::{find, PRESETS};
use futures_lab_scenarios::{
    play, simulate, CacheStats, Gist, Report, RunEnv, Scenario, TaskState,
};
use serde_json::Value;

/// The example's scenario, played natively (processes become threads: this
/// test program cannot be a worker process).
fn real(id: &str) -> Report {
    let query = find(id).unwrap().query.replace("processes", "threads");
    play(&Scenario::from_query(&query).unwrap(), &RunEnv::native()).unwrap()
}

/// The example's scenario on the virtual clock of a 2-CPU machine (unless it
/// gives its own).
fn simulated(id: &str) -> Report {
    let query = find(id).unwrap().query;
    let query = if query.contains("clock=virtual") {
        query.to_owned()
    } else {
        format!("{query}&clock=virtual&cpus=2")
    };
    simulate(&Scenario::from_query(&query).unwrap(), 2)
        .unwrap()
        .report
}

fn submission_order(report: &Report) -> Vec<u64> {
    (0..report.tasks.len() as u64).collect()
}

fn workers_started(report: &Report) -> usize {
    let stats = report
        .stats
        .as_ref()
        .and_then(|stats| stats.processes.as_ref());
    stats.expect("a process pool's figures").workers_started
}

fn cache(report: &Report) -> &CacheStats {
    report
        .stats
        .as_ref()
        .and_then(|stats| stats.cache.as_ref())
        .unwrap_or_else(|| panic!("no cache statistics"))
}

#[test]
fn every_example_has_a_check_here() {
    let checked = [
        "cpu-threads",
        "cpu-gil",
        "cpu-processes",
        "primes-map",
        "download-threads",
        "download-first-exception",
        "download-timeout",
        "download-asyncio",
        "asyncio-cpu",
        "sum-generator",
        "power",
        "points-race",
        "points-locked",
        "stream-backpressure",
        "gil-cpython-speed",
        "sixteen-cores",
    ];
    let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
    assert_eq!(ids, checked, "a new example needs its lesson checked");
}

#[test]
fn cpu_threads_without_the_gil_take_about_half_the_cpu_time() {
    let report = simulated("cpu-threads");
    let ratio = report.wall_ms / report.cpu_ms;
    assert!((0.45..=0.55).contains(&ratio), "wall ÷ CPU = {ratio}");
    assert!(matches!(
        Gist::of(&report),
        Gist::Parallel { workers: 2, .. }
    ));
}

#[test]
fn cpu_gil_threads_take_turns_and_take_one_threads_time() {
    let report = simulated("cpu-gil");
    assert!(
        matches!(Gist::of(&report), Gist::Gil { threads: 2, .. }),
        "{:?}",
        Gist::of(&report)
    );
    // The wall time is the computing time: one thread's worth.
    assert!((report.wall_ms / report.cpu_ms - 1.0).abs() < 0.01);
}

#[test]
fn cpu_processes_compute_at_once_after_starting() {
    let report = simulated("cpu-processes");
    assert!(matches!(
        Gist::of(&report),
        Gist::Parallel { workers: 2, .. }
    ));
    assert_eq!(workers_started(&report), 2);
}

#[test]
fn primes_map_gives_input_order_and_computes_the_repeat_twice() {
    let report = real("primes-map");
    assert_eq!(report.result_order, submission_order(&report));
    let inputs: Vec<&Value> = report.tasks.iter().map(|t| &t.input).collect();
    let repeated = inputs
        .iter()
        .enumerate()
        .find(|(i, input)| inputs[..*i].contains(input))
        .map(|(i, _)| i)
        .expect("a repeated number");
    let first = inputs.iter().position(|i| *i == inputs[repeated]).unwrap();
    for id in [first, repeated] {
        assert_eq!(report.tasks[id].state, TaskState::Finished);
        assert!(
            report.tasks[id].time.computing_ms > 0.0,
            "task {id} computed"
        );
    }
}

#[test]
fn download_threads_overlap_yield_in_completion_order_and_fail_alone() {
    let report = simulated("download-threads");
    assert_ne!(report.completion_order, submission_order(&report));
    let failed: Vec<u64> = report
        .tasks
        .iter()
        .filter(|t| t.state == TaskState::Failed)
        .map(|t| t.id)
        .collect();
    assert_eq!(failed.len(), 1, "only the made-up domain fails");
    assert_eq!(report.error, None);
    assert!(
        matches!(
            Gist::of(&report),
            Gist::Io {
                at_once: 5,
                workers: 5,
                ..
            }
        ),
        "{:?}",
        Gist::of(&report)
    );
}

#[test]
fn download_first_exception_returns_at_the_failure() {
    let report = simulated("download-first-exception");
    let split = report.wait.as_ref().unwrap();
    assert_eq!(split.reason, "FIRST_EXCEPTION");
    let failed = report
        .tasks
        .iter()
        .find(|t| t.state == TaskState::Failed)
        .unwrap();
    assert!(split.done.contains(&failed.id));
    assert!(!split.not_done.is_empty(), "the others were still running");
    assert_eq!(Some(split.returned_ms), failed.finished_ms);
}

#[test]
fn download_timeout_never_raises_from_wait() {
    let report = simulated("download-timeout");
    let split = report.wait.as_ref().unwrap();
    assert_eq!(split.reason, "timeout");
    assert_eq!(report.error, None, "wait does not raise");
    assert!(!split.not_done.is_empty());
    assert!((split.returned_ms - 100.0).abs() < 1e-6);
}

#[test]
fn download_asyncio_takes_the_slowest_site_and_keeps_the_error() {
    let report = simulated("download-asyncio");
    let slowest = report
        .tasks
        .iter()
        .filter_map(|t| Some(t.finished_ms? - t.started_ms?))
        .fold(0.0, f64::max);
    let sum: f64 = report.tasks.iter().map(|t| t.time.io_ms).sum();
    assert!(
        report.wall_ms < slowest * 1.05,
        "{} ms vs the slowest {slowest} ms",
        report.wall_ms
    );
    assert!(sum > 5.0 * report.wall_ms);
    assert_eq!(
        report.error, None,
        "return_exceptions=True keeps the error as a result"
    );
    assert!(report.tasks.iter().any(|t| t.state == TaskState::Failed));
}

#[test]
fn asyncio_cpu_blocks_the_loop_unless_cooperative() {
    let blocked = simulated("asyncio-cpu");
    assert!(blocked.tasks[1].started_ms >= blocked.tasks[0].finished_ms);
    let query = format!(
        "{}&cooperative=true&clock=virtual&cpus=2",
        find("asyncio-cpu").unwrap().query
    );
    let cooperative = simulate(&Scenario::from_query(&query).unwrap(), 2)
        .unwrap()
        .report;
    assert!(
        cooperative.tasks[1].finished_ms < cooperative.tasks[0].finished_ms,
        "the small one runs at once"
    );
}

#[test]
fn sum_generator_yields_the_largest_last_not_in_submission_order() {
    // CPython 3.11 runs its program (futures-lab program) in the order
    // [2, 3, 1, 0]: the smallest, submitted last, may start after the next
    // smallest has finished. Whatever the small ones do, the largest,
    // submitted first, is yielded last.
    for report in [simulated("sum-generator"), real("sum-generator")] {
        assert_ne!(
            report.completion_order,
            submission_order(&report),
            "{}",
            report.mode
        );
        assert_eq!(report.completion_order.last(), Some(&0), "{}", report.mode);
    }
}

#[test]
fn power_is_exact_to_3099_digits() {
    let report = real("power");
    let digits = report.tasks[0]
        .result
        .as_ref()
        .unwrap()
        .as_str()
        .unwrap()
        .len();
    assert_eq!(digits, 3099);
}

#[test]
fn points_race_converts_twice_and_loses_updates() {
    let report = real("points-race");
    assert!(cache(&report).duplicate_conversions > 0);
    assert!(cache(&report).lost_updates > 0);
}

#[test]
fn points_locked_converts_once_hits_seven_times_and_loses_nothing() {
    let report = real("points-locked");
    assert_eq!(cache(&report).conversions, 1);
    assert_eq!(cache(&report).hits, 7);
    assert_eq!(cache(&report).lost_updates, 0);
}

#[test]
fn stream_backpressure_fills_the_queue_and_makes_the_producer_wait() {
    let report = real("stream-backpressure");
    let stream = report.stats.unwrap().stream.unwrap();
    let capacity = stream.capacity;
    // It fills. (For an instant it holds one more: the room a finished
    // request frees is taken by the producer before the consumer takes the
    // next, in CPython as here: issue 13 keeps the chart's reading of it.)
    let most = stream.max_queue_depth;
    assert!(most >= capacity, "the queue fills: {most} of {capacity}");
    assert!(stream.producer_blocked_ms > 0.0);
}

#[test]
fn gil_at_cpython_speed_takes_about_4_s_one_at_a_time() {
    let report = simulated("gil-cpython-speed");
    // 20 tasks of 5,000,000 terms one after the other, at the measured
    // speed of CPython 3.11 (the lesson says "about 4 s").
    let term_ns = futures_lab_scenarios::CpythonCosts::get()
        .timed_version("3.11".parse().unwrap())
        .unwrap()
        .workloads["cpu_bound"]
        .ns_per_op;
    let one_at_a_time = (0..20).map(|k| 5_000_000.0 + f64::from(k)).sum::<f64>() * term_ns / 1e6;
    assert!(
        (report.wall_ms - one_at_a_time).abs() < 1.0,
        "{}",
        report.wall_ms
    );
    assert!(
        (3_500.0..4_500.0).contains(&report.wall_ms),
        "{}",
        report.wall_ms
    );
    assert_eq!(report.tasks.len(), 20);
    assert!(matches!(Gist::of(&report), Gist::Gil { threads: 4, .. }));
}

#[test]
fn sixteen_cores_fork_sixteen_then_run_two_rounds() {
    let report = simulated("sixteen-cores");
    assert_eq!(workers_started(&report), 16);
    let mut starts: Vec<f64> = report.tasks.iter().map(|t| t.started_ms.unwrap()).collect();
    starts.sort_by(f64::total_cmp);
    // A round: starts less than a task's 175 ms apart.
    let rounds = 1 + starts.windows(2).filter(|w| w[1] - w[0] > 100.0).count();
    assert_eq!(rounds, 2, "two rounds of starts: {starts:?}");
}

/// The example's scenario with one of its suggested changes, as the page
/// makes it (the example's form, the change merged into it).
fn tried(id: &str, change: &str) -> Scenario {
    use futures_lab::state::Form;
    let preset = find(id).unwrap();
    assert!(
        preset.tries.iter().any(|t| t.query == change),
        "{id} suggests {change}"
    );
    let mut form = Form {
        max_workers: String::new(),
        ..Form::default()
    };
    form.merge_query(preset.query);
    form.merge_query(change);
    Scenario::from_query(&form.to_query()).unwrap_or_else(|e| panic!("{id} + {change}: {e}"))
}

#[test]
fn every_try_of_every_example_makes_a_valid_and_different_scenario() {
    for preset in PRESETS {
        assert!(
            !preset.tries.is_empty(),
            "{} suggests something to try",
            preset.id
        );
        let original = Scenario::from_query(preset.query).unwrap();
        for change in preset.tries {
            assert_ne!(
                tried(preset.id, change.query),
                original,
                "{} + {} changes the example",
                preset.id,
                change.query
            );
            assert!(
                change.label.1.chars().any(|c| ('가'..='힣').contains(&c))
                    || change.label.0 == change.label.1,
                "{}: {:?} in Korean",
                preset.id,
                change.label
            );
        }
    }
}

#[test]
fn the_suggested_changes_show_what_their_lessons_say() {
    // Cooperative: the small task no longer waits for the big one.
    let cooperative = play(&tried("asyncio-cpu", "cooperative=true"), &RunEnv::native()).unwrap();
    assert_eq!(
        cooperative.completion_order.first(),
        Some(&1),
        "the small one ends first"
    );
    // The lock: one conversion, no lost updates.
    let locked = play(
        &tried("points-race", "params=cache:locked,lookup_ms:30"),
        &RunEnv::native(),
    )
    .unwrap();
    assert_eq!(cache(&locked).conversions, 1);
    assert_eq!(cache(&locked).lost_updates, 0);
    // map instead of as_completed: results in input order.
    let mapped = play(&tried("sum-generator", "api=map"), &RunEnv::native()).unwrap();
    assert_eq!(mapped.result_order, vec![0, 1, 2, 3]);
}
