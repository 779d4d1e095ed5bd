//! `asyncio`: one thread, tasks that switch only at their awaits.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::future::Future as StdFuture;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use crate::base::error::{Error, ErrorKind, TaskError, SHUTDOWN_MESSAGE};
use crate::base::executor::Executor;
use crate::base::future::{panic_message, Future};
use crate::clock::global_clock;
use crate::context::{Interrupt, TaskContext};
use crate::job::Job;
use crate::loop_timers::LoopTimers;
use crate::running_task::{fire_armed_fault, RunningScope};
use crate::sequential::MAIN_THREAD;
use crate::spawn::{Spawn, StdSpawner};
use crate::thread_name::{current_thread_name, ThreadScope};
use crate::trace::{TraceKind, Tracer};
use crate::worker::Worker;

type TaskBody = Pin<Box<dyn StdFuture<Output = ()> + Send>>;

/// An asyncio event loop as an executor: every task runs on the loop's one
/// thread, in turn, and switches only where it awaits
/// ([`TaskContext::io_wait_async`], and [`TaskContext::checkpoint_async`]
/// when the loop is cooperative). I/O waits overlap, because a waiting task
/// is a timer, not a thread; a CPU-bound task that never awaits stalls every
/// other task until it ends, as in Python.
///
/// Plain (synchronous) jobs given through [`Executor::execute`] run on the
/// loop thread too and block it while they run: a blocking call inside a
/// coroutine.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use futures_lab_core::{as_completed, EventLoop, Executor, Tracer};
///
/// let event_loop = EventLoop::builder().build(Tracer::discard()).unwrap();
/// let slow = event_loop.submit_async(|ctx| async move {
///     ctx.io_wait_async(Duration::from_millis(30)).await;
///     Ok("slow")
/// }).unwrap();
/// let fast = event_loop.submit_async(|ctx| async move {
///     ctx.io_wait_async(Duration::from_millis(1)).await;
///     Ok("fast")
/// }).unwrap();
/// let order: Vec<&str> = as_completed(&[slow, fast], None)
///     .map(|f| f.unwrap().try_result().unwrap())
///     .collect();
/// assert_eq!(order, ["fast", "slow"]);
/// event_loop.shutdown(true, false);
/// ```
pub struct EventLoop {
    shared: Arc<LoopShared>,
    spawner: Arc<dyn Spawn>,
    tracer: Tracer,
    next_id: AtomicU64,
    worker: Worker,
}

/// Settings of an [`EventLoop`].
pub struct EventLoopBuilder {
    cooperative: bool,
    spawner: Arc<dyn Spawn>,
    interrupt: Option<Interrupt>,
}

pub(crate) struct LoopShared {
    state: Mutex<LoopState>,
    changed: Condvar,
    terminated: Future<()>,
    /// Checkpoints yield to the loop (`await asyncio.sleep(0)`).
    pub(crate) cooperative: bool,
}

#[derive(Default)]
struct LoopState {
    ready: VecDeque<Arc<LoopTask>>,
    timers: BinaryHeap<Reverse<(u64, u64)>>,
    timer_wakers: Vec<(u64, Waker)>,
    next_timer: u64,
    /// Tasks submitted and not yet finished.
    live: usize,
    /// Coroutine tasks by future id, for `cancel`.
    tasks: Vec<(u64, std::sync::Weak<LoopTask>)>,
    shutdown: bool,
    started: bool,
}

/// A task on the loop: its future, and how to put it back in the ready queue.
struct LoopTask {
    body: Mutex<Option<TaskBody>>,
    shared: Arc<LoopShared>,
    /// `Task.cancel()` was called: drop the coroutine at its next turn.
    cancel: Option<Box<dyn Fn() -> bool + Send + Sync>>,
    cancel_requested: std::sync::atomic::AtomicBool,
    id: Option<u64>,
}

