//! The process pool of a page that is not cross-origin isolated. Its worker
//! processes are Web Workers with instances and memory of their own, which
//! need no shared memory; what the pool's usual feeder threads do (send each
//! worker a call, read its frames until the result) is done here by one
//! asynchronous loop per worker on the page's main thread, which never
//! blocks, the work queued as CPython queues it ([`CallQueue`]). The
//! program, which could not block here, then plays its own code against
//! what the pool did ([`observed`]).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use futures::future::try_join_all;
use futures::StreamExt;
use futures_channel::mpsc::{unbounded, UnboundedReceiver};
use futures_lab_core::{Clock, Frame, TraceBuffer, TraceEvent, TraceKind, TraceSink, MAX_FRAME};
use futures_lab_scenarios::{
    observed, CacheStats, CallQueue, ExecutorKind, Outcome, ProcessCall, ProcessFigures,
    ProcessReply, Report, Scenario, Source, Stats,
};

use super::clock::EpochClock;
use super::environment::browser_environment;
use super::process_host::{host, HostCommand};
use super::process_spawner::NEXT_PROCESS;

/// What the workers' loops gather.
#[derive(Default)]
struct Gathered {
    events: Vec<TraceEvent>,
    outcomes: Vec<Option<Outcome>>,
    start_ms: Vec<f64>,
    bytes_sent: u64,
    bytes_received: u64,
    per_worker: BTreeMap<String, CacheStats>,
}

/// One worker process: where its frames go, and its replies as frames.
struct Process {
    id: u64,
    name: Arc<str>,
    replies: UnboundedReceiver<Vec<u8>>,
    buffer: Vec<u8>,
}

impl Process {
    fn start(name: String) -> Result<Self, String> {
        let id = NEXT_PROCESS.fetch_add(1, Ordering::Relaxed);
        let (sender, replies) = unbounded();
        let host = host().ok_or("the page's process host has not started")?;
        host.unbounded_send(HostCommand::Spawn {
            id,
            replies: sender,
        })
        .map_err(|_| "the page's process host has gone")?;
        Ok(Self {
            id,
            name: Arc::from(name.as_str()),
            replies,
            buffer: Vec::new(),
        })
    }

    /// Sends `frame`; gives its size.
    fn send(&self, frame: &Frame) -> usize {
        let bytes = frame.encode();
        let size = bytes.len();
        if let Some(host) = host() {
            let _ = host.unbounded_send(HostCommand::Frame { id: self.id, bytes });
        }
        size
    }

    /// The next whole frame, and its size; `None` once the process is gone.
    async fn next(&mut self) -> Option<(Frame, usize)> {
        loop {
            if let Some(length) = self.buffer.get(..4) {
                let length = u32::from_le_bytes(length.try_into().ok()?) as usize;
                if length == 0 || length > MAX_FRAME {
                    // Not a frame of the protocol: the process is broken.
                    return None;
                }
                let whole = 4 + length;
                if self.buffer.len() >= whole {
                    let bytes: Vec<u8> = self.buffer.drain(..whole).collect();
                    return Frame::read_from(&mut bytes.as_slice())
                        .ok()
                        .flatten()
                        .map(|frame| (frame, whole));
                }
            }
            let more = self.replies.next().await?;
            self.buffer.extend_from_slice(&more);
        }
    }

    fn kill(&self) {
        if let Some(host) = host() {
            let _ = host.unbounded_send(HostCommand::Kill { id: self.id });
        }
    }
}

impl Drop for Process {
    /// However its loop ends (done, broken, or given up with the others),
    /// the worker and its memory go.
    fn drop(&mut self) {
        self.kill();
    }
}

