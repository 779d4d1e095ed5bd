//! `ProcessPoolExecutor`: workers in processes of their own, calls and
//! results crossing as bytes.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::base::error::{Error, ErrorKind, TaskError, MAX_WORKERS_MESSAGE, SHUTDOWN_MESSAGE};
use crate::base::future::Future;
use crate::blocking::when_blocking;
use crate::clock::Clock;
use crate::process::protocol::Frame;
use crate::process::spawn::{ProcessHandle, ProcessSpawn};
use crate::process::worker::UnixClock;
use crate::spawn::{Spawn, StdSpawner};
use crate::thread_name::ThreadScope;
use crate::trace::{TraceKind, Tracer};

/// The message of a pool whose worker died, as CPython words it.
pub const BROKEN_PROCESS_POOL_MESSAGE: &str =
    "A process in the process pool was terminated abruptly while the future was running or pending.";
/// The message for a `max_tasks_per_child` of 0, as CPython words it.
pub const MAX_TASKS_PER_CHILD_MESSAGE: &str = "max_tasks_per_child must be >= 1";

/// The name Python gives the process pool's manager thread, the one that
/// completes the futures (and so runs their done callbacks): CPython's
/// `_ExecutorManagerThread` takes the default `Thread-<n>`, `Thread-1` in a
/// program that started no other unnamed thread. The pool's feeder threads
/// play that part here.
pub const MANAGER_THREAD: &str = "Thread-1";

/// Calls moved to the call queue beyond one per worker (CPython's
/// `EXTRA_QUEUED_CALLS`): those are RUNNING and refuse `cancel()`.
pub const EXTRA_QUEUED_CALLS: usize = 1;

/// What crossing the process boundary cost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcessStats {
    /// Worker processes started (replacements included).
    pub workers_started: usize,
    /// For each start, ms from spawning until the worker said it was ready.
    pub start_ms: Vec<f64>,
    /// Bytes of calls sent to workers.
    pub bytes_sent: u64,
    /// Bytes of results and events received from workers.
    pub bytes_received: u64,
}

struct Call {
    id: u64,
    payload: Vec<u8>,
    future: Future<Vec<u8>>,
}

/// One work item: a single call, or a chunk of `map` calls that a worker
/// runs in one go (CPython's `_process_chunk`).
type Chunk = Vec<Call>;

/// The message for a `chunksize` below 1, as CPython words it.
pub const CHUNKSIZE_MESSAGE: &str = "chunksize must be >= 1.";

#[derive(Default)]
struct PoolState {
    /// Submitted, still PENDING (cancellable).
    pending: VecDeque<Chunk>,
    /// Moved towards the workers, RUNNING.
    call_queue: VecDeque<Chunk>,
    /// Calls a worker is running now.
    in_flight: Vec<Call>,
    idle: usize,
    processes: usize,
    named: usize,
    shutdown: bool,
    broken: bool,
    killers: Vec<Arc<dyn Fn() + Send + Sync>>,
    /// Calls have been submitted since the manager last filled the call
    /// queue: it fills it once the program lets it run.
    woken: bool,
    /// The manager has started (at the first submit).
    started: bool,
}

struct Shared {
    state: Mutex<PoolState>,
    work: Condvar,
    terminated: Future<()>,
    stats: Mutex<ProcessStats>,
    max_workers: usize,
    max_tasks_per_child: Option<usize>,
    spawner: Arc<dyn ProcessSpawn>,
    tracer: Tracer,
    /// The tracer's clock and Unix time at the same moment, to place worker
    /// events (stamped in Unix time) on the tracer's clock.
    clock_pair: (u64, u64),
    /// Unix time in ns, as the workers read it.
    unix_clock: Arc<dyn Clock>,
}

/// A pool of up to `max_workers` worker processes with CPython's rules:
/// workers start on demand; a call and its result cross as bytes; up to
/// `max_workers + 1` queued calls are marked RUNNING as they move towards
/// the workers; a worker that dies breaks the pool (`BrokenProcessPool` on
/// every outstanding future and on later submits); `max_tasks_per_child`
/// replaces a worker after that many calls.
///
/// Functions cannot cross a process boundary, so the pool runs serialized
/// calls ([`ProcessPool::submit_bytes`]); what a call means is up to the
/// worker program (see [`serve_worker`](crate::serve_worker)).
pub struct ProcessPool {
    shared: Arc<Shared>,
    threads: Arc<dyn Spawn>,
    next_id: AtomicU64,
}

