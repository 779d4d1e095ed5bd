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

type JobBody = Box<dyn for<'a> FnOnce(JobAction<'a>) + Send>;
type JobClaim = Box<dyn FnOnce() -> bool + Send>;

/// A queued call: it is run, cancelled or failed exactly once.
pub struct Job {
    id: u64,
    body: JobBody,
    claim: Option<JobClaim>,
}

impl Job {
    /// A job for future `id`.
    pub fn new(id: u64, body: impl for<'a> FnOnce(JobAction<'a>) + Send + 'static) -> Self {
        Self {
            id,
            body: Box::new(body),
            claim: None,
        }
    }

    /// The same job, whose future a worker can mark RUNNING ahead of running
    /// it ([`Job::claim`]): `claim` is `set_running_or_notify_cancel`.
    #[must_use]
    pub fn with_claim(mut self, claim: impl FnOnce() -> bool + Send + 'static) -> Self {
        self.claim = Some(Box::new(claim));
        self
    }

    /// Marks the job's future RUNNING now, as a worker taking it from the
    /// queue does; false if it was cancelled meanwhile (then the job is
    /// done: running it does nothing). A job without a claim is always
    /// taken.
    pub fn claim(&mut self) -> bool {
        self.claim.take().is_none_or(|claim| claim())
    }

    /// The id of the future this job completes.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Runs the job on `worker`: meanwhile this thread counts as that
    /// worker's, so done callbacks it triggers are traced on it.
    pub fn run(self, worker: &Worker) {
        let _scope = ThreadScope::enter(&worker.name);
        (self.body)(JobAction::Run(worker));
    }

    /// Cancels the job's future without running it.
    pub fn cancel(self) {
        (self.body)(JobAction::Cancel);
    }

    /// Fails the job's future with `error` without running it.
    pub fn fail(self, error: TaskError) {
        (self.body)(JobAction::Fail(error));
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("id", &self.id).finish()
    }
}
