//! The future: a result that will exist later, shared between the thread that
//! sets it and the threads that wait for it.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, TryLockError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::base::deadline::{wait_while_until, Deadline};
use crate::base::error::{Error, ErrorKind, TaskError};
use crate::base::signal::Signal;
use crate::base::state::FutureState;
use crate::base::waiter::Waiter;
use crate::thread_name::current_thread_name;
use crate::trace::{TraceKind, Tracer};

/// What a task ends with: its value or the error it raised.
pub type Outcome<T> = Result<T, TaskError>;

type Callback<T> = Box<dyn FnOnce(&Future<T>) + Send>;

struct Slot<T> {
    state: FutureState,
    outcome: Option<Outcome<T>>,
    callbacks: Vec<Callback<T>>,
    wakers: Vec<Waker>,
    waiters: Vec<(Arc<Waiter>, usize)>,
}

struct Inner<T> {
    slot: Mutex<Slot<T>>,
    changed: Signal,
    trace: OnceLock<(u64, Tracer)>,
}

/// A handle to the result of a task, as Python's `concurrent.futures.Future`.
///
/// Clones share one state. Every blocking call has a non-blocking twin
/// ([`Future::try_result`], [`Future::try_exception`]) and an async twin
/// ([`Future::result_async`], [`Future::exception_async`]); the browser's main
/// thread uses only the twins.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{Future, FutureState};
///
/// let future = Future::new();
/// assert_eq!(future.state(), FutureState::Pending);
/// assert!(future.set_running_or_notify_cancel().unwrap());
/// future.set_result(42).unwrap();
/// assert_eq!(future.result(None).unwrap(), 42);
/// ```
#[must_use = "a future does nothing unless its result is asked for"]
pub struct Future<T> {
    inner: Arc<Inner<T>>,
}

impl<T> Clone for Future<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T> PartialEq for Future<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<T> Eq for Future<T> {}

impl<T> std::hash::Hash for Future<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        Arc::as_ptr(&self.inner).hash(state);
    }
}

