//! The watcher: a thread of the run that applies the page's commands to the
//! program's futures and executor, while the program itself goes on.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_lab_core::{Clock, Error, Future, FutureState, ProcessPool, Spawn};

use crate::control::{Command, ControlNote, ControlOutcome, RunControl};
use crate::env::RunEnv;
use crate::report::task_state::TaskState;

/// How often the watcher looks for commands.
const TICK: Duration = Duration::from_millis(5);

/// What a command acts on: the executor, as the program holds it.
pub(crate) trait Controlled<T>: Send + Sync {
    /// Cancels one future as the program would: `Future.cancel()`, or
    /// asyncio's `Task.cancel()`.
    fn cancel(&self, future: &Future<T>) -> bool;

    /// True for the asyncio loop, where `cancel()` reaches running tasks.
    fn is_event_loop(&self) -> bool;

    /// `executor.shutdown(wait, cancel_futures)`.
    fn shutdown(&self, wait: bool, cancel_futures: bool);
}

impl Controlled<Vec<u8>> for ProcessPool {
    fn cancel(&self, future: &Future<Vec<u8>>) -> bool {
        future.cancel()
    }

    fn is_event_loop(&self) -> bool {
        false
    }

    fn shutdown(&self, wait: bool, cancel_futures: bool) {
        ProcessPool::shutdown(self, wait, cancel_futures);
    }
}

/// What the program and the watcher share.
struct Watched<T> {
    /// Every future submitted so far, in submission order (index = id).
    futures: Mutex<Vec<Future<T>>>,
    /// The producer may still submit.
    producing: AtomicBool,
    /// The program is done with its executor: take the last commands, then end.
    finished: AtomicBool,
}

/// The running watcher. Dropping it (or [`Watcher::finish`]) ends it and
/// waits until it has, so it never touches the executor after the run.
///
/// Commands apply in the order sent, to the futures submitted so far. While
/// the producer is still submitting (a paced workload), a command that needs
/// more waits for it, and the commands after it wait too: `Cancel` of an id
/// not submitted yet waits until it is, and `Shutdown` waits until every
/// input is submitted (the producer's next `submit` would raise
/// `RuntimeError: cannot schedule new futures after shutdown`).
/// `CancelPending` applies at once, to the futures that exist.
pub(crate) struct Watcher<T> {
    watched: Arc<Watched<T>>,
    ended: Future<Vec<ControlNote>>,
}

impl<T: Clone + Send + 'static> Watcher<T> {
    /// The run's watcher, if the page controls the run (`env.control`),
    /// started on a thread of `env.spawner` before the first submit; times
    /// are measured on `env.clock` from `start_ns`.
    ///
    /// # Errors
    ///
    /// `BrokenExecutor` if no thread could be started.
    pub(crate) fn for_run(
        env: &RunEnv,
        target: Arc<dyn Controlled<T>>,
        start_ns: u64,
    ) -> Result<Option<Self>, Error> {
        env.control
            .as_ref()
            .map(|control| {
                Self::start(
                    Arc::clone(control),
                    target,
                    Arc::clone(&env.clock),
                    start_ns,
                    env.spawner.as_ref(),
                )
            })
            .transpose()
    }

    fn start(
        control: Arc<RunControl>,
        target: Arc<dyn Controlled<T>>,
        clock: Arc<dyn Clock>,
        start_ns: u64,
        spawner: &dyn Spawn,
    ) -> Result<Self, Error> {
        let watched = Arc::new(Watched {
            futures: Mutex::new(Vec::new()),
            producing: AtomicBool::new(true),
            finished: AtomicBool::new(false),
        });
        let ended = Future::new();
        let (shared, done) = (Arc::clone(&watched), ended.clone());
        spawner.spawn(
            "futures-lab-control",
            Box::new(move || {
                let notes = catch_unwind(AssertUnwindSafe(|| {
                    watch(&control, target, &shared, clock.as_ref(), start_ns)
                }))
                .unwrap_or_default();
                drop(shared);
                let _ = done.set_result(notes);
            }),
        )?;
        Ok(Self { watched, ended })
    }

    /// Ends the watcher after it has applied the commands sent so far, and
    /// gives every note it made.
    ///
    /// # Blocking
    ///
    /// Until the watcher has ended (a few ms, or as long as a
    /// `shutdown(wait=True)` it is in).
    pub(crate) fn finish(self) -> Vec<ControlNote> {
        self.stop();
        self.ended.result(None).unwrap_or_default()
    }
}

