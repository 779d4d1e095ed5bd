//! asyncio with the loop and the program on one thread (where no other can
//! start) gives what the loop on a thread of its own gives.

use futures_lab_core::{Error, ErrorKind, Spawn};
use futures_lab_scenarios::{play, Report, RunEnv, Scenario};
use std::sync::Arc;

/// A place where no thread can start.
struct NoThreads;

impl Spawn for NoThreads {
    fn spawn(&self, name: &str, _body: Box<dyn FnOnce() + Send>) -> Result<(), Error> {
        Err(Error::new(
            ErrorKind::BrokenExecutor,
            format!("no thread for {name}"),
        ))
    }
}

fn one_thread() -> RunEnv {
    RunEnv {
        spawner: Arc::new(NoThreads),
        processes: None,
        one_thread: true,
        ..RunEnv::native()
    }
}

/// Latencies 40 ms apart or more, as in the virtual clock's tests.
const SITES: &str =
    "a.example@90,b.example@230,c.example@330,d.example@390,e.invalid@40,f.example@280";

fn both(query: &str) -> (Report, Report) {
    let scenario = Scenario::from_query(query).unwrap();
    let threaded = play(&scenario, &RunEnv::native()).unwrap();
    let alone = play(&scenario, &one_thread()).unwrap();
    (threaded, alone)
}

#[test]
fn every_collection_agrees_with_the_loop_on_a_thread_of_its_own() {
    for api in [
        "submit_as_completed",
        "map",
        "wait&return_when=FIRST_EXCEPTION",
        "wait&timeout_s=0.2",
        "gather",
        "gather&return_exceptions=true",
        "task_group",
        "submit_as_completed&timeout_s=0.2",
    ] {
        let query = format!("workload=download&inputs={SITES}&executor=asyncio&api={api}");
        let (threaded, alone) = both(&query);
        assert_eq!(alone.completion_order, threaded.completion_order, "{query}");
        assert_eq!(alone.result_order, threaded.result_order, "{query}");
        assert_eq!(alone.error, threaded.error, "{query}");
        let states = |r: &Report| r.tasks.iter().map(|t| t.state).collect::<Vec<_>>();
        assert_eq!(states(&alone), states(&threaded), "{query}");
        let split = |r: &Report| {
            r.wait
                .as_ref()
                .map(|w| (w.done.clone(), w.not_done.clone(), w.reason.clone()))
        };
        assert_eq!(split(&alone), split(&threaded), "{query}");
        assert_eq!(alone.mode, "native");
        // Real waits: the run took as long as its slowest site it waited for.
        assert!(alone.wall_ms >= 40.0, "{query}: {}", alone.wall_ms);
    }
}

#[test]
fn a_coroutine_that_never_awaits_holds_the_loop_on_one_thread_too() {
    let query = "workload=cpu_bound&inputs=3000000,10&executor=asyncio";
    let (threaded, alone) = both(query);
    assert_eq!(alone.completion_order, [0, 1]);
    assert_eq!(alone.completion_order, threaded.completion_order);
    assert_eq!(
        alone.tasks[0].result,
        Some(serde_json::json!("8999995500000500000"))
    );
    let cooperative = play(
        &Scenario::from_query(&format!("{query}&cooperative=true")).unwrap(),
        &one_thread(),
    )
    .unwrap();
    assert_eq!(cooperative.completion_order, [1, 0]);
}

#[test]
fn a_producer_is_refused_by_name() {
    let error = play(
        &Scenario::from_query("workload=stream&executor=asyncio").unwrap(),
        &one_thread(),
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("producer needs a thread"),
        "{error}"
    );
}

#[test]
fn a_timeout_cannot_fire_while_tasks_that_never_await_hold_the_loop() {
    // CPython 3.11 runs this program's three tasks in one turn of the loop,
    // before wait_for's timer can fire: gather is done by then, and the
    // program gets every result (checked with the scenario's program).
    let query = "workload=cpu_bound&inputs=30000000,30000000,30000000&executor=asyncio&api=gather&timeout_s=0.002";
    let (threaded, alone) = both(query);
    let states = |r: &Report| r.tasks.iter().map(|t| t.state).collect::<Vec<_>>();
    assert_eq!(states(&alone), ["finished", "finished", "finished"]);
    assert_eq!(alone.error, None);
    assert_eq!(states(&alone), states(&threaded));
    let started = |r: &Report| {
        r.tasks
            .iter()
            .map(|t| t.started_ms.is_some())
            .collect::<Vec<_>>()
    };
    assert_eq!(started(&alone), started(&threaded));
}
