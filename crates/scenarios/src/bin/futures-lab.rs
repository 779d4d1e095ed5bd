//! `futures-lab run --scenario '<query or JSON>'`: plays a scenario natively
//! and prints its Report as JSON. `futures-lab program --scenario '<...>'
//! [--lang python|rust|dask]` prints the scenario's program instead. Bad input,
//! or a run over its budget: a message on stderr, exit 2.

use std::process::ExitCode;

use futures_lab_core::serve_worker;
use futures_lab_core::ErrorKind;
use futures_lab_scenarios::{
    dask_program, estimate, play, python_program, rust_program, worker_handler, Budget, RunEnv,
    Scenario,
};

const USAGE: &str =
    "usage: futures-lab run --scenario '<query or JSON>' [--budget-s S] [--budget-mib M]
       futures-lab program --scenario '<query or JSON>' [--lang python|rust|dask]
  e.g. futures-lab run --scenario 'workload=cpu_bound&executor=threads&max_workers=2&api=map'
  (program: the scenario as a Python program that runs as-is in CPython, or in Rust)
  (run refuses a scenario whose estimate is over its budget: 60 s and 256 MiB
   unless --budget-s and --budget-mib allow more)
  (futures-lab worker: a process pool's worker, talking frames on stdin/stdout)";

/// What the command line asks for.
enum Command {
    /// Play the scenario within the budget and print its report.
    Run(String, Budget),
    /// Print the scenario's program in this language.
    Program(String, Language),
    /// Serve as a process pool's worker.
    Worker,
    /// Print the usage.
    Help,
    /// `--lang` named no language the command knows.
    BadLanguage(String),
}

/// The language of `futures-lab program`.
#[derive(Clone, Copy)]
enum Language {
    Python,
    Rust,
    Dask,
}

/// The command in `args`, or `None` when they fit no usage.
fn parse_args(args: &[String]) -> Option<Command> {
    let (command, rest) = args.split_first()?;
    match command.as_str() {
        "worker" if rest.is_empty() => return Some(Command::Worker),
        "--help" | "-h" if rest.is_empty() => return Some(Command::Help),
        "run" | "program" => {}
        _ => return None,
    }
    let mut scenario = None;
    let mut language = Language::Python;
    let mut budget = Budget::PAGE;
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let value = match inline {
            Some(value) => value,
            None => rest.next()?.clone(),
        };
        match flag {
            "--scenario" => scenario = Some(value),
            "--lang" if command == "program" => {
                language = match value.as_str() {
                    "python" => Language::Python,
                    "rust" => Language::Rust,
                    "dask" => Language::Dask,
                    other => return Some(Command::BadLanguage(other.to_owned())),
                }
            }
            "--budget-s" if command == "run" => budget.real_s = positive(&value)?,
            "--budget-mib" if command == "run" => {
                budget.memory_bytes = positive(&value)? * 1024.0 * 1024.0;
            }
            _ => return None,
        }
    }
    let scenario = scenario?;
    Some(if command == "run" {
        Command::Run(scenario, budget)
    } else {
        Command::Program(scenario, language)
    })
}

/// A finite number above 0.
fn positive(text: &str) -> Option<f64> {
    text.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = parse_args(&args) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let (scenario_text, language, budget) = match command {
        Command::Worker => return serve(),
        Command::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Command::BadLanguage(got) => {
            eprintln!("futures-lab: --lang: must be one of python, rust, dask (got {got:?})");
            return ExitCode::from(2);
        }
        Command::Run(text, budget) => (text, None, budget),
        Command::Program(text, language) => (text, Some(language), Budget::PAGE),
    };
    let scenario = match Scenario::parse(&scenario_text) {
        Ok(scenario) => scenario,
        Err(error) => {
            eprintln!("futures-lab: {error}");
            return ExitCode::from(2);
        }
    };
    match language {
        Some(Language::Python) => {
            print!("{}", python_program(&scenario));
            return ExitCode::SUCCESS;
        }
        Some(Language::Rust) => {
            print!("{}", rust_program(&scenario));
            return ExitCode::SUCCESS;
        }
        Some(Language::Dask) => {
            return match dask_program(&scenario) {
                Ok(program) => {
                    print!("{program}");
                    ExitCode::SUCCESS
                }
                Err(why) => {
                    eprintln!("futures-lab: dask cannot run this scenario: {why}");
                    ExitCode::from(2)
                }
            };
        }
        None => {}
    }
    let env = RunEnv::native();
    let cpus = env.environment.hardware_concurrency;
    if let Err(over) = budget.check(&estimate(&scenario, cpus)) {
        eprintln!("futures-lab: {over} (--budget-s, --budget-mib)");
        return ExitCode::from(2);
    }
    match play(&scenario, &env) {
        Ok(report) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("a report is always valid JSON")
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("futures-lab: {error}");
            // A scenario this runner refuses is bad input, like a bad field.
            ExitCode::from(if error.kind() == ErrorKind::InvalidArgument {
                2
            } else {
                1
            })
        }
    }
}

/// `futures-lab worker`: a process pool's worker on stdin and stdout.
fn serve() -> ExitCode {
    let mut handler = worker_handler();
    let served = serve_worker(
        &mut handler,
        &mut std::io::stdin().lock(),
        Box::new(std::io::stdout()),
    );
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("futures-lab worker: {error}");
            ExitCode::FAILURE
        }
    }
}
