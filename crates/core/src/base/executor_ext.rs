//! `submit` and `map`, written once for every executor.

use std::sync::Arc;

use crate::base::error::{Error, TaskError};
use crate::base::executor::Executor;
use crate::base::future::Future;
use crate::base::map::{MapIter, MapOptions};
use crate::base::submit::submit;
use crate::context::TaskContext;

/// `submit` and `map` for every [`Executor`].
pub trait ExecutorExt: Executor {
    /// Schedules `task` and returns the future of its result.
    ///
    /// # Errors
    ///
    /// As [`Executor::execute`].
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::{ExecutorExt, Sequential, Tracer};
    ///
    /// let executor = Sequential::new(Tracer::discard());
    /// let future = executor.submit(|_ctx| Ok(6 * 7)).unwrap();
    /// assert_eq!(future.try_result().unwrap(), 42);
    /// ```
    fn submit<T, F>(&self, task: F) -> Result<Future<T>, Error>
    where
        T: Send + 'static,
        F: FnOnce(&TaskContext) -> Result<T, TaskError> + Send + 'static,
    {
        submit(self, task)
    }

    /// Calls `task` on every input, all submitted at once (or `buffersize`
    /// at a time), and returns the results in input order.
    ///
    /// # Errors
    ///
    /// `ValueError` for `buffersize` 0; a submit error.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_core::{ExecutorExt, MapOptions, ThreadPool, Tracer};
    ///
    /// let pool = ThreadPool::builder().max_workers(2).build(Tracer::discard()).unwrap();
    /// let squares: Vec<u64> = pool
    ///     .map(|n: u64, _ctx| Ok(n * n), [3, 1, 2], MapOptions::default())
    ///     .unwrap()
    ///     .map(Result::unwrap)
    ///     .collect();
    /// assert_eq!(squares, vec![9, 1, 4]);
    /// ```
    fn map<I, T, F, It>(
        &self,
        task: F,
        inputs: It,
        options: MapOptions,
    ) -> Result<MapIter<'_, T>, Error>
    where
        I: Send + 'static,
        T: Clone + Send + 'static,
        F: Fn(I, &TaskContext) -> Result<T, TaskError> + Send + Sync + 'static,
        It: IntoIterator<Item = I>,
        It::IntoIter: 'static,
    {
        MapIter::start(self, Arc::new(task), inputs.into_iter(), options)
    }
}

impl<E: Executor + ?Sized> ExecutorExt for E {}
