//! `futures-lab run --scenario '<query or JSON>'`: plays a scenario natively
//! and prints its Report as JSON. Bad input: a message on stderr, exit 2.

use std::process::ExitCode;

use futures_lab_core::serve_worker;
use futures_lab_scenarios::{play, worker_handler, RunEnv, Scenario};

const USAGE: &str = "usage: futures-lab run --scenario '<query or JSON>'
  e.g. futures-lab run --scenario 'workload=cpu_bound&executor=threads&max_workers=2&api=map'
  (futures-lab worker: a process pool's worker, talking frames on stdin/stdout)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let scenario_text = match args.as_slice() {
        [command, flag, text] if command == "run" && flag == "--scenario" => text.clone(),
        [command, flag] if command == "run" && flag.starts_with("--scenario=") => {
            flag["--scenario=".len()..].to_owned()
        }
        [command] if command == "worker" => {
            let mut handler = worker_handler();
            let served = serve_worker(
                &mut handler,
                &mut std::io::stdin().lock(),
                Box::new(std::io::stdout()),
            );
            return match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("futures-lab worker: {error}");
                    ExitCode::FAILURE
                }
            };
        }
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let scenario = match Scenario::parse(&scenario_text) {
        Ok(scenario) => scenario,
        Err(error) => {
            eprintln!("futures-lab: {error}");
            return ExitCode::from(2);
        }
    };
    match play(&scenario, &RunEnv::native()) {
        Ok(report) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("a report is always valid JSON")
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("futures-lab: {error}");
            ExitCode::FAILURE
        }
    }
}