impl<T> Default for Future<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Future<T> {
    /// A new pending future.
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Inner {
                slot: Mutex::new(Slot {
                    state: FutureState::Pending,
                    outcome: None,
                    callbacks: Vec::new(),
                    wakers: Vec::new(),
                    waiters: Vec::new(),
                }),
                changed: Signal::new(),
                trace: OnceLock::new(),
            }),
        }
    }

    /// A future of an executor's task `id`: its cancellation and the runs
    /// of its callbacks are recorded as events of `id` in `tracer`.
    pub fn traced(id: u64, tracer: Tracer) -> Self {
        let future = Self::new();
        let _ = future.inner.trace.set((id, tracer));
        future
    }

    /// Identity of the shared state (what `==` compares), for sets of futures.
    pub(crate) fn key(&self) -> usize {
        Arc::as_ptr(&self.inner) as *const () as usize
    }

    /// The id given by the executor that made it, if any.
    pub fn id(&self) -> Option<u64> {
        self.inner.trace.get().map(|(id, _)| *id)
    }

    fn lock(&self) -> MutexGuard<'_, Slot<T>> {
        self.inner.slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current state.
    pub fn state(&self) -> FutureState {
        self.lock().state
    }

    /// True while a worker runs it.
    pub fn running(&self) -> bool {
        self.state() == FutureState::Running
    }

    /// True once cancelled.
    pub fn cancelled(&self) -> bool {
        self.state().is_cancelled()
    }

    /// True once cancelled or finished.
    pub fn done(&self) -> bool {
        self.state().is_done()
    }

    /// Cancels the future if it has not started: true if it is (now) cancelled,
    /// false if it is running or finished. Runs the done callbacks; `wait` and
    /// `as_completed` hear of it only once the executor notices
    /// ([`Future::set_running_or_notify_cancel`]).
    pub fn cancel(&self) -> bool {
        let mut slot = self.lock();
        match slot.state {
            FutureState::Running | FutureState::Finished => return false,
            FutureState::Cancelled | FutureState::CancelledAndNotified => return true,
            FutureState::Pending => slot.state = FutureState::Cancelled,
        }
        if let Some((id, tracer)) = self.inner.trace.get() {
            tracer.record(*id, TraceKind::Cancelled, None, None);
        }
        self.settle(slot);
        true
    }

    /// asyncio's `Task.cancel()` taking effect: a pending *or running* task
    /// ends cancelled (its coroutine was dropped at an await). Waiters and
    /// callbacks are told at once. False if it had already finished.
    pub fn cancel_running(&self) -> bool {
        let mut slot = self.lock();
        if slot.state.is_done() {
            return false;
        }
        slot.state = FutureState::CancelledAndNotified;
        for (waiter, index) in &slot.waiters {
            waiter.add_completed(*index);
        }
        if let Some((id, tracer)) = self.inner.trace.get() {
            tracer.record(*id, TraceKind::Cancelled, None, None);
        }
        self.settle(slot);
        true
    }

    /// Called by an executor before it runs the task: moves PENDING to RUNNING
    /// (true), or CANCELLED to CANCELLED_AND_NOTIFIED, telling the waiters
    /// (false: do not run it).
    ///
    /// # Errors
    ///
    /// `InvalidStateError` in any other state.
    pub fn set_running_or_notify_cancel(&self) -> Result<bool, Error> {
        let mut slot = self.lock();
        match slot.state {
            FutureState::Pending => {
                slot.state = FutureState::Running;
                drop(slot);
                self.inner.changed.notify_all();
                Ok(true)
            }
            FutureState::Cancelled => {
                slot.state = FutureState::CancelledAndNotified;
                for (waiter, index) in &slot.waiters {
                    waiter.add_completed(*index);
                }
                let wakers = std::mem::take(&mut slot.wakers);
                drop(slot);
                self.inner.changed.notify_all();
                wakers.into_iter().for_each(Waker::wake);
                Ok(false)
            }
            state => Err(Error::new(
                ErrorKind::InvalidState,
                format!("Future in unexpected state: {state}"),
            )),
        }
    }

    /// Finishes the future with a value.
    ///
    /// # Errors
    ///
    /// `InvalidStateError` if it is already finished or cancelled; the first
    /// outcome is kept.
    pub fn set_result(&self, value: T) -> Result<(), Error> {
        self.finish(Ok(value))
    }

    /// Finishes the future with an error.
    ///
    /// # Errors
    ///
    /// `InvalidStateError` if it is already finished or cancelled; the first
    /// outcome is kept.
    pub fn set_exception(&self, error: TaskError) -> Result<(), Error> {
        self.finish(Err(error))
    }

    fn finish(&self, outcome: Outcome<T>) -> Result<(), Error> {
        let mut slot = self.lock();
        if slot.state.is_done() {
            return Err(Error::new(
                ErrorKind::InvalidState,
                format!("{}: {}", slot.state, describe(&slot)),
            ));
        }
        let failed = outcome.is_err();
        slot.outcome = Some(outcome);
        slot.state = FutureState::Finished;
        for (waiter, index) in &slot.waiters {
            if failed {
                waiter.add_exception(*index);
            } else {
                waiter.add_completed(*index);
            }
        }
        self.settle(slot);
        Ok(())
    }

    /// Wakes every waiter and runs the callbacks, outside the lock.
    fn settle(&self, mut slot: MutexGuard<'_, Slot<T>>) {
        let callbacks = std::mem::take(&mut slot.callbacks);
        let wakers = std::mem::take(&mut slot.wakers);
        drop(slot);
        self.inner.changed.notify_all();
        wakers.into_iter().for_each(Waker::wake);
        for callback in callbacks {
            self.invoke(callback);
        }
    }

    /// Runs one callback here, traced with the executor thread this is (or
    /// none: the program's own thread).
    fn invoke(&self, callback: Callback<T>) {
        if let Some((id, tracer)) = self.inner.trace.get() {
            let thread = current_thread_name();
            tracer.record(*id, TraceKind::Callback, thread.as_ref(), None);
        }
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| callback(self))) {
            eprintln!(
                "exception calling callback for {self:?}: {}",
                panic_message(panic.as_ref())
            );
        }
    }

    /// Runs `callback` with this future once it is done: at once, in this
    /// thread, if it already is; otherwise in the thread that completes it.
    /// Callbacks run in the order they were added; one that panics is logged
    /// and does not stop the others.
    pub fn add_done_callback(&self, callback: impl FnOnce(&Future<T>) + Send + 'static) {
        let mut slot = self.lock();
        if slot.state.is_done() {
            drop(slot);
            self.invoke(Box::new(callback));
        } else {
            slot.callbacks.push(Box::new(callback));
        }
    }

    /// Registers `waiter` for this future as `index` unless it has completed
    /// already in the sense of `wait` (finished, or cancelled and noticed):
    /// true if it has. Checking and registering is one step, so no completion
    /// is missed.
    pub(crate) fn install_waiter(&self, waiter: &Arc<Waiter>, index: usize) -> bool {
        let mut slot = self.lock();
        if matches!(
            slot.state,
            FutureState::Finished | FutureState::CancelledAndNotified
        ) {
            return true;
        }
        waiter.expect_one();
        slot.waiters.push((Arc::clone(waiter), index));
        false
    }

    /// Unregisters `waiter`.
    pub(crate) fn remove_waiter(&self, waiter: &Arc<Waiter>) {
        self.lock().waiters.retain(|(w, _)| !Arc::ptr_eq(w, waiter));
    }

    /// True if it failed (finished with an error).
    pub(crate) fn failed(&self) -> bool {
        matches!(self.lock().outcome, Some(Err(_)))
    }

    /// For async twins: the state and whether it failed, never blocking
    /// (`None` while another thread holds the lock). Unless it has completed
    /// in the sense of `wait`, `waker` is woken at the next change.
    pub(crate) fn poll_state(&self, waker: &Waker) -> Option<(FutureState, bool)> {
        let mut slot = match self.inner.slot.try_lock() {
            Ok(slot) => slot,
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
            Err(TryLockError::WouldBlock) => return None,
        };
        let state = slot.state;
        if !matches!(
            state,
            FutureState::Finished | FutureState::CancelledAndNotified
        ) && !slot.wakers.iter().any(|w| w.will_wake(waker))
        {
            slot.wakers.push(waker.clone());
        }
        Some((state, matches!(slot.outcome, Some(Err(_)))))
    }
}

