//! The page's state and every change to it, as one reducer with no DOM code
//! (so it is tested natively).

use futures_lab_core::{TraceEvent, TraceKind};
use futures_lab_scenarios::{
    CallbackNote, ControlNote, ExecutorKind, OverBudget, PoolInfo, Report, Scenario, ScenarioError,
};

use crate::experiments::Experiment;
use crate::frozen::Frozen;
use crate::i18n::Lang;
use crate::presets::{self, Preset};
use crate::replay::{Prepared, Replay};
pub use crate::rows::Row;
use crate::rows::{finish, observe, rows};
use crate::shared::Shared;
use crate::slow_motion::SlowMotion;
use crate::theme::Theme;
use crate::timeline::Timeline;

/// What the controls hold: text as typed, validated when Run is pressed.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// The workload id.
    pub workload: String,
    /// Comma-separated inputs; empty means the workload's classic inputs.
    pub inputs: String,
    /// The executor id.
    pub executor: String,
    /// The thread count as typed; empty means Python's default.
    pub max_workers: String,
    /// Other scenario fields from the URL (`gil`, `api`, `timeout_s`, ...),
    /// kept as given so that Run sends them again.
    pub extra: Vec<(String, String)>,
}

impl Default for Form {
    fn default() -> Self {
        Self {
            workload: "cpu_bound".into(),
            inputs: String::new(),
            executor: ExecutorKind::Threads.as_str().into(),
            max_workers: "2".into(),
            extra: Vec::new(),
        }
    }
}

