//! The page's two languages: every label exists in both, Korean really is Korean.

use futures_lab::i18n::{pool_ready, stat_name, state_name, text, Label, Lang};
use futures_lab::state::{Action, State};
use futures_lab_scenarios::Scenario;

const LABELS: [Label; 47] = [
    Label::Tagline,
    Label::Language,
    Label::Workload,
    Label::Executor,
    Label::MaxWorkers,
    Label::MaxWorkersDefault,
    Label::Inputs,
    Label::Run,
    Label::Running,
    Label::PressRun,
    Label::Caption,
    Label::Input,
    Label::State,
    Label::Worker,
    Label::Progress,
    Label::Result,
    Label::WallTime,
    Label::CpuTime,
    Label::Parallelism,
    Label::WorkersUsed,
    Label::PoolStarting,
    Label::NoThreads,
    Label::Sequential,
    Label::Threads,
    Label::Processes,
    Label::Asyncio,
    Label::Api,
    Label::ApiAsCompleted,
    Label::ApiMap,
    Label::ApiWait,
    Label::ApiGather,
    Label::ApiTaskGroup,
    Label::Gil,
    Label::Timeout,
    Label::TimeoutNone,
    Label::ReturnWhen,
    Label::Orders,
    Label::SubmissionOrder,
    Label::CompletionOrder,
    Label::ResultOrder,
    Label::WaitReturned,
    Label::Done,
    Label::NotDone,
    Label::Reason,
    Label::ProgramRaised,
    Label::Share,
    Label::ShareCopied,
];

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn every_label_is_written_in_both_languages() {
    for label in LABELS {
        let (en, ko) = (text(Lang::En, label), text(Lang::Ko, label));
        assert!(!en.is_empty() && !has_hangul(en), "{label:?}");
        assert!(has_hangul(ko), "{label:?} has no Korean: {ko}");
    }
    for state in ["pending", "running", "finished", "failed", "cancelled"] {
        assert_eq!(state_name(Lang::En, state), state);
        assert!(has_hangul(state_name(Lang::Ko, state)));
    }
    assert!(has_hangul(&pool_ready(Lang::Ko, 33, 812.0)));
    assert_eq!(
        pool_ready(Lang::En, 33, 812.0),
        "Cross-origin isolated · 33 worker threads (started in 812 ms)"
    );
    assert!(has_hangul(&stat_name(Lang::Ko, "lost_updates")));
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
    let query = state.form.share_query(Lang::Ko);
    let mut reloaded = State::default();
    reloaded.apply(Action::LoadQuery(format!("?{query}")));
    assert_eq!(reloaded.form, state.form);
    assert_eq!(
        Scenario::from_query(&query).unwrap(),
        Scenario::from_query(&state.form.to_query()).unwrap()
    );
}