impl<T: Clone> Future<T> {
    fn read(slot: &Slot<T>) -> Option<Result<T, Error>> {
        match slot.state {
            FutureState::Pending | FutureState::Running => None,
            FutureState::Cancelled | FutureState::CancelledAndNotified => {
                Some(Err(Error::cancelled()))
            }
            FutureState::Finished => match &slot.outcome {
                Some(Ok(value)) => Some(Ok(value.clone())),
                Some(Err(error)) => Some(Err(error.clone().into())),
                None => unreachable!("a finished future always holds its outcome"),
            },
        }
    }

    /// The result if the future is done, without waiting.
    ///
    /// # Errors
    ///
    /// `TimeoutError` if it is not done, `CancelledError` if cancelled, the
    /// task's error if it failed.
    pub fn try_result(&self) -> Result<T, Error> {
        Self::read(&self.lock()).unwrap_or_else(|| Err(Error::timeout("")))
    }

    /// The result, waiting up to `timeout` (forever with `None`).
    ///
    /// # Errors
    ///
    /// As [`Future::try_result`] once the wait is over.
    ///
    /// # Blocking
    ///
    /// Blocks the calling thread: never call it on the browser's main thread;
    /// use [`Future::result_async`] there.
    pub fn result(&self, timeout: Option<Duration>) -> Result<T, Error> {
        let slot = self.wait_done(timeout);
        Self::read(&slot).unwrap_or_else(|| Err(Error::timeout("")))
    }

