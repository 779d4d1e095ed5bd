//! A run in a Web Worker with an instance of its own (www/solo-worker.js):
//! how a page that is not cross-origin isolated runs what needs no second
//! thread.

use std::sync::Arc;

use futures_lab_core::{set_global_clock, Error, ErrorKind, Spawn, TraceBuffer, TraceSink};
use futures_lab_scenarios::{play, Environment, PoolInfo, RunEnv, Scenario};
use wasm_bindgen::prelude::*;

use super::armed_fault::Fault;
use super::clock::{EpochClock, WebClock};
use super::pool_broken::{report_out_of_memory, report_panic};
use super::solo_wire::{answer_to_json, events_to_json};

/// A place without threads: asking for one fails, naming why.
struct NoThreads;

impl Spawn for NoThreads {
    fn spawn(&self, name: &str, _body: Box<dyn FnOnce() + Send>) -> Result<(), Error> {
        Err(Error::new(
            ErrorKind::BrokenExecutor,
            format!("cannot start thread {name}: this page has no shared memory to give a thread"),
        ))
    }
}

/// Plays the scenario `query` on this worker's one thread and answers with
/// JSON: `{ "report": ..., "events": [...] }` or `{ "error": ..., "events": [...] }`
/// (see `solo_wire`). `cpus` and `user_agent` are the page's; `fault`, a
/// test's armed fault (see `armed_fault`), if any. A panic or a failed
/// allocation is reported to the page (which fails the run, naming it)
/// before the instance aborts.
#[wasm_bindgen]
pub fn futures_lab_solo_run(
    query: &str,
    cpus: u32,
    user_agent: String,
    fault: Option<String>,
) -> String {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        report_panic(info);
    }));
    std::alloc::set_alloc_error_hook(report_out_of_memory);
    if let Some(fault) = fault.as_deref().and_then(Fault::from_name) {
        fault.arm_here();
    }
    let _ = set_global_clock(Box::new(WebClock::new()));
    let trace = Arc::new(TraceBuffer::default());
    let env = RunEnv {
        spawner: Arc::new(NoThreads),
        processes: None,
        unix_clock: Arc::new(EpochClock),
        clock: Arc::new(WebClock::new()),
        live: Some(Arc::clone(&trace) as Arc<dyn TraceSink>),
        mode: "browser",
        pool: Some(PoolInfo {
            threads: 0,
            start_ms: None,
        }),
        environment: Environment {
            cross_origin_isolated: Some(false),
            hardware_concurrency: cpus.max(1) as usize,
            user_agent,
        },
        control: None,
        one_thread: true,
    };
    let played = Scenario::parse(query)
        .map_err(|e| e.to_string())
        .and_then(|scenario| play(&scenario, &env).map_err(|e| e.to_string()));
    answer_to_json(&played, events_to_json(&trace.drain()))
}