/// Plays a process-pool `scenario` with worker processes driven from the
/// main thread; its trace events go to `live` when it ends.
///
/// # Errors
///
/// A worker process that could not start or died (`BrokenProcessPool`).
pub async fn run_processes_async(
    scenario: Scenario,
    live: Option<Arc<TraceBuffer>>,
) -> Result<Report, String> {
    let environment = browser_environment();
    let max_workers = scenario.resolved_max_workers(environment.hardware_concurrency);
    let count = max_workers.clamp(1, scenario.inputs.len().max(1));
    // Times from now, on the Unix clock the worker processes stamp with.
    let origin = EpochClock.now_ns();
    let gathered = Rc::new(RefCell::new(Gathered {
        outcomes: vec![None; scenario.inputs.len()],
        events: (0..scenario.inputs.len() as u64)
            .map(|id| TraceEvent {
                future: id,
                kind: TraceKind::Submitted,
                t_ns: 0,
                worker: None,
                detail: None,
            })
            .collect(),
        ..Gathered::default()
    }));
    // The manager's first turn, at the submits: the call queue fills.
    let mut calls = CallQueue::new(&scenario, max_workers);
    let queued = calls.fill(0);
    gathered
        .borrow_mut()
        .events
        .extend(queued.into_iter().map(|id| TraceEvent {
            future: id as u64,
            kind: TraceKind::Queued,
            t_ns: 0,
            worker: None,
            detail: None,
        }));
    let queue = Rc::new(RefCell::new(calls));
    let processes = (0..count)
        .map(|k| Process::start(ExecutorKind::Processes.worker_name(k)))
        .collect::<Result<Vec<_>, _>>()?;
    let loops = processes.into_iter().map(|process| {
        serve(
            process,
            &scenario,
            Rc::clone(&queue),
            Rc::clone(&gathered),
            origin,
        )
    });
    // The first broken worker ends the run: the others' loops are dropped.
    try_join_all(loops).await?;
    let gathered = Rc::try_unwrap(gathered)
        .map_err(|_| "the pool's loops are still running")?
        .into_inner();
    let outcomes: Vec<Outcome> = gathered
        .outcomes
        .into_iter()
        .map(|outcome| outcome.unwrap_or_else(|| Err("BrokenProcessPool: no result".to_owned())))
        .collect();
    let stats = Stats {
        processes: Some(ProcessFigures {
            workers_started: count,
            start_ms: gathered.start_ms,
            bytes_sent: gathered.bytes_sent,
            bytes_received: gathered.bytes_received,
            serialize_ms: None,
        }),
        per_worker: gathered.per_worker,
        ..Stats::default()
    };
    let source = Source {
        mode: "browser",
        environment,
        stats,
        threads: count,
    };
    let (report, trace) = observed(&scenario, gathered.events, &outcomes, source)?;
    if let Some(live) = live {
        trace.into_iter().for_each(|event| live.record(event));
    }
    Ok(report)
}