impl Form {
    /// The form as a scenario URL query.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("workload", &self.workload);
        if !self.inputs.trim().is_empty() {
            query.append_pair("inputs", self.inputs.trim());
        }
        query.append_pair("executor", &self.executor);
        if !self.max_workers.trim().is_empty() {
            query.append_pair("max_workers", self.max_workers.trim());
        }
        for (key, value) in &self.extra {
            query.append_pair(key, value);
        }
        query.finish()
    }

    /// The value of another scenario field, if set.
    pub fn extra(&self, key: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets another scenario field; an empty value removes it.
    pub fn set_extra(&mut self, key: &str, value: String) {
        self.extra.retain(|(k, _)| k != key);
        if !value.trim().is_empty() {
            self.extra.push((key.to_owned(), value));
        }
    }

    /// One workload parameter as typed in `params` (`cache:locked,...`).
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::state::Form;
    ///
    /// let mut form = Form::default();
    /// form.set_param("cache", "locked");
    /// form.set_param("lookup_ms", "30");
    /// assert_eq!(form.extra("params"), Some("cache:locked,lookup_ms:30"));
    /// assert_eq!(form.param("lookup_ms"), Some("30"));
    /// form.set_param("cache", "");
    /// assert_eq!(form.extra("params"), Some("lookup_ms:30"));
    /// ```
    pub fn param(&self, name: &str) -> Option<&str> {
        self.extra("params")?
            .split(',')
            .filter_map(|pair| pair.split_once(':'))
            .find(|(key, _)| key.trim() == name)
            .map(|(_, value)| value.trim())
    }

    /// Sets one workload parameter; an empty value takes it out (its default applies).
    pub fn set_param(&mut self, name: &str, value: &str) {
        let mut pairs: Vec<String> = self
            .extra("params")
            .unwrap_or_default()
            .split(',')
            .filter(|pair| !pair.trim().is_empty())
            .filter(|pair| {
                pair.split_once(':')
                    .is_none_or(|(key, _)| key.trim() != name)
            })
            .map(str::to_owned)
            .collect();
        if !value.trim().is_empty() {
            pairs.push(format!("{name}:{}", value.trim()));
        }
        self.set_extra("params", pairs.join(","));
    }

    /// The page's own query for this form: the scenario, the language, and
    /// `run=1` so that the link runs it. (The page adds `t=` for a replay's
    /// moment.)
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::{i18n::Lang, state::Form};
    ///
    /// let query = Form::default().share_query(Lang::Ko, None);
    /// assert!(query.ends_with("&lang=ko&run=1"));
    /// ```
    ///
    /// With the example the form came from, `preset=` leads, so the link
    /// shows its lesson.
    pub fn share_query(&self, lang: Lang, preset: Option<&Preset>) -> String {
        let Some(preset) = preset else {
            return format!("{}&lang={}&run=1", self.to_query(), lang.code());
        };
        // The example first (its lesson shows), then the form whole: a
        // field of the example the form no longer has is given empty, so
        // that the link does not bring it back.
        let query = self.to_query();
        let given: Vec<String> = form_urlencoded::parse(query.as_bytes())
            .map(|(key, _)| key.into_owned())
            .collect();
        let mut link = form_urlencoded::Serializer::new(String::new());
        link.append_pair("preset", preset.id);
        for (key, _) in form_urlencoded::parse(preset.query.as_bytes()) {
            if !given.iter().any(|k| *k == key) {
                link.append_pair(&key, "");
            }
        }
        format!("{}&{query}&lang={}&run=1", link.finish(), lang.code())
    }

    /// Puts every field the scenario does not accept back to its default
    /// (a bad workload takes its inputs and parameters with it), one at a
    /// time, until the form is a valid scenario; gives what was wrong with
    /// each, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::state::Form;
    ///
    /// let mut form = Form::default();
    /// form.merge_query("workload=<b>x</b>&max_workers=99999999999999999999&foo=1&gil=true");
    /// let problems = form.repair();
    /// assert_eq!(problems.len(), 3, "{problems:?}");
    /// for field in ["foo: is not", "workload: must be one of", "max_workers: must be"] {
    ///     assert!(problems.iter().any(|p| p.starts_with(field)), "{problems:?}");
    /// }
    /// assert_eq!(form.workload, "cpu_bound");
    /// assert_eq!(form.extra("gil"), Some("true"), "good fields stay");
    /// assert!(form.repair().is_empty());
    /// ```
    pub fn repair(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        while let Err(error) = Scenario::from_query(&self.to_query()) {
            problems.push(error.to_string());
            let before = self.clone();
            let defaults = Form::default();
            match error.field() {
                "workload" => {
                    self.workload.clone_from(&defaults.workload);
                    self.inputs.clear();
                    self.set_extra("params", String::new());
                }
                "inputs" => self.inputs.clear(),
                "executor" => self.executor.clone_from(&defaults.executor),
                "max_workers" => self.max_workers.clone_from(&defaults.max_workers),
                field if field.starts_with("params") => self.set_extra("params", String::new()),
                field => self.set_extra(field, String::new()),
            }
            // A field that cannot be put back: start again from the defaults.
            if *self == before || problems.len() > 32 {
                *self = defaults;
                break;
            }
        }
        problems
    }

    /// Takes the scenario fields found in a URL query; others are left as they are.
    pub fn merge_query(&mut self, query: &str) {
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            let value = value.into_owned();
            match key.as_ref() {
                "workload" => self.workload = value,
                "inputs" => self.inputs = value,
                "executor" => self.executor = value,
                "max_workers" => self.max_workers = value,
                "run" | "lang" | "preset" | "t" | "embed" | "series" => {}
                key => self.set_extra(key, value),
            }
        }
    }
}