/// Settings of a [`ProcessPool`], as `ProcessPoolExecutor`'s arguments.
pub struct ProcessPoolBuilder {
    max_workers: Option<usize>,
    max_tasks_per_child: Option<usize>,
    spawner: Arc<dyn ProcessSpawn>,
    threads: Arc<dyn Spawn>,
    unix_clock: Arc<dyn Clock>,
}

impl ProcessPool {
    /// Settings: `max_workers` = the CPU count, processes from `spawner`.
    pub fn builder(spawner: Arc<dyn ProcessSpawn>) -> ProcessPoolBuilder {
        ProcessPoolBuilder {
            max_workers: None,
            max_tasks_per_child: None,
            spawner,
            threads: StdSpawner::shared(),
            unix_clock: Arc::new(UnixClock),
        }
    }

    /// Schedules a serialized call and returns the future of its serialized
    /// result.
    ///
    /// # Errors
    ///
    /// `BrokenProcessPool` once a worker has died; `RuntimeError` after shutdown.
    pub fn submit_bytes(&self, payload: Vec<u8>) -> Result<Future<Vec<u8>>, Error> {
        let mut futures = self.submit_chunk(vec![payload])?;
        Ok(futures.remove(0))
    }

    /// `ProcessPoolExecutor.map`'s submission: the calls in chunks of
    /// `chunksize`, each chunk one work item for one worker; one future per
    /// call, in order. The results do not depend on `chunksize`.
    ///
    /// # Errors
    ///
    /// `ValueError` ([`CHUNKSIZE_MESSAGE`]) for a `chunksize` of 0; as
    /// [`ProcessPool::submit_bytes`] otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use futures_lab_core::{PipeProcessSpawner, ProcessPool, SendHandler, Tracer};
    ///
    /// let spawner = PipeProcessSpawner::new(|| Box::new(|p: &[u8], _: &_| Ok(p.to_ascii_uppercase())) as Box<SendHandler>);
    /// let pool = ProcessPool::builder(Arc::new(spawner)).max_workers(2).build(Tracer::discard()).unwrap();
    /// let futures = pool.map_bytes(vec![b"a".to_vec(), b"b".to_vec(), b"c".to_vec()], 2).unwrap();
    /// let results: Vec<Vec<u8>> = futures.iter().map(|f| f.result(None).unwrap()).collect();
    /// assert_eq!(results, [b"A".to_vec(), b"B".to_vec(), b"C".to_vec()]);
    /// assert!(pool.map_bytes(vec![], 0).is_err());
    /// ```
    pub fn map_bytes(
        &self,
        payloads: Vec<Vec<u8>>,
        chunksize: usize,
    ) -> Result<Vec<Future<Vec<u8>>>, Error> {
        if chunksize == 0 {
            return Err(Error::new(ErrorKind::InvalidArgument, CHUNKSIZE_MESSAGE));
        }
        let mut futures = Vec::with_capacity(payloads.len());
        let mut payloads = payloads.into_iter().peekable();
        while payloads.peek().is_some() {
            let chunk: Vec<Vec<u8>> = payloads.by_ref().take(chunksize).collect();
            futures.extend(self.submit_chunk(chunk)?);
        }
        Ok(futures)
    }

    fn submit_chunk(&self, payloads: Vec<Vec<u8>>) -> Result<Vec<Future<Vec<u8>>>, Error> {
        let shared = &self.shared;
        let mut state = shared.lock();
        if state.broken {
            return Err(Error::new(
                ErrorKind::BrokenExecutor,
                BROKEN_PROCESS_POOL_MESSAGE,
            ));
        }
        if state.shutdown {
            return Err(Error::new(ErrorKind::Shutdown, SHUTDOWN_MESSAGE));
        }
        let chunk: Chunk = payloads
            .into_iter()
            .map(|payload| {
                let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                shared.tracer.record(id, TraceKind::Submitted, None, None);
                Call {
                    id,
                    payload,
                    future: Future::traced(id, shared.tracer.clone()),
                }
            })
            .collect();
        let futures = chunk.iter().map(|call| call.future.clone()).collect();
        state.pending.push_back(chunk);
        if std::mem::replace(&mut state.started, true) {
            // The manager fills the call queue when the program next blocks
            // (CPython's manager needs the GIL, which the program holds
            // until it waits), or when a result wakes it.
            if !std::mem::replace(&mut state.woken, true) {
                let waking = Arc::downgrade(shared);
                when_blocking(move || {
                    if let Some(shared) = waking.upgrade() {
                        let mut state = shared.lock();
                        if std::mem::take(&mut state.woken) {
                            shared.move_to_call_queue(&mut state);
                            drop(state);
                            shared.work.notify_all();
                        }
                    }
                    false
                });
            }
        } else {
            // Starting, the manager moves the first call at once
            // (`Thread.start` lets it run before `submit` returns).
            shared.move_to_call_queue(&mut state);
        }
        let start = state.idle == 0 && state.processes < shared.max_workers;
        if start {
            state.processes += 1;
        }
        drop(state);
        shared.work.notify_all();
        if start {
            let feeder = Arc::clone(shared);
            if let Err(error) = self
                .threads
                .spawn("process-feeder", Box::new(move || feeder.feed()))
            {
                shared.lock().processes -= 1;
                return Err(error);
            }
        }
        Ok(futures)
    }

