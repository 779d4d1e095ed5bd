//! `Executor.submit`: a task made a job whose future the caller holds.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::base::error::{Error, TaskError};
use crate::base::executor::Executor;
use crate::base::future::{panic_message, Future};
use crate::context::TaskContext;
use crate::job::{Job, JobAction, JobBody};
use crate::running_task::{fire_armed_fault, RunningScope};
use crate::trace::{TraceKind, Tracer};
use crate::worker::Worker;

/// Schedules `task` on `executor` and returns the future of its result
/// (see [`ExecutorExt::submit`](crate::ExecutorExt::submit)).
pub(crate) fn submit<E, T, F>(executor: &E, task: F) -> Result<Future<T>, Error>
where
    E: Executor + ?Sized,
    T: Send + 'static,
    F: FnOnce(&TaskContext) -> Result<T, TaskError> + Send + 'static,
{
    let id = executor.next_id();
    let tracer = executor.tracer().clone();
    let future = Future::traced(id, tracer.clone());
    tracer.record(id, TraceKind::Submitted, None, None);
    let job = Job::new(
        id,
        Submitted {
            id,
            future: future.clone(),
            task,
            tracer,
        },
    );
    executor.execute(job)?;
    Ok(future)
}

/// A submitted call as its executor queues it: the task, and the future it
/// completes (which a worker claims RUNNING as it takes the call).
struct Submitted<T, F> {
    id: u64,
    future: Future<T>,
    task: F,
    tracer: Tracer,
}

impl<T, F> JobBody for Submitted<T, F>
where
    T: Send + 'static,
    F: FnOnce(&TaskContext) -> Result<T, TaskError> + Send + 'static,
{
    fn claim(&mut self) -> bool {
        self.future.set_running_or_notify_cancel().unwrap_or(false)
    }

    fn act(self: Box<Self>, action: JobAction<'_>) {
        let Self {
            id,
            future,
            task,
            tracer,
        } = *self;
        match action {
            JobAction::Run(worker) => run_task(id, &future, task, worker, &tracer),
            JobAction::Cancel => {
                future.cancel();
            }
            JobAction::Fail(error) => {
                tracer.record(id, TraceKind::Failed, None, Some(error.to_string()));
                let _ = future.set_exception(error);
            }
        }
    }
}

fn run_task<T, F>(id: u64, future: &Future<T>, task: F, worker: &Worker, tracer: &Tracer)
where
    F: FnOnce(&TaskContext) -> Result<T, TaskError>,
{
    // A worker's hand-over may have claimed the call already (RUNNING).
    if !(future.running() || future.set_running_or_notify_cancel().unwrap_or(false)) {
        return;
    }
    tracer.record(id, TraceKind::Started, Some(&worker.name), None);
    let mut ctx =
        TaskContext::new(id, Arc::clone(&worker.name), tracer.clone()).with_gil(worker.gil.clone());
    if let Some(interrupt) = &worker.interrupt {
        ctx = ctx.with_interrupt(interrupt.clone());
    }
    ctx.enter();
    let running = RunningScope::enter(id, &worker.name);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        fire_armed_fault();
        task(&ctx)
    }))
    .unwrap_or_else(|panic| {
        Err(TaskError::new(
            "PanicException",
            panic_message(panic.as_ref()),
        ))
    });
    drop(running);
    ctx.leave();
    if let Some(hand_over) = &worker.hand_over {
        (hand_over.0)();
    }
    match outcome {
        Ok(value) => {
            tracer.record(id, TraceKind::Finished, Some(&worker.name), None);
            let _ = future.set_result(value);
        }
        Err(error) => {
            tracer.record(
                id,
                TraceKind::Failed,
                Some(&worker.name),
                Some(error.to_string()),
            );
            let _ = future.set_exception(error);
        }
    }
}
