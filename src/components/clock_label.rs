//! Which clock the run shown used, in one line.

use futures_lab_scenarios::{Clock, Scenario, Speed};
use yew::prelude::*;

use super::host_cpus::host_cpus;
use crate::i18n::{clock_mode, cpython_clock, Lang};

/// What the clock line says of a scenario: a few fields, so that a page
/// showing a run of 10,000 inputs does not copy them at every frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClockShown {
    /// On the virtual clock.
    pub virtual_clock: bool,
    /// Its CPUs, if it says.
    pub cpus: Option<usize>,
    /// Its operation's time, if it says.
    pub op_ns: Option<f64>,
    /// How fast it computes.
    pub speed: Speed,
    /// A CPython trace: the CPUs of the machine it ran on.
    pub cpython_cpus: Option<usize>,
}

impl ClockShown {
    /// The clock of `scenario`.
    pub fn of(scenario: &Scenario) -> Self {
        Self {
            virtual_clock: scenario.clock == Clock::Virtual,
            cpus: scenario.cpus,
            op_ns: scenario.op_ns,
            speed: scenario.speed,
            cpython_cpus: None,
        }
    }

    /// The clock of a CPython trace, run on a machine of `cpus` CPUs.
    pub fn cpython(cpus: usize) -> Self {
        Self {
            cpython_cpus: Some(cpus),
            ..Self::default()
        }
    }
}

/// Props of [`ClockLabel`].
#[derive(Properties, PartialEq)]
pub struct ClockLabelProps {
    /// The clock of the run shown (or about to run).
    pub clock: ClockShown,
    /// The language shown.
    pub lang: Lang,
}

/// "Real run, measured on this machine's 2 CPUs" or "Virtual clock: 16
/// CPUs, ...": the page always says which.
#[function_component(ClockLabel)]
pub fn clock_label(props: &ClockLabelProps) -> Html {
    let clock = props.clock;
    let virtual_clock = clock.virtual_clock;
    let line = match clock.cpython_cpus {
        Some(cpus) => cpython_clock(props.lang, cpus),
        None => clock_mode(
            props.lang,
            virtual_clock,
            clock.cpus.unwrap_or_else(host_cpus),
            clock.op_ns,
            clock.speed,
        ),
    };
    let class = if virtual_clock {
        "clock-label virtual"
    } else {
        "clock-label real"
    };
    html! {
        <p {class} data-testid="clock-label" role="note">{ line }</p>
    }
}
