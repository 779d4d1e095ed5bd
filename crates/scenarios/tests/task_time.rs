//! Each task's time split (computing, I/O, the GIL, a lock, the event
//! loop) and the CPU time built on it: parallelism (CPU ÷ wall) says what
//! the run did, on both clocks.

use futures_lab_scenarios::{play, simulate, Report, RunEnv, Scenario};

fn real(query: &str) -> Report {
    play(&Scenario::from_query(query).unwrap(), &RunEnv::native()).unwrap()
}

fn virtual_run(query: &str) -> Report {
    simulate(&Scenario::from_query(query).unwrap(), 4)
        .unwrap()
        .report
}

/// On the virtual clock if the query asks for it, else for real.
fn either(query: &str) -> Report {
    if query.contains("clock=virtual") {
        virtual_run(query)
    } else {
        real(query)
    }
}

fn parallelism(report: &Report) -> f64 {
    report.cpu_ms / report.wall_ms
}

/// Every task that ran: its parts add up to its running time.
fn assert_parts_add_up(report: &Report) {
    for task in &report.tasks {
        let (Some(started), Some(finished)) = (task.started_ms, task.finished_ms) else {
            continue;
        };
        let parts = task.time.computing_ms + task.time.waiting_ms();
        assert!(
            (parts - (finished - started)).abs() < 0.01,
            "task {}: {:?} adds up to {parts} ms, ran {} ms",
            task.id,
            task.time,
            finished - started
        );
    }
    let computing: f64 = report.tasks.iter().map(|t| t.time.computing_ms).sum();
    assert!((report.cpu_ms - computing).abs() < 1e-6);
}

#[test]
fn under_the_gil_four_threads_compute_one_at_a_time() {
    // The "GIL at CPython's speed" example: parallelism was 4.00× when CPU
    // time counted the waits for the GIL.
    let report = virtual_run(
        "workload=cpu_bound&executor=threads&max_workers=4&gil=true&clock=virtual&cpus=4&op_ns=35",
    );
    assert_parts_add_up(&report);
    let p = parallelism(&report);
    assert!((0.95..=1.0001).contains(&p), "parallelism {p}");
    let gil: f64 = report.tasks.iter().map(|t| t.time.gil_ms).sum();
    assert!(
        gil > 2.0 * report.wall_ms,
        "four threads mostly wait: {gil} ms"
    );
}

#[test]
fn without_the_gil_four_threads_compute_at_once() {
    let report = virtual_run(
        "workload=cpu_bound&executor=threads&max_workers=4&gil=false&clock=virtual&cpus=4&op_ns=35",
    );
    assert_parts_add_up(&report);
    let p = parallelism(&report);
    assert!(p > 3.5 && p <= 4.0001, "parallelism {p}");
    assert!(report.tasks.iter().all(|t| t.time.gil_ms == 0.0));
}

#[test]
fn downloads_are_waits_not_computing() {
    // 12.14× for asyncio downloads on one thread, 4.26× for threads on two
    // CPUs, when the waits counted as CPU time.
    for query in [
        "workload=download&executor=asyncio&api=gather&return_exceptions=true&clock=virtual",
        "workload=download&executor=threads&gil=true&max_workers=5&clock=virtual&cpus=2",
        "workload=download&executor=asyncio&api=gather&return_exceptions=true",
        "workload=download&executor=threads&gil=true&max_workers=5&inputs=a.example@30,b.example@20,c.example@10",
    ] {
        let report = either(query);
        assert_parts_add_up(&report);
        let p = parallelism(&report);
        assert!(p < 0.2, "{query}: parallelism {p}");
        let io: f64 = report.tasks.iter().map(|t| t.time.io_ms).sum();
        assert!(io > report.wall_ms, "{query}: waits overlap ({io} ms of I/O)");
    }
}

