//! Beside a real run, how long CPython would take for the same scenario.

use std::cell::Cell;
use std::rc::Rc;

use futures_lab_core::PythonVersion;
use futures_lab_scenarios::{cpython_prediction, workloads, Report};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::frozen::Frozen;
use crate::runtime::{run, this_build_term_ns};

/// What CPython would take for the run shown.
#[derive(Clone, Debug, PartialEq)]
pub struct CpythonPrediction {
    /// The predicted wall time, in ms.
    pub wall_ms: f64,
    /// This build's ns for a term of the sum of squares here, which CPython
    /// was fitted to, if it could be measured.
    pub this_build_ns: Option<f64>,
    /// The predicting scenario (on the virtual clock), as a link's query.
    pub query: String,
    /// Beside a CPython trace of a program the lab wrote: the wall time of
    /// the same scenario run on this page, in ms (once it has run).
    pub lab_ms: Option<f64>,
}

/// A trace's scenario is run on the page beside it only if CPython took
/// no longer than this (the learner waits for it).
const LAB_BESIDE_UP_TO_MS: f64 = 10_000.0;

/// Whether `report` gets CPython's prediction: a real run of a workload
/// the virtual clock plays, or CPython's own trace of a program the lab
/// wrote (the prediction beside what CPython measured). Cheap: the summary
/// asks at every render.
pub fn is_predicted(report: &Report) -> bool {
    let real = matches!(report.mode.as_str(), "native" | "browser" | "cpython");
    real && report.scenario.as_ref().is_some_and(|scenario| {
        workloads::find(&scenario.workload)
            .is_some_and(|w| w.virtual_clock_plays(scenario.executor))
    })
}

/// The CPython version (major.minor) that ran a traced program, if the
/// report is a trace of one this build knows.
pub fn traced_python(report: &Report) -> Option<PythonVersion> {
    let program = report.program.as_ref()?;
    let mut parts = program.python.split('.');
    let minor = format!("{}.{}", parts.next()?, parts.next()?);
    minor.parse().ok()
}

/// After a real run, plays its scenario on the virtual clock at the measured
/// speed of its CPython, fitted to this machine (on as many CPUs as the run
/// had), and gives the predicted wall time; `None` until then, for a virtual run, and where the
/// virtual clock does not play the workload.
#[hook]
pub fn use_cpython_prediction(report: Option<Frozen<Report>>) -> Option<CpythonPrediction> {
    let prediction = use_state_eq(|| None::<CpythonPrediction>);
    // Which report the prediction under way is for: one that comes back
    // after another run was shown is dropped.
    let generation = use_memo((), |_| Rc::new(Cell::new(0u64)));
    {
        let prediction = prediction.clone();
        let generation = Rc::clone(&generation);
        use_effect_with(report, move |report| {
            prediction.set(None);
            let mine = generation.get() + 1;
            generation.set(mine);
            let Some(report) = report.as_ref().filter(|r| is_predicted(r)) else {
                return;
            };
            let Some(mut real) = report.scenario.clone() else {
                return;
            };
            // A trace is predicted for the CPython that ran it.
            if let Some(version) = traced_python(report) {
                real.python_version = version;
            }
            let cpus = report.environment.hardware_concurrency.max(1);
            let lab_run = (report.mode == "cpython" && report.wall_ms <= LAB_BESIDE_UP_TO_MS)
                .then(|| report.scenario.clone())
                .flatten();
            spawn_local(async move {
                let this_build_ns = this_build_term_ns().await;
                let Some(scenario) = cpython_prediction(&real, cpus, this_build_ns) else {
                    return;
                };
                let query = scenario.to_query();
                let predicted = run(scenario, None).await;
                if generation.get() != mine {
                    return;
                }
                let Ok(predicted) = predicted else {
                    return;
                };
                let shown = CpythonPrediction {
                    wall_ms: predicted.wall_ms,
                    this_build_ns,
                    query,
                    lab_ms: None,
                };
                prediction.set(Some(shown.clone()));
                // Beside CPython's trace: the lab's own run of it too.
                if let Some(scenario) = lab_run {
                    let ran = run(scenario, None).await;
                    if let (Ok(ran), true) = (ran, generation.get() == mine) {
                        prediction.set(Some(CpythonPrediction {
                            lab_ms: Some(ran.wall_ms),
                            ..shown
                        }));
                    }
                }
            });
        });
    }
    (*prediction).clone()
}
