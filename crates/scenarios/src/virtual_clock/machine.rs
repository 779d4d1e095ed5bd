//! The virtual machine behind the pools: workers (threads, or processes of
//! one thread) taking tasks from a queue, CPUs shared among the workers that
//! compute (processor sharing: `k` computing workers on `c` CPUs each go at
//! `min(c, k) / k` speed), and CPython's GIL for threads: one thread computes
//! at a time, a waiting thread asks the holder to let go after the switch
//! interval (5 ms), and I/O lets go of it at once.
//!
//! Time is whole nanoseconds and every rate is a ratio of whole numbers, so a
//! run is the same on every machine.
//!
//! The machine is played a moment at a time ([`Machine::step`]) while the
//! program submits to it ([`Machine::submit`]): the program's own code
//! decides what it submits, cancels and waits for, and the machine tells its
//! [`Hooks`] when a task is claimed (its future marked running, or found
//! cancelled) and when its future is done.

use std::collections::VecDeque;
use std::sync::Arc;

use futures_lab_core::{TraceEvent, TraceKind};

use super::cpython_costs::{Launch, ProcessStart};

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
    /// Processes: the bytes of the call and of its result (for the pool's
    /// figures).
    pub bytes: (usize, usize),
}

/// The pool to play.
pub(crate) struct Pool {
    /// Worker names, from their number (0, 1, ...).
    pub name: Box<dyn Fn(usize) -> String>,
    pub workers: usize,
    pub cpus: usize,
    /// Threads of one process sharing one GIL.
    pub gil: bool,
    /// ns of CPU each hand-over of the GIL to a waiting thread costs it.
    pub gil_switch_ns: u64,
    /// Processes: what starting a worker costs (CPython's, measured).
    pub process_start: Option<ProcessStart>,
    /// Processes: start every worker at the first submit (`fork`, and any
    /// method before Python 3.9) instead of one when a call finds none idle.
    pub launch_all: bool,
    /// Processes: replace a worker after this many tasks.
    pub max_tasks_per_child: Option<usize>,
    /// Processes: how many calls the pool's call queue holds beyond the
    /// workers (CPython's `EXTRA_QUEUED_CALLS`, 1). A call entering it is
    /// claimed (marked running); workers take calls only from it. `None`:
    /// a worker claims the task it takes (threads, a plain loop).
    pub extra_queued_calls: Option<usize>,
    /// Every task holds the run's one lock from its start to its end (a
    /// `threading.Lock` around a shared cache); a task that finds it taken
    /// waits for it, in line, letting go of the GIL.
    pub locked: bool,
}

/// What the machine tells the program's side.
pub(crate) trait Hooks {
    /// Task `task` is claimed: a worker takes it (threads) or it enters the
    /// call queue (processes). Its future's `set_running_or_notify_cancel`:
    /// false if it was cancelled, and then it never runs.
    fn claim(&mut self, task: usize, now_ns: u64) -> bool;
    /// Task `task`'s future is done now, on worker `worker`: its outcome
    /// is set there. `instead_of` names the failed call of its chunk when
    /// `task` was never called: a chunk stops at its first failure, and its
    /// calls after that end with that call's exception.
    fn done(&mut self, task: usize, worker: &Arc<str>, now_ns: u64, instead_of: Option<usize>);
    /// Task `task` starts (holding the lock, if the pool has one): the
    /// steps it takes from here, where the state its tasks share decides
    /// them; `None` keeps its own.
    fn start(&mut self, task: usize) -> Option<Vec<Step>> {
        let _ = task;
        None
    }
    /// Task `task` has done its steps: what it changed in the state its
    /// tasks share takes effect.
    fn end(&mut self, task: usize) {
        let _ = task;
    }
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
    /// Waiting for the run's lock, which another task holds.
    Locked,
}

struct Worker {
    name: Arc<str>,
    doing: Doing,
    task: Option<usize>,
    /// The rest of the chunk of `map` calls it took, run one after another.
    rest: VecDeque<usize>,
    /// Processes: the chunk's calls ended so far, whose results go back
    /// together once the chunk ends (with the failed call they end with if
    /// never called).
    held: Vec<(usize, Option<usize>)>,
    step: usize,
    done: usize,
}

#[derive(Default)]
struct Gil {
    /// A worker, or [`MAIN`].
    holder: Option<usize>,
    waiting: VecDeque<usize>,
    drop_at: Option<u64>,
}

