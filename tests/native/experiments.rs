//! Compare and Amdahl: the runs they plan, the fit, the charts, and the
//! baselines they leave for the summary.

use futures_lab::amdahl::{fit_serial_fraction, speedup};
use futures_lab::charts::{amdahl_chart, compare_chart, AmdahlLabels, Palette};
use futures_lab::experiments::{Experiment, ExperimentKind, Variant};
use futures_lab::state::{baseline_key, Action, State};
use futures_lab_scenarios::{play, Api, ExecutorKind, RunEnv, Scenario};

#[test]
fn compare_runs_the_scenario_on_every_executor_keeping_the_rest() {
    let base = Scenario::from_query(
        "workload=download&executor=asyncio&api=gather&max_workers=3&timeout_s=2",
    )
    .unwrap();
    let compare = Experiment::compare(&base);
    assert_eq!(compare.kind, ExperimentKind::Compare);
    for (variant, scenario) in &compare.runs {
        let Variant::Executor { kind, gil } = *variant else {
            panic!("compare varies executors: {variant:?}");
        };
        assert_eq!((scenario.executor, scenario.gil), (kind, gil));
        assert_eq!(scenario.inputs, base.inputs);
        assert_eq!(scenario.timeout_s, Some(2.0));
        let expected_api = if kind == ExecutorKind::Asyncio {
            Api::Gather
        } else {
            Api::SubmitAsCompleted
        };
        assert_eq!(scenario.api, expected_api, "gather exists only on the loop");
    }
}

#[test]
fn amdahl_runs_one_to_n_workers_on_a_pool() {
    let asyncio = Scenario::from_query("executor=asyncio&gil=true").unwrap();
    let amdahl = Experiment::amdahl(&asyncio, 4);
    let counts: Vec<Option<usize>> = amdahl.runs.iter().map(|(_, s)| s.max_workers).collect();
    assert_eq!(counts, [Some(1), Some(2), Some(3), Some(4)]);
    assert!(amdahl
        .runs
        .iter()
        .all(|(_, s)| s.executor == ExecutorKind::Threads && s.gil));
    let processes = Scenario::from_query("executor=processes").unwrap();
    assert!(Experiment::amdahl(&processes, 2)
        .runs
        .iter()
        .all(|(_, s)| s.executor == ExecutorKind::Processes));
}

#[test]
fn the_fit_recovers_the_serial_fraction_from_measured_runs() {
    let mut amdahl = Experiment::amdahl(&Scenario::default(), 4);
    // One worker 100 ms; the others as a 25 % serial program would take, ±2 %.
    for (index, noise) in [1.0, 1.02, 0.98, 1.01].into_iter().enumerate() {
        let n = (index + 1) as f64;
        amdahl.results[index] = Some(Ok(100.0 / speedup(0.25, n) * noise));
    }
    assert!(amdahl.finished());
    let s = amdahl.serial_fraction().unwrap();
    assert!((s - 0.25).abs() < 0.03, "fitted {s}");
    assert_eq!(amdahl.speedups()[0], (1.0, 1.0));
    // Nothing to fit without the one-worker run, or with it alone.
    assert_eq!(fit_serial_fraction(&[(1.0, 1.0)]), None);
    assert_eq!(fit_serial_fraction(&[]), None);
    // Slower with more workers than with one: all serial, not more than that.
    assert_eq!(fit_serial_fraction(&[(2.0, 0.5), (4.0, 0.4)]), Some(1.0));
}

#[test]
fn a_failed_run_is_kept_as_its_error_and_left_out_of_the_charts() {
    let mut compare = Experiment::compare(&Scenario::default());
    compare.results[0] = Some(Ok(70.0));
    compare.results[3] = Some(Err("processes are not available here".into()));
    assert_eq!(compare.done(), 2);
    assert!(!compare.finished());
    assert_eq!(compare.walls(), [("sequential".to_owned(), 70.0)]);
}

#[test]
fn the_charts_draw_every_bar_and_every_point() {
    let walls = vec![
        ("sequential".to_owned(), 4040.0),
        ("threads".to_owned(), 1142.0),
        ("asyncio".to_owned(), 411.0),
    ];
    let svg = compare_chart(&walls, "wall time (ms)", 600, Palette::for_theme(false));
    assert!(svg.starts_with("<svg"), "{svg}");
    for (label, ms) in &walls {
        assert!(
            svg.contains(label.as_str()) && svg.contains(&format!("{ms:.1} ms")),
            "{label}"
        );
    }
    assert_eq!(svg.matches("<rect").count(), walls.len(), "a bar each");
    let labels = AmdahlLabels {
        workers: "workers".into(),
        speedup: "speed-up".into(),
        measured: "measured".into(),
        fitted: "Amdahl".into(),
        ideal: "ideal".into(),
    };
    let points = [(1.0, 1.0), (2.0, 1.7), (3.0, 2.1), (4.0, 2.4)];
    let svg = amdahl_chart(&points, Some(0.2), &labels, 600, Palette::for_theme(false));
    assert!(svg.matches("<circle").count() >= points.len(), "{svg}");
    assert!(svg.contains("Amdahl") && svg.contains("workers"));
}

#[test]
fn a_sequential_run_is_the_baseline_of_every_executor_of_its_scenario() {
    let sequential =
        Scenario::from_query("workload=cpu_bound&inputs=1000,2000&executor=sequential").unwrap();
    let mut state = State::default();
    state.apply(Action::Started(sequential.clone()));
    state.apply(Action::Finished(Box::new(
        play(&sequential, &RunEnv::native()).unwrap(),
    )));
    let threads = Scenario::from_query(
        "workload=cpu_bound&inputs=1000,2000&executor=threads&max_workers=2&gil=true",
    )
    .unwrap();
    assert!(state.baseline_for(&threads).is_some());
    let other =
        Scenario::from_query("workload=cpu_bound&inputs=1000,2001&executor=threads").unwrap();
    assert_eq!(
        state.baseline_for(&other),
        None,
        "other inputs, other baseline"
    );

    // A Compare's sequential run leaves one too.
    let mut compare = Experiment::compare(&other);
    state.apply(Action::ExperimentStarted(compare.clone()));
    state.apply(Action::ExperimentRun(0, Ok(12.5)));
    assert_eq!(state.baseline_for(&other), Some(12.5));
    compare.results[0] = Some(Ok(12.5));
    assert_eq!(state.experiment, Some(compare));
    state.apply(Action::Baseline(baseline_key(&threads), 3.0));
    assert_eq!(state.baseline_for(&threads), Some(3.0));
}
