//! The virtual machine behind the pools: workers (threads, or processes of
//! one thread) taking tasks from a queue, CPUs shared among the workers that
//! compute (processor sharing: `k` computing workers on `c` CPUs each go at
//! `min(c, k) / k` speed), and CPython's GIL for threads: one thread computes
//! at a time, a waiting thread asks the holder to let go after the switch
//! interval (5 ms), and I/O lets go of it at once.
//!
//! Time is whole nanoseconds and every rate is a ratio of whole numbers, so a
//! run is the same on every machine.

use std::collections::VecDeque;
use std::sync::Arc;

use futures_lab_core::{TraceEvent, TraceKind};

/// CPython's default `sys.getswitchinterval()`: 5 ms.
pub(crate) const SWITCH_INTERVAL_NS: u64 = 5_000_000;

/// One step of a task, in time: computing `Cpu(ns)` needs a CPU (and the
/// GIL, where there is one); `Wait(ns)` needs neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// CPU time at full speed.
    Cpu(u64),
    /// Waiting.
    Wait(u64),
}

/// A task for the machine: its steps, and whether it ends by raising.
#[derive(Clone, Debug)]
pub(crate) struct Job {
    pub steps: Vec<Step>,
    pub fails: bool,
    /// Processes: time to send the call to a worker and to bring the result back.
    pub send_ns: u64,
    pub reply_ns: u64,
}

/// When and where one task ran.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Placed {
    pub worker: Option<Arc<str>>,
    pub submitted_ns: u64,
    pub started_ns: Option<u64>,
    /// When its future was done.
    pub ended_ns: Option<u64>,
}

/// What a virtual run gives: where each task ran, and the executor's events.
#[derive(Clone, Debug, Default)]
pub(crate) struct Played {
    pub tasks: Vec<Placed>,
    pub events: Vec<TraceEvent>,
    /// Worker processes started (processes only).
    pub processes_started: usize,
}

/// The pool to play.
pub(crate) struct Pool {
    /// Worker names, from their number (0, 1, ...).
    pub name: Box<dyn Fn(usize) -> String>,
    pub workers: usize,
    pub cpus: usize,
    /// Threads of one process sharing one GIL.
    pub gil: bool,
    /// Processes: CPU time to start a worker process.
    pub process_start_ns: Option<u64>,
    /// Processes: replace a worker after this many tasks.
    pub max_tasks_per_child: Option<usize>,
    /// A plain loop: each task is submitted when the one before has ended.
    pub one_by_one: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Doing {
    Idle,
    /// A process starting (CPU work before its first task).
    Starting(u64),
    /// Computing, `left` ns of CPU time to go.
    Cpu(u64),
    /// Waiting until then.
    Wait(u64),
}

struct Worker {
    name: Arc<str>,
    doing: Doing,
    task: Option<usize>,
    step: usize,
    done: usize,
}

#[derive(Default)]
struct Gil {
    holder: Option<usize>,
    waiting: VecDeque<usize>,
    drop_at: Option<u64>,
}

struct Machine<'a> {
    pool: &'a Pool,
    jobs: &'a [Job],
    now: u64,
    workers: Vec<Worker>,
    /// Tasks not yet taken, with when each can be (its call sent).
    queue: VecDeque<(usize, u64)>,
    gil: Gil,
    named: usize,
    out: Played,
}

/// Plays `jobs` on `pool`, every task submitted at 0 (or one by one).
pub(crate) fn play(pool: &Pool, jobs: &[Job]) -> Played {
    let mut machine = Machine {
        pool,
        jobs,
        now: 0,
        workers: Vec::new(),
        queue: VecDeque::with_capacity(jobs.len()),
        gil: Gil::default(),
        named: 0,
        out: Played {
            tasks: vec![Placed::default(); jobs.len()],
            ..Played::default()
        },
    };
    // The program pickles each call in turn before a worker can take it.
    let mut sent = 0;
    for (id, job) in jobs.iter().enumerate() {
        sent += job.send_ns;
        machine.queue.push_back((id, sent));
        if !pool.one_by_one {
            machine.event(id, TraceKind::Submitted, None);
        }
    }
    let workers = pool.workers.clamp(1, jobs.len().max(1));
    for _ in 0..workers {
        let worker = machine.new_worker();
        machine.workers.push(worker);
    }
    machine.run();
    machine.out
}

