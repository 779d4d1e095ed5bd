//! The classic examples: each is a valid scenario in both languages, and
//! choosing one sets the whole form.

use std::collections::HashSet;

use futures_lab::i18n::Lang;
use futures_lab::presets::{find, PRESETS};
use futures_lab::state::{Action, Field, State};
use futures_lab_scenarios::Scenario;

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn every_preset_is_a_valid_scenario_with_a_lesson_in_both_languages() {
    let ids: HashSet<&str> = PRESETS.iter().map(|p| p.id).collect();
    assert_eq!(ids.len(), PRESETS.len(), "ids are unique");
    for preset in &PRESETS {
        Scenario::from_query(preset.query).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        assert!(has_hangul(preset.title(Lang::Ko)) || preset.title(Lang::Ko).contains("wait("));
        assert!(has_hangul(preset.lesson(Lang::Ko)), "{}", preset.id);
        assert!(!has_hangul(preset.lesson(Lang::En)), "{}", preset.id);
    }
}

#[test]
fn choosing_a_preset_replaces_the_form_and_editing_leaves_it() {
    let mut state = State::default();
    state.apply(Action::Edit(Field::Extra("timeout_s"), "5".into()));
    state.apply(Action::Edit(Field::Preset, "cpu-gil".into()));
    assert_eq!(state.preset.map(|p| p.id), Some("cpu-gil"));
    assert_eq!(state.form.extra("gil"), Some("true"));
    assert_eq!(state.form.extra("timeout_s"), None, "the old form is gone");
    assert_eq!(
        Scenario::from_query(&state.form.to_query()).unwrap(),
        Scenario::from_query(find("cpu-gil").unwrap().query).unwrap()
    );
    assert!(!state.preset_changed());
    state.apply(Action::Edit(Field::MaxWorkers, "4".into()));
    assert_eq!(
        state.preset.map(|p| p.id),
        Some("cpu-gil"),
        "trying the lesson's suggestion keeps the lesson"
    );
    assert!(state.preset_changed(), "marked as changed");
    state.apply(Action::Edit(Field::Preset, "no-such-example".into()));
    assert_eq!(state.form.max_workers, "4", "an unknown id changes nothing");
    state.apply(Action::Edit(Field::Preset, String::new()));
    assert_eq!(
        state.preset, None,
        "\"your own scenario\" leaves the example"
    );
    assert_eq!(state.form.max_workers, "4", "and keeps the form");
}

#[test]
fn a_link_can_name_a_preset_and_change_it() {
    let mut state = State::default();
    state.apply(Action::LoadQuery(
        "?preset=download-timeout&timeout_s=0.2&run=1".into(),
    ));
    assert_eq!(state.preset.map(|p| p.id), Some("download-timeout"));
    let scenario = Scenario::from_query(&state.form.to_query()).unwrap();
    assert_eq!(scenario.timeout_s, Some(0.2));
    assert_eq!(scenario.workload, "download");
}

#[test]
fn bad_page_keys_in_a_link_are_named_with_what_they_allow() {
    use futures_lab::link_keys::link_error;
    assert_eq!(
        link_error("?preset=download-timeout&timeout_s=0.2&run=1&t=0&lang=en"),
        None
    );
    let preset = link_error("?preset=nope").unwrap();
    assert!(
        preset.starts_with("preset: must be one of cpu-threads, cpu-gil,")
            && preset.ends_with(r#"(got "nope")"#),
        "{preset}"
    );
    assert_eq!(
        link_error("?t=-3").unwrap(),
        r#"t: must be a moment in ms, 0 or more (got "-3")"#
    );
    assert_eq!(
        link_error("?t=NaN").unwrap(),
        r#"t: must be a moment in ms, 0 or more (got "NaN")"#
    );
    assert_eq!(
        link_error("?lang=fr").unwrap(),
        r#"lang: must be en or ko (got "fr")"#
    );
    assert_eq!(
        link_error("?run=yes").unwrap(),
        r#"run: must be 1 (run on load) or 0 (got "yes")"#
    );
    // Scenario fields are the scenario's to check.
    assert_eq!(link_error("?max_workers=0"), None);
}

#[test]
fn a_shared_link_keeps_the_example_and_what_was_changed() {
    let mut state = State::default();
    state.apply(Action::Edit(Field::Preset, "cpu-gil".into()));
    // Untick the example's GIL and clear its worker count.
    state.apply(Action::Edit(Field::Extra("gil"), String::new()));
    state.apply(Action::Edit(Field::MaxWorkers, String::new()));
    let query = state.form.share_query(Lang::En, state.preset);
    assert!(query.starts_with("preset=cpu-gil&"), "{query}");
    let mut reloaded = State::default();
    reloaded.apply(Action::LoadLink(format!("?{query}")));
    assert_eq!(reloaded.preset.map(|p| p.id), Some("cpu-gil"));
    assert!(reloaded.preset_changed());
    assert_eq!(reloaded.form.extra("gil"), None, "the GIL stays off");
    assert_eq!(
        Scenario::from_query(&reloaded.form.to_query()).unwrap(),
        Scenario::from_query(&state.form.to_query()).unwrap()
    );
    assert_eq!(reloaded.error, None, "{:?}", reloaded.error);
    // Unchanged, the link is the example's.
    let mut fresh = State::default();
    fresh.apply(Action::Edit(Field::Preset, "cpu-gil".into()));
    let plain = fresh.form.share_query(Lang::En, fresh.preset);
    let mut opened = State::default();
    opened.apply(Action::LoadLink(format!("?{plain}")));
    assert!(!opened.preset_changed(), "{plain}");
}
