//! One row per future, changing state live, a page of rows at a time.

use futures_lab_scenarios::TaskState;
use yew::prelude::*;

use super::long_result::{LongResult, SHOWN};
use crate::i18n::{rows_shown, state_name, text, Label, Lang};
use crate::shared::Shared;
use crate::state::Row;

/// Rows per page: a run of 10,000 futures renders one page, not 10,000 rows.
pub const PAGE_ROWS: usize = 100;

/// Props of [`FutureTable`].
#[derive(Properties, PartialEq)]
pub struct FutureTableProps {
    /// The futures of the current run.
    pub rows: Shared<Vec<Row>>,
    /// The language shown.
    pub lang: Lang,
    /// While a run goes on: cancel one future (by id).
    pub on_cancel: Option<Callback<u64>>,
}

/// The futures table: state, worker, progress, duration, result.
#[function_component(FutureTable)]
pub fn future_table(props: &FutureTableProps) -> Html {
    let page = use_state(|| 0usize);
    let all = props.rows.borrow();
    let lang = props.lang;
    if all.is_empty() {
        return html! {
            <p class="empty">{ text(lang, Label::PressRun) }</p>
        };
    }
    let pages = all.len().div_ceil(PAGE_ROWS);
    let current = (*page).min(pages - 1);
    let from = current * PAGE_ROWS;
    let shown = &all[from..(from + PAGE_ROWS).min(all.len())];
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    html! {
        <>
        if pages > 1 {
            <nav class="pager" aria-label={text(lang, Label::Caption)} data-testid="pager">
                <button type="button" disabled={current == 0} onclick={go(current.saturating_sub(1))}>
                    { text(lang, Label::PreviousPage) }
                </button>
                <span aria-live="polite">{ rows_shown(lang, from + 1, from + shown.len(), all.len()) }</span>
                <button type="button" disabled={current + 1 >= pages} onclick={go(current + 1)}>
                    { text(lang, Label::NextPage) }
                </button>
            </nav>
        }
        <div class="table-scroll" tabindex="0" role="region" aria-label={text(lang, Label::Caption)}>
        <table class="futures" data-testid="futures">
            <caption>{ text(lang, Label::Caption) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "#" }</th>
                    <th scope="col">{ text(lang, Label::Input) }</th>
                    <th scope="col">{ text(lang, Label::State) }</th>
                    <th scope="col">{ text(lang, Label::Worker) }</th>
                    <th scope="col">{ text(lang, Label::Progress) }</th>
                    <th scope="col">{ text(lang, Label::Result) }</th>
                </tr>
            </thead>
            <tbody>
                { for shown.iter().map(|r| row(lang, r, props.on_cancel.as_ref())) }
            </tbody>
        </table>
        </div>
        </>
    }
}

fn row(lang: Lang, row: &Row, on_cancel: Option<&Callback<u64>>) -> Html {
    let state = row.state.as_str();
    let timing = match row.duration_ms() {
        Some(ms) => html! { <span>{ format!("{ms:.1} ms") }</span> },
        None => html! {
            <progress max="1" value={row.progress.to_string()} aria-label={format!("future {} progress", row.id)} />
        },
    };
    html! {
        <tr data-testid="future-row" data-state={state} key={row.id}>
            <td>{ row.id }</td>
            <td class="num">{ &row.input }</td>
            <td>
                <span class={classes!("state", state)}>{ state_name(lang, state) }</span>
                { cancel_button(lang, row, on_cancel) }
            </td>
            <td class="worker">{ row.worker.clone().unwrap_or_default() }</td>
            <td>{ timing }</td>
            { outcome_cell(lang, row.outcome.as_deref().unwrap_or_default(), row.state == TaskState::Failed) }
        </tr>
    }
}

/// `future.cancel()` for a future not done yet, while the run goes on: a
/// pending one is cancelled, a running one refuses (the control log says).
fn cancel_button(lang: Lang, row: &Row, on_cancel: Option<&Callback<u64>>) -> Html {
    let Some(on_cancel) =
        on_cancel.filter(|_| matches!(row.state, TaskState::Pending | TaskState::Running))
    else {
        return html! {};
    };
    let (id, on_cancel) = (row.id, on_cancel.clone());
    html! {
        <button type="button" class="cancel-one" data-testid="cancel-future"
            aria-label={format!("{} #{id}", text(lang, Label::CancelOne))}
            onclick={Callback::from(move |_: MouseEvent| on_cancel.emit(id))}>
            { text(lang, Label::CancelOne) }
        </button>
    }
}

/// Results longer than a cell (a power's thousands of digits) are folded
/// (see [`LongResult`]); the whole text stays in the data attribute. Errors
/// are always shown whole.
fn outcome_cell(lang: Lang, text: &str, failed: bool) -> Html {
    let long = text.chars().count() > SHOWN && !failed;
    html! {
        <td class={classes!("num", "result", failed.then_some("error-text"))} data-full={text.to_owned()}>
            if long {
                <LongResult text={AttrValue::from(text.to_owned())} {lang} />
            } else {
                { text.to_owned() }
            }
        </td>
    }
}
