//! The virtual asyncio event loop: one thread, tasks run in the order they
//! became ready, switching only at awaits. A task that waits lets the loop
//! run the next ready one and is ready again when its wait is over; a task
//! that computes holds the loop until its next await (with `cooperative`,
//! one every millisecond of work; without, none until it ends).
//!
//! The program is a coroutine on the same loop, played by its own code (the
//! same as on a real loop): its waits drive the loop a slice at a time (a
//! slice, once begun, runs to its await, so a timer cannot fire inside it),
//! and [`VirtualLoop::turn`] runs what the loop runs before the program gets
//! its turn back.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::sync::Arc;

use futures_lab_core::{
    acting_as, Clock, Future, Simulation, TaskError, TraceEvent, TraceKind, TraceSink, Tracer,
    MAIN_THREAD,
};
use serde_json::Value;

use crate::program::report_builder::Outcome;
use crate::virtual_clock::machine::{Job, Step};
use crate::virtual_clock::time::VirtualTime;

/// CPU time between two checkpoints of a cooperative task
/// (`await asyncio.sleep(0)` in its loop): the workloads place one about
/// every millisecond of work.
pub(crate) const CHECKPOINT_NS: u64 = 1_000_000;

/// One task on the loop.
struct Task {
    job: Job,
    outcome: Outcome,
    future: Future<Value>,
    step: usize,
    /// CPU time left in the current step.
    left: u64,
    started: bool,
    /// Waiting for a timer (an I/O wait).
    waiting: bool,
    /// Its wait is over: it resumes after the await.
    woken: bool,
    /// It gave the loop to other ready tasks at a checkpoint.
    yielded: bool,
    /// `Task.cancel()` was called: it ends cancelled when next resumed.
    cancel_requested: bool,
}

struct State {
    tasks: Vec<Task>,
    /// Ready tasks, with when each became ready, in that order.
    ready: VecDeque<(usize, u64)>,
    /// Waits in progress: (over at, order of the wait, task).
    timers: BinaryHeap<Reverse<(u64, u64, usize)>>,
    waits: u64,
    now: u64,
    /// When the program was woken by its last wait: its timer's time if a
    /// slice ran past it, else the end of the last slice.
    woke_ns: u64,
    /// When the slice that woke it ended: what was queued by then (during
    /// that slice) runs before the program; timers due after `woke_ns` run
    /// after it.
    woke_end_ns: u64,
    events: Vec<TraceEvent>,
}

/// The event loop and its tasks, on simulated time.
pub(crate) struct VirtualLoop {
    state: RefCell<State>,
    time: Arc<VirtualTime>,
    tracer: Tracer,
    sink: Arc<dyn TraceSink>,
    cooperative: bool,
    main: Arc<str>,
}

impl VirtualLoop {
    /// An empty loop recording into `sink`.
    pub(crate) fn new(sink: Arc<dyn TraceSink>, cooperative: bool) -> Self {
        let time = Arc::new(VirtualTime::default());
        Self {
            tracer: Tracer::new(Arc::clone(&sink), Arc::clone(&time) as Arc<dyn Clock>),
            state: RefCell::new(State {
                tasks: Vec::new(),
                ready: VecDeque::new(),
                timers: BinaryHeap::new(),
                waits: 0,
                now: 0,
                woke_ns: 0,
                woke_end_ns: 0,
                events: Vec::new(),
            }),
            time,
            sink,
            cooperative,
            main: Arc::from(MAIN_THREAD),
        }
    }

