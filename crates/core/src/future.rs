//! The future: a result that will exist later, shared between the thread that
//! sets it and the threads that wait for it.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, TryLockError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::error::{Error, ErrorKind, TaskError};
use crate::state::FutureState;

/// What a task ends with: its value or the error it raised.
pub type Outcome<T> = Result<T, TaskError>;

type Callback<T> = Box<dyn FnOnce(&Future<T>) + Send>;

struct Slot<T> {
    state: FutureState,
    outcome: Option<Outcome<T>>,
    callbacks: Vec<Callback<T>>,
    wakers: Vec<Waker>,
}

struct Inner<T> {
    slot: Mutex<Slot<T>>,
    changed: Condvar,
}

/// A handle to the result of a task, as Python's `concurrent.futures.Future`.
///
/// Clones share one state. Every blocking call has a non-blocking twin
/// ([`Future::try_result`], [`Future::try_exception`]) and an async twin
/// ([`Future::result_async`]); the browser's main thread uses only the twins.
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
                }),
                changed: Condvar::new(),
            }),
        }
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
    /// false if it is running or finished.
    pub fn cancel(&self) -> bool {
        let mut slot = self.lock();
        match slot.state {
            FutureState::Running | FutureState::Finished => return false,
            FutureState::Cancelled | FutureState::CancelledAndNotified => return true,
            FutureState::Pending => slot.state = FutureState::Cancelled,
        }
        self.settle(slot);
        true
    }

    /// Called by an executor before it runs the task: moves PENDING to RUNNING
    /// (true), or CANCELLED to CANCELLED_AND_NOTIFIED (false: do not run it).
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
                drop(slot);
                self.inner.changed.notify_all();
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
                format!("{}: cannot set the outcome twice", slot.state),
            ));
        }
        slot.outcome = Some(outcome);
        slot.state = FutureState::Finished;
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

    fn invoke(&self, callback: Callback<T>) {
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
    /// use [`Future::result_async`] there. A finite timeout needs a native clock.
    pub fn result(&self, timeout: Option<Duration>) -> Result<T, Error> {
        let slot = self.wait_done(timeout);
        Self::read(&slot).unwrap_or_else(|| Err(Error::timeout("")))
    }

    fn wait_done(&self, timeout: Option<Duration>) -> MutexGuard<'_, Slot<T>> {
        let slot = self.lock();
        let not_done = |slot: &mut Slot<T>| !slot.state.is_done();
        match timeout {
            None => self
                .inner
                .changed
                .wait_while(slot, not_done)
                .unwrap_or_else(|e| e.into_inner()),
            Some(timeout) => {
                self.inner
                    .changed
                    .wait_timeout_while(slot, timeout, not_done)
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
        }
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
    pub fn result_async(&self) -> WaitResult<T> {
        WaitResult {
            future: self.clone(),
        }
    }
}

/// The async twin of [`Future::result`], made by [`Future::result_async`].
#[must_use = "futures do nothing unless polled"]
pub struct WaitResult<T> {
    future: Future<T>,
}

impl<T: Clone> std::future::Future for WaitResult<T> {
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
        let slot = match self.inner.slot.try_lock() {
            Ok(slot) => slot,
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
            Err(TryLockError::WouldBlock) => return f.write_str("<Future state=busy>"),
        };
        match (&slot.state, &slot.outcome) {
            (FutureState::Finished, Some(Err(error))) => {
                write!(f, "<Future state=finished raised {}>", error.class())
            }
            (FutureState::Finished, _) => write!(
                f,
                "<Future state=finished returned {}>",
                std::any::type_name::<T>()
            ),
            (state, _) => write!(f, "<Future state={}>", state.to_string().to_lowercase()),
        }
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