impl Wake for LoopTask {
    fn wake(self: Arc<Self>) {
        let shared = Arc::clone(&self.shared);
        shared.lock().ready.push_back(self);
        shared.changed.notify_all();
    }
}

impl LoopTimers for LoopShared {
    fn add_timer(&self, deadline_ns: u64, waker: Waker) {
        LoopShared::add_timer(self, deadline_ns, waker);
    }

    fn cooperative(&self) -> bool {
        self.cooperative
    }

    fn others_ready(&self) -> bool {
        let state = self.lock();
        !state.ready.is_empty()
            || state
                .timers
                .peek()
                .is_some_and(|Reverse((at, _))| *at <= global_clock().now_ns())
    }
}

/// What one turn of the loop did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Turned {
    /// A task ran to its next await (or ended).
    Ran,
    /// Nothing was ready by the time given.
    Idle,
    /// Shut down, with no task left.
    Ended,
}

impl LoopShared {
    fn lock(&self) -> MutexGuard<'_, LoopState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wakes `waker` at `deadline_ns` on the global clock.
    pub(crate) fn add_timer(&self, deadline_ns: u64, waker: Waker) {
        let mut state = self.lock();
        let id = state.next_timer;
        state.next_timer += 1;
        state.timers.push(Reverse((deadline_ns, id)));
        state.timer_wakers.push((id, waker));
        drop(state);
        self.changed.notify_all();
    }

    fn run(self: &Arc<Self>) {
        // The loop thread is the program's main thread, as in asyncio.
        let _scope = ThreadScope::enter(&Arc::from(MAIN_THREAD));
        while self.run_once(None, false) != Turned::Ended {}
        let _ = self.terminated.set_result(());
    }

    /// One turn of the loop: due timers wake their tasks, then the next
    /// ready task runs to its next await. With nothing ready it waits, for
    /// the next timer but not past `until_ns`; `alone` (no other thread can
    /// wake it) it never waits without a timer.
    fn run_once(self: &Arc<Self>, until_ns: Option<u64>, alone: bool) -> Turned {
        let next = {
            let mut state = self.lock();
            loop {
                let due = self.take_due_timers(&mut state);
                if !due.is_empty() {
                    drop(state);
                    due.into_iter().for_each(Waker::wake);
                    state = self.lock();
                    continue;
                }
                if let Some(task) = state.ready.pop_front() {
                    break task;
                }
                if state.shutdown && state.live == 0 {
                    return Turned::Ended;
                }
                let now = global_clock().now_ns();
                if until_ns.is_some_and(|until| now >= until) {
                    return Turned::Idle;
                }
                let timer = state.timers.peek().map(|Reverse((at, _))| *at);
                let wake = match (timer, until_ns) {
                    (Some(at), Some(until)) => Some(at.min(until)),
                    (at, until) => at.or(until),
                };
                state = match wake {
                    None if alone => return Turned::Idle,
                    None => self.changed.wait(state).unwrap_or_else(|e| e.into_inner()),
                    Some(at) => {
                        self.changed
                            .wait_timeout(state, Duration::from_nanos(at.saturating_sub(now)))
                            .unwrap_or_else(|e| e.into_inner())
                            .0
                    }
                };
            }
        };
        let task = next;
        let waker = Waker::from(Arc::clone(&task));
        let mut body = task.body.lock().unwrap_or_else(|e| e.into_inner());
        if body.is_some() && task.cancel_requested.load(Ordering::Acquire) {
            // The coroutine is abandoned at the await it was suspended in.
            *body = None;
            drop(body);
            if let Some(cancel) = &task.cancel {
                cancel();
            }
            // Abandoned, it is no longer the loop's, whoever ended its future.
            self.lock().live -= 1;
            self.changed.notify_all();
            self.forget(task.id);
            return Turned::Ran;
        }
        // While a task's slice runs, this thread runs that task: a panic
        // (or a failed allocation) that ends the thread names it.
        let thread = current_thread_name().unwrap_or_else(|| Arc::from(MAIN_THREAD));
        let running = task.id.map(|id| RunningScope::enter(id, &thread));
        let ready = body.as_mut().is_some_and(|future| {
            future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
        });
        drop(running);
        if ready {
            *body = None;
            drop(body);
            self.forget(task.id);
        }
        Turned::Ran
    }