/// A form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// [`Form::workload`]: changing it clears the inputs and parameters.
    Workload,
    /// [`Form::executor`].
    Executor,
    /// [`Form::max_workers`].
    MaxWorkers,
    /// [`Form::inputs`].
    Inputs,
    /// Another scenario field, kept in [`Form::extra`] (`api`, `gil`, ...).
    Extra(&'static str),
    /// A classic example (its id in [`crate::presets::PRESETS`]): replaces
    /// the whole form with its scenario.
    Preset,
    /// One parameter of the workload, kept in `params`.
    Param(&'static str),
}

/// The worker pool's status, for the badge.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum PoolStatus {
    /// The pool is starting.
    #[default]
    Starting,
    /// The pool is up.
    Ready(PoolInfo),
    /// The pool could not start.
    Failed(String),
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    /// The controls.
    pub form: Form,
    /// One row per future of the current run.
    pub rows: Shared<Vec<Row>>,
    /// True from Run until the report arrives.
    pub running: bool,
    /// How many runs have finished on this page: a cheap token that changes
    /// with every new report.
    pub finished_runs: u64,
    /// How many runs could not run at all (their error is in `error`).
    pub failed_runs: u64,
    /// The last error, naming the field at fault.
    pub error: Option<String>,
    /// The last run refused for its budget, while its error shows: a person
    /// may allow it what it needs (see [`OverBudget::raised`]).
    pub over_budget: Option<(Scenario, OverBudget)>,
    /// The scenario of the last run as it was asked for (its report may
    /// give it retargeted): the form no longer being it marks the results
    /// out of date.
    pub ran: Option<Scenario>,
    /// The last run's report (shared by every copy of the state, never
    /// copied).
    pub report: Option<Frozen<Report>>,
    /// The pool, for the badge.
    pub pool: PoolStatus,
    /// The page's language.
    pub lang: Lang,
    /// The page's colour theme.
    pub theme: Theme,
    /// The last link made by Share, to show and copy.
    pub shared: Option<String>,
    /// True once that link is on the clipboard (copying may be refused).
    pub shared_copied: bool,
    /// The current run's timeline.
    pub timeline: Shared<Timeline>,
    /// Every trace event of the current run, as it arrived.
    pub trace: Shared<Vec<TraceEvent>>,
    /// The finished run's replay: the views at the player's moment.
    pub replay: Option<Replay>,
    /// The moment a link asked the replay to open at (`t=`, in ns).
    pub open_at_ns: Option<u64>,
    /// Whether runs are watched in slow motion as they record.
    pub slow_motion: bool,
    /// The slow-motion views of the run under way.
    pub follow: Option<SlowMotion>,
    /// The classic example the form holds, until a control is changed.
    pub preset: Option<&'static Preset>,
    /// How often the live views update during the run, in ms (0: every frame).
    pub live_interval_ms: f64,
    /// Cancel and shutdown commands of the current run and what each did.
    pub control_log: Vec<ControlNote>,
    /// Done callbacks of the current run as they ran (times from its start).
    pub callback_log: Vec<CallbackNote>,
    /// The first field the controls hold that would not be accepted, checked
    /// at every change so its message shows beside it while typing.
    pub invalid: Option<ScenarioError>,
    /// The last Compare or Amdahl series, filled in as its runs finish.
    pub experiment: Option<Experiment>,
    /// Sequential wall times measured for scenarios, by
    /// [`baseline_key`], for the summary's speed-up.
    pub baselines: Vec<(String, f64)>,
}

/// What the replay player was asked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlayerAction {
    /// Show the moment just after event `n` (0: before the first).
    SeekEvent(usize),
    /// Show the moment `ns` from the run's first event.
    SeekTime(u64),
    /// One event forward (+1) or back (-1).
    Step(i64),
    /// Play or pause.
    Play(bool),
    /// Replay at this speed (1 = real time).
    Speed(f64),
    /// This much real time (ms) has passed while playing.
    Tick(f64),
}

/// A report with its replay prepared off the page's thread: a run's, from
/// the events the page saw, or one opened from outside a run (a file, a
/// URL, `futuresLab.show`), from the events it stands for.
#[derive(Clone, Debug)]
pub struct Replayable {
    /// The report (an opened one checked).
    pub report: Report,
    /// Its replay.
    pub replay: Prepared,
}