/// The program's own thread (`MainThread`) among the GIL's users: it needs
/// the GIL to go on whenever a wait of its ends.
const MAIN: usize = usize::MAX;

/// The machine, played a moment at a time.
pub(crate) struct Machine {
    pool: Pool,
    jobs: Vec<Job>,
    now: u64,
    workers: Vec<Worker>,
    /// Work items not taken by a worker yet (a task, or a chunk of `map`
    /// calls), with when each can be (its calls sent), in submission order.
    queue: VecDeque<(Vec<usize>, u64)>,
    /// Processes: how many items at the queue's front are in the call queue
    /// (claimed).
    in_call_queue: usize,
    /// Processes: the manager has been woken (a submit) and will fill the
    /// call queue once the program lets it run.
    wakeup: bool,
    /// Processes: results on their way back: when each arrives, the task,
    /// the worker that ran it, the failed call it ends with if never called.
    replies: Vec<(u64, usize, Arc<str>, Option<usize>)>,
    /// When the program's pickling of the calls submitted so far ends.
    sent_until: u64,
    gil: Gil,
    /// The run's lock ([`Pool::locked`]): its holder, and the workers in
    /// line for it.
    lock: Option<usize>,
    lock_line: VecDeque<usize>,
    named: usize,
    /// Events not yet taken.
    events: Vec<TraceEvent>,
    processes_started: usize,
}

impl Machine {
    /// An idle pool: no worker starts before the first task.
    pub(crate) fn new(pool: Pool) -> Self {
        Self {
            pool,
            jobs: Vec::new(),
            now: 0,
            workers: Vec::new(),
            queue: VecDeque::new(),
            in_call_queue: 0,
            wakeup: false,
            replies: Vec::new(),
            sent_until: 0,
            gil: Gil::default(),
            lock: None,
            lock_line: VecDeque::new(),
            named: 0,
            events: Vec::new(),
            processes_started: 0,
        }
    }

    /// The machine's time, in ns.
    pub(crate) fn now(&self) -> u64 {
        self.now
    }

    /// Takes the events recorded since the last call.
    pub(crate) fn take_events(&mut self) -> Vec<TraceEvent> {
        std::mem::take(&mut self.events)
    }

    /// Worker processes started so far.
    pub(crate) fn processes_started(&self) -> usize {
        self.processes_started
    }

    /// Threads or processes started so far.
    pub(crate) fn workers_started(&self) -> usize {
        self.named
    }

    /// The program submits `jobs` as one work item (one task, or a chunk of
    /// `map` calls that one worker runs in turn); their ids follow those
    /// submitted before. As CPython's pools do, a worker is started for it unless
    /// one is idle (up to the pool's size); a new thread takes its first
    /// task at once (`Thread.start` lets it run before `submit` returns),
    /// and the process pool's manager, starting with the first call, moves
    /// that call into the call queue; later calls wait until the program
    /// lets the manager run (it waits) or a result wakes it. Returns the ns
    /// the program is held making the process pool (at the first submit)
    /// and launching worker processes: the caller lets that time pass
    /// before it goes on.
    pub(crate) fn submit_chunk(&mut self, jobs: Vec<Job>, hooks: &mut dyn Hooks) -> u64 {
        let first = self.jobs.len();
        let mut ids = Vec::with_capacity(jobs.len());
        for job in jobs {
            // The program pickles each call in turn before a worker can take it.
            self.sent_until = self.sent_until.max(self.now) + job.send_ns;
            ids.push(self.jobs.len());
            self.jobs.push(job);
        }
        self.queue.push_back((ids, self.sent_until));
        let idle = self
            .workers
            .iter()
            .filter(|w| w.doing == Doing::Idle)
            .count();
        let size = self.pool.workers.max(1);
        // The pool itself is made at the first submit (the program makes it
        // just before), then each worker process is launched in turn.
        let mut held = match (first, self.launch(0)) {
            (0, Some(launch)) => launch.pool_ns,
            _ => 0,
        };
        let wanted = if self.pool.launch_all && first == 0 {
            size
        } else if self.queue.len() > idle {
            (self.workers.len() + 1).min(size)
        } else {
            self.workers.len()
        };
        while self.workers.len() < wanted {
            let worker = self.new_worker(&mut held);
            self.workers.push(worker);
        }
        match self.pool.extra_queued_calls {
            Some(_) if first == 0 => self.fill_call_queue(1, hooks),
            Some(_) => self.wakeup = true,
            None => self.dispatch(hooks),
        }
        held
    }

