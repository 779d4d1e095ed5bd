//! A run that was watched from outside, played back to the program's own
//! code: each future starts and ends at the time it was seen to, and the
//! program (the same code as on real threads) waits for them on this
//! replay's clock. The page's asynchronous process pool runs this way,
//! where nothing on the main thread may block.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

use futures_lab_core::{
    acting_as, Clock, Future, Simulation, TaskError, TraceEvent, TraceKind, TraceSink, Tracer,
};
use serde_json::Value;

use crate::program::report_builder::Outcome;
use crate::virtual_clock::time::VirtualTime;

/// What happens to a task at a moment of the watched run.
enum Act {
    /// The pool moved it to its call queue (the measured `Queued` event):
    /// running from then on, unless the program cancelled it before.
    Queue(TraceEvent),
    /// A worker took it (the measured `Started` event); if it was never
    /// queued, that is when it became running.
    Start(TraceEvent),
    /// Its outcome reached the program (the measured `Finished` or
    /// `Failed` event).
    End(TraceEvent),
    /// Anything else the run recorded (a worker starting, a task's own
    /// events): passed on as it was.
    Pass(TraceEvent),
}

/// The watched run's moments, played in time order against the futures.
pub(crate) struct Replay {
    time: Arc<VirtualTime>,
    tracer: Tracer,
    sink: Arc<dyn TraceSink>,
    acts: RefCell<VecDeque<(u64, Act)>>,
    futures: Vec<Future<Value>>,
    outcomes: Vec<Outcome>,
    /// The thread that completes the futures and runs their callbacks (the
    /// process pool's manager thread), if not the worker.
    completer: Option<Arc<str>>,
}

impl Replay {
    /// A replay of `events` (times in ns from the first submit) for tasks
    /// ending with `outcomes`, recording into `sink`. The program's own
    /// cancellations are the replay's: the run's `Cancelled` events are left
    /// for the program to make again, and a task it cancels before its
    /// measured start does not run.
    pub(crate) fn new(
        events: Vec<TraceEvent>,
        outcomes: Vec<Outcome>,
        sink: Arc<dyn TraceSink>,
        completer: Option<Arc<str>>,
    ) -> Self {
        let time = Arc::new(VirtualTime::default());
        let tracer = Tracer::new(Arc::clone(&sink), Arc::clone(&time) as Arc<dyn Clock>);
        let tasks = outcomes.len() as u64;
        let mut acts: Vec<(u64, Act)> = events
            .into_iter()
            .filter(|e| !matches!(e.kind, TraceKind::Submitted | TraceKind::Cancelled))
            .map(|event| {
                let act = match event.kind {
                    TraceKind::Queued if event.future < tasks => Act::Queue(event),
                    TraceKind::Started if event.future < tasks => Act::Start(event),
                    TraceKind::Finished | TraceKind::Failed if event.future < tasks => {
                        Act::End(event)
                    }
                    _ => Act::Pass(event),
                };
                (event_time(&act), act)
            })
            .collect();
        // A stable sort: what happened at one moment keeps its order.
        acts.sort_by_key(|(t, _)| *t);
        let futures = (0..tasks)
            .map(|id| Future::traced(id, tracer.clone()))
            .collect();
        Self {
            time,
            tracer,
            sink,
            acts: RefCell::new(acts.into()),
            futures,
            outcomes,
            completer,
        }
    }

    /// The futures, submitted at 0 in order.
    pub(crate) fn submit_all(&self) -> &[Future<Value>] {
        for id in 0..self.futures.len() as u64 {
            self.tracer.record(id, TraceKind::Submitted, None, None);
        }
        &self.futures
    }

    /// The replay's clock, for the program's tracer and deadlines.
    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.time) as Arc<dyn Clock>
    }

    fn play(&self, act: Act) {
        match act {
            Act::Pass(event) => self.sink.record(event),
            Act::Queue(event) => {
                let future = &self.futures[event.future as usize];
                // Cancelled by the program before the pool queued it: it
                // does not run.
                if future.set_running_or_notify_cancel().unwrap_or(false) {
                    self.sink.record(event);
                }
            }
            Act::Start(event) => {
                let future = &self.futures[event.future as usize];
                let running =
                    future.running() || future.set_running_or_notify_cancel().unwrap_or(false);
                if running {
                    self.sink.record(event);
                }
            }
            Act::End(event) => {
                let id = event.future as usize;
                let future = &self.futures[id];
                if !future.running() {
                    return;
                }
                let worker = event.worker.clone();
                self.sink.record(event);
                let completer = self.completer.as_ref().or(worker.as_ref());
                let complete = || match &self.outcomes[id] {
                    Ok(value) => future.set_result(value.clone()),
                    Err(text) => {
                        let (class, message) = text.split_once(": ").unwrap_or((text.as_str(), ""));
                        future.set_exception(TaskError::new(class, message))
                    }
                };
                let done = match completer {
                    Some(name) => acting_as(name, complete),
                    None => complete(),
                };
                done.expect("a watched task ends once");
            }
        }
    }
}

fn event_time(act: &Act) -> u64 {
    match act {
        Act::Queue(e) | Act::Start(e) | Act::End(e) | Act::Pass(e) => e.t_ns,
    }
}

impl Simulation for Replay {
    fn now_ns(&self) -> u64 {
        self.time.now_ns()
    }

    fn step(&self, until_ns: Option<u64>) -> bool {
        let next = self.acts.borrow().front().map(|(t, _)| *t);
        match next {
            Some(t) if until_ns.is_none_or(|until| t <= until) => {
                self.time.set(t.max(self.time.now_ns()));
                // Everything at this moment, each act free to wake the
                // program's waits.
                loop {
                    let act = {
                        let mut acts = self.acts.borrow_mut();
                        match acts.front() {
                            Some((at, _)) if *at == t => acts.pop_front().map(|(_, act)| act),
                            _ => None,
                        }
                    };
                    let Some(act) = act else { break };
                    self.play(act);
                }
                true
            }
            _ => {
                if let Some(until) = until_ns {
                    self.time.set(until.max(self.time.now_ns()));
                }
                false
            }
        }
    }
}