#[test]
fn a_cooperative_coroutine_waits_for_its_turn_on_the_loop() {
    for query in [
        "workload=cpu_bound&executor=asyncio&inputs=3000000,3000000&cooperative=true&clock=virtual",
        "workload=cpu_bound&executor=asyncio&inputs=3000000,3000000&cooperative=true",
    ] {
        let report = either(query);
        assert_parts_add_up(&report);
        let p = parallelism(&report);
        assert!(p <= 1.0001, "{query}: one thread, parallelism {p}");
        assert!(p > 0.8, "{query}: the loop was busy, parallelism {p}");
        for task in &report.tasks {
            assert!(
                task.time.loop_ms > 0.2 * task.time.computing_ms,
                "{query}: task {} took turns: {:?}",
                task.id,
                task.time
            );
        }
    }
}

#[test]
fn a_coroutine_that_never_yields_never_waits_for_the_loop() {
    let report = virtual_run("workload=cpu_bound&executor=asyncio&inputs=3000000,10&clock=virtual");
    assert_parts_add_up(&report);
    assert!(report.tasks.iter().all(|t| t.time.loop_ms == 0.0));
}

#[test]
fn threads_behind_a_lock_wait_for_it() {
    let report = real(
        "workload=points&executor=threads&max_workers=4&inputs=1000,1000,1000,1000&params=cache:locked,lookup_ms:30",
    );
    assert_parts_add_up(&report);
    let lock: f64 = report.tasks.iter().map(|t| t.time.lock_ms).sum();
    // The first holder converts for about 30 ms while three others wait.
    assert!(
        lock > 30.0,
        "lock waits {lock} ms: {:?}",
        report.tasks.iter().map(|t| t.time).collect::<Vec<_>>()
    );
    let unlocked = real(
        "workload=points&executor=threads&max_workers=4&inputs=1000,1000,1000,1000&params=cache:unsynchronized,lookup_ms:30",
    );
    assert!(unlocked.tasks.iter().all(|t| t.time.lock_ms == 0.0));
}

mod gist {
    use super::*;
    use futures_lab_scenarios::Gist;

    #[test]
    fn each_run_gets_the_finding_its_lesson_teaches() {
        let gil = Gist::of(&virtual_run(
            "workload=cpu_bound&executor=threads&max_workers=4&gil=true&clock=virtual&cpus=4&op_ns=35",
        ));
        assert!(matches!(gil, Gist::Gil { threads: 4, .. }), "{gil:?}");

        let free = Gist::of(&virtual_run(
            "workload=cpu_bound&executor=threads&max_workers=4&gil=false&clock=virtual&cpus=4&op_ns=35",
        ));
        assert!(
            matches!(free, Gist::Parallel { workers: 4, .. }),
            "{free:?}"
        );

        let one = Gist::of(&virtual_run(
            "workload=cpu_bound&executor=sequential&inputs=100000,200000&clock=virtual",
        ));
        assert!(matches!(one, Gist::OneThread { .. }), "{one:?}");

        let downloads = Gist::of(&virtual_run(
            "workload=download&executor=asyncio&api=gather&return_exceptions=true&clock=virtual",
        ));
        let Gist::Io {
            at_once,
            workers: 1,
            parallelism,
        } = downloads
        else {
            panic!("{downloads:?}");
        };
        assert!(at_once >= 10 && parallelism < 0.2, "{downloads:?}");

        let locked = Gist::of(&real(
            "workload=points&executor=threads&max_workers=4&inputs=1000,1000,1000,1000&params=cache:locked,lookup_ms:30",
        ));
        assert!(
            matches!(locked, Gist::Lock { waited_ms, .. } if waited_ms > 30.0),
            "{locked:?}"
        );
    }

    #[test]
    fn a_run_where_nothing_ran_says_so() {
        let report = virtual_run(
            "workload=download&executor=threads&max_workers=1&inputs=a.example@10&clock=virtual",
        );
        let mut none = report.clone();
        none.tasks.clear();
        assert_eq!(Gist::of(&none), Gist::NothingRan);
    }
}