    /// Processes: the start of the pool's `k`-th worker process (from 0):
    /// the program's first, or a later one.
    fn launch(&self, k: usize) -> Option<Launch> {
        Some(self.pool.process_start?.nth(k))
    }

    /// Plays the next moment, if it is not later than `until` (no limit with
    /// `None`), and returns true. Otherwise returns false, the time moved on
    /// to `until` (if given). The program is waiting meanwhile, so the
    /// process pool's manager thread gets to fill the call queue first.
    pub(crate) fn step(&mut self, until: Option<u64>, hooks: &mut dyn Hooks) -> bool {
        if std::mem::take(&mut self.wakeup) {
            self.refill(hooks);
        }
        self.dispatch(hooks);
        match (self.next_moment(), until) {
            (Some(next), limit) if limit.is_none_or(|limit| next <= limit) => {
                self.advance(next);
                if self.settle(hooks) {
                    // A result woke the manager.
                    self.refill(hooks);
                }
                self.dispatch(hooks);
                true
            }
            (_, Some(limit)) => {
                if limit > self.now {
                    self.advance(limit);
                }
                false
            }
            (_, None) => false,
        }
    }

    /// A new worker. A process boots once the program has launched it:
    /// `held` is how long the program has been launching so far, and grows
    /// by this one's launch.
    fn new_worker(&mut self, held: &mut u64) -> Worker {
        let name: Arc<str> = Arc::from((self.pool.name)(self.named).as_str());
        self.named += 1;
        let doing = match self.launch(self.processes_started) {
            Some(launch) => {
                self.processes_started += 1;
                *held += launch.launch_ns;
                self.events.push(TraceEvent {
                    future: u64::MAX,
                    kind: TraceKind::WorkerStarting,
                    t_ns: self.now,
                    worker: Some(Arc::clone(&name)),
                    detail: None,
                });
                Doing::Starting(*held + launch.boot_ns)
            }
            None => Doing::Idle,
        };
        Worker {
            name,
            doing,
            task: None,
            rest: VecDeque::new(),
            held: Vec::new(),
            step: 0,
            done: 0,
        }
    }

    fn event(&mut self, task: usize, kind: TraceKind, worker: Option<usize>) {
        self.events.push(TraceEvent {
            future: task as u64,
            kind,
            t_ns: self.now,
            worker: worker.map(|w| Arc::clone(&self.workers[w].name)),
            detail: None,
        });
    }

    /// Processes: the manager fills the call queue up to the workers and
    /// `EXTRA_QUEUED_CALLS`.
    fn refill(&mut self, hooks: &mut dyn Hooks) {
        if let Some(extra) = self.pool.extra_queued_calls {
            self.fill_call_queue(self.pool.workers.max(1) + extra, hooks);
        }
    }

    /// Moves queued items into the call queue, in order, while it holds
    /// fewer than `size`, claiming their calls; an item whose calls were all
    /// cancelled is dropped.
    fn fill_call_queue(&mut self, size: usize, hooks: &mut dyn Hooks) {
        while self.in_call_queue < size && self.in_call_queue < self.queue.len() {
            let at = self.in_call_queue;
            let now = self.now;
            let mut queued = Vec::new();
            self.queue[at].0.retain(|task| {
                let claimed = hooks.claim(*task, now);
                if claimed {
                    queued.push(*task);
                }
                claimed
            });
            for task in queued {
                self.event(task, TraceKind::Queued, None);
            }
            if self.queue[at].0.is_empty() {
                self.queue.remove(at);
            } else {
                self.in_call_queue += 1;
            }
        }
    }

    /// Idle workers, lowest number first, take the items whose calls have
    /// arrived: threads claim each task as they take it (a cancelled one is
    /// dropped), processes take only what is in the call queue.
    fn dispatch(&mut self, hooks: &mut dyn Hooks) {
        for w in 0..self.workers.len() {
            if self.workers[w].doing != Doing::Idle {
                continue;
            }
            let mut tasks = loop {
                let Some((_, ready)) = self.queue.front() else {
                    return;
                };
                if *ready > self.now {
                    return;
                }
                match self.pool.extra_queued_calls {
                    Some(_) if self.in_call_queue == 0 => return,
                    Some(_) => {
                        self.in_call_queue -= 1;
                        let (tasks, _) = self.queue.pop_front().expect("checked above");
                        break VecDeque::from(tasks);
                    }
                    None => {
                        let (mut tasks, _) = self.queue.pop_front().expect("checked above");
                        let now = self.now;
                        tasks.retain(|task| hooks.claim(*task, now));
                        if !tasks.is_empty() {
                            break VecDeque::from(tasks);
                        }
                    }
                }
            };
            let task = tasks.pop_front().expect("an item has a task");
            self.workers[w].rest = tasks;
            self.start_task(w, task, hooks);
        }
    }

