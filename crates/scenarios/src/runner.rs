//! Plays a scenario on its executor and reports what happened.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_lab_core::{
    as_completed, block_on, wait, DoneAndNotDone, Error, ErrorKind, EventLoop, Executor,
    ExecutorExt, Future, FutureState, MapIter, MapOnError, MapOptions, ProcessPool, ReturnWhen,
    Sequential, ThreadPool, TraceBuffer, TraceEvent, TraceKind, TraceSink, Tracer,
};
use serde_json::{json, Value};

use crate::api::Api;
use crate::clock::Clock;
use crate::control_watcher::{Controlled, Watcher};
use crate::executor_kind::ExecutorKind;
use crate::one_thread;
use crate::process_call::{ProcessCall, ProcessReply};
use crate::producer::{produce, stream_stats, Produced};
use crate::report::{CallbackNote, PoolInfo, Report, TaskReport, WaitSplit};
use crate::run_control::ControlNote;
use crate::run_env::RunEnv;
use crate::scenario::Scenario;
use crate::task_state::TaskState;
use crate::virtual_clock;
use crate::workload::{Workload, WorkloadRun};
use crate::workloads;

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
    let recorder = Arc::new(Recorder {
        kept: TraceBuffer::default(),
        live: env.live.clone(),
    });
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

    let events = recorder.kept.drain();
    let tasks = task_reports(scenario, &played, &events, start_ns);
    let stats = match workload.pacing(&scenario.params) {
        Some(pacing) => {
            let stream = stream_stats(pacing, &played.produced, &events, start_ns);
            Some(match played.stats.clone() {
                Some(Value::Object(mut more)) => {
                    more.insert("stream".to_owned(), stream);
                    Value::Object(more)
                }
                _ => stream,
            })
        }
        None => played.stats.clone(),
    };
    let finish_order = finish_order(&events);
    let cpu_ms = tasks
        .iter()
        .filter_map(|t| Some(t.finished_ms? - t.started_ms?))
        .sum();
    let program = played.program;
    let result_order = match &program.wait {
        Some(split) => finish_order
            .iter()
            .copied()
            .filter(|id| split.done.contains(id))
            .collect(),
        None => program.received.clone(),
    };
    Ok(Report {
        scenario: scenario.clone(),
        mode: env.mode.to_owned(),
        wall_ms: ms_between(start_ns, played.end_ns),
        cpu_ms,
        tasks,
        completion_order: program.yielded.unwrap_or(finish_order),
        result_order,
        wait: program.wait,
        stats,
        error: program.error,
        pool: env.pool.clone().unwrap_or(PoolInfo {
            threads: played.threads,
            start_ms: None,
        }),
        environment: env.environment.clone(),
        control: played.control,
        callbacks: callback_notes(scenario, &events, start_ns),
    })
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
) -> Result<Played, Error> {
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
    let program = Program::collect(
        &futures,
        scenario,
        env,
        collection,
        &|f| executor.cancel(f),
        &turn,
    );
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
    Ok(Played {
        outcomes: futures.iter().map(outcome_of).collect(),
        states: futures.iter().map(Future::state).collect(),
        program,
        end_ns,
        threads,
        stats: run.stats(),
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

/// The done callbacks the program added, in the order they ran.
fn callback_notes(scenario: &Scenario, events: &[TraceEvent], start_ns: u64) -> Vec<CallbackNote> {
    if !scenario.callbacks {
        return Vec::new();
    }
    let mut ran: Vec<&TraceEvent> = events
        .iter()
        .filter(|e| e.kind == TraceKind::Callback && (e.future as usize) < scenario.inputs.len())
        .collect();
    ran.sort_by_key(|e| e.t_ns);
    ran.into_iter()
        .map(|e| CallbackNote {
            future: e.future,
            t_ms: ms_between(start_ns, e.t_ns),
            thread: e.worker.as_deref().map(str::to_owned),
        })
        .collect()
}

/// What one run left behind, whatever the executor.
struct Played {
    /// Each task's result (`Ok`) or error text (`Err`), if it ended.
    outcomes: Vec<Option<Result<Value, String>>>,
    /// When the producer emitted each task.
    produced: Produced,
    states: Vec<FutureState>,
    program: Program,
    end_ns: u64,
    threads: usize,
    stats: Option<Value>,
    /// What the watcher did with the page's commands.
    control: Vec<ControlNote>,
}

fn outcome_of(future: &Future<Value>) -> Option<Result<Value, String>> {
    match future.try_result() {
        Ok(value) => Some(Ok(value)),
        Err(e) if e.kind() == ErrorKind::Task => Some(Err(e.to_string())),
        Err(_) => None,
    }
}

/// The process pool's run: calls cross as JSON bytes; each worker's replies
/// carry the statistics of the workload state living in that worker.
fn play_processes(
    scenario: &Scenario,
    pool: &Arc<ProcessPool>,
    collection: &Collection,
    env: &RunEnv,
) -> Result<Played, Error> {
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
    let program = Program::collect(&futures, scenario, env, collection, &|f| f.cancel(), &|| {});
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
    Ok(Played {
        outcomes,
        produced,
        states: futures.iter().map(Future::state).collect(),
        program,
        end_ns,
        threads: process.workers_started,
        control,
        stats: Some(json!({
            "processes": {
                "workers_started": process.workers_started,
                "start_ms": process.start_ms,
                "bytes_sent": process.bytes_sent,
                "bytes_received": process.bytes_received,
                "serialize_ms": serialize_ns as f64 / 1e6,
            },
            "per_worker": (!per_worker.is_empty()).then_some(per_worker),
        })),
    })
}

/// The scenario's executor, and how a task is handed to it.
enum Built {
    /// Sequential or a thread pool: the async task runs to the end on its thread.
    Threads(Box<dyn Executor>),
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
            ExecutorKind::Sequential => Self::Threads(Box::new(Sequential::new(tracer))),
            ExecutorKind::Asyncio => Self::Loop(
                EventLoop::builder()
                    .cooperative(scenario.cooperative)
                    .spawner(Arc::clone(&env.spawner))
                    .build(tracer)?,
            ),
            ExecutorKind::Processes => unreachable!("the process pool is played by play_processes"),
            ExecutorKind::Threads => Self::Threads(Box::new(
                ThreadPool::builder()
                    .max_workers(max_workers)
                    .gil(scenario.gil)
                    .python_version(scenario.python_version)
                    .spawner(Arc::clone(&env.spawner))
                    .build(tracer)?,
            )),
        })
    }

    fn submit(&self, run: Arc<dyn WorkloadRun>, input: Value) -> Result<Future<Value>, Error> {
        match self {
            Self::Threads(executor) => executor.submit(move |ctx| block_on(run.call(&input, ctx))),
            Self::Loop(event_loop) => {
                event_loop.submit_async(move |ctx| async move { run.call(&input, &ctx).await })
            }
        }
    }

    /// Cancels a task as the program would: `Task.cancel()` on the loop (it
    /// takes effect at the next await), `Future.cancel()` elsewhere.
    fn cancel(&self, future: &Future<Value>) -> bool {
        match self {
            Self::Threads(_) => future.cancel(),
            Self::Loop(event_loop) => event_loop.cancel(future),
        }
    }

    fn executor(&self) -> &dyn Executor {
        match self {
            Self::Threads(executor) => executor.as_ref(),
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

/// What the modelled program saw while collecting results.
#[derive(Default)]
struct Program {
    /// Task ids in the order the program received their results.
    received: Vec<u64>,
    /// The order `as_completed` yielded them (for that API).
    yielded: Option<Vec<u64>>,
    wait: Option<WaitSplit>,
    error: Option<String>,
}

impl Program {
    /// Runs the program's collection of results. What it receives, and when
    /// `wait` returns, go into the trace on the program's thread
    /// (`MainThread`), so that a replay can step through them.
    fn collect<T: Clone + Send + 'static>(
        futures: &[Future<T>],
        scenario: &Scenario,
        env: &RunEnv,
        collection: &Collection,
        cancel: &dyn Fn(&Future<T>) -> bool,
        turn: &dyn Fn(),
    ) -> Self {
        let Collection {
            timeout,
            start_ns,
            tracer,
        } = collection;
        let (timeout, start_ns) = (*timeout, *start_ns);
        let main: Arc<str> = Arc::from("MainThread");
        if scenario.executor == ExecutorKind::Sequential {
            let ended_ms = ms_between(start_ns, env.clock.now_ns());
            return Self::plain_loop(futures, scenario, ended_ms, &|id| {
                tracer.record(id, TraceKind::Received, Some(&main), None);
            });
        }
        let program = match scenario.api {
            Api::SubmitAsCompleted => {
                Self::as_completed(futures, timeout, scenario.executor, turn, &|id| {
                    tracer.record(id, TraceKind::Received, Some(&main), None);
                })
            }
            Api::Map if scenario.executor == ExecutorKind::Asyncio => {
                let deadline = timeout.map(|t| env.clock.now_ns() + t.as_nanos() as u64);
                Self::awaited_in_turn(futures, deadline, env, turn, cancel, &|id| {
                    tracer.record(id, TraceKind::Received, Some(&main), None);
                })
            }
            Api::Map if map_chunk(scenario) > 1 => {
                let deadline = timeout.map(|t| env.clock.now_ns() + t.as_nanos() as u64);
                let chunk = map_chunk(scenario);
                Self::chunked_map(futures, chunk, deadline, env, cancel, &|id| {
                    tracer.record(id, TraceKind::Received, Some(&main), None);
                })
            }
            Api::Map => Self::map(futures, timeout, scenario, &|id| {
                tracer.record(id, TraceKind::Received, Some(&main), None);
            }),
            Api::Gather => Self::gather(futures, timeout, scenario.return_exceptions, cancel, turn),
            Api::TaskGroup => Self::task_group(futures, cancel),
            Api::Wait => {
                let mut split = wait(futures, timeout, scenario.return_when);
                if scenario.executor == ExecutorKind::Asyncio {
                    // What the program sees once its turn on the loop comes.
                    turn();
                    split = wait(futures, Some(Duration::ZERO), ReturnWhen::AllCompleted);
                }
                tracer.record(u64::MAX, TraceKind::WaitReturned, Some(&main), None);
                let returned_ms = ms_between(start_ns, env.clock.now_ns());
                Self::waited(futures, split, returned_ms, scenario.return_when)
            }
        };
        if matches!(scenario.api, Api::Gather | Api::TaskGroup) {
            // gather and TaskGroup hand every result over at once.
            for id in &program.received {
                tracer.record(*id, TraceKind::Received, Some(&main), None);
            }
        }
        program
    }

    /// No pool: the program is the plain loop of the scenario's Python
    /// program, each call done before the next starts and before anything
    /// could wait for it. It has no timeout; with `map` the first failed
    /// call ends it (the calls after it never ran), otherwise every outcome
    /// is received in input order.
    fn plain_loop<T: Clone>(
        futures: &[Future<T>],
        scenario: &Scenario,
        ended_ms: f64,
        received: &dyn Fn(u64),
    ) -> Self {
        let mut program = Self::default();
        for (id, future) in (0u64..).zip(futures) {
            if !future.done() {
                break;
            }
            if let (Api::Map, Err(error)) = (scenario.api, future.try_result()) {
                program.error = Some(error.to_string());
                break;
            }
            received(id);
            program.received.push(id);
        }
        if scenario.api == Api::Wait {
            program.wait = Some(WaitSplit {
                done: program.received.clone(),
                not_done: Vec::new(),
                returned_ms: ended_ms,
                reason: scenario.return_when.as_str().to_owned(),
            });
        }
        program
    }

    fn waited<T: Clone>(
        futures: &[Future<T>],
        split: DoneAndNotDone<T>,
        returned_ms: f64,
        return_when: ReturnWhen,
    ) -> Self {
        let ids = |list: &[Future<T>]| -> Vec<u64> {
            list.iter().map(|f| position(futures, f)).collect()
        };
        let condition_held = match return_when {
            ReturnWhen::FirstCompleted => !split.done.is_empty(),
            ReturnWhen::FirstException => {
                split.not_done.is_empty()
                    || split
                        .done
                        .iter()
                        .any(|f| matches!(f.try_exception(), Ok(Some(_))))
            }
            ReturnWhen::AllCompleted => split.not_done.is_empty(),
        };
        Self {
            wait: Some(WaitSplit {
                done: ids(&split.done),
                not_done: ids(&split.not_done),
                returned_ms,
                reason: if condition_held {
                    return_when.as_str().to_owned()
                } else {
                    "timeout".to_owned()
                },
            }),
            ..Self::default()
        }
    }

    fn as_completed<T>(
        futures: &[Future<T>],
        timeout: Option<Duration>,
        executor: ExecutorKind,
        turn: &dyn Fn(),
        received: &dyn Fn(u64),
    ) -> Self {
        let mut program = Self::default();
        let mut yielded = Vec::with_capacity(futures.len());
        let mut items = as_completed(futures, timeout);
        let mut caught_up = false;
        while let Some(mut item) = items.next() {
            if executor == ExecutorKind::Asyncio && item.is_err() && !caught_up {
                caught_up = true;
                // asyncio's timeout is a timer on the loop: what finished
                // before the timer's turn came is yielded first.
                turn();
                let seen: std::collections::HashSet<u64> = yielded.iter().copied().collect();
                let left: Vec<Future<T>> = futures
                    .iter()
                    .filter(|f| !seen.contains(&position(futures, f)))
                    .cloned()
                    .collect();
                items = as_completed(&left, Some(Duration::ZERO));
                match items.next() {
                    Some(next) => item = next,
                    None => break,
                }
            }
            match item {
                Ok(future) => {
                    let id = position(futures, &future);
                    received(id);
                    yielded.push(id);
                }
                Err(error) => {
                    program.error = Some(match error.kind() {
                        ErrorKind::Timeout => executor
                            .as_completed_timeout(futures.len() - yielded.len(), futures.len()),
                        _ => error.to_string(),
                    });
                    break;
                }
            }
        }
        program.received = yielded.clone();
        program.yielded = Some(yielded);
        program
    }

    /// `await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=r), timeout)`:
    /// results in argument order; without `return_exceptions` the first error
    /// propagates (the other tasks go on until `asyncio.run` ends); on a
    /// timeout, `wait_for` cancels the gather and so every unfinished task.
    fn gather<T: Clone>(
        futures: &[Future<T>],
        timeout: Option<Duration>,
        return_exceptions: bool,
        cancel: &dyn Fn(&Future<T>) -> bool,
        turn: &dyn Fn(),
    ) -> Self {
        let when = if return_exceptions {
            ReturnWhen::AllCompleted
        } else {
            ReturnWhen::FirstException
        };
        wait(futures, timeout, when);
        // The program wakes on the loop, after the tasks ready before it.
        turn();
        let split = wait(futures, Some(Duration::ZERO), when);
        let failed = split
            .done
            .iter()
            .find(|f| matches!(f.try_exception(), Ok(Some(_))));
        let mut program = Self::default();
        if let (false, Some(failed)) = (return_exceptions, failed) {
            program.error = failed.try_result().err().map(|e| e.to_string());
        } else if !split.not_done.is_empty() {
            split.not_done.iter().for_each(|f| {
                cancel(f);
            });
            program.error = Some("TimeoutError".to_owned());
        } else {
            program.received = (0..futures.len() as u64).collect();
        }
        program
    }

    /// `for task in tasks: result = await task` inside `asyncio.timeout`:
    /// results in input order, the first failure ends the loop. The timeout
    /// is a timer on the loop: once it is due, the program's turn comes
    /// after the running task and those ready before it, it goes on through
    /// the tasks done by then, and the first one not done is cancelled with
    /// the program's `TimeoutError`.
    fn awaited_in_turn<T: Clone>(
        futures: &[Future<T>],
        deadline_ns: Option<u64>,
        env: &RunEnv,
        turn: &dyn Fn(),
        cancel: &dyn Fn(&Future<T>) -> bool,
        received: &dyn Fn(u64),
    ) -> Self {
        let mut program = Self::default();
        let mut timed_out = false;
        for (id, future) in (0u64..).zip(futures) {
            // Awaiting a task that is done does not suspend the program.
            if !timed_out && !future.done() {
                let left = deadline_ns.map(|deadline| {
                    Duration::from_nanos(deadline.saturating_sub(env.clock.now_ns()))
                });
                timed_out = !wait(std::slice::from_ref(future), left, ReturnWhen::AllCompleted)
                    .not_done
                    .is_empty();
                turn();
            }
            if !future.done() {
                cancel(future);
                program.error = Some("TimeoutError".to_owned());
                break;
            }
            if !program.read(id, future.try_result(), received) {
                break;
            }
        }
        program
    }

    /// The program's loop reads result `id`: it receives it, or the loop
    /// ends with its exception. False once the loop has ended.
    fn read<T>(&mut self, id: u64, result: Result<T, Error>, received: &dyn Fn(u64)) -> bool {
        match result {
            Ok(_) => {
                received(id);
                self.received.push(id);
                true
            }
            Err(error) => {
                self.error = Some(error.to_string());
                false
            }
        }
    }

    /// `async with asyncio.TaskGroup() as tg`: the first task to fail
    /// cancels the others; once all have ended, every error surfaces
    /// together in an `ExceptionGroup`.
    fn task_group<T: Clone>(futures: &[Future<T>], cancel: &dyn Fn(&Future<T>) -> bool) -> Self {
        let split = wait(futures, None, ReturnWhen::FirstException);
        let failed = |f: &Future<T>| matches!(f.try_exception(), Ok(Some(_)));
        let mut program = Self::default();
        if split.done.iter().any(failed) {
            split.not_done.iter().for_each(|f| {
                cancel(f);
            });
            wait(futures, None, ReturnWhen::AllCompleted);
            let errors: Vec<String> = futures
                .iter()
                .filter(|f| failed(f))
                .filter_map(|f| f.try_result().err().map(|e| e.to_string()))
                .collect();
            let plural = if errors.len() == 1 { "" } else { "s" };
            program.error = Some(format!(
                "ExceptionGroup: unhandled errors in a TaskGroup ({} sub-exception{plural}): {}",
                errors.len(),
                errors.join("; ")
            ));
        } else {
            program.received = (0..futures.len() as u64).collect();
        }
        program
    }

    /// `executor.map(..., chunksize=k)` on processes: each chunk is one call
    /// to the worker, so the program gets a chunk's results once the whole
    /// chunk is done, and a failed call fails its chunk (the loop raises at
    /// the chunk's first item; the chunk's earlier results are never
    /// received). A timeout or failure cancels the calls not started.
    fn chunked_map<T: Clone>(
        futures: &[Future<T>],
        chunk: usize,
        deadline_ns: Option<u64>,
        env: &RunEnv,
        cancel: &dyn Fn(&Future<T>) -> bool,
        received: &dyn Fn(u64),
    ) -> Self {
        let mut program = Self::default();
        let failed = |f: &&Future<T>| matches!(f.try_exception(), Ok(Some(_)));
        for (index, calls) in futures.chunks(chunk).enumerate() {
            let left = deadline_ns
                .map(|deadline| Duration::from_nanos(deadline.saturating_sub(env.clock.now_ns())));
            let split = wait(calls, left, ReturnWhen::FirstException);
            let error = match calls.iter().find(failed) {
                Some(failure) => failure.try_result().err().map(|e| e.to_string()),
                None => (!split.not_done.is_empty()).then(|| "TimeoutError".to_owned()),
            };
            if let Some(error) = error {
                program.error = Some(error);
                futures[index * chunk..].iter().for_each(|f| {
                    cancel(f);
                });
                break;
            }
            for id in index * chunk..index * chunk + calls.len() {
                received(id as u64);
                program.received.push(id as u64);
            }
        }
        program
    }

    /// `for result in executor.map(...)`: the first exception ends the
    /// program's loop (whatever the iterator would do next).
    fn map<T: Clone>(
        futures: &[Future<T>],
        timeout: Option<Duration>,
        scenario: &Scenario,
        received: &dyn Fn(u64),
    ) -> Self {
        let options = MapOptions {
            timeout,
            on_error: MapOnError::of(scenario.python_version),
            ..MapOptions::default()
        };
        let mut program = Self::default();
        for (id, result) in (0u64..).zip(MapIter::over(futures.to_vec(), options)) {
            if !program.read(id, result, received) {
                break;
            }
        }
        program
    }
}

/// How the program collects: its timeout, the run's start, and the tracer
/// of its own thread (what it receives, when `wait` returns).
struct Collection {
    timeout: Option<Duration>,
    start_ns: u64,
    tracer: Tracer,
}

/// How many calls the scenario's `map` sends as one work item.
pub(crate) fn map_chunk(scenario: &Scenario) -> usize {
    let paced =
        workloads::find(&scenario.workload).is_some_and(|w| w.pacing(&scenario.params).is_some());
    scenario.executor.map_chunk(scenario.chunksize, paced)
}

/// Keeps every event for the report and forwards it to the live view.
struct Recorder {
    kept: TraceBuffer,
    live: Option<Arc<dyn TraceSink>>,
}

impl TraceSink for Recorder {
    fn record(&self, event: TraceEvent) {
        if let Some(live) = &self.live {
            live.record(event.clone());
        }
        self.kept.record(event);
    }
}

fn position<T>(futures: &[Future<T>], future: &Future<T>) -> u64 {
    future
        .id()
        .or_else(|| futures.iter().position(|f| f == future).map(|i| i as u64))
        .unwrap_or_default()
}

fn ms_between(start_ns: u64, end_ns: u64) -> f64 {
    end_ns.saturating_sub(start_ns) as f64 / 1e6
}

/// Ids of the futures that finished or failed, in trace order.
fn finish_order(events: &[TraceEvent]) -> Vec<u64> {
    let mut done: Vec<&TraceEvent> = events
        .iter()
        .filter(|e| matches!(e.kind, TraceKind::Finished | TraceKind::Failed))
        .collect();
    done.sort_by_key(|e| e.t_ns);
    done.into_iter().map(|e| e.future).collect()
}

fn task_reports(
    scenario: &Scenario,
    played: &Played,
    events: &[TraceEvent],
    start_ns: u64,
) -> Vec<TaskReport> {
    let mut tasks: Vec<TaskReport> = played
        .outcomes
        .iter()
        .zip(&played.states)
        .zip(&scenario.inputs)
        .enumerate()
        .map(|(id, ((outcome, state), input))| {
            let (result, error) = match outcome {
                Some(Ok(value)) => (Some(value.clone()), None),
                Some(Err(error)) => (None, Some(error.clone())),
                None => (None, None),
            };
            TaskReport {
                id: id as u64,
                input: input.clone(),
                worker: None,
                state: TaskState::of(*state, error.is_some()),
                submitted_ms: 0.0,
                started_ms: None,
                finished_ms: None,
                result,
                error,
            }
        })
        .collect();
    for event in events {
        let Some(task) = tasks.get_mut(event.future as usize) else {
            continue;
        };
        let at = ms_between(start_ns, event.t_ns);
        match event.kind {
            TraceKind::Submitted => task.submitted_ms = at,
            TraceKind::Started => {
                task.started_ms = Some(at);
                task.worker = event.worker.as_deref().map(str::to_owned);
            }
            TraceKind::Finished | TraceKind::Failed | TraceKind::Cancelled => {
                task.finished_ms = Some(at);
            }
            _ => {}
        }
    }
    tasks
}
