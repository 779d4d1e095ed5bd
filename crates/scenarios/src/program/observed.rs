//! A process pool run that was watched from outside rather than played on
//! threads the program could block: the page's asynchronous process pool
//! reports where and when each call ran and how it ended, and the program's
//! own code (`program::live`, the same as on every other run) then waits
//! for those futures on a [`Replay`] of the run.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use futures_lab_core::{simulated, Future, Simulation, TraceEvent, Tracer, MANAGER_THREAD};
use serde_json::Value;

use crate::program::live::{Collection, Program};
use crate::program::replay::Replay;
use crate::program::report_builder::{report_of, Outcome, Place, Ran, Recorder};
use crate::report::stats::Stats;
use crate::report::{Environment, PoolInfo, Report};
use crate::scenario::Scenario;
use crate::workloads;

/// Where a run took place, for its report.
#[derive(Clone, Debug)]
pub struct Source {
    /// `virtual`, `browser`, `native`.
    pub mode: &'static str,
    /// The machine or browser.
    pub environment: Environment,
    /// What the run counted (the processes' costs, their caches).
    pub stats: Stats,
    /// The threads (or processes) the executor started.
    pub threads: usize,
}

/// The report and trace of a process pool run that was watched from
/// outside rather than played by [`play`](crate::play): the page's
/// asynchronous one. Its events (times in ns from the first submit:
/// `Started` names the worker, `Finished` or `Failed` is when the program
/// could see the outcome; the workers' own events as they came) and each
/// call's outcome are played back to the program's own code, which
/// collects, cancels and runs its callbacks as it does on every run.
///
/// # Errors
///
/// An unknown workload (a bug: the scenario was checked before it ran).
pub fn observed(
    scenario: &Scenario,
    events: Vec<TraceEvent>,
    outcomes: &[Outcome],
    source: Source,
) -> Result<(Report, Vec<TraceEvent>), String> {
    let workload = workloads::find(&scenario.workload)
        .ok_or_else(|| format!("unknown workload {:?}", scenario.workload))?;
    let recorder = Arc::new(Recorder::new(None));
    let replay = Rc::new(Replay::new(
        events,
        outcomes.to_vec(),
        recorder.clone(),
        Some(Arc::from(MANAGER_THREAD)),
    ));
    let clock = replay.clock();
    let collection = Collection {
        timeout: scenario.timeout_s.map(Duration::from_secs_f64),
        start_ns: 0,
        tracer: Tracer::new(recorder.clone(), Arc::clone(&clock)),
    };
    let simulation: Rc<dyn Simulation> = replay.clone();
    let ran = simulated(simulation, || {
        let futures: Vec<Future<Value>> = replay.submit_all().to_vec();
        if scenario.callbacks {
            for future in &futures {
                future.add_done_callback(|_| {});
            }
        }
        let program = Program::collect(
            &futures,
            scenario,
            clock.as_ref(),
            &collection,
            &|f| f.cancel(),
            &|| {},
        );
        // `executor.shutdown(wait=True)`: the rest of the run plays out.
        while replay.step(None) {}
        Ran::submitted_at_zero(
            &futures,
            program,
            clock.now_ns(),
            source.threads,
            source.stats,
        )
    });
    let mut trace = recorder.drain();
    trace.sort_by_key(|event| event.t_ns);
    let place = Place {
        mode: source.mode,
        environment: &source.environment,
        pool: Some(PoolInfo {
            threads: ran.threads,
            start_ms: None,
        }),
    };
    let report = report_of(scenario, place, workload, ran, &trace, 0);
    Ok((report, trace))
}
