//! What a run needs from the place it runs in.

use std::sync::Arc;

use futures_lab_core::{
    Clock, CommandSpawner, MonotonicClock, ProcessSpawn, Spawn, StdSpawner, TraceSink, UnixClock,
};

use crate::control::RunControl;
use crate::report::Environment;

/// Threads, a clock and where live events go: std threads natively, Web
/// Workers and `performance.timeOrigin` in the browser.
#[derive(Clone)]
pub struct RunEnv {
    /// Where executor threads come from.
    pub spawner: Arc<dyn Spawn>,
    /// Where worker processes come from; `None` where there are none.
    pub processes: Option<Arc<dyn ProcessSpawn>>,
    /// Unix time in ns, the clock worker processes stamp their events with.
    pub unix_clock: Arc<dyn Clock>,
    /// One clock for every thread.
    pub clock: Arc<dyn Clock>,
    /// Receives every trace event as it happens (the live view), if set.
    pub live: Option<Arc<dyn TraceSink>>,
    /// `native` or `browser`.
    pub mode: &'static str,
    /// Size and start time of the thread pool, if the place has one.
    pub pool: Option<crate::report::PoolInfo>,
    /// The machine or browser.
    pub environment: Environment,
    /// Where the page's commands come from while the run goes on (cancel a
    /// future, cancel the pending ones, shut the executor down), if it may
    /// send any: the run then has one more thread, its watcher. `None`: no
    /// control, no extra thread.
    pub control: Option<Arc<RunControl>>,
    /// True where there is one thread and no other can start (a browser
    /// page that is not cross-origin isolated): asyncio then runs its loop
    /// and its program on this thread (see `run/one_thread.rs`).
    pub one_thread: bool,
}

impl RunEnv {
    /// Std threads and a monotonic clock on this machine; worker processes
    /// run this program's `worker` mode if this program is `futures-lab`.
    pub fn native() -> Self {
        let this = std::env::current_exe().ok();
        let is_runner = this
            .as_ref()
            .and_then(|path| path.file_stem())
            .is_some_and(|stem| stem == "futures-lab");
        Self::native_with_worker(this.filter(|_| is_runner))
    }

    /// As [`RunEnv::native`], with worker processes running
    /// `<program> worker` (the `futures-lab` binary), or none.
    pub fn native_with_worker(program: Option<std::path::PathBuf>) -> Self {
        Self {
            processes: program.map(|program| {
                Arc::new(CommandSpawner::new(program, ["worker"])) as Arc<dyn ProcessSpawn>
            }),
            spawner: StdSpawner::shared(),
            unix_clock: Arc::new(UnixClock),
            clock: Arc::new(MonotonicClock::new()),
            live: None,
            mode: "native",
            pool: None,
            environment: Environment::native(),
            control: None,
            one_thread: false,
        }
    }
}

impl std::fmt::Debug for RunEnv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunEnv").field("mode", &self.mode).finish()
    }
}
