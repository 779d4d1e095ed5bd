//! The replay player: back to the start, one event back, play or pause, one
//! event forward, to the end, a slider for the moment, and the speed.

use futures_lab_scenarios::TaskState;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{event_name, state_name, text, Label, Lang};
use crate::number_text::grouped;
use crate::replay::{Replay, SPEEDS};
use crate::state::PlayerAction;

/// Props of [`Player`].
#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    /// The replay shown.
    pub replay: Replay,
    /// The language shown.
    pub lang: Lang,
    /// The player was used.
    pub on_player: Callback<PlayerAction>,
}

/// `0.01` → `1/100×`, `2.0` → `2×`.
fn speed_label(speed: f64) -> String {
    if speed < 1.0 {
        format!("1/{:.0}×", 1.0 / speed)
    } else {
        format!("{speed}×")
    }
}

/// The player's controls and what the moment shows. Keys on it: space
/// plays or pauses, ← → step one event, Home and End jump. A focused button
/// keeps Space and Enter (they press it), the slider and the speed menu keep
/// every key.
#[function_component(Player)]
pub fn player(props: &PlayerProps) -> Html {
    let (replay, lang) = (&props.replay, props.lang);
    let emit = |action: PlayerAction| {
        let on_player = props.on_player.clone();
        Callback::from(move |_: MouseEvent| on_player.emit(action))
    };
    let (len, playing) = (replay.len(), replay.playing);
    let on_key = {
        let on_player = props.on_player.clone();
        Callback::from(move |event: KeyboardEvent| {
            let target = event
                .target_dyn_into::<web_sys::Element>()
                .map(|t| t.tag_name().to_ascii_lowercase())
                .unwrap_or_default();
            let key = event.key();
            if matches!(target.as_str(), "input" | "select")
                || (target == "button" && matches!(key.as_str(), " " | "Enter"))
            {
                return;
            }
            let action = match key.as_str() {
                " " => PlayerAction::Play(!playing),
                "ArrowLeft" => PlayerAction::Step(-1),
                "ArrowRight" => PlayerAction::Step(1),
                "Home" => PlayerAction::SeekEvent(0),
                "End" => PlayerAction::SeekEvent(len),
                _ => return,
            };
            event.prevent_default();
            on_player.emit(action);
        })
    };
    let on_slide = {
        let on_player = props.on_player.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                if let Ok(ms) = input.value().parse::<f64>() {
                    on_player.emit(PlayerAction::SeekTime((ms * 1e6).max(0.0) as u64));
                }
            }
        })
    };
    let on_speed = {
        let on_player = props.on_player.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                if let Ok(speed) = select.value().parse::<f64>() {
                    on_player.emit(PlayerAction::Speed(speed));
                }
            }
        })
    };
    let event = replay.last_event().map(|e| {
        let on = e
            .worker
            .as_deref()
            .map(|w| format!(" · {w}"))
            .unwrap_or_default();
        // An event about the worker or the whole run has no future.
        match e.future {
            u64::MAX => format!("{}{on}", event_name(lang, e.kind)),
            id => format!("{} #{id}{on}", event_name(lang, e.kind)),
        }
    });
    let (moment_ms, end_ms) = (replay.moment_ns as f64 / 1e6, replay.end_ns() as f64 / 1e6);
    let moment_text = format!("t = {} / {} ms", grouped(moment_ms, 2), grouped(end_ms, 2));
    let status = format!(
        "{moment_text} · {} {} / {len}{}",
        text(lang, Label::Event),
        replay.cursor,
        event.map(|e| format!(": {e}")).unwrap_or_default()
    );
    // How the futures stand at the moment.
    let counts = {
        const STATES: [TaskState; 5] = [
            TaskState::Pending,
            TaskState::Running,
            TaskState::Finished,
            TaskState::Failed,
            TaskState::Cancelled,
        ];
        // One pass over the rows (100,000 of a big trace, at every frame).
        let mut counts = [0usize; STATES.len()];
        for row in replay.rows.borrow().iter() {
            if let Some(at) = STATES.iter().position(|state| *state == row.state) {
                counts[at] += 1;
            }
        }
        STATES
            .into_iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(state, n)| format!("{} {n}", state_name(lang, state.as_str())))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    html! {
        <div class="player" role="group" aria-label={text(lang, Label::Replay)} data-testid="player"
            tabindex="0" onkeydown={on_key}>
            <span class="muted">{ text(lang, Label::Replay) }</span>
            <button type="button" aria-label={text(lang, Label::ToStart)} onclick={emit(PlayerAction::SeekEvent(0))}>{ "⇤" }</button>
            <button type="button" aria-label={text(lang, Label::StepBack)} onclick={emit(PlayerAction::Step(-1))}>{ "‹" }</button>
            <button type="button" class="play" aria-label={text(lang, if playing { Label::Pause } else { Label::Play })}
                onclick={emit(PlayerAction::Play(!playing))}>{ if playing { "❚❚" } else { "▶" } }</button>
            <button type="button" aria-label={text(lang, Label::StepForward)} onclick={emit(PlayerAction::Step(1))}>{ "›" }</button>
            <button type="button" aria-label={text(lang, Label::ToEnd)} onclick={emit(PlayerAction::SeekEvent(len))}>{ "⇥" }</button>
            // In ms, read out as the status writes it.
            <input type="range" min="0" max={end_ms.to_string()} step="any"
                value={moment_ms.to_string()} aria-label={text(lang, Label::Moment)}
                aria-valuetext={moment_text}
                data-testid="moment" oninput={on_slide} />
            <label class="speed">
                <span>{ text(lang, Label::Speed) }</span>
                <select data-testid="speed" onchange={on_speed}>
                    { for SPEEDS.iter().map(|speed| html! {
                        <option value={speed.to_string()} selected={(*speed - replay.speed).abs() < 1e-9}>{ speed_label(*speed) }</option>
                    }) }
                </select>
            </label>
            // Read out when the replay stops or steps, not at every frame
            // of playback.
            <span class="player-status" data-testid="player-status"
                aria-live={if playing { "off" } else { "polite" }}>{ status }</span>
            <span class="player-status" data-testid="player-counts">{ counts }</span>
        </div>
    }
}