/// One worker's loop: start it, then take the next work item from the call
/// queue until there is none; the worker's own trace events are kept, and
/// the outcomes are seen when a work item's last frame arrives.
async fn serve(
    mut process: Process,
    scenario: &Scenario,
    queue: Rc<RefCell<CallQueue>>,
    gathered: Rc<RefCell<Gathered>>,
    origin: u64,
) -> Result<(), String> {
    let at = || EpochClock.now_ns().saturating_sub(origin);
    let broken = |name: &str| format!("BrokenProcessPool: {name} ended before its work was done");
    let began = at();
    let name = Arc::clone(&process.name);
    let worker_event = |kind, t_ns| TraceEvent {
        future: u64::MAX,
        kind,
        t_ns,
        worker: Some(Arc::clone(&name)),
        detail: None,
    };
    gathered
        .borrow_mut()
        .events
        .push(worker_event(TraceKind::WorkerStarting, began));
    gathered.borrow_mut().bytes_sent += process.send(&Frame::Hello {
        name: process.name.to_string(),
    }) as u64;
    match process.next().await {
        Some((Frame::Ready { .. }, size)) => {
            let mut gathered = gathered.borrow_mut();
            let ready = at();
            gathered.bytes_received += size as u64;
            gathered
                .start_ms
                .push((ready.saturating_sub(began)) as f64 / 1e6);
            gathered
                .events
                .push(worker_event(TraceKind::WorkerReady, ready));
        }
        _ => return Err(broken(&process.name)),
    }
    loop {
        let Some(item) = queue.borrow_mut().take() else {
            break;
        };
        // A work item's calls run in order; the first that fails fails the
        // rest of it, which do not run (CPython's `_process_chunk`).
        let mut outcomes: Vec<(usize, Outcome)> = Vec::with_capacity(item.len());
        for task in item {
            if let Some((_, Err(error))) = outcomes.last() {
                let error = error.clone();
                outcomes.push((task, Err(error)));
                continue;
            }
            let outcome = call(&mut process, scenario, task, &gathered, origin).await?;
            outcomes.push((task, outcome));
        }
        // The work item's results come back together.
        let mut gathered = gathered.borrow_mut();
        let mut queue = queue.borrow_mut();
        let now = at();
        for (task, outcome) in outcomes {
            queue.ended(task, outcome.is_ok());
            gathered.events.push(TraceEvent {
                future: task as u64,
                kind: if outcome.is_ok() {
                    TraceKind::Finished
                } else {
                    TraceKind::Failed
                },
                t_ns: now,
                worker: Some(Arc::clone(&process.name)),
                detail: None,
            });
            gathered.outcomes[task] = Some(outcome);
        }
        // The manager's turn (it tops the call queue up), then the
        // program's (its `map` may raise and cancel what is pending).
        for task in queue.fill(now) {
            gathered.events.push(TraceEvent {
                future: task as u64,
                kind: TraceKind::Queued,
                t_ns: now,
                worker: None,
                detail: None,
            });
        }
        for task in queue.cancelled(now) {
            gathered.events.push(TraceEvent {
                future: task as u64,
                kind: TraceKind::Cancelled,
                t_ns: now,
                worker: None,
                detail: None,
            });
            gathered.outcomes[task] = Some(Err("CancelledError".to_owned()));
        }
    }
    process.send(&Frame::Exit);
    Ok(())
}

/// Sends `task`'s call to `process` and reads its frames until the outcome,
/// keeping the worker's own trace events.
async fn call(
    process: &mut Process,
    scenario: &Scenario,
    task: usize,
    gathered: &RefCell<Gathered>,
    origin: u64,
) -> Result<Outcome, String> {
    let call = ProcessCall {
        workload: scenario.workload.clone(),
        params: scenario.params.clone(),
        seed: scenario.seed,
        input: scenario.inputs[task].clone(),
    };
    let payload = serde_json::to_vec(&call).map_err(|e| e.to_string())?;
    gathered.borrow_mut().bytes_sent += process.send(&Frame::Call {
        id: task as u64,
        payload,
    }) as u64;
    loop {
        let Some((frame, size)) = process.next().await else {
            return Err(format!(
                "BrokenProcessPool: {} ended before its work was done",
                process.name
            ));
        };
        let mut gathered = gathered.borrow_mut();
        gathered.bytes_received += size as u64;
        match frame {
            // The outcome counts when it reaches the program, with the
            // rest of its work item.
            Frame::Event { kind, .. }
                if matches!(
                    TraceKind::from_number(kind),
                    Some(TraceKind::Finished | TraceKind::Failed)
                ) => {}
            Frame::Event {
                id,
                kind,
                unix_ns,
                detail,
            } => {
                if let Some(kind) = TraceKind::from_number(kind) {
                    gathered.events.push(TraceEvent {
                        future: id,
                        kind,
                        t_ns: unix_ns.saturating_sub(origin),
                        worker: Some(Arc::clone(&process.name)),
                        detail: (!detail.is_empty()).then_some(detail),
                    });
                }
            }
            Frame::Done { payload, .. } => {
                let reply: ProcessReply =
                    serde_json::from_slice(&payload).map_err(|e| e.to_string())?;
                if let Some(stats) = reply.stats {
                    gathered.per_worker.insert(process.name.to_string(), stats);
                }
                return Ok(Ok(reply.value));
            }
            // As in CPython, the worker's traceback is the error's cause,
            // not part of its message.
            Frame::Raised { class, message, .. } => return Ok(Err(format!("{class}: {message}"))),
            _ => {}
        }
    }
}
