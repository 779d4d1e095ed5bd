//! Plays a scenario on its executor and reports what happened.

pub mod call_queue;
pub(crate) mod one_thread;
pub(crate) mod process_call;
pub(crate) mod watcher;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_lab_core::{
    block_on, resuming_with, Error, ErrorKind, EventLoop, Executor, ExecutorExt, Future, Gil,
    ProcessPool, Sequential, ThreadPool, Tracer,
};
use serde_json::Value;

use crate::env::RunEnv;
use crate::program::live::{Collection, Program};
use crate::program::producer::{produce, Produced};
use crate::program::report_builder::{outcome_of, report_of, Ran, Recorder};
use crate::report::process_figures::ProcessFigures;
use crate::report::stats::Stats;
use crate::report::Report;
use crate::run::process_call::{ProcessCall, ProcessReply};
use crate::run::watcher::{Controlled, Watcher};
use crate::scenario::api::Api;
use crate::scenario::clock::Clock;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::virtual_clock;
use crate::workloads;
use crate::workloads::workload::{Workload, WorkloadRun};

/// Runs `scenario` in `env` as the Python program it models would: submit
/// every input, collect the results (`as_completed`, `map` or `wait`), leave
/// the `with` block (shutdown, waiting for running work), and build the
/// [`Report`] from the futures and the trace. With `clock=virtual` it plays
/// the scenario on the virtual clock instead ([`simulate`](crate::simulate)).
///
/// # Errors
///
/// An executor that cannot start (`BrokenExecutor`), or processes where
/// there are none.
///
/// # Blocking
///
/// Blocks until every task is done: run it on a worker thread, never on the
/// browser's main thread.
pub fn play(scenario: &Scenario, env: &RunEnv) -> Result<Report, Error> {
    if scenario.clock == Clock::Virtual {
        return virtual_clock::play_virtual(scenario, env);
    }
    let workload = workloads::find(&scenario.workload).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("unknown workload {:?}", scenario.workload),
        )
    })?;
    if env.one_thread && scenario.executor == ExecutorKind::Asyncio {
        return one_thread::play_asyncio_on_one_thread(scenario, workload, env);
    }
    let recorder = Arc::new(Recorder::new(env.live.clone()));
    let tracer = Tracer::new(recorder.clone(), Arc::clone(&env.clock));
    let start_ns = env.clock.now_ns();
    let timeout = scenario.timeout_s.map(Duration::from_secs_f64);
    let collection = Collection {
        timeout,
        start_ns,
        tracer: Tracer::new(recorder.clone(), Arc::clone(&env.clock)),
    };
    let max_workers = scenario.resolved_max_workers(env.environment.hardware_concurrency);
    let played = match scenario.executor {
        ExecutorKind::Processes => {
            let spawner = env.processes.clone().ok_or_else(|| {
                Error::new(
                    ErrorKind::BrokenExecutor,
                    "processes are not available here: worker processes need the futures-lab program (natively) or isolated Web Workers",
                )
            })?;
            let mut builder = ProcessPool::builder(spawner)
                .max_workers(max_workers)
                .threads(Arc::clone(&env.spawner))
                .unix_clock(Arc::clone(&env.unix_clock));
            if let Some(max_tasks) = scenario.max_tasks_per_child {
                builder = builder.max_tasks_per_child(max_tasks);
            }
            let pool = Arc::new(builder.build(tracer)?);
            play_processes(scenario, &pool, &collection, env)?
        }
        _ => play_built(scenario, workload, env, tracer, max_workers, &collection)?,
    };

    let events = recorder.drain();
    Ok(report_of(
        scenario,
        env.into(),
        workload,
        played,
        &events,
        start_ns,
    ))
}

