//! The work of a process pool driven from outside the program's thread
//! (the page's asynchronous pool), queued as CPython's pool queues it:
//! pending work items, and a call queue of `max_workers + 1` from which the
//! worker processes take them. A call is running from the moment it enters
//! the call queue; until then the program can cancel it.

use std::collections::VecDeque;

use futures_lab_core::EXTRA_QUEUED_CALLS;

use crate::scenario::api::Api;
use crate::scenario::Scenario;

/// The pool's pending work items and call queue. A work item is one call,
/// or a chunk of `map` calls (`chunksize`) that one worker runs in one go.
#[derive(Clone, Debug)]
pub struct CallQueue {
    pending: VecDeque<Vec<usize>>,
    queued: VecDeque<Vec<usize>>,
    capacity: usize,
    /// `map`'s deadline (ns from the first submit), if it has a timeout.
    map_deadline_ns: Option<u64>,
    map: bool,
    /// The program's `map` has raised: nothing more is queued.
    raised: bool,
    /// Whether each call succeeded, as far as results are in.
    ok: Vec<Option<bool>>,
    /// How many calls, in input order, have their results in and succeeded:
    /// what `map` has handed over so far.
    handed_over: usize,
}

impl CallQueue {
    /// The work of `scenario` on `workers` worker processes, every call
    /// submitted and none queued yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::{CallQueue, Scenario};
    ///
    /// let scenario = Scenario::from_query("workload=cpu_bound&inputs=1,2,3,4,5,6,7&executor=processes&api=map&chunksize=2").unwrap();
    /// let mut queue = CallQueue::new(&scenario, 2);
    /// // Two workers: the call queue holds three work items.
    /// assert_eq!(queue.fill(0), [0, 1, 2, 3, 4, 5]);
    /// assert_eq!(queue.take(), Some(vec![0, 1]));
    /// // A result came back: the manager tops the call queue up, then the
    /// // program sees it.
    /// assert_eq!(queue.fill(10), [6]);
    /// queue.ended(0, true);
    /// queue.ended(1, false);
    /// assert!(queue.cancelled(10).is_empty(), "all seven were queued");
    ///
    /// let one = Scenario::from_query("workload=cpu_bound&inputs=1,2,3,4,5,6&executor=processes&api=map&timeout_s=0.5").unwrap();
    /// let mut queue = CallQueue::new(&one, 1);
    /// assert_eq!(queue.fill(0), [0, 1]);
    /// assert_eq!(queue.take(), Some(vec![0]));
    /// // A result after map's deadline: the program raised at the deadline
    /// // and cancelled the pending calls; the manager moves nothing.
    /// assert!(queue.fill(600_000_000).is_empty());
    /// queue.ended(0, true);
    /// assert_eq!(queue.cancelled(600_000_000), [2, 3, 4, 5]);
    /// assert_eq!(queue.take(), Some(vec![1]), "a queued call still runs");
    /// assert_eq!(queue.take(), None);
    /// ```
    pub fn new(scenario: &Scenario, workers: usize) -> Self {
        let chunk = crate::program::live::map_chunk(scenario);
        let calls: Vec<usize> = (0..scenario.inputs.len()).collect();
        let map = scenario.api == Api::Map;
        Self {
            pending: calls.chunks(chunk).map(<[usize]>::to_vec).collect(),
            queued: VecDeque::new(),
            capacity: workers.max(1) + EXTRA_QUEUED_CALLS,
            map_deadline_ns: scenario
                .timeout_s
                .filter(|_| map)
                .map(|s| (s * 1e9).round() as u64),
            map,
            raised: false,
            ok: vec![None; scenario.inputs.len()],
            handed_over: 0,
        }
    }

    /// The manager's turn at `now_ns` (after the submits, and whenever a
    /// result came back, before the program sees it): moves pending work
    /// items into the call queue while it has room, and gives the calls
    /// that became running. Nothing moves once the program's `map` has
    /// raised (its deadline passed with calls pending, or a failure seen
    /// before): it cancelled what was pending.
    pub fn fill(&mut self, now_ns: u64) -> Vec<usize> {
        if self.raised || self.late(now_ns) {
            return Vec::new();
        }
        let mut running = Vec::new();
        while self.queued.len() < self.capacity {
            let Some(item) = self.pending.pop_front() else {
                break;
            };
            running.extend(&item);
            self.queued.push_back(item);
        }
        running
    }

    /// Call `task`'s result is in: it succeeded (`ok`) or failed.
    pub fn ended(&mut self, task: usize, ok: bool) {
        if let Some(slot) = self.ok.get_mut(task) {
            *slot = Some(ok);
        }
    }

    /// The program's turn at `now_ns`: if its `map` has raised by now (at
    /// the first failure in input order once the results before it are in,
    /// or at its deadline), it cancelled the pending calls, given here (each
    /// once).
    pub fn cancelled(&mut self, now_ns: u64) -> Vec<usize> {
        if !self.map {
            return Vec::new();
        }
        // map hands results over in input order: on from where it got to.
        while let Some(Some(ok)) = self.ok.get(self.handed_over) {
            if !ok {
                self.raised = true;
                break;
            }
            self.handed_over += 1;
        }
        self.raised |= self.late(now_ns);
        if !self.raised {
            return Vec::new();
        }
        self.pending.drain(..).flatten().collect()
    }

    /// A worker takes the next work item of the call queue.
    pub fn take(&mut self) -> Option<Vec<usize>> {
        self.queued.pop_front()
    }

    /// Whether anything is left to run, queued or pending.
    pub fn is_empty(&self) -> bool {
        self.queued.is_empty() && self.pending.is_empty()
    }

    /// Whether `map`'s deadline has passed with calls still pending (so
    /// not every result was in): it raised `TimeoutError` then.
    fn late(&self, now_ns: u64) -> bool {
        self.map_deadline_ns
            .is_some_and(|deadline| now_ns >= deadline && !self.pending.is_empty())
    }
}