    fn wait_done(&self, timeout: Option<Duration>) -> MutexGuard<'_, Slot<T>> {
        let deadline = Deadline::after(timeout);
        wait_while_until(
            &self.inner.changed,
            || self.lock(),
            deadline,
            |slot| !slot.state.is_done(),
        )
    }

    /// The error the task raised (`None` if it succeeded), without waiting.
    ///
    /// # Errors
    ///
    /// `TimeoutError` if it is not done, `CancelledError` if cancelled.
    pub fn try_exception(&self) -> Result<Option<TaskError>, Error> {
        Self::exception_of(&self.lock())
    }

    /// The error the task raised (`None` if it succeeded), waiting up to
    /// `timeout`.
    ///
    /// # Errors
    ///
    /// As [`Future::try_exception`] once the wait is over.
    ///
    /// # Blocking
    ///
    /// Blocks the calling thread, as [`Future::result`].
    pub fn exception(&self, timeout: Option<Duration>) -> Result<Option<TaskError>, Error> {
        Self::exception_of(&self.wait_done(timeout))
    }

    fn exception_of(slot: &Slot<T>) -> Result<Option<TaskError>, Error> {
        match slot.state {
            FutureState::Pending | FutureState::Running => Err(Error::timeout("")),
            FutureState::Cancelled | FutureState::CancelledAndNotified => Err(Error::cancelled()),
            FutureState::Finished => Ok(slot.outcome.as_ref().and_then(|o| o.clone().err())),
        }
    }

    /// The async twin of [`Future::result`]: resolves once the future is done.
    /// It never blocks: polling only ever tries the lock.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::future::Future as _;
    /// use futures_lab_core::Future;
    ///
    /// let future = Future::new();
    /// let waiting = future.result_async();
    /// future.set_result("done").unwrap();
    /// # let waker = std::task::Waker::noop();
    /// # let mut cx = std::task::Context::from_waker(&waker);
    /// # let mut waiting = std::pin::pin!(waiting);
    /// assert!(matches!(waiting.as_mut().poll(&mut cx), std::task::Poll::Ready(Ok("done"))));
    /// ```
    pub fn result_async(&self) -> ResultAsync<T> {
        ResultAsync {
            future: self.clone(),
        }
    }

    /// The async twin of [`Future::exception`].
    pub async fn exception_async(&self) -> Result<Option<TaskError>, Error> {
        match self.result_async().await {
            Ok(_) => Ok(None),
            Err(error) if error.kind() == ErrorKind::Cancelled => Err(error),
            Err(_) => self.try_exception(),
        }
    }
}

/// The async twin of [`Future::result`], made by [`Future::result_async`].
#[must_use = "futures do nothing unless polled"]
pub struct ResultAsync<T> {
    future: Future<T>,
}

impl<T: Clone> std::future::Future for ResultAsync<T> {
    type Output = Result<T, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = match self.future.inner.slot.try_lock() {
            Ok(slot) => slot,
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
            Err(TryLockError::WouldBlock) => {
                // Another thread is settling it right now: look again soon.
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
        };
        match Future::read(&slot) {
            Some(result) => Poll::Ready(result),
            None => {
                slot.wakers.push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl<T> fmt::Debug for Future<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.inner.slot.try_lock() {
            Ok(slot) => f.write_str(&describe(&slot)),
            Err(TryLockError::Poisoned(e)) => f.write_str(&describe(&e.into_inner())),
            Err(TryLockError::WouldBlock) => f.write_str("<Future state=busy>"),
        }
    }
}

/// CPython's repr: `<Future state=finished returned u64>`.
fn describe<T>(slot: &Slot<T>) -> String {
    match (&slot.state, &slot.outcome) {
        (FutureState::Finished, Some(Err(error))) => {
            format!("<Future state=finished raised {}>", error.class())
        }
        (FutureState::Finished, _) => format!(
            "<Future state=finished returned {}>",
            std::any::type_name::<T>()
        ),
        (state, _) => format!("<Future state={}>", state.to_string().to_lowercase()),
    }
}

/// The text of a panic payload.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic with a non-text payload".to_owned()
    }
}
