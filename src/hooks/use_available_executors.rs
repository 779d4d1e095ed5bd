//! Which executors the page can run.

use futures_lab_scenarios::ExecutorKind;
use yew::prelude::*;

use crate::runtime::available_executors;

/// The executors the browser runtime can run, for the executor menu.
#[hook]
pub fn use_available_executors() -> Vec<ExecutorKind> {
    (*use_memo((), |()| available_executors())).clone()
}
