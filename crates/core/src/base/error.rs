//! Errors of the futures API (CPython's exception classes) and of tasks.

use std::fmt;

/// The message of `submit` after `shutdown`, as CPython words it.
pub const SHUTDOWN_MESSAGE: &str = "cannot schedule new futures after shutdown";
/// The message for `max_workers` below 1, as CPython words it.
pub const MAX_WORKERS_MESSAGE: &str = "max_workers must be greater than 0";

/// Which of CPython's exception classes an [`Error`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `concurrent.futures.CancelledError`: the future was cancelled.
    Cancelled,
    /// `TimeoutError`: the result did not arrive in time.
    Timeout,
    /// `InvalidStateError`: an operation not allowed in the future's state.
    InvalidState,
    /// `RuntimeError` from `submit` after `shutdown`.
    Shutdown,
    /// `ValueError` from a bad argument such as `max_workers=0`.
    InvalidArgument,
    /// `BrokenExecutor`: the executor can no longer run work.
    BrokenExecutor,
    /// The task itself failed; its [`TaskError`] is attached.
    Task,
}

/// An error of the futures API, or the failure of a task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of the given kind with its message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// `CancelledError`.
    pub fn cancelled() -> Self {
        Self::new(ErrorKind::Cancelled, "")
    }

    /// `TimeoutError` with its message.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Timeout, message)
    }

    /// Which exception class this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the class name.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<TaskError> for Error {
    fn from(error: TaskError) -> Self {
        Self::new(ErrorKind::Task, error.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let class = match self.kind {
            ErrorKind::Cancelled => "CancelledError",
            ErrorKind::Timeout => "TimeoutError",
            ErrorKind::InvalidState => "InvalidStateError",
            ErrorKind::Shutdown => "RuntimeError",
            ErrorKind::InvalidArgument => "ValueError",
            ErrorKind::BrokenExecutor => "BrokenExecutor",
            ErrorKind::Task => return f.write_str(&self.message),
        };
        if self.message.is_empty() {
            f.write_str(class)
        } else {
            write!(f, "{class}: {}", self.message)
        }
    }
}

impl std::error::Error for Error {}

/// The exception a task raised: a Python-style class name and a message.
///
/// # Examples
///
/// ```
/// use futures_lab_core::TaskError;
///
/// let error = TaskError::new("ValueError", "points must not be negative");
/// assert_eq!(error.to_string(), "ValueError: points must not be negative");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskError {
    class: String,
    message: String,
    cause: Option<String>,
}

impl TaskError {
    /// An error of a Python exception class (`ValueError`, `ConnectionError`, ...).
    pub fn new(class: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            class: class.into(),
            message: message.into(),
            cause: None,
        }
    }

    /// The same error with where it came from, as Python's `__cause__`
    /// (a process pool's worker-side traceback): kept beside the error, never
    /// in its message, so that `str(error)` stays the message alone.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::TaskError;
    ///
    /// let error = TaskError::new("ValueError", "bad").with_cause("raised in worker process SpawnProcess-1");
    /// assert_eq!(error.to_string(), "ValueError: bad");
    /// assert_eq!(error.cause(), Some("raised in worker process SpawnProcess-1"));
    /// ```
    #[must_use]
    pub fn with_cause(mut self, cause: impl Into<String>) -> Self {
        self.cause = Some(cause.into());
        self
    }

    /// Where the error came from (see [`TaskError::with_cause`]), if known.
    pub fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
    }

    /// The exception class name.
    pub fn class(&self) -> &str {
        &self.class
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class, self.message)
    }
}

impl std::error::Error for TaskError {}