    /// The simulated clock.
    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.time) as Arc<dyn Clock>
    }

    /// `asyncio.create_task(f(input))`: ready now, it runs once the program
    /// awaits.
    pub(crate) fn submit(&self, job: Job, outcome: Outcome) -> Future<Value> {
        let mut state = self.state.borrow_mut();
        let id = state.tasks.len();
        let future = Future::traced(id as u64, self.tracer.clone());
        self.tracer
            .record(id as u64, TraceKind::Submitted, None, None);
        let left = cpu_of(&job, 0);
        state.tasks.push(Task {
            job,
            outcome,
            future: future.clone(),
            step: 0,
            left,
            started: false,
            waiting: false,
            woken: false,
            yielded: false,
            cancel_requested: false,
        });
        let now = state.now;
        state.ready.push_back((id, now));
        future
    }

    /// `Task.cancel()`: false if the task is done; otherwise it ends
    /// cancelled when next resumed (at once if it waits: its wait is
    /// interrupted; one not started never runs a line).
    pub(crate) fn cancel(&self, future: &Future<Value>) -> bool {
        if future.done() {
            return false;
        }
        let Some(id) = future.id().map(|id| id as usize) else {
            return false;
        };
        let mut state = self.state.borrow_mut();
        let now = state.now;
        let Some(task) = state.tasks.get_mut(id) else {
            return false;
        };
        task.cancel_requested = true;
        if std::mem::take(&mut task.waiting) {
            state
                .timers
                .retain(|Reverse((_, _, waiting))| *waiting != id);
            state.ready.push_back((id, now));
        }
        true
    }

    /// The program gets its turn back: the loop first runs every task that
    /// was ready when the program was woken (the loop's ready queue is first
    /// in, first out).
    pub(crate) fn turn(&self) {
        {
            let mut state = self.state.borrow_mut();
            let woke = state.woke_ns;
            self.wake_timers(&mut state, woke);
        }
        loop {
            let mut state = self.state.borrow_mut();
            let limit = state.woke_end_ns;
            if state.ready.front().is_none_or(|(_, since)| *since > limit) {
                return;
            }
            self.run_slice(&mut state);
            self.time.set(state.now);
            drop(state);
            self.flush();
        }
    }

    /// Leaving `asyncio.run`: every task still pending is cancelled and the
    /// loop runs until nothing is left.
    pub(crate) fn finish(&self) {
        let futures: Vec<Future<Value>> = self
            .state
            .borrow()
            .tasks
            .iter()
            .map(|task| task.future.clone())
            .collect();
        for future in &futures {
            self.cancel(future);
        }
        while self.step(None) {}
    }

    /// Moves the tasks whose wait is over by `t_ns` to the ready queue, in
    /// the order their waits end.
    fn wake_timers(&self, state: &mut State, t_ns: u64) {
        while let Some(&Reverse((at, _, task))) = state.timers.peek() {
            if at > t_ns {
                break;
            }
            state.timers.pop();
            state.tasks[task].waiting = false;
            state.tasks[task].woken = true;
            state.ready.push_back((task, at));
        }
    }

    fn event(&self, state: &mut State, task: usize, kind: TraceKind) {
        let t_ns = state.now;
        state.events.push(TraceEvent {
            future: task as u64,
            kind,
            t_ns,
            worker: Some(Arc::clone(&self.main)),
            detail: None,
        });
    }

    /// Runs the next ready task until its next await; false if none is ready.
    fn run_slice(&self, state: &mut State) -> bool {
        let Some((id, _)) = state.ready.pop_front() else {
            return false;
        };
        self.time.set(state.now);
        if state.tasks[id].cancel_requested {
            // CancelledError at the await it is resumed at.
            let future = state.tasks[id].future.clone();
            acting_as(&self.main, || future.cancel_running());
            return true;
        }
        if !std::mem::replace(&mut state.tasks[id].started, true) {
            self.event(state, id, TraceKind::Started);
        }
        if std::mem::take(&mut state.tasks[id].yielded) {
            self.event(state, id, TraceKind::Resumed);
        }
        if std::mem::take(&mut state.tasks[id].woken) {
            // Back from its wait.
            self.event(state, id, TraceKind::IoEnd);
            let task = &mut state.tasks[id];
            task.step += 1;
            task.left = cpu_of(&task.job, task.step);
        }
        loop {
            let cooperative = self.cooperative;
            let task = &mut state.tasks[id];
            match task.job.steps.get(task.step).copied() {
                Some(Step::Cpu(_)) if task.left > 0 => {
                    let run = if cooperative {
                        task.left.min(CHECKPOINT_NS)
                    } else {
                        task.left
                    };
                    task.left -= run;
                    let more = task.left > 0;
                    state.now += run;
                    if more {
                        // A checkpoint: back to the end of the ready queue,
                        // traced when another task runs first.
                        let now = state.now;
                        let others = !state.ready.is_empty()
                            || state
                                .timers
                                .peek()
                                .is_some_and(|Reverse((at, _, _))| *at <= now);
                        if others {
                            state.tasks[id].yielded = true;
                            self.event(state, id, TraceKind::Yielded);
                        }
                        state.ready.push_back((id, now));
                        return true;
                    }
                }
                Some(Step::Cpu(_)) => {
                    task.step += 1;
                    task.left = cpu_of(&task.job, task.step);
                }
                Some(Step::Wait(ns)) => {
                    task.waiting = true;
                    self.event(state, id, TraceKind::IoStart);
                    let order = state.waits;
                    state.waits += 1;
                    let over = state.now + ns;
                    state.timers.push(Reverse((over, order, id)));
                    return true;
                }
                None => {
                    let kind = if task.job.fails {
                        TraceKind::Failed
                    } else {
                        TraceKind::Finished
                    };
                    self.event(state, id, kind);
                    self.time.set(state.now);
                    let task = &state.tasks[id];
                    let _ = acting_as(&self.main, || match &task.outcome {
                        Ok(value) => task.future.set_result(value.clone()),
                        Err(text) => {
                            let (class, message) =
                                text.split_once(": ").unwrap_or((text.as_str(), ""));
                            task.future.set_exception(TaskError::new(class, message))
                        }
                    });
                    return true;
                }
            }
        }
    }

    /// Hands the loop's new events to the sink.
    fn flush(&self) {
        let events = std::mem::take(&mut self.state.borrow_mut().events);
        events.into_iter().for_each(|event| self.sink.record(event));
    }
}

impl Simulation for VirtualLoop {
    fn now_ns(&self) -> u64 {
        self.time.now_ns()
    }

    fn step(&self, until_ns: Option<u64>) -> bool {
        let moved = {
            let Ok(mut state) = self.state.try_borrow_mut() else {
                return false;
            };
            let now = state.now;
            self.wake_timers(&mut state, now);
            let next_timer = state.timers.peek().map(|Reverse((at, _, _))| *at);
            let moved = if !state.ready.is_empty() {
                self.run_slice(&mut state);
                // A timer due inside the slice could only fire after it.
                state.woke_ns = match until_ns {
                    Some(until) if state.now > until => until,
                    _ => state.now,
                };
                state.woke_end_ns = state.now;
                true
            } else if let Some(at) = next_timer.filter(|at| until_ns.is_none_or(|u| *at <= u)) {
                state.now = at;
                state.woke_ns = at;
                state.woke_end_ns = at;
                true
            } else {
                if let Some(until) = until_ns {
                    state.now = state.now.max(until);
                    state.woke_ns = state.now;
                    state.woke_end_ns = state.now;
                }
                false
            };
            self.time.set(state.now);
            moved
        };
        self.flush();
        moved
    }
}

/// The CPU time of step `step` of `job` (0 if it is not a computing step).
fn cpu_of(job: &Job, step: usize) -> u64 {
    match job.steps.get(step) {
        Some(Step::Cpu(ns)) => *ns,
        _ => 0,
    }
}
