//! Submission, as_completed and result orders side by side.

use yew::prelude::*;

use crate::i18n::{text, Label, Lang};

/// Props of [`Orders`].
#[derive(Properties, PartialEq)]
pub struct OrdersProps {
    /// How many futures were submitted (ids `0..count`).
    pub count: usize,
    /// Ids in the order `as_completed` yielded them (so far).
    pub completed: Vec<u64>,
    /// Ids in the order the program received results (so far).
    pub results: Vec<u64>,
    /// The exception the program raised, if any.
    pub error: Option<String>,
    /// True when the program used `as_completed` (the second row is what it
    /// yielded); otherwise the row is the order the futures finished in.
    pub yielded: bool,
    /// The language shown.
    pub lang: Lang,
}

/// Positions shown per order; a run of 10,000 futures shows the first ones
/// and how many more there are (the timeline shows them all).
const SHOWN: usize = 200;

/// Three rows of task ids; a position where an order differs from the
/// submission order is marked.
#[function_component(Orders)]
pub fn orders(props: &OrdersProps) -> Html {
    let submitted: Vec<u64> = (0..props.count as u64).collect();
    let row = |label: Label, ids: &[u64], testid: &'static str| {
        html! {
            <tr data-testid={testid}>
                <th scope="row">{ text(props.lang, label) }</th>
                { for ids.iter().take(SHOWN).enumerate().map(|(at, id)| {
                    let moved = submitted.get(at) != Some(id);
                    html! { <td class={classes!("order", moved.then_some("moved"))}>{ id }</td> }
                }) }
                if ids.len() > SHOWN {
                    <td class="more">{ format!("+{}", ids.len() - SHOWN) }</td>
                }
            </tr>
        }
    };
    html! {
        <section class="orders" aria-labelledby="orders-heading">
            <h2 id="orders-heading">{ text(props.lang, Label::Orders) }</h2>
            // Scrolls sideways on a narrow screen: reachable by keyboard.
            <div class="table-scroll" tabindex="0">
                <table>
                    <tbody>
                        { row(Label::SubmissionOrder, &submitted, "order-submitted") }
                        { row(if props.yielded { Label::CompletionOrder } else { Label::FinishOrder }, &props.completed, "order-completed") }
                        { row(Label::ResultOrder, &props.results, "order-results") }
                    </tbody>
                </table>
            </div>
            if let Some(error) = &props.error {
                <p class="program-error" data-testid="program-error">
                    { format!("{}: {error}", text(props.lang, Label::ProgramRaised)) }
                </p>
            }
        </section>
    }
}