impl Machine<'_> {
    fn new_worker(&mut self) -> Worker {
        let name: Arc<str> = Arc::from((self.pool.name)(self.named).as_str());
        self.named += 1;
        let doing = match self.pool.process_start_ns {
            Some(ns) => {
                self.out.processes_started += 1;
                Doing::Starting(ns)
            }
            None => Doing::Idle,
        };
        Worker {
            name,
            doing,
            task: None,
            step: 0,
            done: 0,
        }
    }

    fn event(&mut self, task: usize, kind: TraceKind, worker: Option<usize>) {
        self.out.events.push(TraceEvent {
            future: task as u64,
            kind,
            t_ns: self.now,
            worker: worker.map(|w| Arc::clone(&self.workers[w].name)),
            detail: None,
        });
    }

    fn run(&mut self) {
        loop {
            self.dispatch();
            let Some(next) = self.next_moment() else {
                break;
            };
            self.advance(next);
            self.settle();
        }
    }

    /// Idle workers, lowest number first, take the tasks whose call has arrived.
    fn dispatch(&mut self) {
        for w in 0..self.workers.len() {
            if self.workers[w].doing != Doing::Idle {
                continue;
            }
            let Some(&(task, ready)) = self.queue.front() else {
                return;
            };
            if ready > self.now {
                return;
            }
            self.queue.pop_front();
            if self.pool.one_by_one {
                self.event(task, TraceKind::Submitted, None);
            }
            let placed = &mut self.out.tasks[task];
            placed.submitted_ns = if self.pool.one_by_one { self.now } else { 0 };
            placed.started_ns = Some(self.now);
            placed.worker = Some(Arc::clone(&self.workers[w].name));
            self.workers[w].task = Some(task);
            self.workers[w].step = 0;
            self.event(task, TraceKind::Started, Some(w));
            self.begin_step(w);
        }
    }

    /// Starts worker `w`'s current step, or ends its task after the last.
    fn begin_step(&mut self, w: usize) {
        let Some(task) = self.workers[w].task else {
            return;
        };
        match self.jobs[task].steps.get(self.workers[w].step).copied() {
            Some(Step::Cpu(ns)) => {
                self.workers[w].doing = Doing::Cpu(ns);
                if self.pool.gil {
                    self.ask_gil(w, task);
                }
            }
            Some(Step::Wait(ns)) => {
                if self.gil.holder == Some(w) {
                    self.release_gil(w, task);
                }
                self.event(task, TraceKind::IoStart, Some(w));
                self.workers[w].doing = Doing::Wait(self.now.saturating_add(ns));
            }
            None => self.end_task(w, task),
        }
    }

    fn end_task(&mut self, w: usize, task: usize) {
        if self.gil.holder == Some(w) {
            self.release_gil(w, task);
        }
        // A process's result travels back before its future is done.
        let ended = self.now + self.jobs[task].reply_ns;
        let kind = if self.jobs[task].fails {
            TraceKind::Failed
        } else {
            TraceKind::Finished
        };
        let now = std::mem::replace(&mut self.now, ended);
        self.event(task, kind, Some(w));
        self.now = now;
        self.out.tasks[task].ended_ns = Some(ended);
        let worker = &mut self.workers[w];
        worker.task = None;
        worker.doing = Doing::Idle;
        worker.done += 1;
        // As CPython's pool does, a worker at its limit is replaced at once.
        if self
            .pool
            .max_tasks_per_child
            .is_some_and(|limit| worker.done >= limit)
        {
            self.workers[w] = self.new_worker();
        }
    }

    fn ask_gil(&mut self, w: usize, task: usize) {
        if self.gil.holder == Some(w) {
            // Computing on from one step to the next: it still holds it.
            return;
        }
        if self.gil.holder.is_none() && self.gil.waiting.is_empty() {
            self.take_gil(w, task);
        } else {
            self.gil.waiting.push_back(w);
            if self.gil.drop_at.is_none() {
                self.gil.drop_at = Some(self.now + SWITCH_INTERVAL_NS);
            }
        }
    }

    fn take_gil(&mut self, w: usize, task: usize) {
        self.gil.holder = Some(w);
        self.gil.drop_at = (!self.gil.waiting.is_empty()).then_some(self.now + SWITCH_INTERVAL_NS);
        self.event(task, TraceKind::GilAcquire, Some(w));
    }

    /// Lets go of the GIL; the longest waiter takes it.
    fn release_gil(&mut self, w: usize, task: usize) {
        self.event(task, TraceKind::GilRelease, Some(w));
        self.gil.holder = None;
        self.gil.drop_at = None;
        if let Some(next) = self.gil.waiting.pop_front() {
            let next_task = self.workers[next].task.expect("a waiter has a task");
            self.take_gil(next, next_task);
        }
    }

    /// Whether worker `w` is using a CPU now.
    fn computing(&self, w: usize) -> bool {
        match self.workers[w].doing {
            Doing::Starting(_) => true,
            Doing::Cpu(_) => !self.pool.gil || self.gil.holder == Some(w),
            _ => false,
        }
    }

    /// `(k, m)`: `k` workers computing share `m` CPUs.
    fn sharing(&self) -> (u64, u64) {
        let k = (0..self.workers.len())
            .filter(|w| self.computing(*w))
            .count() as u64;
        (k, k.min(self.pool.cpus.max(1) as u64))
    }

    /// The next moment something happens, if anything is left to happen.
    fn next_moment(&self) -> Option<u64> {
        let (k, m) = self.sharing();
        let mut next: Option<u64> = None;
        let mut consider = |t: u64| next = Some(next.map_or(t, |n| n.min(t)));
        for (w, worker) in self.workers.iter().enumerate() {
            match worker.doing {
                Doing::Starting(left) | Doing::Cpu(left) if self.computing(w) => {
                    // ceil(left * k / m): the time to do `left` at m/k speed.
                    let t = (u128::from(left) * u128::from(k)).div_ceil(u128::from(m));
                    consider(self.now.saturating_add(t as u64));
                }
                Doing::Wait(until) => consider(until),
                _ => {}
            }
        }
        if let (Some(at), false) = (self.gil.drop_at, self.gil.waiting.is_empty()) {
            if self.gil.holder.is_some() {
                consider(at.max(self.now));
            }
        }
        let idle = self.workers.iter().any(|w| w.doing == Doing::Idle);
        if let (true, Some(&(_, ready))) = (idle, self.queue.front()) {
            consider(ready.max(self.now));
        }
        next
    }

    fn advance(&mut self, to: u64) {
        let dt = to - self.now;
        let (k, m) = self.sharing();
        if k > 0 {
            let work = u128::from(dt) * u128::from(m);
            let done = (work / u128::from(k)) as u64;
            // What is finished by `to` is finished (left * k <= dt * m),
            // so equal tasks end together whatever the rounding.
            let after = |left: u64| {
                if u128::from(left) * u128::from(k) <= work {
                    0
                } else {
                    left - done
                }
            };
            for w in 0..self.workers.len() {
                if !self.computing(w) {
                    continue;
                }
                let worker = &mut self.workers[w];
                worker.doing = match worker.doing {
                    Doing::Starting(left) => Doing::Starting(after(left)),
                    Doing::Cpu(left) => Doing::Cpu(after(left)),
                    other => other,
                };
            }
        }
        self.now = to;
    }

    /// Everything due now, worker by worker, then the GIL's forced switch.
    fn settle(&mut self) {
        for w in 0..self.workers.len() {
            match self.workers[w].doing {
                Doing::Starting(0) => self.workers[w].doing = Doing::Idle,
                Doing::Cpu(0) if self.computing(w) => {
                    self.workers[w].step += 1;
                    self.begin_step(w);
                }
                Doing::Wait(until) if until <= self.now => {
                    let task = self.workers[w].task.expect("a waiting worker has a task");
                    self.event(task, TraceKind::IoEnd, Some(w));
                    self.workers[w].step += 1;
                    self.begin_step(w);
                }
                _ => {}
            }
        }
        let due = self.gil.drop_at.is_some_and(|at| at <= self.now);
        if let (true, Some(holder)) = (due, self.gil.holder) {
            if !self.gil.waiting.is_empty() {
                let task = self.workers[holder].task.expect("the holder has a task");
                self.release_gil(holder, task);
                self.gil.waiting.push_back(holder);
                if self.gil.drop_at.is_none() {
                    self.gil.drop_at = Some(self.now + SWITCH_INTERVAL_NS);
                }
            }
        }
    }
}
