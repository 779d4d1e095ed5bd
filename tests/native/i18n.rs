//! The page's two languages: every label exists in both, Korean really is Korean.

use futures_lab::i18n::{
    baseline_note, clock_mode, cpython_fit_detail, cpython_prediction_name,
    cpython_prediction_note, dask_refusal_text, pool_ready, rows_shown, stat_name, state_name,
    text, timeline_summary, Label, Lang,
};
use futures_lab::state::{Action, State};
use futures_lab_scenarios::{DaskRefusal, IntoEnumIterator, Scenario, MAX_WORKERS_LIMIT};

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn every_label_is_written_in_both_languages() {
    for label in Label::iter() {
        let (en, ko) = (text(Lang::En, label), text(Lang::Ko, label));
        assert!(!en.is_empty() && !has_hangul(en), "{label:?}");
        assert!(has_hangul(ko), "{label:?} has no Korean: {ko}");
    }
    for state in ["pending", "running", "finished", "failed", "cancelled"] {
        assert_eq!(state_name(Lang::En, state), state);
        assert!(has_hangul(state_name(Lang::Ko, state)));
    }
    assert!(has_hangul(&pool_ready(Lang::Ko, 33, 812.0)));
    for why in [
        DaskRefusal::Sequential,
        DaskRefusal::Asyncio,
        DaskRefusal::Paced("stream".into()),
        DaskRefusal::SharedState("points".into()),
        DaskRefusal::UnknownWorkload("x".into()),
    ] {
        assert!(has_hangul(&dask_refusal_text(Lang::Ko, &why)), "{why}");
        assert!(dask_refusal_text(Lang::En, &why).contains(&why.to_string()));
    }
    assert_eq!(
        pool_ready(Lang::En, 33, 812.0),
        "Cross-origin isolated · 33 worker threads (up in 812 ms; more start as runs need them)"
    );
    assert!(has_hangul(&stat_name(Lang::Ko, "lost_updates")));
    assert!(has_hangul(&baseline_note(Lang::Ko, "97.9 ms")));
    assert!(baseline_note(Lang::Ko, "97.9 ms").contains("97.9 ms"));
    assert_eq!(
        baseline_note(Lang::En, "97.9 ms"),
        "Speed-up against a sequential run of the same inputs (97.9 ms)."
    );
    assert!(has_hangul(&timeline_summary(Lang::Ko, 2, 20)));
    let this_build = futures_lab_scenarios::Speed::ThisBuild;
    assert!(has_hangul(&clock_mode(
        Lang::Ko,
        true,
        16,
        Some(35.0),
        this_build
    )));
    assert!(clock_mode(Lang::En, true, 16, Some(35.0), this_build)
        .contains("16 CPUs, 35 ns per operation"));
    assert!(clock_mode(Lang::En, false, 2, None, this_build).starts_with("Real run"));
    // At a CPython's speed the line names the version, and the interpreter
    // and the day its workloads were timed.
    let cpython: futures_lab_scenarios::Speed = "cpython-3.11".parse().unwrap();
    let costs = futures_lab_scenarios::CpythonCosts::get();
    let line = clock_mode(Lang::En, true, 4, None, cpython);
    assert!(line.contains("as fast as CPython 3.11 ("), "{line}");
    assert!(line.contains(&costs.measured), "{line}");
    assert!(!line.contains("rescaled"), "{line}");
    let rescaled = clock_mode(Lang::En, true, 4, Some(20.0), cpython);
    assert!(rescaled.contains("takes 20 ns"), "{rescaled}");
    let korean = clock_mode(Lang::Ko, true, 4, Some(20.0), cpython);
    assert!(has_hangul(&korean) && korean.contains("CPython 3.11") && korean.contains("20 ns"));
    let note = cpython_prediction_note(Lang::En, "3.13", 2, true);
    assert!(
        note.contains("CPython 3.13's speed") && note.contains("share the GIL"),
        "{note}"
    );
    assert!(!cpython_prediction_note(Lang::En, "3.13", 2, false).contains("GIL"));
    assert!(has_hangul(&cpython_prediction_note(
        Lang::Ko,
        "3.13",
        2,
        true
    )));
    let fitted = cpython_fit_detail(Lang::En, 0.8123);
    assert!(
        fitted
            .contains("0.81 ns a term of the sum of squares here, 1.75 ns where CPython was timed"),
        "{fitted}"
    );
    assert!(has_hangul(&cpython_fit_detail(Lang::Ko, 0.8123)));
    assert_eq!(
        cpython_prediction_name(Lang::En, "3.13"),
        "In CPython 3.13 (predicted)"
    );
    assert_eq!(
        timeline_summary(Lang::En, 2, 20),
        "Timeline of 20 futures on 2 workers"
    );
    assert_eq!(rows_shown(Lang::En, 1, 100, 250), "futures 1–100 of 250");
    assert!(has_hangul(&rows_shown(Lang::Ko, 1, 100, 250)));
    assert_eq!(stat_name(Lang::En, "lost_updates"), "lost updates");
}

