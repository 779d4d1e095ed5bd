//! Which clock the run shown used, in one line.

use futures_lab_scenarios::{Clock, Scenario, DEFAULT_OP_NS};
use yew::prelude::*;

use super::host_cpus::host_cpus;
use crate::i18n::{clock_mode, Lang};

/// Props of [`ClockLabel`].
#[derive(Properties, PartialEq)]
pub struct ClockLabelProps {
    /// The scenario of the run shown (or about to run).
    pub scenario: Scenario,
    /// The language shown.
    pub lang: Lang,
}

/// "Real run, measured on this machine's 2 CPUs" or "Virtual clock: 16
/// CPUs, ...": the page always says which.
#[function_component(ClockLabel)]
pub fn clock_label(props: &ClockLabelProps) -> Html {
    let scenario = &props.scenario;
    let virtual_clock = scenario.clock == Clock::Virtual;
    let line = clock_mode(
        props.lang,
        virtual_clock,
        scenario.cpus.unwrap_or_else(host_cpus),
        scenario.op_ns.unwrap_or(DEFAULT_OP_NS),
    );
    let class = if virtual_clock {
        "clock-label virtual"
    } else {
        "clock-label real"
    };
    html! {
        <p {class} data-testid="clock-label" role="note">{ line }</p>
    }
}
