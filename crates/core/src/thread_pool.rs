//! `ThreadPoolExecutor`: a bounded set of worker threads sharing one queue.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crossbeam_utils::Backoff;

use crate::base::error::{Error, ErrorKind, TaskError, MAX_WORKERS_MESSAGE, SHUTDOWN_MESSAGE};
use crate::base::executor::Executor;
use crate::base::future::Future;
use crate::base::signal::Signal;
use crate::context::Interrupt;
use crate::gil::Gil;
use crate::job::Job;
use crate::python_version::PythonVersion;
use crate::spawn::{Spawn, StdSpawner};
use crate::thread_name::ThreadScope;
use crate::trace::Tracer;
use crate::worker::{HandOver, Worker};

/// The call a worker took at its hand-over, to run next.
type Taken = Arc<Mutex<Option<Job>>>;

/// How long `submit` waits for a thread it has just started to take its
/// first call (CPython's `Thread.start()` returns once the thread runs,
/// and the new thread, holding the GIL, takes the call first). Bounded, so
/// that a busy thread source delays a submit but never blocks it.
const THREAD_START_WAIT: Duration = Duration::from_millis(100);

/// The message of a pool broken by its initializer, as CPython words it.
pub const BROKEN_THREAD_POOL_MESSAGE: &str =
    "A thread initializer failed, the thread pool is not usable anymore";

/// Queue slots kept once a burst of submissions has drained.
const QUEUE_KEPT_CAPACITY: usize = 64;

/// Numbers the pools of this process, as CPython's `ThreadPoolExecutor-<n>`.
static POOL_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The function run once in every worker thread before its first task.
pub type InitializerFn = dyn Fn(&Worker) -> Result<(), TaskError> + Send + Sync;
/// A shared [`InitializerFn`].
pub type Initializer = Arc<InitializerFn>;

/// A pool of up to `max_workers` threads with CPython's rules: threads start
/// lazily, one per submit while none is idle, never more than `max_workers`;
/// a queued job stays pending (cancellable) until a worker takes it; with
/// `gil`, CPU work of all its threads is serialised by one [`Gil`].
///
/// Dropping the pool shuts it down and waits for queued work.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{ExecutorExt, ThreadPool, Tracer};
///
/// let pool = ThreadPool::builder().max_workers(2).build(Tracer::discard()).unwrap();
/// let future = pool.submit(|ctx| Ok(ctx.worker().to_string())).unwrap();
/// assert!(future.result(None).unwrap().starts_with("ThreadPoolExecutor-"));
/// ```
pub struct ThreadPool {
    shared: Arc<Shared>,
    max_workers: usize,
    prefix: String,
    spawner: Arc<dyn Spawn>,
    initializer: Option<Initializer>,
    gil: Option<Arc<Gil>>,
    interrupt: Option<Interrupt>,
    tracer: Tracer,
    next_id: AtomicU64,
}

struct Shared {
    state: Mutex<PoolState>,
    work: Signal,
    terminated: Future<()>,
    /// Calls queued so far: a worker that spins watches it change.
    pushed: AtomicU64,
    /// Workers spinning for a call before they sleep.
    spinning: AtomicUsize,
}

#[derive(Default)]
struct PoolState {
    queue: VecDeque<Job>,
    /// CPython's idle semaphore: released by a worker after each job.
    idle_tokens: usize,
    threads: usize,
    live: usize,
    shutdown: bool,
    broken: bool,
}

impl PoolState {
    /// The next queued job, if any.
    fn pop(&mut self) -> Option<Job> {
        let job = self.queue.pop_front();
        if self.queue.is_empty() && self.queue.capacity() > QUEUE_KEPT_CAPACITY {
            // A burst is over: give its memory back, as CPython's deque does.
            self.queue.shrink_to(QUEUE_KEPT_CAPACITY);
        }
        job
    }
}

