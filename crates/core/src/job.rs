//! A unit of work queued in an executor.

use crate::base::error::TaskError;
use crate::thread_name::ThreadScope;
use crate::worker::Worker;

/// What an executor does with a queued job.
#[derive(Debug)]
pub enum JobAction<'a> {
    /// Run it on this worker.
    Run(&'a Worker),
    /// Cancel its future without running it (`shutdown(cancel_futures=True)`).
    Cancel,
    /// Fail its future without running it (a broken executor).
    Fail(TaskError),
}

/// What a queued call is: how a worker marks its future RUNNING as it takes
/// it, and what runs, cancels or fails it. One value holds both, so that a
/// call costs one allocation.
pub trait JobBody: Send {
    /// Marks the job's future RUNNING (`set_running_or_notify_cancel`):
    /// false if it was cancelled meanwhile. A body without a future to
    /// claim is always taken.
    fn claim(&mut self) -> bool {
        true
    }

    /// Runs, cancels or fails the job, once.
    fn act(self: Box<Self>, action: JobAction<'_>);
}

/// A queued call: it is run, cancelled or failed exactly once.
pub struct Job {
    id: u64,
    body: Box<dyn JobBody>,
    claimed: bool,
}

impl Job {
    /// A job for future `id`, which `body` claims ([`Job::claim`]) and
    /// runs, cancels or fails.
    pub fn new(id: u64, body: impl JobBody + 'static) -> Self {
        Self {
            id,
            body: Box::new(body),
            claimed: false,
        }
    }

    /// Marks the job's future RUNNING now, as a worker taking it from the
    /// queue does; false if it was cancelled meanwhile (then the job is
    /// done: running it does nothing). Claimed once: asked again, true.
    pub fn claim(&mut self) -> bool {
        if self.claimed {
            return true;
        }
        self.claimed = true;
        self.body.claim()
    }

    /// The id of the future this job completes.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Runs the job on `worker`: meanwhile this thread counts as that
    /// worker's, so done callbacks it triggers are traced on it.
    pub fn run(self, worker: &Worker) {
        let _scope = ThreadScope::enter(&worker.name);
        self.body.act(JobAction::Run(worker));
    }

    /// Cancels the job's future without running it.
    pub fn cancel(self) {
        self.body.act(JobAction::Cancel);
    }

    /// Fails the job's future with `error` without running it.
    pub fn fail(self, error: TaskError) {
        self.body.act(JobAction::Fail(error));
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("id", &self.id).finish()
    }
}