#[test]
fn the_default_language_follows_the_browser() {
    assert_eq!(Lang::from_preferences(["ko-KR", "en-US"]), Lang::Ko);
    assert_eq!(Lang::from_preferences(["fr-FR", "ko"]), Lang::Ko);
    assert_eq!(Lang::from_preferences(["de-DE"]), Lang::En);
    assert_eq!(Lang::from_preferences([]), Lang::En);
}

#[test]
fn lang_in_the_url_is_a_page_setting_not_a_scenario_field() {
    let mut state = State::default();
    state.apply(Action::LoadQuery(
        "?lang=ko&executor=sequential&run=1".into(),
    ));
    state.apply(Action::SetLang(Lang::Ko));
    assert_eq!(state.lang, Lang::Ko);
    assert!(Scenario::from_query(&state.form.to_query()).is_ok());
    assert!(Scenario::from_query("lang=ko&executor=sequential").is_ok());
}

#[test]
fn a_shared_link_reproduces_the_form() {
    let mut state = State::default();
    state.apply(Action::LoadQuery(
        "?workload=points&executor=asyncio&inputs=1,2&api=gather&params=cache:lru".into(),
    ));
    let query = state.form.share_query(Lang::Ko, None);
    let mut reloaded = State::default();
    reloaded.apply(Action::LoadQuery(format!("?{query}")));
    assert_eq!(reloaded.form, state.form);
    assert_eq!(
        Scenario::from_query(&query).unwrap(),
        Scenario::from_query(&state.form.to_query()).unwrap()
    );
}

#[test]
fn the_max_workers_hint_gives_the_number_the_run_uses() {
    use futures_lab::i18n::max_workers_default;
    for (executor, version) in [
        ("threads", "3.13"),
        ("threads", "3.7"),
        ("threads", "3.8"),
        ("processes", "3.13"),
    ] {
        for cpus in [1, 2, 8, 40] {
            let scenario =
                Scenario::from_query(&format!("executor={executor}&python_version={version}"))
                    .unwrap();
            let kind = executor.parse().unwrap();
            let hint = max_workers_default(Lang::En, kind, cpus, Some(version));
            // Python's number ends the formula; past the lab's limit the hint says so.
            let formula = hint.split(';').next().unwrap();
            let python: usize = formula.rsplit(' ').next().unwrap().parse().unwrap();
            let used = python.min(MAX_WORKERS_LIMIT);
            assert_eq!(used, scenario.resolved_max_workers(cpus), "{hint}");
            assert_eq!(
                python > MAX_WORKERS_LIMIT,
                hint.contains("at most"),
                "{hint}"
            );
            assert!(has_hangul(&max_workers_default(
                Lang::Ko,
                kind,
                cpus,
                Some(version)
            )));
        }
    }
}

#[test]
fn every_statistic_a_workload_reports_is_named_in_words_in_both_languages() {
    use futures_lab::stats::{stat_items, StatItem};
    use futures_lab_scenarios::{play, simulate, RunEnv};
    let mut reports = Vec::new();
    // The workloads' own statistics, from real runs of their classic inputs.
    for workload in [
        "points&params=cache:lru",
        "points&params=cache:unsynchronized",
        "points&params=cache:locked",
        "stream",
        "download",
    ] {
        let scenario =
            Scenario::from_query(&format!("workload={workload}&executor=threads")).unwrap();
        reports.push(play(&scenario, &RunEnv::native()).unwrap());
    }
    // A process pool's, on the virtual clock.
    let processes =
        Scenario::from_query("workload=cpu_bound&executor=processes&clock=virtual&cpus=2");
    reports.push(simulate(&processes.unwrap(), 2).unwrap().report);
    let mut keys = std::collections::BTreeSet::new();
    for report in reports {
        for item in report.stats.as_ref().map(stat_items).unwrap_or_default() {
            match item {
                StatItem::Figure { key, .. } => {
                    keys.insert(key);
                }
                StatItem::PerWorker { columns, .. } => keys.extend(columns),
                StatItem::Queue { .. } => {}
            }
        }
    }
    assert!(
        keys.len() >= 15,
        "the workloads report statistics: {keys:?}"
    );
    for key in keys {
        let (en, ko) = (stat_name(Lang::En, &key), stat_name(Lang::Ko, &key));
        assert!(has_hangul(&ko), "{key}: {ko}");
        // Units in parentheses, words not keys: "time the producer waited
        // (ms)", not "producer blocked ms".
        assert!(
            !en.contains('_') && !en.ends_with(" ms") && !en.contains(" per "),
            "{key}: {en}"
        );
    }
}

#[test]
fn a_run_whose_tasks_waited_one_at_a_time_says_so_in_words() {
    use futures_lab::i18n::gist_sentence;
    use futures_lab_scenarios::Gist;
    let one = Gist::Io {
        at_once: 1,
        workers: 1,
        parallelism: 0.01,
    };
    let sentence = gist_sentence(Lang::En, &one);
    assert!(
        sentence.starts_with("The tasks waited for I/O one at a time on 1 thread;"),
        "{sentence}"
    );
    let four = Gist::Io {
        at_once: 4,
        workers: 4,
        parallelism: 0.02,
    };
    assert!(gist_sentence(Lang::En, &four)
        .starts_with("Up to 4 tasks waited for I/O at once on 4 workers;"));
    assert!(has_hangul(&gist_sentence(Lang::Ko, &one)));
}