    fn forget(&self, id: Option<u64>) {
        if let Some(id) = id {
            self.lock().tasks.retain(|(task, _)| *task != id);
        }
    }

    fn take_due_timers(&self, state: &mut LoopState) -> Vec<Waker> {
        let now = global_clock().now_ns();
        let mut due = Vec::new();
        while state
            .timers
            .peek()
            .is_some_and(|Reverse((at, _))| *at <= now)
        {
            let Some(Reverse((_, id))) = state.timers.pop() else {
                break;
            };
            if let Some(index) = state.timer_wakers.iter().position(|(t, _)| *t == id) {
                due.push(state.timer_wakers.swap_remove(index).1);
            }
        }
        due
    }
}

impl EventLoop {
    /// Settings: not cooperative, std threads.
    pub fn builder() -> EventLoopBuilder {
        EventLoopBuilder {
            cooperative: false,
            spawner: StdSpawner::shared(),
            interrupt: None,
        }
    }

    /// True if checkpoints yield to the loop.
    pub fn cooperative(&self) -> bool {
        self.shared.cooperative
    }

    fn start_once(&self) -> Result<(), Error> {
        let mut state = self.shared.lock();
        if state.started {
            return Ok(());
        }
        state.started = true;
        drop(state);
        let shared = Arc::clone(&self.shared);
        self.spawner
            .spawn("asyncio-loop", Box::new(move || shared.run()))
    }

    /// Schedules a coroutine (`asyncio.create_task`) and returns the future of
    /// its result. It starts at the loop's next turn, after the tasks already
    /// ready.
    ///
    /// # Errors
    ///
    /// `RuntimeError` after shutdown; `BrokenExecutor` if the loop thread
    /// cannot start.
    pub fn submit_async<T, F, Fut>(&self, task: F) -> Result<Future<T>, Error>
    where
        T: Send + 'static,
        F: FnOnce(TaskContext) -> Fut + Send + 'static,
        Fut: StdFuture<Output = Result<T, TaskError>> + Send + 'static,
    {
        let id = self.next_id();
        let tracer = self.tracer.clone();
        let future = Future::traced(id, tracer.clone());
        let ctx = TaskContext::new(id, Arc::clone(&self.worker.name), tracer.clone())
            .on_loop(Arc::clone(&self.shared) as Arc<dyn LoopTimers>);
        let ctx = match &self.worker.interrupt {
            Some(interrupt) => ctx.with_interrupt(interrupt.clone()),
            None => ctx,
        };
        let result = future.clone();
        let shared = Arc::clone(&self.shared);
        let worker = Arc::clone(&self.worker.name);
        let body = async move {
            if result.set_running_or_notify_cancel().unwrap_or(false) {
                tracer.record(id, TraceKind::Started, Some(&worker), None);
                let outcome = CatchPanic(Box::pin(task(ctx))).await;
                match outcome {
                    Ok(value) => {
                        tracer.record(id, TraceKind::Finished, Some(&worker), None);
                        let _ = result.set_result(value);
                    }
                    Err(error) => {
                        tracer.record(
                            id,
                            TraceKind::Failed,
                            Some(&worker),
                            Some(error.to_string()),
                        );
                        let _ = result.set_exception(error);
                    }
                }
            }
            shared.lock().live -= 1;
            shared.changed.notify_all();
        };
        self.tracer.record(id, TraceKind::Submitted, None, None);
        let cancel_future = future.clone();
        let cancel = Box::new(move || cancel_future.cancel_running());
        self.schedule(Box::pin(body), Some((id, cancel)))?;
        Ok(future)
    }