    /// Worker `w` starts `task`.
    fn start_task(&mut self, w: usize, task: usize, hooks: &mut dyn Hooks) {
        self.workers[w].task = Some(task);
        self.workers[w].step = 0;
        self.event(task, TraceKind::Started, Some(w));
        if self.pool.locked {
            if self.lock.is_some() {
                self.event(task, TraceKind::LockWait, Some(w));
                self.workers[w].doing = Doing::Locked;
                self.lock_line.push_back(w);
                return;
            }
            self.lock = Some(w);
        }
        self.go(w, task, hooks);
    }

    /// Worker `w` goes on with `task`, the lock held if there is one: the
    /// shared state decides its steps.
    fn go(&mut self, w: usize, task: usize, hooks: &mut dyn Hooks) {
        if let Some(steps) = hooks.start(task) {
            self.jobs[task].steps = steps;
        }
        self.begin_step(w, hooks);
    }

    /// Starts worker `w`'s current step, or ends its task after the last.
    fn begin_step(&mut self, w: usize, hooks: &mut dyn Hooks) {
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
            None => self.end_task(w, task, hooks),
        }
    }

    fn end_task(&mut self, w: usize, task: usize, hooks: &mut dyn Hooks) {
        hooks.end(task);
        if self.gil.holder == Some(w) {
            self.release_gil(w, task);
        }
        let handed_over = if self.lock == Some(w) {
            self.lock = self.lock_line.pop_front();
            self.lock
        } else {
            None
        };
        let name = Arc::clone(&self.workers[w].name);
        // A chunk stops at its first failed call (CPython's `_process_chunk`).
        let mut ended: Vec<(usize, Option<usize>)> = vec![(task, None)];
        if self.jobs[task].fails {
            ended.extend(self.workers[w].rest.drain(..).map(|t| (t, Some(task))));
        }
        match self.pool.extra_queued_calls {
            // A process's results travel back, a chunk's all together once
            // it ends (one work item, one result), before the futures are done.
            Some(_) => {
                self.workers[w].held.extend(ended);
                if self.workers[w].rest.is_empty() {
                    let held = std::mem::take(&mut self.workers[w].held);
                    let travel: u64 = held.iter().map(|(t, _)| self.jobs[*t].reply_ns).sum();
                    let arrives = self.now + travel;
                    for (ended, instead_of) in held {
                        self.replies
                            .push((arrives, ended, Arc::clone(&name), instead_of));
                    }
                }
            }
            None => {
                for (ended, instead_of) in ended {
                    self.task_done(ended, &name, instead_of, hooks);
                }
            }
        }
        let worker = &mut self.workers[w];
        worker.task = None;
        worker.doing = Doing::Idle;
        if let Some(next) = worker.rest.pop_front() {
            // The next call of its chunk, in the same worker.
            self.start_task(w, next, hooks);
            return;
        }
        worker.done += 1;
        // As CPython's pool does, a worker at its limit is replaced at once.
        if self
            .pool
            .max_tasks_per_child
            .is_some_and(|limit| worker.done >= limit)
        {
            // The manager thread launches it: the program is not held.
            self.workers[w] = self.new_worker(&mut 0);
        }
        // The next in line takes the lock it let go of, and goes on (a
        // process pool, whose chunks go on above, has no such lock).
        if let Some(next) = handed_over {
            let next_task = self.workers[next].task.expect("a waiter has a task");
            self.event(next_task, TraceKind::LockTaken, Some(next));
            self.go(next, next_task, hooks);
        }
    }

    /// Task `task`'s future is done now (with `instead_of`'s exception if
    /// it was never called).
    fn task_done(
        &mut self,
        task: usize,
        worker: &Arc<str>,
        instead_of: Option<usize>,
        hooks: &mut dyn Hooks,
    ) {
        let fails = instead_of.is_some() || self.jobs[task].fails;
        self.events.push(TraceEvent {
            future: task as u64,
            kind: if fails {
                TraceKind::Failed
            } else {
                TraceKind::Finished
            },
            t_ns: self.now,
            worker: Some(Arc::clone(worker)),
            detail: None,
        });
        hooks.done(task, worker, self.now, instead_of);
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
        if w != MAIN {
            self.event(task, TraceKind::GilAcquire, Some(w));
        }
    }

    /// Lets go of the GIL; the longest waiter takes it.
    fn release_gil(&mut self, w: usize, task: usize) {
        if w != MAIN {
            self.event(task, TraceKind::GilRelease, Some(w));
        }
        self.gil.holder = None;
        self.gil.drop_at = None;
        if let Some(next) = self.gil.waiting.pop_front() {
            if next == MAIN {
                self.take_gil(MAIN, usize::MAX);
                return;
            }
            let next_task = self.workers[next].task.expect("a waiter has a task");
            self.take_gil(next, next_task);
            // A hand-over costs the thread that takes it over.
            if let Doing::Cpu(left) = &mut self.workers[next].doing {
                *left += self.pool.gil_switch_ns;
            }
        }
    }

    /// The program's thread woke from a wait and needs the GIL to go on
    /// (`gil=true`): true if it has it now (nobody held it or waited); if
    /// not, it waits in line and the holder is asked to let go after the
    /// switch interval ([`Machine::main_holds_gil`] says when it has it).
    pub(crate) fn main_asks_gil(&mut self) -> bool {
        if !self.pool.gil {
            return true;
        }
        self.ask_gil(MAIN, usize::MAX);
        self.main_holds_gil()
    }

    /// Whether the program's thread holds the GIL.
    pub(crate) fn main_holds_gil(&self) -> bool {
        !self.pool.gil || self.gil.holder == Some(MAIN)
    }

    /// The program's thread blocks again (or has done what it woke for):
    /// it lets go of the GIL, and the longest waiter takes it.
    pub(crate) fn main_releases_gil(&mut self) {
        if self.pool.gil && self.gil.holder == Some(MAIN) {
            self.release_gil(MAIN, usize::MAX);
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
        let takeable = self.pool.extra_queued_calls.is_none() || self.in_call_queue > 0;
        if let (true, true, Some(&(_, ready))) = (idle, takeable, self.queue.front()) {
            if ready > self.now {
                consider(ready);
            }
        }
        for (arrives, _, _, _) in &self.replies {
            consider((*arrives).max(self.now));
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

    /// Everything due now: results arriving, worker by worker, then the
    /// GIL's forced switch.
    /// True if a result arrived (the process pool's manager wakes).
    fn settle(&mut self, hooks: &mut dyn Hooks) -> bool {
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.replies)
            .into_iter()
            .partition(|(arrives, _, _, _)| *arrives <= self.now);
        self.replies = later;
        let arrived = !due.is_empty();
        for (_, task, worker, instead_of) in due {
            self.task_done(task, &worker, instead_of, hooks);
        }
        for w in 0..self.workers.len() {
            match self.workers[w].doing {
                Doing::Starting(0) => {
                    self.workers[w].doing = Doing::Idle;
                    self.events.push(TraceEvent {
                        future: u64::MAX,
                        kind: TraceKind::WorkerReady,
                        t_ns: self.now,
                        worker: Some(Arc::clone(&self.workers[w].name)),
                        detail: None,
                    });
                }
                Doing::Cpu(0) if self.computing(w) => {
                    self.workers[w].step += 1;
                    self.begin_step(w, hooks);
                }
                Doing::Wait(until) if until <= self.now => {
                    let task = self.workers[w].task.expect("a waiting worker has a task");
                    self.event(task, TraceKind::IoEnd, Some(w));
                    self.workers[w].step += 1;
                    self.begin_step(w, hooks);
                }
                _ => {}
            }
        }
        let due = self.gil.drop_at.is_some_and(|at| at <= self.now);
        if let (true, Some(holder)) = (due, self.gil.holder.filter(|h| *h != MAIN)) {
            if !self.gil.waiting.is_empty() {
                let task = self.workers[holder].task.expect("the holder has a task");
                self.release_gil(holder, task);
                self.gil.waiting.push_back(holder);
                if self.gil.drop_at.is_none() {
                    self.gil.drop_at = Some(self.now + SWITCH_INTERVAL_NS);
                }
            }
        }
        arrived
    }
}