/// Settings of a [`ThreadPool`], as `ThreadPoolExecutor`'s arguments.
pub struct ThreadPoolBuilder {
    max_workers: Option<usize>,
    thread_name_prefix: Option<String>,
    python_version: PythonVersion,
    cpus: Option<usize>,
    spawner: Arc<dyn Spawn>,
    initializer: Option<Initializer>,
    gil: bool,
    interrupt: Option<Interrupt>,
}

impl ThreadPool {
    /// Settings with CPython's defaults and std threads.
    pub fn builder() -> ThreadPoolBuilder {
        ThreadPoolBuilder {
            max_workers: None,
            thread_name_prefix: None,
            python_version: PythonVersion::DEFAULT,
            cpus: None,
            spawner: StdSpawner::shared(),
            initializer: None,
            gil: false,
            interrupt: None,
        }
    }

    /// The most threads this pool will start.
    pub fn max_workers(&self) -> usize {
        self.max_workers
    }

    /// Threads that finished a job and have not been handed a new one
    /// (CPython's idle semaphore count).
    pub fn idle_threads(&self) -> usize {
        self.lock().idle_tokens
    }

    /// The pool's GIL, if it models one.
    pub fn gil(&self) -> Option<&Arc<Gil>> {
        self.gil.as_ref()
    }

    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.shared.lock()
    }

    fn start_worker(&self, index: usize, started: Future<()>) -> Result<(), Error> {
        let taken: Taken = Arc::default();
        let hand_over = {
            let shared = Arc::clone(&self.shared);
            let taken = Arc::clone(&taken);
            HandOver(Arc::new(move || {
                let next = shared.take_next();
                *taken.lock().unwrap_or_else(|e| e.into_inner()) = next;
            }))
        };
        let worker = Worker {
            name: Arc::from(format!("{}_{}", self.prefix, index)),
            gil: self.gil.clone(),
            interrupt: self.interrupt.clone(),
            hand_over: Some(hand_over),
        };
        let name = Arc::clone(&worker.name);
        let shared = Arc::clone(&self.shared);
        let initializer = self.initializer.clone();
        self.spawner.spawn(
            &name,
            Box::new(move || shared.work_loop(&worker, &taken, &started, initializer.as_deref())),
        )
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A worker's hand-over: the next queued call, claimed (RUNNING), if
    /// any; calls cancelled meanwhile are passed over, as CPython's worker
    /// passes over a work item whose future was cancelled.
    fn take_next(&self) -> Option<Job> {
        loop {
            let mut job = self.lock().pop()?;
            if job.claim() {
                return Some(job);
            }
            self.lock().idle_tokens += 1;
        }
    }

    /// A worker's life: take a call (claiming it RUNNING), run it, repeat;
    /// `started` is done once it has taken its first call or found none.
    fn work_loop(
        &self,
        worker: &Worker,
        taken: &Taken,
        started: &Future<()>,
        initializer: Option<&InitializerFn>,
    ) {
        // Told once: a finished future told again makes an error (a text).
        let told = std::cell::Cell::new(false);
        let ready = || {
            if !told.replace(true) {
                let _ = started.set_result(());
            }
        };
        if initializer.is_some() {
            // Thread.start() returns before the initializer runs.
            ready();
        }
        let _scope = ThreadScope::enter(&worker.name);
        let initialized = initializer.is_none_or(|init| match init(worker) {
            Ok(()) => true,
            Err(error) => {
                eprintln!("Exception in initializer: {error}");
                self.break_pool();
                false
            }
        });
        if !initialized {
            ready();
            self.exit_worker();
            return;
        }
        let mut next = None;
        loop {
            let job = next.take().or_else(|| self.next_job(ready));
            let Some(mut job) = job else { break };
            if !job.claim() {
                // Cancelled while queued: nothing to run.
                self.lock().idle_tokens += 1;
                continue;
            }
            ready();
            job.run(worker);
            // Idle once the call is over, its callbacks run (CPython's
            // worker releases the idle semaphore after `work_item.run()`: a
            // callback that submits finds no idle thread).
            self.lock().idle_tokens += 1;
            next = taken.lock().unwrap_or_else(|e| e.into_inner()).take();
        }
        self.exit_worker();
    }

    /// The next queued call, waiting for one: `None` once the pool shuts
    /// down with nothing queued. A worker that finds the queue empty first
    /// spins a little (a few µs, yielding its CPU) watching for a submit,
    /// then sleeps until one wakes it: a burst of short calls then costs
    /// no sleep and wake-up per call (a system call each way and a switch
    /// of threads, 2 to 3 µs, most of a trivial future's cost), and a submit
    /// wakes a sleeper only when no spinning worker will take its call.
    /// `idle` is called once the queue was found empty.
    fn next_job(&self, idle: impl Fn()) -> Option<Job> {
        let backoff = Backoff::new();
        loop {
            let seen = {
                let mut state = self.lock();
                if let Some(job) = state.pop() {
                    return Some(job);
                }
                if state.shutdown {
                    return None;
                }
                idle();
                if backoff.is_completed() {
                    let mut state = self
                        .work
                        .wait_while(state, |s| s.queue.is_empty() && !s.shutdown);
                    return state.pop();
                }
                self.spinning.fetch_add(1, Ordering::SeqCst);
                self.pushed.load(Ordering::SeqCst)
            };
            while self.pushed.load(Ordering::SeqCst) == seen && !backoff.is_completed() {
                backoff.snooze();
            }
            self.spinning.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// CPython's `_initializer_failed`: every queued future fails, later
    /// submits too.
    fn break_pool(&self) {
        let queued: Vec<Job> = {
            let mut state = self.lock();
            state.broken = true;
            state.queue.drain(..).collect()
        };
        for job in queued {
            job.fail(TaskError::new(
                "BrokenThreadPool",
                BROKEN_THREAD_POOL_MESSAGE,
            ));
        }
    }

    fn exit_worker(&self) {
        let mut state = self.lock();
        state.live -= 1;
        let all_gone = state.shutdown && state.live == 0;
        drop(state);
        if all_gone {
            let _ = self.terminated.set_result(());
        }
    }
}

impl ThreadPoolBuilder {
    /// The most threads the pool may start (default: Python's, per version).
    pub fn max_workers(mut self, max_workers: usize) -> Self {
        self.max_workers = Some(max_workers);
        self
    }

    /// The thread name prefix (default `ThreadPoolExecutor-<n>`).
    pub fn thread_name_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.thread_name_prefix = Some(prefix.into());
        self
    }

    /// Whose default `max_workers` rule to follow.
    pub fn python_version(mut self, version: PythonVersion) -> Self {
        self.python_version = version;
        self
    }

    /// The CPU count behind the default `max_workers` (default: this machine's).
    pub fn cpus(mut self, cpus: usize) -> Self {
        self.cpus = Some(cpus);
        self
    }

    /// Where threads come from (default: std threads).
    pub fn spawner(mut self, spawner: Arc<dyn Spawn>) -> Self {
        self.spawner = spawner;
        self
    }

    /// Runs in every worker before its tasks; if it fails, the pool breaks.
    pub fn initializer(
        mut self,
        initializer: impl Fn(&Worker) -> Result<(), TaskError> + Send + Sync + 'static,
    ) -> Self {
        self.initializer = Some(Arc::new(initializer));
        self
    }

    /// Models CPython's GIL: CPU segments of all workers take turns.
    pub fn gil(mut self, gil: bool) -> Self {
        self.gil = gil;
        self
    }

    /// Stops running tasks at their next checkpoint when `interrupt` is triggered.
    pub fn interrupt(mut self, interrupt: Interrupt) -> Self {
        self.interrupt = Some(interrupt);
        self
    }

    /// Builds the pool; no thread starts until work is submitted.
    ///
    /// # Errors
    ///
    /// `ValueError` ([`MAX_WORKERS_MESSAGE`]) for `max_workers(0)`.
    pub fn build(self, tracer: Tracer) -> Result<ThreadPool, Error> {
        let max_workers = match self.max_workers {
            Some(0) => return Err(Error::new(ErrorKind::InvalidArgument, MAX_WORKERS_MESSAGE)),
            Some(n) => n,
            None => {
                let cpus = self
                    .cpus
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
                self.python_version.default_max_workers(cpus)
            }
        };
        let prefix = self.thread_name_prefix.unwrap_or_else(|| {
            format!(
                "ThreadPoolExecutor-{}",
                POOL_COUNTER.fetch_add(1, Ordering::Relaxed)
            )
        });
        Ok(ThreadPool {
            shared: Arc::new(Shared {
                state: Mutex::new(PoolState::default()),
                work: Signal::new(),
                terminated: Future::new(),
                pushed: AtomicU64::new(0),
                spinning: AtomicUsize::new(0),
            }),
            max_workers,
            prefix,
            spawner: self.spawner,
            initializer: self.initializer,
            gil: self.gil.then(|| Arc::new(Gil::new())),
            interrupt: self.interrupt,
            tracer,
            next_id: AtomicU64::new(0),
        })
    }
}

impl Executor for ThreadPool {
    fn execute(&self, job: Job) -> Result<(), Error> {
        let mut state = self.lock();
        if state.broken {
            return Err(Error::new(
                ErrorKind::BrokenExecutor,
                BROKEN_THREAD_POOL_MESSAGE,
            ));
        }
        if state.shutdown {
            return Err(Error::new(ErrorKind::Shutdown, SHUTDOWN_MESSAGE));
        }
        state.queue.push_back(job);
        self.shared.pushed.fetch_add(1, Ordering::SeqCst);
        // A spinning worker takes the call unless more are queued than spin.
        let wake = state.queue.len() > self.shared.spinning.load(Ordering::SeqCst);
        let new_worker = if state.idle_tokens > 0 {
            state.idle_tokens -= 1;
            None
        } else if state.threads < self.max_workers {
            state.threads += 1;
            state.live += 1;
            Some(state.threads - 1)
        } else {
            None
        };
        drop(state);
        if wake {
            self.shared.work.notify_one();
        }
        if let Some(index) = new_worker {
            let started = Future::new();
            if let Err(error) = self.start_worker(index, started.clone()) {
                let mut state = self.lock();
                state.live -= 1;
                state.threads -= 1;
                return Err(error);
            }
            if self.spawner.starts_at_once() {
                let _ = started.result(Some(THREAD_START_WAIT));
            }
        }
        Ok(())
    }

    fn shutdown(&self, wait: bool, cancel_futures: bool) {
        let (cancelled, all_gone) = {
            let mut state = self.lock();
            state.shutdown = true;
            let cancelled: Vec<Job> = if cancel_futures {
                state.queue.drain(..).collect()
            } else {
                Vec::new()
            };
            (cancelled, state.live == 0)
        };
        self.shared.work.notify_all();
        cancelled.into_iter().for_each(Job::cancel);
        if all_gone {
            let _ = self.shared.terminated.set_result(());
        }
        if wait {
            let _ = self.shared.terminated.result(None);
        }
    }

    fn terminated(&self) -> Future<()> {
        self.shared.terminated.clone()
    }

    fn tracer(&self) -> &Tracer {
        &self.tracer
    }

    fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    fn threads_started(&self) -> usize {
        self.lock().threads
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shutdown(true, false);
    }
}

impl std::fmt::Debug for ThreadPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadPool")
            .field("max_workers", &self.max_workers)
            .field("prefix", &self.prefix)
            .field("gil", &self.gil.is_some())
            .finish()
    }
}
