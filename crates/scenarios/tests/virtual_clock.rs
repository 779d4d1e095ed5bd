//! The virtual clock agrees with real runs where timings are pinned, and
//! gives the same trace every time.

use futures_lab_core::TraceKind;
use futures_lab_scenarios::{
    play, simulate, CpythonCosts, RunEnv, Scenario, Simulated, StartMethod,
};

/// Latencies chosen so that, on 1, 2 or 3 threads and on the loop, no two
/// tasks finish within 40 ms of each other: a real run finishes in the same
/// order however busy the machine.
const SITES: &str =
    "a.example@90,b.example@230,c.example@330,d.example@390,e.invalid@40,f.example@280";

fn both(query: &str) -> (futures_lab_scenarios::Report, futures_lab_scenarios::Report) {
    let scenario = Scenario::from_query(query).unwrap();
    let real = play(&scenario, &RunEnv::native()).unwrap();
    let simulated = simulate(&scenario, 2).unwrap().report;
    (real, simulated)
}

#[test]
fn orders_agree_with_real_runs_on_every_executor_it_plays() {
    for executor in [
        "sequential",
        "threads&max_workers=2",
        "threads&max_workers=3&gil=true",
        "asyncio",
    ] {
        for api in ["submit_as_completed", "map"] {
            let query = format!("workload=download&inputs={SITES}&executor={executor}&api={api}");
            let (real, simulated) = both(&query);
            assert_eq!(simulated.completion_order, real.completion_order, "{query}");
            assert_eq!(simulated.result_order, real.result_order, "{query}");
            assert_eq!(simulated.error, real.error, "{query}");
            let outcomes = |r: &futures_lab_scenarios::Report| {
                r.tasks
                    .iter()
                    .map(|t| (t.state, t.result.clone(), t.error.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(outcomes(&simulated), outcomes(&real), "{query}");
            // Real waits take a little longer than asked, never less.
            assert!(
                simulated.wall_ms <= real.wall_ms + 1.0,
                "{query}: {} vs {}",
                simulated.wall_ms,
                real.wall_ms
            );
            assert!(
                real.wall_ms - simulated.wall_ms < 200.0,
                "{query}: {} vs {}",
                simulated.wall_ms,
                real.wall_ms
            );
        }
    }
}

#[test]
fn wait_splits_agree_with_real_runs() {
    for when in ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"] {
        for extra in ["", "&timeout_s=0.1"] {
            let query = format!("workload=download&inputs={SITES}&executor=threads&max_workers=3&api=wait&return_when={when}{extra}");
            let (real, simulated) = both(&query);
            let (real, simulated) = (real.wait.unwrap(), simulated.wait.unwrap());
            assert_eq!(
                (&simulated.done, &simulated.not_done, &simulated.reason),
                (&real.done, &real.not_done, &real.reason),
                "{query}"
            );
        }
    }
}

#[test]
fn the_same_scenario_gives_the_same_trace_every_time() {
    let scenario =
        Scenario::from_query("workload=download&executor=threads&max_workers=5&seed=7").unwrap();
    let first = simulate(&scenario, 4).unwrap();
    assert_eq!(first, simulate(&scenario, 4).unwrap());
    assert_eq!(first.report.mode, "virtual");
    assert!(first.trace.windows(2).all(|w| w[0].t_ns <= w[1].t_ns));
    // Seeded latencies: another seed, another run.
    let other =
        Scenario::from_query("workload=download&executor=threads&max_workers=5&seed=8").unwrap();
    assert_ne!(
        first.report.wall_ms,
        simulate(&other, 4).unwrap().report.wall_ms
    );
}

#[test]
fn what_it_does_not_play_is_refused_by_name() {
    for (query, word) in [
        ("workload=points&executor=asyncio", "points"),
        ("workload=points&executor=processes", "points"),
        ("workload=stream&executor=asyncio", "stream"),
    ] {
        let error = simulate(&Scenario::from_query(query).unwrap(), 2).unwrap_err();
        assert!(error.to_string().contains(word), "{query}: {error}");
        assert!(error.to_string().contains("clock=real"), "{query}: {error}");
    }
}

fn simulated(query: &str) -> futures_lab_scenarios::Simulated {
    simulate(&Scenario::from_query(query).unwrap(), 2).unwrap()
}

/// Four tasks of 10 ms of CPU each (10,000,000 terms at 1 ns).
const FOUR_10MS: &str =
    "workload=cpu_bound&inputs=10000000,10000000,10000000,10000000&op_ns=1&max_workers=4";

#[test]
fn cpus_are_a_parameter_and_threads_share_them() {
    for (cpus, wall) in [(1, 40.0), (2, 20.0), (3, 40.0 / 3.0), (4, 10.0), (16, 10.0)] {
        let run = simulated(&format!("{FOUR_10MS}&executor=threads&cpus={cpus}"));
        assert!(
            (run.report.wall_ms - wall).abs() < 1e-3,
            "{cpus} CPUs: {}",
            run.report.wall_ms
        );
        // Equal tasks sharing the CPUs fairly end together.
        let ends: Vec<f64> = run
            .report
            .tasks
            .iter()
            .map(|t| t.finished_ms.unwrap())
            .collect();
        assert!(ends.iter().all(|end| (end - wall).abs() < 1e-3), "{ends:?}");
        assert!(run
            .report
            .tasks
            .iter()
            .all(|t| t.result == Some(serde_json::json!("333333283333335000000"))));
    }
    // A plain loop uses one CPU however many there are.
    let plain = simulated(&format!("{FOUR_10MS}&executor=sequential&cpus=16"));
    assert_eq!(plain.report.wall_ms, 40.0);
    assert_eq!(plain.report.tasks[3].submitted_ms, 30.0);
}

#[test]
fn the_gil_lets_one_thread_compute_and_switches_every_5_ms() {
    let run = simulated("workload=cpu_bound&inputs=20000000,20000000&op_ns=1&executor=threads&max_workers=2&gil=true&cpus=4");
    assert_eq!(run.report.wall_ms, 40.0, "one at a time, on 4 CPUs");
    let holds: Vec<(u64, u64)> = run
        .trace
        .iter()
        .filter(|e| e.kind == futures_lab_core::TraceKind::GilAcquire)
        .map(|e| (e.future, e.t_ns / 1_000_000))
        .collect();
    // Thread 0 takes it; thread 1 asks at once and gets it 5 ms later;
    // then they alternate every switch interval until one is done.
    assert_eq!(
        &holds[..5],
        &[(0, 0), (1, 5), (0, 10), (1, 15), (0, 20)],
        "{holds:?}"
    );
    assert_eq!(run.report.tasks[0].finished_ms, Some(35.0));
    assert_eq!(run.report.tasks[1].finished_ms, Some(40.0));
    // I/O lets go of the GIL: 4 downloads with the GIL take as long as without.
    let io = "workload=download&inputs=a.example@50,b.example@50,c.example@50,d.example@50&executor=threads&max_workers=4";
    assert_eq!(
        simulated(&format!("{io}&gil=true")).report.wall_ms,
        simulated(io).report.wall_ms
    );
}

#[test]
fn the_loop_runs_one_task_until_it_awaits() {
    let tasks =
        "workload=cpu_bound&inputs=30000000,10000000,20000000&op_ns=1&executor=asyncio&cpus=4";
    let held = simulated(tasks).report;
    // Without awaits every task runs to its end, in submission order.
    assert_eq!(held.completion_order, [0, 1, 2]);
    assert_eq!(held.tasks[1].finished_ms, Some(40.0));
    assert_eq!(held.wall_ms, 60.0);
    // With a checkpoint every millisecond they take turns: the short ones end first.
    let turns = simulated(&format!("{tasks}&cooperative=true")).report;
    assert_eq!(turns.completion_order, [1, 2, 0]);
    assert_eq!(turns.tasks[1].finished_ms, Some(29.0), "its 10th turn of 3");
    assert_eq!(turns.wall_ms, 60.0, "one thread: the same total");
}

#[test]
fn processes_cost_a_start_and_travel_and_compute_side_by_side() {
    // Each start and each message costs what scripts/calibrate measured in
    // CPython 3.13 (the scenario's version).
    let measured = CpythonCosts::get().nearest("3.13".parse().unwrap());
    let ms = |ns: u64| ns as f64 / 1e6;
    let message_ms = ms(measured.transfer.fixed_ns);
    let within = |value: f64, low: f64, high: f64| (low..=high).contains(&value);
    // fork (Linux's default up to 3.13): the first submit forks every
    // worker, one after the other, holding the program; they boot at once.
    let fork = measured.process_start(StartMethod::Fork);
    let forks_ms = ms(fork.first.pool_ns + fork.first.launch_ns + 3 * fork.again.launch_ns);
    let run = simulated(&format!("{FOUR_10MS}&executor=processes&cpus=4"));
    let report = &run.report;
    let first_start = report.tasks[0].started_ms.unwrap();
    // A worker boots once forked; the first ready takes the first call.
    let ready = (0..4u64)
        .map(|k| {
            let boot = if k == 0 {
                fork.first.boot_ns
            } else {
                fork.again.boot_ns
            };
            ms(fork.first.pool_ns + fork.first.launch_ns + k * fork.again.launch_ns + boot)
        })
        .fold(f64::INFINITY, f64::min);
    assert!(
        within(first_start, ready, ready + message_ms),
        "{first_start} vs {ready}"
    );
    assert!(
        within(report.tasks[1].submitted_ms, forks_ms, forks_ms + 0.01),
        "the second submit waits for the forks: {}",
        report.tasks[1].submitted_ms
    );
    // Four side by side on 4 CPUs, 10 ms each, after the calls' messages.
    let wall = report.wall_ms;
    let last_boot = ms(fork.again.boot_ns);
    assert!(
        within(
            wall,
            forks_ms + 10.0,
            forks_ms + last_boot + 10.0 + 5.0 * message_ms
        ),
        "{wall}"
    );
    let stats = report.stats.as_ref().unwrap();
    assert_eq!(stats.processes.as_ref().unwrap().workers_started, 4);
    let named = |report: &futures_lab_scenarios::Report, class: &str| {
        report.tasks.iter().all(|t| {
            let worker = t.worker.as_deref().unwrap_or_default();
            worker
                .strip_prefix(class)
                .is_some_and(|n| ["-1", "-2", "-3", "-4"].contains(&n))
        })
    };
    assert!(named(report, "ForkProcess"), "{:?}", report.tasks);
    // spawn: a fresh interpreter per worker, launched when a call finds
    // none idle, booting for tens of ms while the program goes on.
    let spawn = measured.process_start(StartMethod::Spawn);
    let spawned = simulated(&format!(
        "{FOUR_10MS}&executor=processes&cpus=4&start_method=spawn"
    ))
    .report;
    let launches_ms = ms(spawn.first.pool_ns + spawn.first.launch_ns + 3 * spawn.again.launch_ns);
    let boot_ms = ms(spawn.first.boot_ns.max(spawn.again.boot_ns));
    let quickest_boot_ms = ms(spawn.first.boot_ns.min(spawn.again.boot_ns));
    assert!(
        boot_ms > 10.0 * ms(fork.first.boot_ns),
        "spawn boots for {boot_ms} ms"
    );
    assert!(
        within(
            spawned.wall_ms,
            quickest_boot_ms + 10.0,
            launches_ms + boot_ms + 10.0 + 5.0 * message_ms
        ),
        "{}",
        spawned.wall_ms
    );
    assert!(named(&spawned, "SpawnProcess"), "{:?}", spawned.tasks);
    // max_tasks_per_child=1 replaces each worker after one task (and makes
    // CPython pick spawn).
    let replaced = simulated(&format!(
        "{FOUR_10MS}&executor=processes&cpus=4&max_workers=2&max_tasks_per_child=1"
    ))
    .report;
    // Two at first, and one more after each of the four tasks (CPython replaces
    // a worker at its limit at once, even with nothing left to do).
    assert_eq!(
        replaced.stats.unwrap().processes.unwrap().workers_started,
        6
    );
    assert_eq!(replaced.tasks[3].worker.as_deref(), Some("SpawnProcess-4"));
}

#[test]
fn gather_and_task_group_agree_with_real_runs() {
    for api in [
        "gather",
        "gather&return_exceptions=true",
        "task_group",
        "gather&timeout_s=0.2",
        "submit_as_completed&timeout_s=0.2",
    ] {
        let query = format!("workload=download&inputs={SITES}&executor=asyncio&api={api}");
        let (real, simulated) = both(&query);
        assert_eq!(simulated.error, real.error, "{query}");
        assert_eq!(simulated.result_order, real.result_order, "{query}");
        let states =
            |r: &futures_lab_scenarios::Report| r.tasks.iter().map(|t| t.state).collect::<Vec<_>>();
        assert_eq!(states(&simulated), states(&real), "{query}");
    }
}

#[test]
fn callbacks_run_on_the_thread_that_completed_the_future() {
    let run = simulated(
        "workload=download&inputs=a.example@20,b.example@10&executor=threads&max_workers=2&callbacks=true",
    )
    .report;
    let notes: Vec<(u64, Option<&str>)> = run
        .callbacks
        .iter()
        .map(|n| (n.future, n.thread.as_deref()))
        .collect();
    assert_eq!(
        notes,
        [
            (1, Some("ThreadPoolExecutor-0_1")),
            (0, Some("ThreadPoolExecutor-0_0"))
        ]
    );
}

#[test]
fn ten_thousand_futures_play_in_order() {
    let inputs = vec!["1000"; 10_000].join(",");
    let run = simulated(&format!(
        "workload=cpu_bound&inputs={inputs}&executor=threads&max_workers=8&cpus=4"
    ));
    assert_eq!(run.report.tasks.len(), 10_000);
    assert!(run.trace.windows(2).all(|w| w[0].t_ns <= w[1].t_ns));
}

/// The scenarios whose simulated reports are checked in, for the browser to
/// give the same (tests/e2e/specs/virtual-clock-is-the-same-in-the-browser):
/// downloads collected by `wait`, and the documentation's primes on threads
/// under the GIL (results computed for real, switches every 5 ms).
const SHARED_SCENARIOS: [(&str, &str); 2] = [
    ("virtual_download_report.json", "workload=download&inputs=a.example@120,b.invalid@10,c.example,d.example@80,e.example&executor=threads&max_workers=2&api=wait&return_when=FIRST_EXCEPTION&seed=3"),
    ("virtual_gil_report.json", "workload=is_prime&executor=threads&max_workers=3&gil=true&cpus=2&api=map"),
];

#[test]
fn the_checked_in_simulated_reports_are_what_simulate_gives() {
    for (file, query) in SHARED_SCENARIOS {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(file);
        let report = simulate(&Scenario::from_query(query).unwrap(), 2)
            .unwrap()
            .report;
        let json = serde_json::to_string_pretty(&report).unwrap() + "\n";
        if std::env::var_os("FUTURES_LAB_BLESS").is_some() {
            std::fs::write(&path, &json).unwrap();
        }
        let kept =
            std::fs::read_to_string(&path).expect("the fixture (FUTURES_LAB_BLESS=1 writes it)");
        assert_eq!(kept, json, "{file}");
    }
}

#[test]
fn play_with_clock_virtual_is_the_simulation() {
    let query =
        "workload=cpu_bound&inputs=1000,2000&executor=threads&max_workers=2&clock=virtual&cpus=2";
    let scenario = Scenario::from_query(query).unwrap();
    let played = play(&scenario, &RunEnv::native()).unwrap();
    let mut simulated = simulate(&scenario, 1).unwrap().report;
    simulated.environment = played.environment.clone();
    assert_eq!(played, simulated);
    assert_eq!(played.mode, "virtual");
}

#[test]
fn map_that_raises_cancels_the_calls_not_started_as_a_real_pool_does() {
    // The timeout falls well between two completions, so the real run has
    // no race between the cancel and a worker taking the next call.
    let query = "workload=download&inputs=a.example@100,b.example@100,c.example@100&executor=threads&max_workers=1&api=map&timeout_s=0.05";
    let (real, simulated) = both(query);
    let states =
        |r: &futures_lab_scenarios::Report| r.tasks.iter().map(|t| t.state).collect::<Vec<_>>();
    assert_eq!(states(&simulated), states(&real));
    assert_eq!(states(&simulated), ["finished", "cancelled", "cancelled"]);
    assert_eq!(simulated.tasks[2].started_ms, None);
    assert_eq!(simulated.error.as_deref(), Some("TimeoutError"));
    assert_eq!(simulated.wall_ms, 100.0);
}

#[test]
fn a_timeout_cannot_fire_before_the_tasks_ready_ahead_of_it_have_run() {
    // Three tasks of 100 ms that never await; the timeout falls inside the
    // first. As in CPython, all three run in the loop's turn before the
    // timer's, so gather is done by then and nothing is cancelled.
    let query = "workload=cpu_bound&inputs=100000000,100000000,100000000&op_ns=1&executor=asyncio&api=gather&timeout_s=0.05";
    let report = simulated(query).report;
    let states: Vec<&str> = report.tasks.iter().map(|t| t.state.as_str()).collect();
    assert_eq!(states, ["finished", "finished", "finished"]);
    assert_eq!(report.error, None);
    assert_eq!(report.result_order, vec![0, 1, 2]);
}

#[test]
fn a_workload_says_whether_the_virtual_clock_plays_it() {
    for workload in futures_lab_scenarios::workloads::ALL {
        let query = format!("workload={}", workload.id());
        let played = simulate(&Scenario::from_query(&query).unwrap(), 2).is_ok();
        assert_eq!(played, workload.on_virtual_clock(), "{}", workload.id());
        // A scenario that asks for the virtual clock is refused by name.
        let asked = Scenario::from_query(&format!("{query}&clock=virtual"));
        assert_eq!(
            asked.is_ok(),
            workload.on_virtual_clock(),
            "{}",
            workload.id()
        );
        if let Err(error) = asked {
            assert_eq!(error.field(), "clock");
            assert!(error.message().contains("use clock=real"), "{error}");
        }
    }
}

#[test]
fn at_a_cpythons_speed_each_workload_takes_what_its_code_took_there() {
    let measured = futures_lab_scenarios::CpythonCosts::get()
        .timed_version("3.11".parse().unwrap())
        .expect("CPython 3.11's workloads are timed");
    for workload in ["cpu_bound", "sum_generator", "is_prime", "power"] {
        let cost = &measured.workloads[workload];
        let query = format!(
            "workload={workload}&inputs={}&executor=sequential&clock=virtual",
            cost.inputs
        );
        // The operations counted now are those the calibration divided by:
        // a workload whose count changes must be calibrated again.
        let counted = simulated(&format!("{query}&op_ns=1")).report.wall_ms * 1e6;
        assert!(
            (counted - cost.ops as f64).abs() < 1.0,
            "{workload}: counts {counted} operations, calibrated on {} (run scripts/calibrate)",
            cost.ops
        );
        // At CPython 3.11's speed the calibration inputs take what
        // CPython 3.11 took.
        let predicted_ns = simulated(&format!("{query}&speed=cpython-3.11"))
            .report
            .wall_ms
            * 1e6;
        assert!(
            (predicted_ns / cost.wall_ns as f64 - 1.0).abs() < 1e-3,
            "{workload}: {predicted_ns} ns predicted, {} ns measured",
            cost.wall_ns
        );
        // op_ns rescales the table: a term of the sum of squares at twice
        // its measured time doubles every workload.
        let unit = measured.workloads["cpu_bound"].ns_per_op;
        let doubled = simulated(&format!("{query}&speed=cpython-3.11&op_ns={}", 2.0 * unit))
            .report
            .wall_ms
            * 1e6;
        assert!((doubled / predicted_ns - 2.0).abs() < 1e-3, "{workload}");
    }
    // A trial division is cheap in CPython next to a term of the sum of
    // squares, unlike in this build: one figure for every workload could
    // not be right for both.
    let per_op = |workload: &str| measured.workloads[workload].ns_per_op;
    assert!(per_op("is_prime") < per_op("cpu_bound") / 3.0);
}

#[test]
fn a_real_run_is_predicted_at_its_cpythons_speed() {
    let real = Scenario::from_query(
        "workload=cpu_bound&inputs=5000000,5000000&executor=threads&max_workers=2&python_version=3.12",
    )
    .unwrap();
    let predicted = futures_lab_scenarios::cpython_prediction(&real, 2, None).unwrap();
    assert_eq!(predicted.speed.to_string(), "cpython-3.12");
    assert!(predicted.gil, "CPython 3.12's threads share its GIL");
    let run = simulate(&predicted, 2).unwrap();
    // Two tasks under the GIL take as long as all their CPU work one after
    // the other: their terms, what CPython's pool spends on each future,
    // and what each hand-over of the GIL costs, all as measured in 3.12.
    let measured = futures_lab_scenarios::CpythonCosts::get()
        .timed_version("3.12".parse().unwrap())
        .unwrap();
    let (term, overheads) = (
        measured.workloads["cpu_bound"].ns_per_op,
        measured.overheads,
    );
    let acquired = run
        .trace
        .iter()
        .filter(|e| e.kind == futures_lab_core::TraceKind::GilAcquire)
        .count() as f64;
    // The first thread takes the GIL free; every later take is a hand-over.
    let hand_overs = acquired - 1.0;
    assert!(hand_overs > 100.0, "{hand_overs} hand-overs");
    let expected_ns = 2.0 * (5_000_000.0 * term + overheads.thread_future_ns as f64)
        + hand_overs * overheads.gil_switch_ns as f64;
    assert!(
        (run.report.wall_ms * 1e6 - expected_ns).abs() < 1e3,
        "{} ms, expected {} ms",
        run.report.wall_ms,
        expected_ns / 1e6
    );
    // A version not measured takes the nearest measured one.
    let old = Scenario::from_query("workload=cpu_bound&python_version=3.5").unwrap();
    let nearest = futures_lab_scenarios::cpython_prediction(&old, 2, None).unwrap();
    assert_eq!(nearest.speed.to_string(), "cpython-3.8");
}

#[test]
fn at_a_cpythons_speed_each_task_on_the_loop_costs_what_one_costs_there() {
    let measured = futures_lab_scenarios::CpythonCosts::get()
        .timed_version("3.11".parse().unwrap())
        .unwrap();
    let term = measured.workloads["cpu_bound"].ns_per_op;
    let task = measured.overheads.asyncio_task_ns as f64;
    assert!(task > 0.0, "an asyncio task's cost is measured");
    let run = simulated(
        "workload=cpu_bound&inputs=1000,1000,1000,1000,1000&executor=asyncio&api=gather&clock=virtual&speed=cpython-3.11",
    );
    // One thread: the tasks' terms and each task's own cost, one after another.
    let expected_ns = 5.0 * (1000.0 * term + task);
    assert!(
        (run.report.wall_ms * 1e6 - expected_ns).abs() < 10.0,
        "{} ms, expected {} ms",
        run.report.wall_ms,
        expected_ns / 1e6
    );
    // At this build's speed, none.
    let this_build = simulated(
        "workload=cpu_bound&inputs=1000,1000,1000,1000,1000&executor=asyncio&api=gather&clock=virtual&op_ns=1",
    );
    assert!((this_build.report.wall_ms * 1e6 - 5000.0).abs() < 1.0);
}

/// The program's thread is one of the GIL's users: when its wait ends it
/// waits for the GIL, which the computing worker lets go of after the
/// switch interval; by then the split counts what finished meanwhile.
#[test]
fn with_the_gil_the_program_waits_for_it_on_the_virtual_clock_too() {
    // 10 ms and 30 ms of work on two threads taking turns every 5 ms: task 0
    // computes 0-5 and 10-15 ms; task 1 takes the GIL then, and the program
    // has it a switch interval later.
    let query = "workload=cpu_bound&inputs=10000000,30000000&executor=threads&max_workers=2&gil=true&api=wait&return_when=FIRST_COMPLETED&clock=virtual&cpus=2&op_ns=1";
    let report = simulate(&Scenario::from_query(query).unwrap(), 2)
        .unwrap()
        .report;
    assert_eq!(report.tasks[0].finished_ms, Some(15.0));
    let split = report.wait.unwrap();
    assert_eq!((split.done, split.returned_ms), (vec![0], 20.0));
    // Without a GIL the program goes on as the first task ends.
    let free = simulate(
        &Scenario::from_query(&query.replace("&gil=true", "")).unwrap(),
        2,
    )
    .unwrap()
    .report;
    assert_eq!(free.wait.unwrap().returned_ms, 10.0);
}

/// A cache shared by a thread pool's tasks plays on the virtual clock: what
/// a task finds in the cache, when it starts, decides what it does, so the
/// races and the lock's waits follow the clock's interleaving, and the
/// counts are those of a real run.
#[test]
fn a_shared_cache_races_and_locks_on_the_virtual_clock_as_on_threads() {
    let inputs = "1000,1000,1000,1000,1000,1000,1000,1000";
    let query = |cache: &str| {
        format!("workload=points&executor=threads&max_workers=4&inputs={inputs}&params=cache:{cache},lookup_ms:30&clock=virtual&cpus=2")
    };
    // Unsynchronized: the first four all miss before any stores, each
    // reading the counter before the others wrote it.
    let racy = simulated(&query("unsynchronized")).report;
    let cache = racy.stats.unwrap().cache.unwrap();
    assert_eq!(
        (
            cache.hits,
            cache.misses,
            cache.conversions,
            cache.duplicate_conversions
        ),
        (4, 4, 4, 3)
    );
    assert_eq!((cache.counted, cache.lost_updates), (1, 3));
    assert_eq!(racy.wall_ms, 30.0, "the four misses looked up at once");
    // Locked: one converts while the others wait for the lock, then hit.
    let Simulated { report, trace } = simulated(&query("locked"));
    let cache = report.stats.unwrap().cache.unwrap();
    assert_eq!(
        (cache.hits, cache.conversions, cache.lost_updates),
        (7, 1, 0)
    );
    let waited = trace
        .iter()
        .filter(|e| e.kind == TraceKind::LockWait)
        .count();
    let taken = trace
        .iter()
        .filter(|e| e.kind == TraceKind::LockTaken)
        .count();
    assert_eq!(
        (waited, taken),
        (3, 3),
        "three of the first four waited for it"
    );
    assert!(report
        .tasks
        .iter()
        .all(|t| t.result == Some(serde_json::json!(850))));
    // The same counts as real threads give.
    let real = play(
        &Scenario::from_query(&query("locked").replace("&clock=virtual", "")).unwrap(),
        &RunEnv::native(),
    )
    .unwrap();
    assert_eq!(real.stats.unwrap().cache, Some(cache));
}