    /// Runs one turn of the loop on the calling thread, for a loop whose
    /// own thread never starts (built with a spawner that defers it: a place
    /// with one thread): due timers wake their tasks and the next ready task
    /// runs to its next await; with none ready it waits for the next timer,
    /// but not past `until_ns` on the global clock. False if nothing ran:
    /// nothing was ready by then, or the loop has ended. Such a loop must be
    /// shut down and turned until it ends before it is dropped (dropping
    /// waits for its end).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use futures_lab_core::{EventLoop, Executor, ManualSpawner, Tracer};
    ///
    /// let event_loop = EventLoop::builder()
    ///     .spawner(ManualSpawner::shared())
    ///     .build(Tracer::discard())
    ///     .unwrap();
    /// let task = event_loop.submit_async(|_ctx| async { Ok(7) }).unwrap();
    /// assert!(!task.done());
    /// assert!(event_loop.run_here(None));
    /// assert_eq!(task.try_result().unwrap(), 7);
    /// assert!(!event_loop.run_here(None), "nothing left to run");
    /// // Shut down and turned until it ends, the loop can be dropped.
    /// event_loop.shutdown(false, false);
    /// assert!(!event_loop.run_here(None));
    /// ```
    pub fn run_here(&self, until_ns: Option<u64>) -> bool {
        let _scope = ThreadScope::enter(&Arc::from(MAIN_THREAD));
        match self.shared.run_once(until_ns, true) {
            Turned::Ran => true,
            Turned::Idle => false,
            Turned::Ended => {
                let _ = self.shared.terminated.set_result(());
                false
            }
        }
    }

    /// asyncio's `Task.cancel()`: the task `future` (made by
    /// [`EventLoop::submit_async`]) ends cancelled at its next await, even if
    /// it is running; false if it had already finished.
    pub fn cancel<T>(&self, future: &Future<T>) -> bool {
        if future.done() {
            return false;
        }
        let Some(id) = future.id() else { return false };
        let task = {
            let state = self.shared.lock();
            state
                .tasks
                .iter()
                .find(|(task, _)| *task == id)
                .and_then(|(_, task)| task.upgrade())
        };
        match task {
            Some(task) => {
                task.cancel_requested.store(true, Ordering::Release);
                Waker::from(task).wake();
                true
            }
            None => false,
        }
    }

    /// The program's next turn on the loop, as `loop.call_soon` from another
    /// thread: the future is done once the loop has run the task it is
    /// running to its next await, and every task that was ready before this
    /// call. A program that lives beside the loop (on a thread of its own)
    /// waits for it before it acts on a timeout or a wake-up, and so sees
    /// what a coroutine on the loop would: a timer cannot fire while a task
    /// holds the loop.
    ///
    /// # Errors
    ///
    /// `RuntimeError` after shutdown; `BrokenExecutor` if the loop thread
    /// cannot start.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::{EventLoop, Tracer};
    ///
    /// let event_loop = EventLoop::builder().build(Tracer::discard()).unwrap();
    /// let task = event_loop.submit_async(|_| async { Ok(1) }).unwrap();
    /// event_loop.next_turn().unwrap().result(None).unwrap();
    /// assert!(task.done(), "the task was ready before the program's turn");
    /// ```
    pub fn next_turn(&self) -> Result<Future<()>, Error> {
        let turn = Future::new();
        let reached = turn.clone();
        let shared = Arc::clone(&self.shared);
        self.schedule(
            Box::pin(async move {
                let _ = reached.set_running_or_notify_cancel();
                let _ = reached.set_result(());
                shared.lock().live -= 1;
                shared.changed.notify_all();
            }),
            None,
        )?;
        Ok(turn)
    }