    /// Stops taking calls. With `cancel_futures`, calls still PENDING are
    /// cancelled; with `wait`, returns once every worker has exited.
    ///
    /// # Blocking
    ///
    /// With `wait`, until the workers are done.
    pub fn shutdown(&self, wait: bool, cancel_futures: bool) {
        let (cancelled, all_gone) = {
            let mut state = self.shared.lock();
            state.shutdown = true;
            let cancelled: Vec<Call> = if cancel_futures {
                state.pending.drain(..).flatten().collect()
            } else {
                Vec::new()
            };
            // The shutdown wakes the manager.
            self.shared.move_to_call_queue(&mut state);
            (cancelled, state.processes == 0)
        };
        self.shared.work.notify_all();
        for call in cancelled {
            call.future.cancel();
        }
        if all_gone {
            let _ = self.shared.terminated.set_result(());
        }
        if wait {
            let _ = self.shared.terminated.result(None);
        }
    }

    /// Stops every worker at once (3.14's `terminate_workers`): outstanding
    /// calls fail with `BrokenProcessPool`, and the pool takes no more calls.
    /// A worker gets no chance to clean up either way (std offers no
    /// SIGTERM), so this is [`ProcessPool::kill_workers`].
    pub fn terminate_workers(&self) {
        self.kill_workers();
    }

    /// Kills every worker at once (3.14's `kill_workers`): outstanding calls
    /// fail with `BrokenProcessPool`, and the pool takes no more calls.
    pub fn kill_workers(&self) {
        self.shutdown(false, true);
        let killers = self.shared.lock().killers.clone();
        killers.iter().for_each(|kill| kill());
    }

    /// A future that finishes once the pool has shut down and every worker
    /// has exited.
    pub fn terminated(&self) -> Future<()> {
        self.shared.terminated.clone()
    }