#[test]
fn the_first_call_on_each_worker_process_waits_for_it_to_start_and_no_other_does() {
    let report = virtual_run(
        "workload=cpu_bound&inputs=1000000,1000000,1000000,1000000&executor=processes&max_workers=2&clock=virtual&cpus=2",
    );
    let figures = report.stats.as_ref().unwrap().processes.clone().unwrap();
    assert_eq!(figures.workers_started, 2);
    let mut waited: Vec<f64> = report.tasks.iter().map(|t| t.time.start_ms).collect();
    waited.sort_by(f64::total_cmp);
    // Two calls wait (the first on each worker), each for at most its
    // worker's start, and the rest never wait for a start.
    assert_eq!(
        waited.iter().filter(|ms| **ms > 0.0).count(),
        2,
        "{waited:?}"
    );
    let longest = figures.start_ms.iter().copied().fold(0.0, f64::max);
    assert!(
        waited[3] <= longest + 0.01,
        "{waited:?} vs starts {:?}",
        figures.start_ms
    );
    assert!(
        waited[3] > 0.5 * figures.start_ms[0],
        "{waited:?} vs starts {:?}",
        figures.start_ms
    );
    // Threads start no process.
    let threads = virtual_run(
        "workload=cpu_bound&inputs=1000000,1000000&executor=threads&max_workers=2&clock=virtual&cpus=2",
    );
    assert!(threads.tasks.iter().all(|t| t.time.start_ms == 0.0));
}

/// A virtual run with every turn kept, and the same with `kept` turn events
/// kept before turns merge; and how many events of `kinds` each trace has.
fn whole_and_merged(
    query: &str,
    kept: usize,
    kinds: [futures_lab_core::TraceKind; 2],
) -> ((Report, usize), (Report, usize)) {
    let scenario = Scenario::from_query(query).unwrap();
    let run = |kept| {
        let simulated = futures_lab_scenarios::simulate_keeping(&scenario, 2, kept).unwrap();
        let turns = simulated
            .trace
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .count();
        // The merge is marked when (and only when) it happens.
        let marked = simulated
            .trace
            .iter()
            .any(|e| e.kind == futures_lab_core::TraceKind::Merged && e.future == u64::MAX);
        assert_eq!(marked, kept != usize::MAX, "kept {kept}");
        (simulated.report, turns)
    };
    (run(usize::MAX), run(kept))
}

/// Every task's parts are the same in both reports.
fn assert_same_split(whole: &Report, merged: &Report) {
    for (a, b) in whole.tasks.iter().zip(&merged.tasks) {
        assert_eq!(a.result, b.result);
        for (x, y) in [
            (a.time.computing_ms, b.time.computing_ms),
            (a.time.gil_ms, b.time.gil_ms),
            (a.time.loop_ms, b.time.loop_ms),
            (a.time.io_ms, b.time.io_ms),
        ] {
            assert!(
                (x - y).abs() < 1e-6,
                "task {}: {:?} vs {:?}",
                a.id,
                a.time,
                b.time
            );
        }
    }
    assert!((whole.cpu_ms - merged.cpu_ms).abs() < 1e-6);
}

#[test]
fn a_trace_past_its_budget_merges_gil_turns_and_the_time_split_stays_the_same() {
    use futures_lab_core::TraceKind;
    let ((whole, all_turns), (merged, kept_turns)) = whole_and_merged(
        "workload=cpu_bound&inputs=10000000,10000000,10000000&executor=threads&max_workers=3&gil=true&clock=virtual&cpus=2&op_ns=35",
        20,
        [TraceKind::GilAcquire, TraceKind::GilRelease],
    );
    assert!(all_turns > 200, "the run takes many turns: {all_turns}");
    // Past the budget only a task's first take of the GIL (and none of its
    // turns) is kept.
    assert!(kept_turns <= 20 + 2 * 3, "{kept_turns}");
    assert_same_split(&whole, &merged);
    assert!(parallelism(&merged) <= 1.0 + 1e-9);
}

#[test]
fn a_cooperative_loops_turns_merge_too_and_its_waits_stay_counted() {
    use futures_lab_core::TraceKind;
    let ((whole, all_turns), (merged, kept_turns)) = whole_and_merged(
        "workload=cpu_bound&inputs=3000000,3000000,3000000&executor=asyncio&cooperative=true&clock=virtual&op_ns=35",
        10,
        [TraceKind::Yielded, TraceKind::Resumed],
    );
    assert!(all_turns > 100, "{all_turns}");
    assert!(kept_turns <= 10 + 2 * 3, "{kept_turns}");
    assert_same_split(&whole, &merged);
}
