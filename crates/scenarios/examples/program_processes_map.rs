//! The futures-lab scenario `workload=is_prime&inputs=97,91,1000003&executor=processes&max_workers=2&chunksize=2&api=map`,
//! played by futures-lab's runner (the processes executor, `map`).
//!
//! Its Cargo.toml needs `futures-lab-core` and `futures-lab-scenarios`.

use futures_lab_core::serve_worker;
use futures_lab_scenarios::{play, worker_handler, RunEnv, Scenario};

/// The scenario, as the playground's URL gives it.
const SCENARIO: &str =
    "workload=is_prime&inputs=97,91,1000003&executor=processes&max_workers=2&chunksize=2&api=map";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The pool's worker processes are this program again, run as `<program> worker`
    // (Python's `if __name__ == "__main__":` guard is there for the same reason).
    if std::env::args().nth(1).as_deref() == Some("worker") {
        let mut handler = worker_handler();
        let mut input = std::io::stdin().lock();
        serve_worker(&mut handler, &mut input, Box::new(std::io::stdout()))?;
        return Ok(());
    }
    let scenario = Scenario::from_query(SCENARIO)?;
    let env = RunEnv::native_with_worker(Some(std::env::current_exe()?));
    let report = play(&scenario, &env)?;
    // Results in the order the program received them (as_completed: as they finished).
    for &id in &report.result_order {
        let task = &report.tasks[id as usize];
        match (&task.result, &task.error) {
            (Some(value), _) => println!("task {id}: {} -> {value}", task.input),
            (None, Some(error)) => println!("task {id}: {} raised {error}", task.input),
            (None, None) => println!("task {id}: {} is {}", task.input, task.state),
        }
    }
    if let Some(error) = &report.error {
        println!("the program raised {error}");
    }
    println!("wall time: {:.3} s", report.wall_ms / 1e3);
    Ok(())
}
