//! The virtual clock agrees with real runs where timings are pinned, and
//! gives the same trace every time.

use futures_lab_scenarios::{play, simulate, RunEnv, Scenario};

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
                    .map(|t| (t.state.clone(), t.result.clone(), t.error.clone()))
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
fn what_it_does_not_play_yet_is_refused_by_name() {
    for (query, word) in [
        ("workload=cpu_bound&executor=threads", "cpu_bound"),
        ("workload=download&executor=processes", "processes"),
        ("workload=download&executor=asyncio&api=gather", "gather"),
    ] {
        let error = simulate(&Scenario::from_query(query).unwrap(), 2).unwrap_err();
        assert!(error.to_string().contains(word), "{query}: {error}");
    }
}

/// The scenario whose simulated report is checked in, for the browser to
/// give the same (tests/e2e/specs/virtual-clock-is-the-same-in-the-browser).
const SHARED_SCENARIO: &str = "workload=download&inputs=a.example@120,b.invalid@10,c.example,d.example@80,e.example&executor=threads&max_workers=2&api=wait&return_when=FIRST_EXCEPTION&seed=3";

#[test]
fn the_checked_in_simulated_report_is_what_simulate_gives() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/virtual_download_report.json");
    let report = simulate(&Scenario::from_query(SHARED_SCENARIO).unwrap(), 2)
        .unwrap()
        .report;
    let json = serde_json::to_string_pretty(&report).unwrap() + "\n";
    if std::env::var_os("FUTURES_LAB_BLESS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let kept = std::fs::read_to_string(&path).expect("the fixture (FUTURES_LAB_BLESS=1 writes it)");
    assert_eq!(kept, json);
    assert!(kept.contains(r#""reason": "FIRST_EXCEPTION""#));
}