/// A change to the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// A control changed.
    Edit(Field, String),
    /// The URL's scenario fields.
    LoadQuery(String),
    /// A link's scenario fields, repaired: each field that is not
    /// acceptable goes back to its default, and the error says which and
    /// why (see [`Form::repair`]).
    LoadLink(String),
    /// Run pressed with input that did not validate.
    Invalid(String),
    /// A valid scenario started.
    Started(Scenario),
    /// Trace events from the workers, drained once per frame.
    Events(Vec<TraceEvent>),
    /// The run finished.
    Finished(Box<Report>),
    /// The run finished, its replay prepared on a worker from the events
    /// the page saw (a run of 10,000 futures takes 10 ms more to replay
    /// than the page's thread should be held).
    FinishedReplayable(Box<Replayable>),
    /// A report opened from a file, a URL or `futuresLab.show` (a CPython
    /// trace, or a saved lab report): shown and replayed as a run is.
    Opened(Box<Replayable>),
    /// A report could not be opened: why, naming the file and the field.
    OpenFailed(String),
    /// The run could not be completed.
    RunFailed(String),
    /// The run was refused before it started: it would go over its budget.
    OverBudget(Scenario, OverBudget),
    /// The pool is up.
    PoolReady(PoolInfo),
    /// The pool could not start.
    PoolFailed(String),
    /// The language was chosen.
    SetLang(Lang),
    /// The theme was chosen.
    SetTheme(Theme),
    /// Share made this link.
    Shared(String),
    /// That link was put on the clipboard.
    SharedCopied(String),
    /// What the run did with cancel and shutdown commands, as it did it.
    ControlNotes(Vec<ControlNote>),
    /// How often the live views update during this run, in ms (0: every frame).
    LivePace(f64),
    /// The replay player was used.
    Player(PlayerAction),
    /// Slow motion was switched on or off.
    SetSlowMotion(bool),
    /// A Compare or Amdahl series started.
    ExperimentStarted(Experiment),
    /// One run of the series finished: its index and wall time, or its error.
    ExperimentRun(usize, Result<f64, String>),
    /// CPython's predicted wall time for one run of the series.
    ExperimentPredicted(usize, f64),
    /// A sequential run measured this wall time for the scenario with this
    /// [`baseline_key`].
    Baseline(String, f64),
}

