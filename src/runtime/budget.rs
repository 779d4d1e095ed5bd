//! The page's budget for a run: what a run may demand before it is refused,
//! unless a person allows it more.

use std::cell::Cell;

use futures_lab_scenarios::{estimate, Budget, OverBudget, Scenario};

use super::environment::browser_environment;
use super::launch::as_played_here;

thread_local! {
    /// What a run gets unless a person allows it more in the page.
    static PAGE_BUDGET: Cell<Budget> = const { Cell::new(Budget::PAGE) };
}

/// The budget of every run nobody allowed more: the page's own runs, the
/// JS API's, an embed's and a link's.
pub fn page_budget() -> Budget {
    PAGE_BUDGET.with(Cell::get)
}

/// Sets [`page_budget`] (`futuresLab.testing` only: tests lower it to try
/// a refusal with a short run).
pub fn set_page_budget(budget: Budget) {
    PAGE_BUDGET.with(|cell| cell.set(budget));
}

/// Whether a run of `scenario`, as this page plays it, fits `budget`.
///
/// # Errors
///
/// What the run would go over, and by how much.
pub fn within_budget(scenario: &Scenario, budget: &Budget) -> Result<(), OverBudget> {
    let played = as_played_here(scenario.clone());
    budget.check(&estimate(
        &played,
        browser_environment().hardware_concurrency,
    ))
}
