//! asyncio where there is one thread and no other can start (a browser page
//! that is not cross-origin isolated runs in a worker of its own): the real
//! event loop and the program share this thread, as in CPython. The
//! program's own code (the same as everywhere) creates the tasks and
//! collects; each of its waits turns the loop here, for real, until what it
//! waits for happens or its timeout passes, and it acts at its turn on the
//! loop.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use futures_lab_core::{
    global_clock, simulated, Error, ErrorKind, EventLoop, Executor, Future, ManualSpawner,
    Simulation, Tracer,
};

use crate::env::RunEnv;
use crate::program::live::{Collection, Program};
use crate::program::producer::Produced;
use crate::program::report_builder::{outcome_of, report_of, Ran, Recorder};
use crate::report::stats::Stats;
use crate::report::Report;
use crate::scenario::Scenario;
use crate::workloads::workload::Workload;

/// The loop, turned by the program's waits on this thread.
struct LoopHere {
    event_loop: Rc<TurnedHere>,
}

impl Simulation for LoopHere {
    /// The loop's timers run on the global clock: so do the program's.
    fn now_ns(&self) -> u64 {
        global_clock().now_ns()
    }

    fn step(&self, until_ns: Option<u64>) -> bool {
        self.event_loop.run_here(until_ns)
    }
}

/// A loop whose own thread never starts: dropped (also early, on an error),
/// it is shut down and turned here until it ends, since dropping a loop
/// waits for its end.
struct TurnedHere(EventLoop);

impl Drop for TurnedHere {
    fn drop(&mut self) {
        self.0.shutdown(false, false);
        while self.0.run_here(None) {}
    }
}

impl std::ops::Deref for TurnedHere {
    type Target = EventLoop;

    fn deref(&self) -> &EventLoop {
        &self.0
    }
}

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
    let recorder = Arc::new(Recorder::new(env.live.clone()));
    // The loop's own thread is never started: the program turns the loop here.
    let event_loop = Rc::new(TurnedHere(
        EventLoop::builder()
            .cooperative(scenario.cooperative)
            .spawner(ManualSpawner::shared())
            .build(Tracer::new(recorder.clone(), Arc::clone(&env.clock)))?,
    ));
    let run = workload.prepare(&scenario.params, scenario.seed);
    let start_ns = env.clock.now_ns();
    let collection = Collection {
        timeout: scenario.timeout_s.map(Duration::from_secs_f64),
        start_ns,
        tracer: Tracer::new(recorder.clone(), Arc::clone(&env.clock)),
    };
    let mut emitted_ns = Vec::with_capacity(scenario.inputs.len());
    let futures = scenario
        .inputs
        .iter()
        .map(|input| {
            let (run, input) = (Arc::clone(&run), input.clone());
            emitted_ns.push(env.clock.now_ns());
            let future =
                event_loop.submit_async(move |ctx| async move { run.call(&input, &ctx).await })?;
            if scenario.callbacks {
                future.add_done_callback(|_| {});
            }
            Ok(future)
        })
        .collect::<Result<Vec<Future<_>>, Error>>()?;
    let here: Rc<dyn Simulation> = Rc::new(LoopHere {
        event_loop: Rc::clone(&event_loop),
    });
    let program = simulated(here, || {
        Program::collect(
            &futures,
            scenario,
            env.clock.as_ref(),
            &collection,
            &|f| event_loop.cancel(f),
            &|| {
                // The program's turn: what was ready before it runs first.
                if let Ok(turn) = event_loop.next_turn() {
                    let _ = turn.result(None);
                }
            },
        )
    });
    // Leaving asyncio.run cancels every task still running, and the loop
    // runs until each has ended.
    futures.iter().for_each(|future| {
        event_loop.cancel(future);
    });
    event_loop.shutdown(false, false);
    while event_loop.run_here(None) {}
    let ran = Ran {
        outcomes: futures.iter().map(outcome_of).collect(),
        states: futures.iter().map(Future::state).collect(),
        program,
        end_ns: env.clock.now_ns(),
        threads: 1,
        stats: Stats::of_cache(run.stats()),
        produced: Produced {
            emitted_ns,
            blocked_ns: 0,
        },
        control: Vec::new(),
    };
    let events = recorder.drain();
    Ok(report_of(
        scenario,
        env.into(),
        workload,
        ran,
        &events,
        start_ns,
    ))
}
