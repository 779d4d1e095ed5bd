//! asyncio where there is one thread and no other can start (a browser page
//! that is not cross-origin isolated runs in a worker of its own): the real
//! event loop runs every task to its end on this thread, for real, with real
//! waits and real computing; then the program's side (what `as_completed`,
//! `map`, `wait`, `gather` or the `TaskGroup` gave it, and when) is read off
//! the times the tasks really finished, and the tasks that `asyncio.run`
//! would have cancelled when the program was done are shown cancelled then.

use std::sync::Arc;

use futures_lab_core::{Error, ErrorKind, EventLoop, Executor, TraceBuffer, TraceEvent, Tracer};

use crate::env::RunEnv;
use crate::program::collected::{observed, Outcome, Source};
use crate::report::Report;
use crate::run::deferred_spawner::Deferred;
use crate::scenario::Scenario;
use crate::workloads::workload::Workload;

/// Plays an asyncio `scenario` with the loop and the program on the calling
/// thread.
///
/// # Errors
///
/// A workload paced by a producer (it needs a thread beside the loop), or a
/// loop that cannot start.
pub(crate) fn play_asyncio_on_one_thread(
    scenario: &Scenario,
    workload: &dyn Workload,
    env: &RunEnv,
) -> Result<Report, Error> {
    if workload.pacing(&scenario.params).is_some() {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!(
                "workload={}: its producer needs a thread beside the loop, and this place has only one",
                scenario.workload
            ),
        ));
    }
    let kept = Arc::new(TraceBuffer::default());
    let loop_thread = Arc::new(Deferred::default());
    let event_loop = EventLoop::builder()
        .cooperative(scenario.cooperative)
        .spawner(Arc::clone(&loop_thread) as Arc<dyn futures_lab_core::Spawn>)
        .build(Tracer::new(
            Arc::clone(&kept) as Arc<dyn futures_lab_core::TraceSink>,
            Arc::clone(&env.clock),
        ))?;
    let run = workload.prepare(&scenario.params, scenario.seed);
    let start_ns = env.clock.now_ns();
    let futures = scenario
        .inputs
        .iter()
        .map(|input| {
            let (run, input) = (Arc::clone(&run), input.clone());
            let future =
                event_loop.submit_async(move |ctx| async move { run.call(&input, &ctx).await })?;
            if scenario.callbacks {
                future.add_done_callback(|_| {});
            }
            Ok(future)
        })
        .collect::<Result<Vec<_>, Error>>()?;
    // No more tasks: the loop ends once every one has.
    event_loop.shutdown(false, false);
    loop_thread.run_all();

    let events: Vec<TraceEvent> = kept
        .drain()
        .into_iter()
        .map(|mut event| {
            event.t_ns = event.t_ns.saturating_sub(start_ns);
            event
        })
        .collect();
    let outcomes: Vec<Outcome> = futures
        .iter()
        .map(|future| future.try_result().map_err(|error| error.to_string()))
        .collect();
    let source = Source {
        mode: env.mode,
        environment: env.environment.clone(),
        stats: run.stats(),
        threads: 1,
    };
    let (report, trace) = observed(scenario, events, &outcomes, source);
    if let Some(live) = &env.live {
        trace.into_iter().for_each(|event| live.record(event));
    }
    Ok(report)
}
