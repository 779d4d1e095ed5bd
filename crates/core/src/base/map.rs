//! `Executor.map`: results in input order.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use crate::base::deadline::Deadline;
use crate::base::error::{Error, ErrorKind, TaskError};
use crate::base::executor::Executor;
use crate::base::future::Future;
use crate::base::submit::submit;
use crate::context::TaskContext;
use crate::python_version::PythonVersion;

/// What `map` does after a call fails.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapOnError {
    /// Up to Python 3.14: the error ends the iteration and the remaining
    /// calls are cancelled.
    #[default]
    Stop,
    /// Newer Python: the error is yielded and iteration goes on.
    Continue,
}

impl MapOnError {
    /// The rule of a Python version.
    pub fn of(version: PythonVersion) -> Self {
        if version.map_continues_after_error() {
            Self::Continue
        } else {
            Self::Stop
        }
    }
}

/// The options of `map`, as `Executor.map`'s keyword arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapOptions {
    /// One deadline from the `map` call for all results.
    pub timeout: Option<Duration>,
    /// Calls sent to a worker at once; only process pools use it (CPython's
    /// thread pool ignores it too).
    pub chunksize: usize,
    /// At most this many calls submitted ahead of the results read (3.14);
    /// `None` submits all at once.
    pub buffersize: Option<usize>,
    /// What a failed call does to the iteration.
    pub on_error: MapOnError,
}

impl Default for MapOptions {
    fn default() -> Self {
        Self {
            timeout: None,
            chunksize: 1,
            buffersize: None,
            on_error: MapOnError::Stop,
        }
    }
}

/// The message for a `buffersize` below 1, as CPython words it.
pub const BUFFERSIZE_MESSAGE: &str = "buffersize must be None or > 0";

type Submitter<'a, T> = Box<dyn FnMut() -> Option<Result<Future<T>, Error>> + 'a>;

/// The iterator made by [`ExecutorExt::map`](crate::ExecutorExt::map): each call's result in input
/// order. It lets go of each future once read; dropping it cancels the calls
/// not yet read.
///
/// # Blocking
///
/// `next()` blocks until the next result in input order is ready.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct MapIter<'a, T> {
    futures: VecDeque<Future<T>>,
    /// Submits the next input, while `buffersize` is in force.
    refill: Option<Submitter<'a, T>>,
    deadline: Deadline,
    on_error: MapOnError,
    over: bool,
}

impl<'a, T: Clone + Send + 'static> MapIter<'a, T> {
    pub(crate) fn start<E, I, F>(
        executor: &'a E,
        task: Arc<F>,
        mut inputs: impl Iterator<Item = I> + 'static,
        options: MapOptions,
    ) -> Result<Self, Error>
    where
        E: Executor + ?Sized,
        I: Send + 'static,
        F: Fn(I, &TaskContext) -> Result<T, TaskError> + Send + Sync + 'static,
    {
        if options.buffersize == Some(0) {
            return Err(Error::new(ErrorKind::InvalidArgument, BUFFERSIZE_MESSAGE));
        }
        let deadline = Deadline::after(options.timeout);
        let mut submit_next = move || {
            let input = inputs.next()?;
            let task = Arc::clone(&task);
            Some(submit(executor, move |ctx| task(input, ctx)))
        };
        let ahead = options.buffersize.unwrap_or(usize::MAX);
        let mut futures = VecDeque::new();
        while futures.len() < ahead {
            match submit_next() {
                Some(future) => futures.push_back(future?),
                None => break,
            }
        }
        Ok(Self {
            futures,
            refill: options
                .buffersize
                .map(|_| Box::new(submit_next) as Submitter<'a, T>),
            deadline,
            on_error: options.on_error,
            over: false,
        })
    }
}

impl<T> MapIter<'static, T> {
    /// The result iterator of a `map` whose calls were all submitted already
    /// (`map` is exactly that: submit every call, then read in input order).
    /// `buffersize` does not apply; the timeout runs from now.
    pub fn over(futures: Vec<Future<T>>, options: MapOptions) -> Self {
        Self {
            futures: futures.into(),
            refill: None,
            deadline: Deadline::after(options.timeout),
            on_error: options.on_error,
            over: false,
        }
    }
}

impl<T> MapIter<'_, T> {
    fn cancel_rest(&mut self) {
        self.over = true;
        self.refill = None;
        for future in self.futures.drain(..) {
            future.cancel();
        }
    }
}

impl<T: Clone> MapIter<'_, T> {
    /// The async twin of `next()` (the timeout does not apply): the next
    /// result in input order, awaited without blocking.
    pub async fn next_async(&mut self) -> Option<Result<T, Error>> {
        if self.over {
            return None;
        }
        if let Err(error) = self.refill_one() {
            return Some(Err(error));
        }
        let future = self.futures.pop_front()?;
        let result = future.result_async().await;
        self.after_result(&result);
        Some(result)
    }

    /// Submits one more input while `buffersize` is in force. A failed
    /// submit ends the iteration, and its error is the last item.
    fn refill_one(&mut self) -> Result<(), Error> {
        if let Some(refill) = &mut self.refill {
            match refill() {
                Some(Ok(future)) => self.futures.push_back(future),
                Some(Err(error)) => {
                    self.cancel_rest();
                    return Err(error);
                }
                None => self.refill = None,
            }
        }
        Ok(())
    }

    fn after_result(&mut self, result: &Result<T, Error>) {
        if let Err(error) = result {
            let timed_out = error.kind() == ErrorKind::Timeout;
            if timed_out || self.on_error == MapOnError::Stop {
                self.cancel_rest();
            }
        }
    }
}

impl<T: Clone> Iterator for MapIter<'_, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.over {
            return None;
        }
        if let Err(error) = self.refill_one() {
            return Some(Err(error));
        }
        let future = self.futures.pop_front()?;
        let result = future.result(self.deadline.remaining());
        // CPython's _result_or_cancel: a late future is cancelled too.
        future.cancel();
        self.after_result(&result);
        Some(result)
    }
}

impl<T> Drop for MapIter<'_, T> {
    fn drop(&mut self) {
        self.cancel_rest();
    }
}
