//! A model of CPython's global interpreter lock.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::ThreadId;
use std::time::Duration;

use crate::clock::global_clock;
use crate::trace::{TraceKind, Tracer};

/// CPython's default switch interval (`sys.getswitchinterval()`).
pub const SWITCH_INTERVAL: Duration = Duration::from_millis(5);

/// One lock that every CPU segment of Python code must hold.
///
/// As in CPython 3.2+: a thread that wants the GIL waits; once it has waited a
/// switch interval without the GIL changing hands, the holder is asked to
/// drop it, and does so at its next [`checkpoint`](crate::TaskContext::checkpoint)
/// (CPython's eval breaker), then waits until another thread has taken it
/// before asking for it again. Blocking I/O ([`io_wait`](crate::TaskContext::io_wait))
/// releases it.
///
/// # Examples
///
/// ```
/// use futures_lab_core::Gil;
///
/// let gil = Gil::new();
/// assert_eq!(gil.switch_interval(), std::time::Duration::from_millis(5));
/// ```
#[derive(Debug)]
pub struct Gil {
    state: Mutex<GilState>,
    changed: Condvar,
    interval_ns: u64,
}

#[derive(Debug, Default)]
struct GilState {
    holder: Option<ThreadId>,
    waiting: usize,
    /// When the holder must drop it (set while someone waits).
    drop_at_ns: Option<u64>,
    /// Counts hand-overs, so a yielding holder can see someone else took it.
    switches: u64,
}

/// Who is taking or dropping the GIL, for the trace.
pub(crate) struct GilUser<'a> {
    pub(crate) future: u64,
    pub(crate) worker: &'a Arc<str>,
    pub(crate) tracer: &'a Tracer,
}

impl GilUser<'_> {
    fn record(&self, kind: TraceKind) {
        self.tracer
            .record(self.future, kind, Some(self.worker), None);
    }
}

impl Default for Gil {
    fn default() -> Self {
        Self::new()
    }
}

impl Gil {
    /// A free GIL with CPython's 5 ms switch interval.
    pub fn new() -> Self {
        Self::with_switch_interval(SWITCH_INTERVAL)
    }

    /// A free GIL with another switch interval.
    pub fn with_switch_interval(interval: Duration) -> Self {
        Self {
            state: Mutex::new(GilState::default()),
            changed: Condvar::new(),
            interval_ns: u64::try_from(interval.as_nanos()).unwrap_or(u64::MAX),
        }
    }

    /// The switch interval.
    pub fn switch_interval(&self) -> Duration {
        Duration::from_nanos(self.interval_ns)
    }

    fn lock(&self) -> MutexGuard<'_, GilState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the GIL, waiting for it if another thread holds it.
    pub(crate) fn acquire(&self, user: &GilUser<'_>) {
        let me = std::thread::current().id();
        let mut state = self.wait_until_free(self.lock());
        self.take(&mut state, me, user);
    }

    /// Waits while another thread holds the GIL, asking the holder to let
    /// go after the switch interval.
    fn wait_until_free<'a>(&self, mut state: MutexGuard<'a, GilState>) -> MutexGuard<'a, GilState> {
        if state.holder.is_some() {
            state.waiting += 1;
            if state.drop_at_ns.is_none() {
                state.drop_at_ns = Some(global_clock().now_ns() + self.interval_ns);
            }
            while state.holder.is_some() {
                state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
            }
            state.waiting -= 1;
        }
        state
    }

    fn take(&self, state: &mut GilState, me: ThreadId, user: &GilUser<'_>) {
        state.holder = Some(me);
        state.switches += 1;
        state.drop_at_ns = (state.waiting > 0).then(|| global_clock().now_ns() + self.interval_ns);
        user.record(TraceKind::GilAcquire);
        self.changed.notify_all();
    }

    /// A thread that needs the GIL only to go on (the program's thread,
    /// woken from a wait): takes it once it may (the holder is asked to let
    /// go after the switch interval) and lets go of it at once. Not traced:
    /// the thread runs no task.
    pub fn go_on(&self) {
        let me = std::thread::current().id();
        let state = self.lock();
        if state.holder.is_none() || state.holder == Some(me) {
            return;
        }
        let mut state = self.wait_until_free(state);
        // It took the GIL and let go: a hand-over, as the holder that was
        // asked to let go waits to see.
        state.switches += 1;
        state.drop_at_ns = None;
        drop(state);
        self.changed.notify_all();
    }

    /// Lets go of the GIL.
    pub(crate) fn release(&self, user: &GilUser<'_>) {
        let mut state = self.lock();
        user.record(TraceKind::GilRelease);
        state.holder = None;
        drop(state);
        self.changed.notify_all();
    }

    /// The eval breaker: if another thread has waited a switch interval,
    /// drops the GIL, waits until someone else took it, and takes it back.
    pub(crate) fn checkpoint(&self, user: &GilUser<'_>) {
        let me = std::thread::current().id();
        let mut state = self.lock();
        let due = state
            .drop_at_ns
            .is_some_and(|at| global_clock().now_ns() >= at);
        if state.holder != Some(me) || state.waiting == 0 || !due {
            return;
        }
        user.record(TraceKind::GilRelease);
        state.holder = None;
        let switches = state.switches;
        self.changed.notify_all();
        while state.switches == switches && state.waiting > 0 {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        drop(state);
        self.acquire(user);
    }
}
