//! The program's collection, live: the scenario's program run against the
//! real executor's futures, on the program's own thread (`MainThread`), or
//! as a coroutine's turns on the asyncio loop.

use std::sync::Arc;
use std::time::Duration;

use futures_lab_core::{
    as_completed, wait, Clock, DoneAndNotDone, Error, ErrorKind, Future, MapIter, MapOnError,
    MapOptions, ReturnWhen, TraceKind, Tracer, MAIN_THREAD,
};

use crate::report::WaitSplit;
use crate::scenario::api::Api;
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::Scenario;
use crate::workloads;

/// What the modelled program saw while collecting results.
#[derive(Default)]
pub(crate) struct Program {
    /// Task ids in the order the program received their results.
    pub(crate) received: Vec<u64>,
    /// The order `as_completed` yielded them (for that API).
    pub(crate) yielded: Option<Vec<u64>>,
    pub(crate) wait: Option<WaitSplit>,
    pub(crate) error: Option<String>,
}

impl Program {
    /// Runs the program's collection of results. What it receives, and when
    /// `wait` returns, go into the trace on the program's thread
    /// (`MainThread`), so that a replay can step through them.
    pub(crate) fn collect<T: Clone + Send + 'static>(
        futures: &[Future<T>],
        scenario: &Scenario,
        clock: &dyn Clock,
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
        let main: Arc<str> = Arc::from(MAIN_THREAD);
        if scenario.executor == ExecutorKind::Sequential {
            let ended_ms = ms_between(start_ns, clock.now_ns());
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
                let deadline = timeout.map(|t| clock.now_ns() + t.as_nanos() as u64);
                Self::awaited_in_turn(futures, deadline, clock, turn, cancel, &|id| {
                    tracer.record(id, TraceKind::Received, Some(&main), None);
                })
            }
            Api::Map if map_chunk(scenario) > 1 => {
                let deadline = timeout.map(|t| clock.now_ns() + t.as_nanos() as u64);
                let chunk = map_chunk(scenario);
                Self::chunked_map(futures, chunk, deadline, clock, cancel, &|id| {
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
                let returned_ms = ms_between(start_ns, clock.now_ns());
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
        clock: &dyn Clock,
        turn: &dyn Fn(),
        cancel: &dyn Fn(&Future<T>) -> bool,
        received: &dyn Fn(u64),
    ) -> Self {
        let mut program = Self::default();
        let mut timed_out = false;
        for (id, future) in (0u64..).zip(futures) {
            // Awaiting a task that is done does not suspend the program.
            if !timed_out && !future.done() {
                let left = deadline_ns
                    .map(|deadline| Duration::from_nanos(deadline.saturating_sub(clock.now_ns())));
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
        clock: &dyn Clock,
        cancel: &dyn Fn(&Future<T>) -> bool,
        received: &dyn Fn(u64),
    ) -> Self {
        let mut program = Self::default();
        let failed = |f: &&Future<T>| matches!(f.try_exception(), Ok(Some(_)));
        for (index, calls) in futures.chunks(chunk).enumerate() {
            let left = deadline_ns
                .map(|deadline| Duration::from_nanos(deadline.saturating_sub(clock.now_ns())));
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
pub(crate) struct Collection {
    pub(crate) timeout: Option<Duration>,
    pub(crate) start_ns: u64,
    pub(crate) tracer: Tracer,
}

/// How many calls the scenario's `map` sends as one work item.
pub(crate) fn map_chunk(scenario: &Scenario) -> usize {
    let paced =
        workloads::find(&scenario.workload).is_some_and(|w| w.pacing(&scenario.params).is_some());
    scenario.executor.map_chunk(scenario.chunksize, paced)
}

fn position<T>(futures: &[Future<T>], future: &Future<T>) -> u64 {
    future
        .id()
        .or_else(|| futures.iter().position(|f| f == future).map(|i| i as u64))
        .unwrap_or_default()
}

/// Nanoseconds as milliseconds.
pub(crate) fn ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

pub(crate) fn ms_between(start_ns: u64, end_ns: u64) -> f64 {
    end_ns.saturating_sub(start_ns) as f64 / 1e6
}