/// Sequential, the thread pool or asyncio: the program submits every input
/// (or its producer does), collects, and leaves the `with` block.
fn play_built(
    scenario: &Scenario,
    workload: &dyn Workload,
    env: &RunEnv,
    tracer: Tracer,
    max_workers: usize,
    collection: &Collection,
) -> Result<Ran, Error> {
    let start_ns = collection.start_ns;
    let executor = Arc::new(Built::new(scenario, env, tracer, max_workers)?);
    let run = workload.prepare(&scenario.params, scenario.seed);
    let consumers = match scenario.executor {
        ExecutorKind::Sequential => 1,
        ExecutorKind::Asyncio => 0,
        _ => max_workers,
    };
    let pacing = workload
        .pacing(&scenario.params)
        .map(|p| (p, p.capacity + consumers));
    let watcher = Watcher::for_run(
        env,
        Arc::clone(&executor) as Arc<dyn Controlled<Value>>,
        start_ns,
    )?;
    // Python's built-in map is lazy: after a failed call, a plain loop
    // over its results ends, and the inputs after it are never called (a
    // future that never runs stands for each).
    let lazy = scenario.executor == ExecutorKind::Sequential && scenario.api == Api::Map;
    let mut stopped = false;
    let (futures, produced) = produce(&scenario.inputs, pacing, env.clock.as_ref(), |input| {
        if stopped {
            return Ok(Future::new());
        }
        let future = executor.submit(Arc::clone(&run), input)?;
        stopped = lazy && matches!(future.try_exception(), Ok(Some(_)));
        hold(&future, scenario.callbacks, watcher.as_ref());
        Ok(future)
    })?;
    if let Some(watcher) = &watcher {
        watcher.production_ended();
    }
    // On the loop, the program is a coroutine: before it acts on a timeout
    // or a wake-up, the loop finishes the task it is running and every task
    // ready before the program's turn.
    let turn = || {
        if let Built::Loop(event_loop) = executor.as_ref() {
            if let Ok(turn) = event_loop.next_turn() {
                let _ = turn.result(None);
            }
        }
    };
    let collect = || {
        Program::collect(
            &futures,
            scenario,
            env.clock.as_ref(),
            collection,
            &|f| executor.cancel(f),
            &turn,
        )
    };
    // With the GIL, the program's thread (MainThread) needs it to go on
    // each time a wait of its ends.
    let program = match executor.as_ref() {
        Built::Threads(_, Some(gil)) => {
            let gil = Arc::clone(gil);
            resuming_with(move || gil.go_on(), collect)
        }
        _ => collect(),
    };
    if let Built::Loop(event_loop) = executor.as_ref() {
        // Leaving asyncio.run cancels every task still running.
        futures.iter().for_each(|future| {
            event_loop.cancel(future);
        });
    }
    let threads = executor.executor().threads_started();
    executor.executor().shutdown(true, false);
    let end_ns = env.clock.now_ns();
    let control = watcher.map(Watcher::finish).unwrap_or_default();
    Ok(Ran {
        outcomes: futures.iter().map(outcome_of).collect(),
        states: futures.iter().map(Future::state).collect(),
        program,
        end_ns,
        threads,
        stats: Stats::of_cache(run.stats()),
        produced,
        control,
    })
}

/// The program has a new future: it adds its done callback (with
/// `callbacks`; the core traces each run, with its thread), and the watcher
/// sees it.
fn hold<T: 'static>(future: &Future<T>, callbacks: bool, watcher: Option<&Watcher<T>>) {
    if callbacks {
        future.add_done_callback(|_| {});
    }
    if let Some(watcher) = watcher {
        watcher.add(future);
    }
}

/// The process pool's run: calls cross as JSON bytes; each worker's replies
/// carry the statistics of the workload state living in that worker.
fn play_processes(
    scenario: &Scenario,
    pool: &Arc<ProcessPool>,
    collection: &Collection,
    env: &RunEnv,
) -> Result<Ran, Error> {
    let start_ns = collection.start_ns;
    let mut serialize_ns = 0u64;
    let pacing = workloads::find(&scenario.workload)
        .and_then(|w| w.pacing(&scenario.params))
        .map(|p| (p, p.capacity + pool.max_workers()));
    let encode = |input: Value, serialize_ns: &mut u64| -> Result<Vec<u8>, Error> {
        let began = env.clock.now_ns();
        let call = ProcessCall {
            workload: scenario.workload.clone(),
            params: scenario.params.clone(),
            seed: scenario.seed,
            input,
        };
        let payload = serde_json::to_vec(&call).map_err(|e| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("cannot serialize the call: {e}"),
            )
        })?;
        *serialize_ns += env.clock.now_ns().saturating_sub(began);
        Ok(payload)
    };
    let watcher = Watcher::for_run(
        env,
        Arc::clone(pool) as Arc<dyn Controlled<Vec<u8>>>,
        start_ns,
    )?;
    let (futures, produced) = if scenario.api == Api::Map && pacing.is_none() {
        // map(fn, inputs, chunksize): chunks of calls, one work item each.
        let payloads = scenario
            .inputs
            .iter()
            .map(|input| encode(input.clone(), &mut serialize_ns))
            .collect::<Result<Vec<_>, Error>>()?;
        let emitted = env.clock.now_ns();
        let futures = pool.map_bytes(payloads, scenario.chunksize)?;
        for future in &futures {
            hold(future, scenario.callbacks, watcher.as_ref());
        }
        let produced = Produced {
            emitted_ns: vec![emitted; futures.len()],
            blocked_ns: 0,
        };
        (futures, produced)
    } else {
        produce(&scenario.inputs, pacing, env.clock.as_ref(), |input| {
            let future = pool.submit_bytes(encode(input, &mut serialize_ns)?)?;
            hold(&future, scenario.callbacks, watcher.as_ref());
            Ok(future)
        })?
    };
    if let Some(watcher) = &watcher {
        watcher.production_ended();
    }
    let program = Program::collect(
        &futures,
        scenario,
        env.clock.as_ref(),
        collection,
        &|f| f.cancel(),
        &|| {},
    );
    pool.shutdown(true, false);
    let end_ns = env.clock.now_ns();
    let control = watcher.map(Watcher::finish).unwrap_or_default();
    let per_worker = Mutex::new(BTreeMap::new());
    let decode_began = env.clock.now_ns();
    let outcomes = futures
        .iter()
        .map(|future| match future.try_result() {
            Ok(bytes) => Some(
                serde_json::from_slice::<ProcessReply>(&bytes)
                    .map(|reply| {
                        if let Some(stats) = reply.stats {
                            per_worker
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .insert(reply.worker, stats);
                        }
                        reply.value
                    })
                    .map_err(|e| format!("UnpicklingError: {e}")),
            ),
            Err(e) if e.kind() == ErrorKind::Task => Some(Err(e.to_string())),
            Err(_) => None,
        })
        .collect();
    serialize_ns += env.clock.now_ns().saturating_sub(decode_began);
    let process = pool.stats();
    let per_worker = per_worker.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(Ran {
        outcomes,
        produced,
        states: futures.iter().map(Future::state).collect(),
        program,
        end_ns,
        threads: process.workers_started,
        control,
        stats: Stats {
            processes: Some(ProcessFigures {
                workers_started: process.workers_started,
                start_ms: process.start_ms,
                bytes_sent: process.bytes_sent,
                bytes_received: process.bytes_received,
                serialize_ms: Some(serialize_ns as f64 / 1e6),
            }),
            per_worker,
            ..Stats::default()
        },
    })
}

