//! What CPython would take for a scenario: the same scenario on the
//! virtual clock at a measured CPython's speed.

use crate::scenario::clock::Clock;
use crate::scenario::speed::Speed;
use crate::scenario::Scenario;
use crate::virtual_clock::cpython_costs::CpythonCosts;
use futures_lab_core::PythonVersion;

/// The scenario whose virtual run predicts how long `scenario`'s program
/// takes in CPython on a machine with `cpus` CPUs: the CPython of its
/// `python_version` if it was measured (else the nearest one measured), its
/// threads sharing the GIL as that CPython's do. With `this_build_ns` (this
/// build's time for a term of the sum of squares on that machine), CPython
/// is fitted to it ([`Speed::fitted_op_ns`]); without, it is taken to be as
/// fast as where it was timed. `None` where the virtual clock does not play
/// the workload on its executor (a producer; a cache on the event loop or
/// in worker processes).
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{cpython_prediction, Clock, Scenario, Speed};
///
/// let real = Scenario::from_query("workload=cpu_bound&executor=threads&max_workers=2&python_version=3.11").unwrap();
/// let predicted = cpython_prediction(&real, 2, None).unwrap();
/// assert_eq!(predicted.clock, Clock::Virtual);
/// assert_eq!(predicted.speed, Speed::Cpython("3.11".parse().unwrap()));
/// assert!(predicted.gil, "CPython 3.11's threads share its GIL");
/// assert_eq!(predicted.cpus, Some(2));
/// let cache = Scenario::from_query("workload=points&executor=threads").unwrap();
/// assert!(cpython_prediction(&cache, 2, None).is_some(), "a thread pool's shared cache plays");
/// let on_the_loop = Scenario::from_query("workload=points&executor=asyncio").unwrap();
/// assert_eq!(cpython_prediction(&on_the_loop, 2, None), None);
/// // On a machine where this build is twice as slow, so is CPython.
/// let slow = cpython_prediction(&real, 2, Some(2.0 * futures_lab_scenarios::DEFAULT_OP_NS)).unwrap();
/// assert!((slow.virtual_op_ns() - 2.0 * predicted.virtual_op_ns()).abs() < 0.01);
/// ```
pub fn cpython_prediction(
    scenario: &Scenario,
    cpus: usize,
    this_build_ns: Option<f64>,
) -> Option<Scenario> {
    let python = predicting_python(scenario.python_version)?;
    let mut predicted = scenario.clone();
    predicted.clock = Clock::Virtual;
    predicted.cpus = Some(cpus.max(1));
    predicted.speed = Speed::Cpython(python);
    predicted.op_ns = this_build_ns.and_then(|ns| predicted.speed.fitted_op_ns(ns));
    predicted.gil = scenario.executor.models_gil();
    // Through the query, so that whatever the virtual clock refuses is
    // refused here.
    Scenario::from_query(&predicted.to_query()).ok()
}

/// The measured CPython that predicts a scenario of `version`: the same
/// minor version if its workloads were timed, else the nearest timed one.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::predicting_python;
///
/// assert_eq!(predicting_python("3.12".parse().unwrap()).unwrap().to_string(), "3.12");
/// ```
pub fn predicting_python(version: PythonVersion) -> Option<PythonVersion> {
    CpythonCosts::get().nearest_timed(version)?.version()
}
