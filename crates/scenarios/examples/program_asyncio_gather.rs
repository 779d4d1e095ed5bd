//! The futures-lab scenario `workload=sum_generator&inputs=1000,10,100000&executor=asyncio&cooperative=true&api=gather`,
//! played by futures-lab's runner (the asyncio executor, `gather`).
//!
//! Its Cargo.toml needs `futures-lab-scenarios`.

use futures_lab_scenarios::{play, RunEnv, Scenario};

/// The scenario, as the playground's URL gives it.
const SCENARIO: &str =
    "workload=sum_generator&inputs=1000,10,100000&executor=asyncio&cooperative=true&api=gather";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scenario = Scenario::from_query(SCENARIO)?;
    let env = RunEnv::native();
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