impl State {
    /// Applies one action.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::state::{Action, State};
    ///
    /// let mut state = State::default();
    /// state.apply(Action::Invalid("max_workers: must be ...".into()));
    /// assert!(state.error.is_some() && !state.running);
    /// ```
    pub fn apply(&mut self, action: Action) {
        let form_changed = matches!(action, Action::Edit(..) | Action::LoadQuery(_));
        match action {
            Action::Edit(Field::Preset, id) => self.choose_preset(&id),
            Action::Edit(Field::Param(name), value) => self.form.set_param(name, &value),
            Action::Edit(Field::Workload, value) => {
                self.form.workload = value;
                self.form.inputs.clear();
                self.form.extra.retain(|(key, _)| key != "params");
            }
            Action::Edit(Field::Extra(key), value) => self.form.set_extra(key, value),
            Action::Edit(field, value) => {
                let slot = match field {
                    Field::Workload | Field::Extra(_) | Field::Preset | Field::Param(_) => {
                        unreachable!("handled above")
                    }
                    Field::Executor => &mut self.form.executor,
                    Field::MaxWorkers => &mut self.form.max_workers,
                    Field::Inputs => &mut self.form.inputs,
                };
                *slot = value;
            }
            Action::LoadQuery(query) => {
                // `preset=<id>` in a link starts from that example; the
                // link's other fields change it.
                let preset = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                    .find(|(key, _)| key == "preset")
                    .map(|(_, id)| id.into_owned());
                if let Some(id) = preset {
                    self.choose_preset(&id);
                }
                self.form.merge_query(&query);
                // `t=<ms>`: the replay opens at that moment once the run is done.
                self.open_at_ns = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                    .find(|(key, _)| key == "t")
                    .and_then(|(_, ms)| ms.trim().parse::<f64>().ok())
                    .filter(|ms| ms.is_finite() && *ms >= 0.0)
                    .map(|ms| (ms * 1e6) as u64);
            }
            Action::LoadLink(query) => {
                self.apply(Action::LoadQuery(query));
                let problems = self.form.repair();
                if !problems.is_empty() {
                    self.invalid = None;
                    self.error = Some(format!(
                        "{} {}",
                        crate::i18n::text(self.lang, crate::i18n::Label::LinkRepaired),
                        problems.join("; ")
                    ));
                }
            }
            Action::RunFailed(message) => {
                self.failed_runs += 1;
                self.error = Some(message);
                self.running = false;
            }
            Action::OverBudget(scenario, over) => {
                self.failed_runs += 1;
                self.error = Some(crate::i18n::over_budget(self.lang, &over));
                self.running = false;
                self.over_budget = Some((scenario, over));
            }
            Action::Invalid(message) => {
                self.error = Some(message);
                self.running = false;
            }
            Action::Started(scenario) => self.start(&scenario),
            // Events that arrive after the report belong to a run already shown.
            Action::Events(events) if self.running => self.observe(&events),
            Action::Events(_) => {}
            Action::Finished(report) => self.finish(*report),
            Action::FinishedReplayable(finished) => {
                let Replayable { report, replay } = *finished;
                self.finish_with(report, Some(replay));
            }
            // A report waits for the run under way to end.
            Action::Opened(_) if self.running => {}
            Action::Opened(opened) => self.open(*opened),
            Action::OpenFailed(message) => self.error = Some(message),
            Action::PoolReady(info) => self.pool = PoolStatus::Ready(info),
            Action::PoolFailed(message) => self.pool = PoolStatus::Failed(message),
            Action::SetLang(lang) => self.lang = lang,
            Action::SetTheme(theme) => self.theme = theme,
            Action::Shared(link) => {
                self.shared = Some(link);
                self.shared_copied = false;
            }
            Action::SharedCopied(link) => {
                self.shared_copied = self.shared.as_ref() == Some(&link);
            }
            Action::ExperimentStarted(experiment) => {
                self.error = None;
                self.experiment = Some(experiment);
            }
            Action::ExperimentRun(index, result) => self.experiment_run(index, result),
            Action::ExperimentPredicted(index, wall_ms) => {
                let slot = self
                    .experiment
                    .as_mut()
                    .and_then(|e| e.predicted.get_mut(index));
                if let Some(slot) = slot {
                    *slot = Some(wall_ms);
                }
            }
            Action::ControlNotes(notes) => self.control_log.extend(notes),
            Action::LivePace(ms) => self.live_interval_ms = ms,
            Action::Player(PlayerAction::Tick(ms)) if self.follow.is_some() => {
                let trace = self.trace.borrow();
                if let Some(follow) = self.follow.as_mut() {
                    follow.tick(ms, &trace);
                }
            }
            Action::Player(action) => self.player(action),
            Action::SetSlowMotion(on) => self.slow_motion = on,
            Action::Baseline(key, wall_ms) => self.keep_baseline(key, wall_ms),
        }
        if self.error.is_none() || form_changed {
            // The button to allow a refused run goes with its message.
            self.over_budget = None;
        }
        if form_changed {
            self.invalid = Scenario::from_query(&self.form.to_query()).err();
            if self.invalid.is_none() {
                // A corrected form takes the old complaint away.
                self.error = None;
            }
        }
    }