impl<T> Watcher<T> {
    /// The program submitted `future` (the next id).
    pub(crate) fn add(&self, future: &Future<T>) {
        lock(&self.watched.futures).push(future.clone());
    }

    /// Every input has been submitted.
    pub(crate) fn production_ended(&self) {
        self.watched.producing.store(false, Ordering::Release);
    }

    fn stop(&self) {
        self.watched.producing.store(false, Ordering::Release);
        self.watched.finished.store(true, Ordering::Release);
    }
}

impl<T> Drop for Watcher<T> {
    fn drop(&mut self) {
        self.stop();
        let _ = self.ended.result(None);
    }
}

/// The watcher's loop: apply what was sent, every tick, until the run ends.
fn watch<T: Clone>(
    control: &RunControl,
    target: Arc<dyn Controlled<T>>,
    watched: &Watched<T>,
    clock: &dyn Clock,
    start_ns: u64,
) -> Vec<ControlNote> {
    let ms = |ns: u64| ns.saturating_sub(start_ns) as f64 / 1e6;
    let mut queued = VecDeque::new();
    let mut notes = Vec::new();
    loop {
        // Read before taking: what was sent before the end is applied.
        let last = watched.finished.load(Ordering::Acquire);
        queued.extend(control.take_commands());
        while let Some(command) = queued.front() {
            let at = clock.now_ns();
            let Some(outcome) = apply(command, target.as_ref(), watched, || ms(clock.now_ns()))
            else {
                break;
            };
            let note = ControlNote {
                t_ms: ms(at),
                command: queued.pop_front().expect("the command just applied"),
                outcome,
            };
            control.publish(note.clone());
            notes.push(note);
        }
        if last {
            return notes;
        }
        std::thread::sleep(TICK);
    }
}

/// Applies one command, or `None` if it must wait for the producer.
fn apply<T: Clone>(
    command: &Command,
    target: &dyn Controlled<T>,
    watched: &Watched<T>,
    now_ms: impl Fn() -> f64,
) -> Option<ControlOutcome> {
    let producing = watched.producing.load(Ordering::Acquire);
    let futures = lock(&watched.futures).clone();
    match *command {
        Command::Cancel(id) => match futures.get(id as usize) {
            Some(future) => Some(cancel_one(target, future)),
            None if producing => None,
            None => Some(ControlOutcome::Unknown),
        },
        Command::CancelPending => {
            let ids = (0u64..)
                .zip(&futures)
                .filter(|(_, future)| future.state() == FutureState::Pending)
                .filter(|(_, future)| target.cancel(future))
                .map(|(id, _)| id)
                .collect();
            Some(ControlOutcome::CancelledPending { ids })
        }
        Command::Shutdown { .. } if producing => None,
        Command::Shutdown {
            wait,
            cancel_futures,
        } => {
            let before: Vec<bool> = futures.iter().map(Future::cancelled).collect();
            target.shutdown(false, cancel_futures);
            let cancelled: Vec<u64> = (0u64..)
                .zip(futures.iter().zip(before))
                .filter(|(_, (future, was))| !was && future.cancelled())
                .map(|(id, _)| id)
                .collect();
            if cancel_futures {
                // No worker will notice the cancelled futures it dropped from
                // its queue: tell their waiters (CPython does not, see
                // ControlOutcome::ShutDown).
                futures
                    .iter()
                    .filter(|future| future.state() == FutureState::Cancelled)
                    .for_each(|future| {
                        let _ = future.set_running_or_notify_cancel();
                    });
            }
            if wait {
                target.shutdown(true, false);
            }
            Some(ControlOutcome::ShutDown {
                cancelled,
                returned_ms: now_ms(),
            })
        }
    }
}

/// `cancel()` on one future, and what it said.
fn cancel_one<T: Clone>(target: &dyn Controlled<T>, future: &Future<T>) -> ControlOutcome {
    let before = future.state();
    if target.cancel(future) {
        if target.is_event_loop() {
            ControlOutcome::CancelRequested {
                state: TaskState::of(before, false).as_str(),
            }
        } else if before.is_cancelled() {
            ControlOutcome::AlreadyCancelled
        } else {
            ControlOutcome::Cancelled
        }
    } else {
        let failed = matches!(future.try_exception(), Ok(Some(_)));
        ControlOutcome::Refused {
            state: TaskState::of(future.state(), failed).as_str(),
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