    /// What crossing the process boundary has cost so far.
    pub fn stats(&self) -> ProcessStats {
        self.shared
            .stats
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Workers waiting for a call.
    pub fn idle_workers(&self) -> usize {
        self.shared.lock().idle
    }

    /// The most worker processes at once.
    pub fn max_workers(&self) -> usize {
        self.shared.max_workers
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        self.shutdown(true, false);
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn stats(&self) -> MutexGuard<'_, ProcessStats> {
        self.stats.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// CPython's queue management: PENDING calls become RUNNING as they move
    /// to the call queue, which holds up to `max_workers + 1`.
    fn move_to_call_queue(&self, state: &mut PoolState) {
        // Whatever woke the manager, the submits so far are handled: a
        // later one asks again (a hook left on a thread that never blocks
        // does nothing then).
        state.woken = false;
        while state.call_queue.len() < self.max_workers + EXTRA_QUEUED_CALLS {
            let Some(chunk) = state.pending.pop_front() else {
                break;
            };
            let chunk: Chunk = chunk
                .into_iter()
                .filter(|call| call.future.set_running_or_notify_cancel().unwrap_or(false))
                .inspect(|call| {
                    self.tracer.record(call.id, TraceKind::Queued, None, None);
                })
                .collect();
            if !chunk.is_empty() {
                state.call_queue.push_back(chunk);
            }
        }
    }

    fn to_tracer_ns(&self, unix_ns: u64) -> u64 {
        let (tracer_ns, unix_at) = self.clock_pair;
        (tracer_ns + unix_ns).saturating_sub(unix_at)
    }

    /// One worker process's life in the parent: start it, feed it calls one
    /// at a time, relay its events, replace it after `max_tasks_per_child`.
    fn feed(self: Arc<Self>) {
        let _scope = ThreadScope::enter(&Arc::from(MANAGER_THREAD));
        'processes: loop {
            let Some((name, mut process)) = self.start_process() else {
                break;
            };
            let mut done_here = 0usize;
            loop {
                let Some(chunk) = self.next_chunk() else {
                    let _ = Frame::Exit.write_to(&mut *process.input);
                    (process.kill)();
                    break 'processes;
                };
                let ids: Vec<u64> = chunk.iter().map(|(id, _)| *id).collect();
                let frame = match chunk.as_slice() {
                    [(id, payload)] => Frame::Call {
                        id: *id,
                        payload: payload.clone(),
                    },
                    _ => Frame::Batch { calls: chunk },
                }
                .encode();
                self.stats().bytes_sent += frame.len() as u64;
                let sent = process
                    .input
                    .write_all(&frame)
                    .and_then(|()| process.input.flush());
                if sent.is_err() || !self.relay(&name, &mut *process.output, ids) {
                    self.break_pool();
                    break 'processes;
                }
                done_here += 1;
                if self.max_tasks_per_child.is_some_and(|max| done_here >= max) {
                    let _ = Frame::Exit.write_to(&mut *process.input);
                    (process.kill)();
                    continue 'processes;
                }
            }
        }
        let mut state = self.lock();
        state.processes -= 1;
        let all_gone = state.shutdown && state.processes == 0;
        drop(state);
        if all_gone {
            let _ = self.terminated.set_result(());
        }
    }

    fn start_process(&self) -> Option<(Arc<str>, ProcessHandle)> {
        let name: Arc<str> = {
            let mut state = self.lock();
            if state.broken {
                return None;
            }
            state.named += 1;
            Arc::from(format!("SpawnProcess-{}", state.named))
        };
        let began = self.unix_clock.now_ns();
        self.tracer.record_at(
            u64::MAX,
            TraceKind::WorkerStarting,
            self.to_tracer_ns(began),
            Some(&name),
            None,
        );
        let mut process = match self.spawner.spawn(&name) {
            Ok(process) => process,
            Err(error) => {
                eprintln!("{error}");
                self.break_pool();
                return None;
            }
        };
        self.lock().killers.push(Arc::clone(&process.kill));
        let hello = Frame::Hello {
            name: name.to_string(),
        };
        let ready = hello
            .write_to(&mut *process.input)
            .ok()
            .and_then(|()| Frame::read_from(&mut *process.output).ok().flatten());
        let Some(Frame::Ready { .. }) = ready else {
            self.break_pool();
            return None;
        };
        let ready = self.unix_clock.now_ns();
        self.tracer.record_at(
            u64::MAX,
            TraceKind::WorkerReady,
            self.to_tracer_ns(ready),
            Some(&name),
            None,
        );
        let mut stats = self.stats();
        stats.workers_started += 1;
        stats
            .start_ms
            .push((ready.saturating_sub(began)) as f64 / 1e6);
        Some((name, process))
    }

    /// The next work item for this worker (each call's id and payload; its
    /// calls are in flight from then on), waiting while there is none;
    /// `None` when the pool is shut down with nothing left, or broken.
    fn next_chunk(&self) -> Option<Vec<(u64, Vec<u8>)>> {
        let mut state = self.lock();
        loop {
            if state.broken {
                return None;
            }
            // A worker taking a call leaves room in the call queue, but
            // CPython's manager thread fills it only when it handles a
            // result, a submit (once the program blocks) or the shutdown:
            // the calls after it stay PENDING, and cancellable, until then.
            // With nothing in flight no result will come, so it fills now.
            if state.call_queue.is_empty() && state.in_flight.is_empty() {
                self.move_to_call_queue(&mut state);
            }
            if let Some(chunk) = state.call_queue.pop_front() {
                let calls = chunk.iter().map(|c| (c.id, c.payload.clone())).collect();
                state.in_flight.extend(chunk);
                return Some(calls);
            }
            if state.shutdown && state.pending.is_empty() {
                return None;
            }
            // Idle (so that a submit starts no new process for it) only if
            // no call waits: one kept waiting while calls are still PENDING
            // will take one once the manager moves it.
            let idle = state.pending.is_empty();
            state.idle += usize::from(idle);
            state = self.work.wait(state).unwrap_or_else(|e| e.into_inner());
            state.idle -= usize::from(idle);
        }
    }

    /// Reads the worker's frames until every call of the work item ends;
    /// false if the worker died first.
    fn relay(&self, name: &Arc<str>, output: &mut dyn Read, mut ids: Vec<u64>) -> bool {
        while !ids.is_empty() {
            let frame = match Frame::read_from(output) {
                Ok(Some(frame)) => frame,
                Ok(None) | Err(_) => return false,
            };
            self.stats().bytes_received += frame.encode().len() as u64;
            let finished = match frame {
                Frame::Event {
                    id,
                    kind,
                    unix_ns,
                    detail,
                } => {
                    if let Some(kind) = TraceKind::from_number(kind) {
                        let detail = (!detail.is_empty()).then_some(detail);
                        self.tracer.record_at(
                            id,
                            kind,
                            self.to_tracer_ns(unix_ns),
                            Some(name),
                            detail,
                        );
                    }
                    None
                }
                Frame::Done { id, payload } if ids.contains(&id) => Some((id, Ok(payload))),
                Frame::Raised {
                    id,
                    class,
                    message,
                    traceback,
                } if ids.contains(&id) => Some((
                    id,
                    Err(TaskError::new(class, message).with_cause(format!("raised {traceback}"))),
                )),
                _ => return false,
            };
            if let Some((id, outcome)) = finished {
                ids.retain(|other| *other != id);
                let call = {
                    let mut state = self.lock();
                    let at = state.in_flight.iter().position(|c| c.id == id);
                    at.map(|at| state.in_flight.swap_remove(at))
                };
                if let Some(call) = call {
                    let _ = match outcome {
                        Ok(payload) => call.future.set_result(payload),
                        Err(error) => call.future.set_exception(error),
                    };
                    // CPython's manager thread fills the call queue again
                    // once it has handled a result; a waiting worker may
                    // take what it moved.
                    self.move_to_call_queue(&mut self.lock());
                    self.work.notify_all();
                }
            }
        }
        true
    }

    /// A worker died: every outstanding future fails, later submits too.
    fn break_pool(&self) {
        let (outstanding, killers) = {
            let mut state = self.lock();
            state.broken = true;
            let mut calls: Vec<Call> = state.in_flight.drain(..).collect();
            calls.extend(state.call_queue.drain(..).flatten());
            calls.extend(state.pending.drain(..).flatten());
            (calls, state.killers.clone())
        };
        self.work.notify_all();
        for call in outstanding {
            let _ = call.future.set_exception(TaskError::new(
                "BrokenProcessPool",
                BROKEN_PROCESS_POOL_MESSAGE,
            ));
        }
        killers.iter().for_each(|kill| kill());
    }
}

impl ProcessPoolBuilder {
    /// The most worker processes (default: the CPU count, as CPython's).
    pub fn max_workers(mut self, max_workers: usize) -> Self {
        self.max_workers = Some(max_workers);
        self
    }