    /// The sequential wall time known for `scenario`, if any.
    pub fn baseline_for(&self, scenario: &Scenario) -> Option<f64> {
        let key = baseline_key(scenario);
        self.baselines
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, ms)| *ms)
    }

    fn experiment_run(&mut self, index: usize, result: Result<f64, String>) {
        let Some(experiment) = self.experiment.as_mut() else {
            return;
        };
        if let Some(slot) = experiment.results.get_mut(index) {
            *slot = Some(result.clone());
        }
        let sequential = experiment.runs.get(index).filter(|(_, scenario)| {
            scenario.executor == futures_lab_scenarios::ExecutorKind::Sequential
        });
        if let (Some((_, scenario)), Ok(wall_ms)) = (sequential, result) {
            let key = baseline_key(scenario);
            self.keep_baseline(key, wall_ms);
        }
    }

    fn keep_baseline(&mut self, key: String, wall_ms: f64) {
        /// Enough for a lesson's worth of scenarios.
        const KEPT: usize = 32;
        self.baselines.retain(|(k, _)| *k != key);
        self.baselines.push((key, wall_ms));
        if self.baselines.len() > KEPT {
            self.baselines.remove(0);
        }
    }

    fn player(&mut self, action: PlayerAction) {
        let (Some(replay), Some(report)) = (self.replay.as_mut(), self.report.as_ref()) else {
            return;
        };
        match action {
            PlayerAction::SeekEvent(n) => replay.seek_event(n, report),
            PlayerAction::SeekTime(ns) => replay.seek_time(ns, report),
            PlayerAction::Step(by) => replay.step(by, report),
            PlayerAction::Play(playing) => replay.play(playing, report),
            PlayerAction::Speed(speed) => replay.speed = speed,
            PlayerAction::Tick(ms) => replay.tick(ms, report),
        }
    }

    /// True if the form is no longer the chosen example's scenario (the
    /// learner changed it; its lesson still shows, marked).
    pub fn preset_changed(&self) -> bool {
        self.preset_changed_from(Scenario::from_query(&self.form.to_query()).ok().as_ref())
    }

    /// As [`State::preset_changed`], given the form's scenario, parsed once
    /// by the page.
    pub fn preset_changed_from(&self, form: Option<&Scenario>) -> bool {
        self.preset
            .is_some_and(|preset| Scenario::from_query(preset.query).ok().as_ref() != form)
    }

    /// Chooses the example with that id (its scenario replaces the form); an
    /// empty id keeps the form as the learner's own.
    fn choose_preset(&mut self, id: &str) {
        if id.is_empty() {
            self.preset = None;
        }
        if let Some(preset) = presets::find(id) {
            self.form = Form {
                max_workers: String::new(),
                ..Form::default()
            };
            self.form.merge_query(preset.query);
            self.preset = Some(preset);
        }
    }

    /// True if results are shown for a scenario the form no longer holds.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::state::{Action, Field, State};
    /// use futures_lab_scenarios::Scenario;
    ///
    /// let mut state = State::default();
    /// state.ran = Scenario::from_query(&state.form.to_query()).ok();
    /// assert!(!state.out_of_date(), "no results yet");
    /// ```
    pub fn out_of_date(&self) -> bool {
        self.stale(Scenario::from_query(&self.form.to_query()).ok().as_ref())
    }

    /// As [`State::out_of_date`], given the form's scenario (`None` if the
    /// form holds none), parsed once by the page rather than at each call.
    pub fn stale(&self, form: Option<&Scenario>) -> bool {
        !self.running && self.report.is_some() && self.ran.is_some() && form != self.ran.as_ref()
    }

    fn start(&mut self, scenario: &Scenario) {
        self.ran = Some(scenario.clone());
        self.error = None;
        self.over_budget = None;
        self.report = None;
        self.running = true;
        self.timeline = Shared::default();
        self.rows = Shared::new(rows(&scenario.inputs));
        self.control_log.clear();
        self.callback_log.clear();
        self.trace = Shared::default();
        self.replay = None;
        self.follow = self.slow_motion.then(|| SlowMotion::new(scenario));
    }

    fn observe(&mut self, events: &[TraceEvent]) {
        self.trace.update(|trace| trace.extend_from_slice(events));
        self.timeline
            .update(|timeline| events.iter().for_each(|e| timeline.observe(e)));
        let origin = self.timeline.borrow().origin_ns().unwrap_or_default();
        self.callback_log
            .extend(
                events
                    .iter()
                    .filter(|e| e.kind == TraceKind::Callback)
                    .map(|e| CallbackNote {
                        future: e.future,
                        t_ms: e.t_ns.saturating_sub(origin) as f64 / 1e6,
                        thread: e.worker.as_deref().map(str::to_owned),
                    }),
            );
        self.rows.update(|rows| {
            for event in events {
                if let Some(row) = rows.get_mut(event.future as usize) {
                    observe(row, event);
                }
            }
        });
    }

    /// Shows a report which no run of this page made, as if it had just
    /// finished, with the events it stands for.
    fn open(&mut self, Replayable { report, replay }: Replayable) {
        // A program futures-lab generated: the controls show its scenario
        // (and the program panel its program).
        if let Some(scenario) = &report.scenario {
            self.form = Form::default();
            self.form.merge_query(&scenario.to_query());
            self.preset = None;
        }
        self.ran = report.scenario.clone();
        self.error = None;
        self.over_budget = None;
        self.timeline = Shared::default();
        self.rows = Shared::default();
        self.control_log.clear();
        self.callback_log.clear();
        self.trace = Shared::default();
        self.replay = None;
        self.follow = None;
        self.finish_with(report, Some(replay));
    }

    fn finish(&mut self, report: Report) {
        self.finish_with(report, None);
    }

    /// Ends a run with `report`, replayed from `prepared` if given, else
    /// from the events the page saw.
    fn finish_with(&mut self, report: Report, prepared: Option<Prepared>) {
        self.running = false;
        self.finished_runs += 1;
        // A sequential run is its own baseline, unless a timeout cut it short.
        let own_baseline = report.scenario.as_ref().filter(|scenario| {
            scenario.executor == futures_lab_scenarios::ExecutorKind::Sequential
                && scenario.timeout_s.is_none()
                && report.error.is_none()
        });
        if let Some(scenario) = own_baseline {
            self.keep_baseline(baseline_key(scenario), report.wall_ms);
        }
        // The report's logs are complete and on the report's clock.
        self.control_log = report.control.clone();
        self.callback_log = report.callbacks.clone();
        let trace = self.trace.update(std::mem::take);
        let mut replay = match prepared {
            // Its rows are the replay's (at its end, each as the report
            // has it): 100,000 rows are not made twice.
            Some(prepared) => {
                let replay = Replay::prepared(&report, prepared);
                self.rows = replay.rows.clone();
                replay
            }
            None => {
                self.rows.update(|rows| {
                    for (row, task) in rows.iter_mut().zip(&report.tasks) {
                        finish(row, task);
                    }
                });
                Replay::new(&report, trace)
            }
        };
        if let Some(ns) = self.open_at_ns.take() {
            replay.seek_time(ns, &report);
        }
        // Slow motion goes on as a replay from where it was.
        if let Some(follow) = self.follow.take() {
            replay.seek_time(follow.moment_ns, &report);
            replay.speed = follow.speed;
            replay.playing = replay.cursor < replay.len();
        }
        self.replay = Some(replay);
        self.report = Some(Frozen::new(report));
    }
}

/// What identifies a scenario's sequential baseline: the scenario with the
/// executor made sequential and what only pools care about reset.
///
/// # Examples
///
/// ```
/// use futures_lab::state::baseline_key;
/// use futures_lab_scenarios::Scenario;
///
/// let threads = Scenario::from_query("executor=threads&max_workers=4&gil=true").unwrap();
/// let sequential = Scenario::from_query("executor=sequential").unwrap();
/// assert_eq!(baseline_key(&threads), baseline_key(&sequential));
/// ```
pub fn baseline_key(scenario: &Scenario) -> String {
    baseline_scenario(scenario).to_query()
}

/// The sequential run that `scenario`'s speed-up is measured against.
pub fn baseline_scenario(scenario: &Scenario) -> Scenario {
    let mut sequential = scenario.retarget(futures_lab_scenarios::ExecutorKind::Sequential, false);
    // A plain loop has no timeout.
    sequential.timeout_s = None;
    sequential
}
