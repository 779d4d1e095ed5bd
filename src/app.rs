//! The page: one reducer, hooks for the side effects, pure components.

use std::rc::Rc;

use futures_lab_scenarios::{Command, ExecutorKind, Scenario};
use yew::prelude::*;

use crate::components::{
    ClockControls, ClockLabel, ClockShown, CodeView, Controls, ErrorBanner, ExperimentsPanel,
    Explanation, FutureTable, IsolationNotice, LanguageSwitch, Orders, Player, PoolBadge,
    PresetPicker, ProgramControls, RunControls, RunLogs, Summary, ThemeSwitch, TimelineView,
    TraceOpener, WaitSplitView, WorkloadParams,
};
use crate::hooks::{
    system_prefers_dark, use_available_executors, use_baseline, use_cpython_prediction,
    use_embed_mode, use_experiment, use_language, use_parent_messages, use_player, use_pool_status,
    use_report_opener, use_runner, use_share_link, use_theme, use_url_scenario, use_window_width,
    RunsSeen,
};
use crate::i18n::{text, trace_info, Label};
use crate::runtime::{next_frame, open_file, page_budget};
use crate::stage_in_view::bring_stage_into_view;
use crate::state::{Action, PlayerAction, State};

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// The notes made by `moment_ms` (all of them when there is no moment).
fn so_far<T: Clone>(notes: &[T], moment_ms: Option<f64>, at: impl Fn(&T) -> f64) -> Vec<T> {
    notes
        .iter()
        .filter(|note| moment_ms.is_none_or(|moment| at(note) <= moment))
        .cloned()
        .collect()
}

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let (run, command) = use_runner(state.dispatcher());
    // Runs nobody allowed more than the page's budget: a link's, an embed's.
    let run_in_budget = run.reform(|scenario| (scenario, page_budget()));
    let on_cancel = state.running.then(|| {
        let command = command.clone();
        Callback::from(move |id| command.emit(Command::Cancel(id)))
    });
    let executors = use_available_executors();
    let share = use_share_link(state.dispatcher());
    use_pool_status(state.dispatcher());
    use_language(state.dispatcher(), state.lang);
    use_theme(state.dispatcher(), state.theme);
    let dark = state.theme.is_dark(system_prefers_dark());
    // The form as a link and as a scenario, made once per change of the
    // form, not at every render (a run renders every frame, and 10,000
    // inputs make a 70 KB link).
    let form = use_memo(state.form.clone(), |form| {
        let query = form.to_query();
        let scenario = Scenario::from_query(&query);
        (query, scenario)
    });
    let on_theme = {
        let dispatcher = state.dispatcher();
        Callback::from(move |theme| dispatcher.dispatch(Action::SetTheme(theme)))
    };
    let lang = state.lang;
    // Whether this page can share memory with workers, so have threads.
    let shared_memory = crate::runtime::shared_memory();
    let missing = shared_memory.err();
    let on_choose = {
        let dispatcher = state.dispatcher();
        Callback::from(move |lang| dispatcher.dispatch(Action::SetLang(lang)))
    };
    let experiment = use_experiment(state.dispatcher());
    use_url_scenario(
        state.dispatcher(),
        run_in_budget.clone(),
        experiment.clone(),
    );
    let embed = use_embed_mode();
    use_parent_messages(
        embed,
        state.dispatcher(),
        run_in_budget,
        RunsSeen {
            running: state.running,
            finished_runs: state.finished_runs,
            report: state.report.as_deref(),
            failed_runs: state.failed_runs,
            error: state.error.as_deref(),
        },
    );
    let baseline = *use_memo(
        (state.report.clone(), state.baselines.clone()),
        |(report, _)| {
            report
                .as_ref()
                // CPython's trace has no sequential run of its own to compare with.
                .filter(|report| report.mode != "cpython")
                .and_then(|report| report.scenario.as_ref())
                .and_then(|scenario| state.baseline_for(scenario))
        },
    );
    use_baseline(state.dispatcher(), state.report.clone(), baseline.is_some());
    let cpython = use_cpython_prediction(state.report.clone());
    let width = use_window_width();
    let on_experiment = {
        let (dispatcher, form) = (state.dispatcher(), Rc::clone(&form));
        Callback::from(move |kind| match &form.1 {
            Ok(scenario) => experiment.emit((kind, scenario.clone())),
            Err(error) => dispatcher.dispatch(Action::Invalid(error.to_string())),
        })
    };

    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(field, value)| dispatcher.dispatch(Action::Edit(field, value)))
    };
    let on_share = {
        // A replay not at its end: the link opens at its moment.
        let moment = state
            .replay
            .as_ref()
            .filter(|r| r.cursor < r.len())
            .map(|r| format!("&t={:.3}", r.moment_ns as f64 / 1e6))
            .unwrap_or_default();
        let query = format!(
            "{}{moment}",
            state.form.share_query(state.lang, state.preset)
        );
        Callback::from(move |()| share.emit(query.clone()))
    };
    // Run brings the stage into view once the run's first state is drawn
    // (scrolled at the press, the page's brief reset would pull it back).
    let to_stage = use_mut_ref(|| false);
    {
        let to_stage = Rc::clone(&to_stage);
        use_effect_with(state.running, move |running| {
            if *running && to_stage.replace(false) {
                // At the next frame, where the page is laid out anyway:
                // measured now, the run's first render would be laid out
                // twice in the press's own task.
                wasm_bindgen_futures::spawn_local(async {
                    next_frame().await;
                    bring_stage_into_view();
                });
            }
        });
    }
    let on_run = {
        let (dispatcher, form) = (state.dispatcher(), Rc::clone(&form));
        let run = run.clone();
        let to_stage = Rc::clone(&to_stage);
        Callback::from(move |()| match &form.1 {
            Ok(scenario) => {
                *to_stage.borrow_mut() = !embed;
                run.emit((scenario.clone(), page_budget()));
            }
            Err(error) => dispatcher.dispatch(Action::Invalid(error.to_string())),
        })
    };
    // A lesson's "Try" sets its fields and runs what the form then holds
    // (not while a run goes on: Run waits the same way).
    let on_try = {
        let (dispatcher, form, running) = (state.dispatcher(), state.form.clone(), state.running);
        let run = run.clone();
        let to_stage = Rc::clone(&to_stage);
        Callback::from(move |changes: &'static str| {
            if running {
                return;
            }
            let mut tried = form.clone();
            tried.merge_query(changes);
            dispatcher.dispatch(Action::LoadQuery(changes.to_owned()));
            match Scenario::from_query(&tried.to_query()) {
                Ok(scenario) => {
                    *to_stage.borrow_mut() = !embed;
                    run.emit((scenario, page_budget()));
                }
                Err(error) => dispatcher.dispatch(Action::Invalid(error.to_string())),
            }
        })
    };
    // A person allows a refused run the budget it needs.
    let on_allow = state.over_budget.as_ref().and_then(|(scenario, over)| {
        let (scenario, raised) = (scenario.clone(), over.raised?);
        let run = run.clone();
        Some(Callback::from(move |()| {
            run.emit((scenario.clone(), raised))
        }))
    });

    // A finished run is shown at the replay's moment.
    // A run watched in slow motion is shown behind the recording.
    let (shown_timeline, shown_rows) = match (&state.replay, &state.follow) {
        (Some(replay), _) => (replay.timeline.clone(), replay.rows.clone()),
        (None, Some(follow)) => (follow.timeline.clone(), follow.rows.clone()),
        (None, None) => (state.timeline.clone(), state.rows.clone()),
    };
    use_report_opener(state.dispatcher(), state.running);
    let on_open_file =
        Callback::from(|file: web_sys::File| wasm_bindgen_futures::spawn_local(open_file(file)));
    use_player(
        state.dispatcher(),
        state.replay.as_ref().is_some_and(|r| r.playing) || state.follow.is_some(),
    );
    let on_slow_motion = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                dispatcher.dispatch(Action::SetSlowMotion(input.checked()));
            }
        })
    };
    let on_player = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(Action::Player(action)))
    };
    let on_seek = state.replay.is_some().then(|| {
        let on_player = on_player.clone();
        Callback::from(move |t_ns| on_player.emit(PlayerAction::SeekTime(t_ns)))
    });
    // Replayed, the logs hold what had happened by the moment.
    // The logs' times count from the run's start, the replay's from its
    // first event (the first submit): add the first submit's time.
    let moment_ms = state
        .replay
        .as_ref()
        .filter(|r| r.cursor < r.len())
        .zip(state.report.as_ref())
        .map(|(replay, report)| {
            let first = report
                .tasks
                .iter()
                .map(|t| t.submitted_ms)
                .fold(f64::INFINITY, f64::min);
            let offset = if first.is_finite() { first } else { 0.0 };
            replay.moment_ns as f64 / 1e6 + offset
        });
    // The clock line: the run shown, or the form as this page would play it.
    let form_clock = use_memo(Rc::clone(&form), |form| {
        form.1
            .clone()
            .map(|scenario| ClockShown::of(&crate::runtime::as_played_here(scenario)))
            .unwrap_or_default()
    });
    let clock_shown = match state.report.as_ref() {
        Some(report) if report.mode == "cpython" => {
            ClockShown::cpython(report.environment.hardware_concurrency)
        }
        Some(report) => report.scenario.as_ref().map_or(*form_clock, ClockShown::of),
        None => *form_clock,
    };
    let timeout_ms = state
        .form
        .extra("timeout_s")
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| s * 1000.0);

    let program_step = state
        .replay
        .as_ref()
        // A report with no scenario (a CPython trace) is no program of the form's.
        .filter(|_| !state.stale(form.1.as_ref().ok()) && state.ran.is_some())
        .and_then(|replay| {
            let (step, n) = replay.program_step?;
            Some((step, n, replay.program_steps))
        });

    // What came of the run: the same in the page and in the embed.
    let shown_run = html! {
        <>
            <ClockLabel clock={clock_shown} {lang} />
            <Summary report={state.report.clone()} running={state.running} {baseline} {lang} {dark}
                live_interval_ms={state.live_interval_ms} {moment_ms} timeline={shown_timeline.clone()} {cpython}
                width={(width - 40).clamp(280, 760) as u32} />
            if !state.rows.borrow().is_empty() {
                <TimelineView timeline={shown_timeline} rows={shown_rows.clone()} {timeout_ms} {lang} {dark}
                    moment_ns={state.replay.as_ref().map(|r| r.moment_ns).or(state.follow.as_ref().map(|f| f.moment_ns))}
                    window_end_ns={state.replay.as_ref().map(|r| r.end_ns())} {on_seek}
                    run={state.finished_runs + state.failed_runs + u64::from(state.running)} />
            }
            if let Some(replay) = &state.replay {
                <Player replay={replay.clone()} {lang} on_player={on_player.clone()} />
            }
            if let Some(report) = &state.report {
                // Replayed: the orders as far as they had formed, wait()'s
                // split once it had returned.
                <Orders count={report.tasks.len()} {lang} error={report.error.clone()}
                    yielded={report.yielded_as_completed()}
                    completed={state.replay.as_ref().map_or_else(|| report.completion_order.clone(), |r| r.completed_so_far(report))}
                    results={state.replay.as_ref().map_or_else(|| report.result_order.clone(), |r| r.results_so_far(report))} />
                if let Some(split) = report.wait.as_ref().filter(|_| state.replay.as_ref().is_none_or(|r| r.wait_returned)) {
                    <WaitSplitView split={split.clone()} {lang} />
                }
            }
        </>
    };

    if embed {
        // The compact view for an iframe: the scenario, Run, what came of it.
        let query = form.0.clone();
        let shown_query: Vec<String> = form_urlencoded::parse(query.as_bytes())
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        let workload = futures_lab_scenarios::workloads::find(&state.form.workload)
            .map(|w| match lang {
                crate::i18n::Lang::En => w.title().en,
                crate::i18n::Lang::Ko => w.title().ko,
            })
            .unwrap_or_default();
        let full = format!("./?{}", state.form.share_query(lang, state.preset));
        let on_click = on_run.reform(|_: MouseEvent| ());
        return html! {
            <div class="embed" data-testid="embed">
                <div class="embed-head">
                    <div>
                        <h1 class="embed-title">{ workload }</h1>
                        <code class="embed-query" data-testid="embed-query">{ shown_query.join("&") }</code>
                    </div>
                    <div class="actions">
                        <button class="primary" type="button" onclick={on_click} disabled={state.running}>{ text(lang, Label::Run) }</button>
                        <a class="button" href={full} target="_blank" rel="noopener" data-testid="open-full">{ text(lang, Label::OpenFull) }</a>
                    </div>
                </div>
                <IsolationNotice {missing} {lang} />
                if let Some(invalid) = &state.invalid {
                    <p class="error" role="alert" data-testid="embed-invalid">{ invalid.to_string() }</p>
                }
                <ErrorBanner error={state.error.clone()} {lang} on_allow={on_allow.clone()} />
                { shown_run }
            </div>
        };
    }

    html! {
        <>
            <header class="masthead">
                <div>
                    <h1>{ "futures-lab" }</h1>
                    <p class="tagline">{ text(lang, Label::Tagline) }</p>
                </div>
                <div class="masthead-side">
                    <LanguageSwitch {lang} {on_choose} />
                    <ThemeSwitch theme={state.theme} {lang} on_choose={on_theme} />
                    <PoolBadge pool={state.pool.clone()} {missing} {lang} />
                </div>
            </header>
            <IsolationNotice {missing} {lang} />
            <div class="workbench">
            <div class="setup">
            <PresetPicker chosen={state.preset} changed={state.preset_changed_from(form.1.as_ref().ok())} {lang} on_edit={on_edit.clone()}
                {on_try} running={state.running} />
            <Controls form={state.form.clone()} invalid={state.invalid.clone()} {executors} {lang} running={state.running} on_edit={on_edit.clone()} {on_run} {on_share} />
            if let Some(link) = &state.shared {
                <p class="shared" data-testid="shared" role="status">
                    { text(lang, if state.shared_copied { Label::ShareCopied } else { Label::ShareLink }) }{ " " }
                    <input readonly=true value={link.clone()} aria-label={text(lang, Label::Share)} data-testid="share-url" />
                </p>
            }
            <label class="check slow-motion">
                <input type="checkbox" data-testid="slow-motion" checked={state.slow_motion} onchange={on_slow_motion} />
                <span>{ text(lang, Label::SlowMotion) }</span>
            </label>
            <TraceOpener {lang} running={state.running} on_open={on_open_file} />
            <WorkloadParams form={state.form.clone()} invalid={state.invalid.clone()} {lang} on_edit={on_edit.clone()} />
            <ProgramControls form={state.form.clone()} invalid={state.invalid.clone()} {lang} on_edit={on_edit.clone()} />
            <ClockControls form={state.form.clone()} invalid={state.invalid.clone()} {lang} {on_edit} />
            <Explanation workload={state.form.workload.clone()} executor={state.form.executor.clone()} {lang} />
            </div>
            // The stage: what the run does, beside the controls on a wide
            // screen, under them on a narrow one.
            <section class="stage" data-testid="stage" aria-label={text(lang, Label::Stage)}>
            <ErrorBanner error={state.error.clone()} {lang} on_allow={on_allow.clone()} />
            if state.stale(form.1.as_ref().ok()) {
                <p class="stale-note" data-testid="out-of-date" role="status">{ text(lang, Label::OutOfDate) }</p>
            }
            if let Some((program, futures)) = state.report.as_ref().and_then(|r| Some((r.program.as_ref()?, r.tasks.len()))) {
                <p class="trace-info" data-testid="trace-info">{ trace_info(lang, program, futures) }</p>
            }
            if state.report.is_none() && !state.running && state.rows.borrow().is_empty() {
                <p class="stage-empty" data-testid="stage-empty">{ text(lang, Label::StageEmpty) }</p>
            }
            { shown_run }
            if state.running {
                <RunControls {lang} on_command={command} />
            }
            <RunLogs control={so_far(&state.control_log, moment_ms, |n| n.t_ms)}
                callbacks={so_far(&state.callback_log, moment_ms, |n| n.t_ms)}
                asyncio={state.form.executor == ExecutorKind::Asyncio.as_str()} {lang} />
            // The program beside the run, its line following the replay when
            // the run shown is the form's.
            <CodeView query={form.0.clone()} {lang} step={program_step} />
            </section>
            </div>
            <FutureTable rows={shown_rows} {lang} {on_cancel} />
            <ExperimentsPanel experiment={state.experiment.clone()} {lang} {dark}
                width={(width - 40).clamp(280, 760) as u32} on_start={on_experiment} running={state.running} />
        </>
    }
}