    /// Replace a worker after this many calls.
    pub fn max_tasks_per_child(mut self, max_tasks: usize) -> Self {
        self.max_tasks_per_child = Some(max_tasks);
        self
    }

    /// Unix time in ns as the workers stamp their events (default: the
    /// system clock; in the browser, `performance.timeOrigin + now()`).
    pub fn unix_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.unix_clock = clock;
        self
    }

    /// Where the parent's feeder threads come from (default: std threads).
    pub fn threads(mut self, threads: Arc<dyn Spawn>) -> Self {
        self.threads = threads;
        self
    }

    /// Builds the pool; no process starts until a call is submitted.
    ///
    /// # Errors
    ///
    /// `ValueError` for `max_workers(0)` or `max_tasks_per_child(0)`.
    pub fn build(self, tracer: Tracer) -> Result<ProcessPool, Error> {
        let max_workers = match self.max_workers {
            Some(0) => return Err(Error::new(ErrorKind::InvalidArgument, MAX_WORKERS_MESSAGE)),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        if self.max_tasks_per_child == Some(0) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                MAX_TASKS_PER_CHILD_MESSAGE,
            ));
        }
        let clock_pair = (
            tracer.now_ns().unwrap_or_default(),
            self.unix_clock.now_ns(),
        );
        Ok(ProcessPool {
            shared: Arc::new(Shared {
                state: Mutex::new(PoolState::default()),
                work: Condvar::new(),
                terminated: Future::new(),
                stats: Mutex::new(ProcessStats::default()),
                max_workers,
                max_tasks_per_child: self.max_tasks_per_child,
                spawner: self.spawner,
                tracer,
                clock_pair,
                unix_clock: self.unix_clock,
            }),
            threads: self.threads,
            next_id: AtomicU64::new(0),
        })
    }
}

impl std::fmt::Debug for ProcessPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessPool")
            .field("max_workers", &self.shared.max_workers)
            .finish()
    }
}
