//! The virtual executor: the [`Machine`] behind real [`Future`]s. The
//! program's own code (the same as on real threads) submits to it, cancels
//! its futures and waits for them; each wait drives the machine, through
//! [`Simulation`], to the moment something happens, and the machine claims
//! and completes the futures as CPython's workers would.

use std::cell::RefCell;
use std::sync::Arc;

use futures_lab_core::{
    acting_as, Clock, Future, Simulation, TaskError, TraceKind, TraceSink, Tracer,
};
use serde_json::Value;

use crate::program::report_builder::Outcome;
use crate::report::stats::CacheStats;
use crate::virtual_clock::machine::{Hooks, Job, Machine, Step};
use crate::virtual_clock::time::VirtualTime;
use crate::workloads::cost::Phase;
use crate::workloads::shared_model::SharedModel;

/// A pool (or plain loop) on the virtual machine, with the futures of its
/// tasks.
pub(crate) struct VirtualPool {
    state: RefCell<State>,
    time: Arc<VirtualTime>,
    tracer: Tracer,
    sink: Arc<dyn TraceSink>,
    /// A plain loop: each call runs to its end inside `submit`.
    inline: bool,
    /// The thread that completes the futures (and runs their done
    /// callbacks), if not the worker: the process pool's manager thread.
    completer: Option<Arc<str>>,
}

struct State {
    machine: Machine,
    futures: Vec<Future<Value>>,
    outcomes: Vec<Outcome>,
    shared: Option<Shared>,
}

/// How a task's phases become the machine's steps.
pub(crate) type StepsOf = Box<dyn Fn(&[Phase]) -> Vec<Step>>;

/// The state a run's tasks share, with what it needs to decide a task's
/// steps: the inputs, and how a phase becomes a step.
pub(crate) struct Shared {
    /// The model.
    pub(crate) model: Box<dyn SharedModel>,
    /// Each task's input.
    pub(crate) inputs: Vec<Value>,
    /// A task's phases as the machine's steps (at the run's speed).
    pub(crate) steps: StepsOf,
}

/// The machine's view of the futures: claiming marks one running (or finds
/// it cancelled), completing sets its outcome on the worker's thread.
struct FutureHooks<'a> {
    futures: &'a [Future<Value>],
    outcomes: &'a [Outcome],
    time: &'a VirtualTime,
    completer: Option<&'a Arc<str>>,
    shared: Option<&'a mut Shared>,
}

impl Hooks for FutureHooks<'_> {
    fn claim(&mut self, task: usize, now_ns: u64) -> bool {
        self.time.set(now_ns);
        self.futures[task]
            .set_running_or_notify_cancel()
            .unwrap_or(false)
    }

    fn done(&mut self, task: usize, worker: &Arc<str>, now_ns: u64, instead_of: Option<usize>) {
        self.time.set(now_ns);
        let future = &self.futures[task];
        let outcome = &self.outcomes[instead_of.unwrap_or(task)];
        acting_as(self.completer.unwrap_or(worker), || match outcome {
            Ok(value) => future.set_result(value.clone()),
            Err(text) => {
                let (class, message) = text.split_once(": ").unwrap_or((text.as_str(), ""));
                future.set_exception(TaskError::new(class, message))
            }
        })
        .expect("the machine completes each future once");
    }

    fn start(&mut self, task: usize) -> Option<Vec<Step>> {
        let shared = self.shared.as_mut()?;
        let phases = shared.model.start(task, &shared.inputs[task]);
        Some((shared.steps)(&phases))
    }

    fn end(&mut self, task: usize) {
        if let Some(shared) = self.shared.as_mut() {
            shared.model.end(task);
        }
    }
}

impl VirtualPool {
    /// A pool on `machine`, recording into `sink`; `inline` for a plain
    /// loop; `completer` names the thread that completes the futures, if
    /// not the worker.
    pub(crate) fn new(
        machine: Machine,
        sink: Arc<dyn TraceSink>,
        inline: bool,
        completer: Option<Arc<str>>,
        shared: Option<Shared>,
    ) -> Self {
        let time = Arc::new(VirtualTime::default());
        Self {
            tracer: Tracer::new(Arc::clone(&sink), Arc::clone(&time) as Arc<dyn Clock>),
            state: RefCell::new(State {
                machine,
                futures: Vec::new(),
                outcomes: Vec::new(),
                shared,
            }),
            time,
            sink,
            inline,
            completer,
        }
    }