    fn schedule(
        &self,
        body: TaskBody,
        coroutine: Option<(u64, Box<dyn Fn() -> bool + Send + Sync>)>,
    ) -> Result<(), Error> {
        {
            let mut state = self.shared.lock();
            if state.shutdown {
                return Err(Error::new(ErrorKind::Shutdown, SHUTDOWN_MESSAGE));
            }
            state.live += 1;
        }
        let (id, cancel) = coroutine.map_or((None, None), |(id, cancel)| (Some(id), Some(cancel)));
        let task = Arc::new(LoopTask {
            body: Mutex::new(Some(body)),
            shared: Arc::clone(&self.shared),
            cancel,
            cancel_requested: std::sync::atomic::AtomicBool::new(false),
            id,
        });
        if let Some(id) = id {
            self.shared.lock().tasks.push((id, Arc::downgrade(&task)));
        }
        Waker::from(task).wake();
        if let Err(error) = self.start_once() {
            self.shared.lock().live -= 1;
            return Err(error);
        }
        Ok(())
    }
}

/// Turns a panic inside a task's poll into that task's error.
struct CatchPanic<T>(Pin<Box<dyn StdFuture<Output = Result<T, TaskError>> + Send>>);

impl<T> StdFuture for CatchPanic<T> {
    type Output = Result<T, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        // A test's armed fault fires in the first task to run.
        match catch_unwind(AssertUnwindSafe(|| {
            fire_armed_fault();
            inner.poll(cx)
        })) {
            Ok(poll) => poll,
            Err(panic) => Poll::Ready(Err(TaskError::new(
                "PanicException",
                panic_message(panic.as_ref()),
            ))),
        }
    }
}

impl EventLoopBuilder {
    /// Checkpoints yield to the loop, as `await asyncio.sleep(0)` in a loop
    /// body would: a CPU-bound task then no longer stalls the others.
    pub fn cooperative(mut self, cooperative: bool) -> Self {
        self.cooperative = cooperative;
        self
    }

    /// Where the loop's one thread comes from (default: a std thread).
    pub fn spawner(mut self, spawner: Arc<dyn Spawn>) -> Self {
        self.spawner = spawner;
        self
    }

    /// Stops tasks at their next checkpoint when `interrupt` is triggered.
    pub fn interrupt(mut self, interrupt: Interrupt) -> Self {
        self.interrupt = Some(interrupt);
        self
    }

    /// Builds the loop; its thread starts with the first task.
    ///
    /// # Errors
    ///
    /// None today; the signature matches the other executors.
    pub fn build(self, tracer: Tracer) -> Result<EventLoop, Error> {
        Ok(EventLoop {
            shared: Arc::new(LoopShared {
                state: Mutex::new(LoopState::default()),
                changed: Condvar::new(),
                terminated: Future::new(),
                cooperative: self.cooperative,
            }),
            spawner: self.spawner,
            tracer,
            next_id: AtomicU64::new(0),
            worker: Worker {
                name: Arc::from(MAIN_THREAD),
                gil: None,
                interrupt: self.interrupt,
                hand_over: None,
            },
        })
    }
}

impl Executor for EventLoop {
    /// A plain job runs on the loop thread and blocks it while it runs.
    fn execute(&self, job: Job) -> Result<(), Error> {
        let worker = self.worker.clone();
        let shared = Arc::clone(&self.shared);
        self.schedule(
            Box::pin(async move {
                job.run(&worker);
                shared.lock().live -= 1;
                shared.changed.notify_all();
            }),
            None,
        )
    }

    fn shutdown(&self, wait: bool, cancel_futures: bool) {
        let never_started = {
            let mut state = self.shared.lock();
            state.shutdown = true;
            !state.started
        };
        // Tasks already scheduled run to the end: asyncio has no queue of
        // not-yet-started work to cancel, every task is already on the loop.
        let _ = cancel_futures;
        self.shared.changed.notify_all();
        if never_started {
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
        usize::from(self.shared.lock().started)
    }
}

impl Drop for EventLoop {
    fn drop(&mut self) {
        self.shutdown(true, false);
    }
}

impl std::fmt::Debug for EventLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventLoop")
            .field("cooperative", &self.shared.cooperative)
            .finish()
    }
}
