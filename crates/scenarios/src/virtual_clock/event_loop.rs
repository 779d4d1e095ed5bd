//! The virtual asyncio event loop: one thread, every task started at once in
//! submission order, switching only at awaits. A task that waits lets the
//! loop run the next ready one and is ready again when its wait is over; a
//! task that computes holds the loop until its next await (with
//! `cooperative`, one every millisecond of work; without, none until it
//! ends).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::sync::Arc;

use futures_lab_core::{TraceEvent, TraceKind, MAIN_THREAD};

use crate::virtual_clock::machine::{Job, Placed, Played, Step};

/// CPU time between two checkpoints of a cooperative task
/// (`await asyncio.sleep(0)` in its loop): the workloads place one about
/// every millisecond of work.
pub(crate) const CHECKPOINT_NS: u64 = 1_000_000;

/// One stretch of time the loop spent running a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slice {
    pub task: usize,
    /// When the task was put in the ready queue for this slice.
    pub ready_ns: u64,
    pub from_ns: u64,
    pub to_ns: u64,
}

impl Slice {
    /// When the program, a coroutine on the loop, gets its turn after
    /// something it waits for happened at `t_ns` (a task ended, or its
    /// timeout's timer is due): the task running then first runs to its
    /// await, and so does every task that was ready by `t_ns` (the loop's
    /// ready queue is first in, first out; on a real loop the next slice
    /// starts a few µs after the last one ends).
    pub(crate) fn program_turn(slices: &[Slice], t_ns: u64) -> u64 {
        let mut next = slices.partition_point(|slice| slice.to_ns <= t_ns);
        let mut at = t_ns;
        if let Some(running) = slices.get(next).filter(|slice| slice.from_ns < t_ns) {
            at = running.to_ns;
            next += 1;
        }
        while let Some(slice) = slices.get(next).filter(|slice| slice.ready_ns <= t_ns) {
            at = slice.to_ns;
            next += 1;
        }
        at
    }
}

/// The loop's run: the tasks' places and events, and the slices, in time
/// order (to find what the loop was doing at a moment).
pub(crate) struct LoopPlayed {
    pub played: Played,
    pub slices: Vec<Slice>,
}

struct TaskState {
    step: usize,
    /// CPU time left in the current step.
    left: u64,
}

/// Plays `jobs` as tasks of one event loop on `MainThread`.
pub(crate) fn play(jobs: &[Job], cooperative: bool) -> LoopPlayed {
    let main: Arc<str> = Arc::from(MAIN_THREAD);
    let mut events = Vec::with_capacity(jobs.len() * 5);
    let mut tasks = vec![Placed::default(); jobs.len()];
    let mut slices = Vec::new();
    let mut state: Vec<TaskState> = jobs
        .iter()
        .map(|job| TaskState {
            step: 0,
            left: first_cpu(job, 0),
        })
        .collect();
    let mut event = |task: usize, kind: TraceKind, t_ns: u64, worker: Option<&Arc<str>>| {
        events.push(TraceEvent {
            future: task as u64,
            kind,
            t_ns,
            worker: worker.cloned(),
            detail: None,
        });
    };
    for id in 0..jobs.len() {
        event(id, TraceKind::Submitted, 0, None);
    }
    let mut ready: VecDeque<usize> = (0..jobs.len()).collect();
    // When each task was last put in the ready queue.
    let mut ready_since = vec![0u64; jobs.len()];
    // Waits in progress: (over at, order of the wait, task).
    let mut timers: BinaryHeap<Reverse<(u64, u64, usize)>> = BinaryHeap::new();
    let mut waits = 0u64;
    let mut waiting_since: Vec<bool> = vec![false; jobs.len()];
    let mut now = 0u64;
    loop {
        while let Some(&Reverse((at, _, task))) = timers.peek() {
            if at > now {
                break;
            }
            timers.pop();
            ready_since[task] = at;
            ready.push_back(task);
        }
        let Some(task) = ready.pop_front() else {
            match timers.peek() {
                Some(&Reverse((at, _, _))) => {
                    now = at;
                    continue;
                }
                None => break,
            }
        };
        if tasks[task].started_ns.is_none() {
            tasks[task].started_ns = Some(now);
            tasks[task].worker = Some(Arc::clone(&main));
            event(task, TraceKind::Started, now, Some(&main));
        }
        if std::mem::take(&mut waiting_since[task]) {
            event(task, TraceKind::IoEnd, now, Some(&main));
            state[task].step += 1;
            state[task].left = first_cpu(&jobs[task], state[task].step);
        }
        // Run the task until its next await.
        let from = now;
        let ready_ns = ready_since[task];
        loop {
            let st = &mut state[task];
            match jobs[task].steps.get(st.step).copied() {
                Some(Step::Cpu(_)) if st.left > 0 => {
                    let run = if cooperative {
                        st.left.min(CHECKPOINT_NS)
                    } else {
                        st.left
                    };
                    now += run;
                    st.left -= run;
                    if st.left > 0 {
                        // A checkpoint: back to the end of the ready queue.
                        ready_since[task] = now;
                        ready.push_back(task);
                        break;
                    }
                }
                Some(Step::Cpu(_)) => {
                    st.step += 1;
                    st.left = first_cpu(&jobs[task], st.step);
                }
                Some(Step::Wait(ns)) => {
                    event(task, TraceKind::IoStart, now, Some(&main));
                    timers.push(Reverse((now + ns, waits, task)));
                    waits += 1;
                    waiting_since[task] = true;
                    break;
                }
                None => {
                    let kind = if jobs[task].fails {
                        TraceKind::Failed
                    } else {
                        TraceKind::Finished
                    };
                    event(task, kind, now, Some(&main));
                    tasks[task].ended_ns = Some(now);
                    break;
                }
            }
        }
        if now > from {
            slices.push(Slice {
                task,
                ready_ns,
                from_ns: from,
                to_ns: now,
            });
        }
    }
    LoopPlayed {
        played: Played {
            tasks,
            events,
            processes_started: 0,
        },
        slices,
    }
}

/// The CPU time of step `step` of `job` (0 if it is not a computing step).
fn first_cpu(job: &Job, step: usize) -> u64 {
    match job.steps.get(step) {
        Some(Step::Cpu(ns)) => *ns,
        _ => 0,
    }
}