    /// The simulated clock, for the program's own tracer and deadlines.
    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.time) as Arc<dyn Clock>
    }

    /// `executor.submit(f, input)`: a task that runs as `job` and ends with
    /// `outcome`. A plain loop runs it to its end before returning.
    pub(crate) fn submit(&self, job: Job, outcome: Outcome) -> Future<Value> {
        let future = self
            .submit_chunk(vec![(job, outcome)])
            .pop()
            .expect("one call, one future");
        if self.inline {
            while !future.done() && self.step(None) {}
        }
        future
    }

    /// A chunk of `map` calls as one work item (the process pool's
    /// `map(..., chunksize)`): one future per call, in order.
    pub(crate) fn submit_chunk(&self, calls: Vec<(Job, Outcome)>) -> Vec<Future<Value>> {
        let (futures, held) = {
            let mut state = self.state.borrow_mut();
            let mut jobs = Vec::with_capacity(calls.len());
            let mut made = Vec::with_capacity(calls.len());
            for (job, outcome) in calls {
                let id = state.futures.len() as u64;
                let future = Future::traced(id, self.tracer.clone());
                self.tracer.record(id, TraceKind::Submitted, None, None);
                state.futures.push(future.clone());
                state.outcomes.push(outcome);
                jobs.push(job);
                made.push(future);
            }
            let held = self.with_hooks(&mut state, |machine, hooks| {
                machine.submit_chunk(jobs, hooks)
            });
            (made, held)
        };
        self.flush();
        // The program is held while it launches worker processes; the
        // pool goes on meanwhile.
        if held > 0 {
            let until = self.state.borrow().machine.now() + held;
            while self.step(Some(until)) {}
        }
        futures
    }

    /// `executor.shutdown(wait=True)`: every task still queued or running
    /// plays to its end.
    pub(crate) fn shutdown(&self) {
        while self.step(None) {}
    }

    /// Threads (or processes) the pool started.
    pub(crate) fn workers_started(&self) -> usize {
        self.state.borrow().machine.workers_started()
    }

    /// What the tasks' shared state counted, if they share one.
    pub(crate) fn shared_stats(&self) -> Option<CacheStats> {
        let state = self.state.borrow();
        state.shared.as_ref().map(|shared| shared.model.stats())
    }

    /// Worker processes started.
    pub(crate) fn processes_started(&self) -> usize {
        self.state.borrow().machine.processes_started()
    }

    /// Runs `body` on the machine with the hooks over this pool's futures.
    fn with_hooks<R>(
        &self,
        state: &mut State,
        body: impl FnOnce(&mut Machine, &mut dyn Hooks) -> R,
    ) -> R {
        let State {
            machine,
            futures,
            outcomes,
            shared,
        } = state;
        let mut hooks = FutureHooks {
            futures,
            outcomes,
            time: &self.time,
            completer: self.completer.as_ref(),
            shared: shared.as_mut(),
        };
        body(machine, &mut hooks)
    }

    /// Hands the machine's new events to the sink.
    fn flush(&self) {
        let events = self.state.borrow_mut().machine.take_events();
        events.into_iter().for_each(|event| self.sink.record(event));
    }
}

impl Simulation for VirtualPool {
    fn now_ns(&self) -> u64 {
        self.time.now_ns()
    }

    fn step(&self, until_ns: Option<u64>) -> bool {
        let moved = {
            let Ok(mut state) = self.state.try_borrow_mut() else {
                // A done callback waiting on another future: nothing can
                // move while this one is being completed.
                return false;
            };
            self.with_hooks(&mut state, |machine, hooks| {
                let moved = machine.step(until_ns, hooks);
                self.time.set(machine.now());
                moved
            })
        };
        self.flush();
        moved
    }

    /// The program's thread woke: with the GIL, it waits for it (the
    /// machine playing on: a holder lets go after the switch interval),
    /// then goes on and lets go of it again at once (its own Python takes
    /// no time here).
    fn resumed(&self) {
        let asked = match self.state.try_borrow_mut() {
            Ok(mut state) => state.machine.main_asks_gil(),
            // A done callback waiting: not the program's thread.
            Err(_) => return,
        };
        if !asked {
            while !self.state.borrow().machine.main_holds_gil() && self.step(None) {}
        }
        self.state.borrow_mut().machine.main_releases_gil();
        self.flush();
    }
}