/// The scenario's executor, and how a task is handed to it.
enum Built {
    /// Sequential or a thread pool (with its GIL, if it has one): the async
    /// task runs to the end on its thread.
    Threads(Box<dyn Executor>, Option<Arc<Gil>>),
    /// The asyncio loop: the task is a coroutine on the loop.
    Loop(EventLoop),
}

impl Built {
    fn new(
        scenario: &Scenario,
        env: &RunEnv,
        tracer: Tracer,
        max_workers: usize,
    ) -> Result<Self, Error> {
        Ok(match scenario.executor {
            ExecutorKind::Sequential => Self::Threads(Box::new(Sequential::new(tracer)), None),
            ExecutorKind::Asyncio => Self::Loop(
                EventLoop::builder()
                    .cooperative(scenario.cooperative)
                    .spawner(Arc::clone(&env.spawner))
                    .build(tracer)?,
            ),
            ExecutorKind::Processes => unreachable!("the process pool is played by play_processes"),
            ExecutorKind::Threads => {
                let pool = ThreadPool::builder()
                    .max_workers(max_workers)
                    .gil(scenario.gil)
                    .python_version(scenario.python_version)
                    .spawner(Arc::clone(&env.spawner))
                    .build(tracer)?;
                let gil = pool.gil().cloned();
                Self::Threads(Box::new(pool), gil)
            }
        })
    }

    fn submit(&self, run: Arc<dyn WorkloadRun>, input: Value) -> Result<Future<Value>, Error> {
        match self {
            Self::Threads(executor, _) => {
                executor.submit(move |ctx| block_on(run.call(&input, ctx)))
            }
            Self::Loop(event_loop) => {
                event_loop.submit_async(move |ctx| async move { run.call(&input, &ctx).await })
            }
        }
    }

    /// Cancels a task as the program would: `Task.cancel()` on the loop (it
    /// takes effect at the next await), `Future.cancel()` elsewhere.
    fn cancel(&self, future: &Future<Value>) -> bool {
        match self {
            Self::Threads(..) => future.cancel(),
            Self::Loop(event_loop) => event_loop.cancel(future),
        }
    }

    fn executor(&self) -> &dyn Executor {
        match self {
            Self::Threads(executor, _) => executor.as_ref(),
            Self::Loop(event_loop) => event_loop,
        }
    }
}

impl Controlled<Value> for Built {
    fn cancel(&self, future: &Future<Value>) -> bool {
        Built::cancel(self, future)
    }

    fn is_event_loop(&self) -> bool {
        matches!(self, Self::Loop(_))
    }

    fn shutdown(&self, wait: bool, cancel_futures: bool) {
        self.executor().shutdown(wait, cancel_futures);
    }
}
