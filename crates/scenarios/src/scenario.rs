//! The scenario: what a learner asks to run.

use serde::Serialize;
use serde_json::Value;

use crate::api::Api;
use crate::executor_kind::ExecutorKind;
use crate::fields::{self, Fields};
use crate::scenario_error::ScenarioError;
use crate::workloads;

/// The most workers a scenario may ask for: the browser pool is sized for it.
pub const MAX_WORKERS_LIMIT: usize = 32;
/// The most tasks (inputs) one scenario may have.
pub const MAX_TASKS: usize = 10_000;

/// Page-level URL keys that are not part of the scenario.
const PAGE_KEYS: [&str; 1] = ["run"];
/// Every scenario field, for error messages.
const FIELDS: [&str; 5] = ["workload", "inputs", "executor", "max_workers", "api"];

/// A workload, its inputs, and the executor to run them on. It round-trips
/// through a URL query and JSON.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{ExecutorKind, Scenario};
///
/// let scenario = Scenario::from_query("?workload=cpu_bound&inputs=100000,200000&executor=threads&max_workers=4&api=map&run=1").unwrap();
/// assert_eq!(scenario.executor, ExecutorKind::Threads);
/// assert_eq!(scenario.max_workers, Some(4));
/// assert_eq!(scenario.inputs.len(), 2);
/// assert_eq!(Scenario::from_query(&scenario.to_query()).unwrap(), scenario);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    /// The workload id (`cpu_bound`, ...).
    pub workload: String,
    /// One input per task, as the workload accepted them.
    pub inputs: Vec<Value>,
    /// The execution model.
    pub executor: ExecutorKind,
    /// Thread count; `None` means Python's default for the machine.
    pub max_workers: Option<usize>,
    /// How the program collects results.
    pub api: Api,
}

impl Default for Scenario {
    fn default() -> Self {
        Self::from_fields(Fields::new()).expect("the defaults are valid")
    }
}

impl Scenario {
    /// Parses a scenario given either as JSON (starting with `{`) or as a URL query.
    ///
    /// # Errors
    ///
    /// The first field that is not acceptable, with what it allows.
    pub fn parse(text: &str) -> Result<Self, ScenarioError> {
        if text.trim_start().starts_with('{') {
            Self::from_json(text)
        } else {
            Self::from_query(text)
        }
    }

    /// Parses a URL query (`workload=cpu_bound&executor=threads&max_workers=2`).
    ///
    /// # Errors
    ///
    /// As [`Scenario::parse`].
    pub fn from_query(query: &str) -> Result<Self, ScenarioError> {
        Self::from_fields(fields::from_query(query))
    }

    /// Parses a JSON object with the same fields; `inputs` may be a list.
    ///
    /// # Errors
    ///
    /// As [`Scenario::parse`].
    pub fn from_json(json: &str) -> Result<Self, ScenarioError> {
        Self::from_fields(fields::from_json(json)?)
    }

    fn from_fields(fields: Fields) -> Result<Self, ScenarioError> {
        let mut raw = RawFields::default();
        for (key, value) in fields {
            let slot = match key.as_str() {
                "workload" => &mut raw.workload,
                "inputs" => &mut raw.inputs,
                "executor" => &mut raw.executor,
                "max_workers" => &mut raw.max_workers,
                "api" => &mut raw.api,
                key if PAGE_KEYS.contains(&key) => continue,
                _ => {
                    return Err(ScenarioError::new(
                        key,
                        format!(
                            "is not a scenario field; the fields are {}",
                            FIELDS.join(", ")
                        ),
                    ))
                }
            };
            *slot = Some(value);
        }
        raw.validate()
    }

    /// The URL query form, without the leading `?`.
    pub fn to_query(&self) -> String {
        let inputs: Vec<String> = self
            .inputs
            .iter()
            .map(|input| match input {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect();
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("workload", &self.workload);
        query.append_pair("inputs", &inputs.join(","));
        query.append_pair("executor", self.executor.as_str());
        if let Some(max_workers) = self.max_workers {
            query.append_pair("max_workers", &max_workers.to_string());
        }
        query.append_pair("api", self.api.as_str());
        query.finish()
    }

    /// The thread count a pool will have: `max_workers`, or Python's default
    /// for `cpus` CPUs, capped at [`MAX_WORKERS_LIMIT`].
    pub fn resolved_max_workers(&self, cpus: usize) -> usize {
        self.max_workers.unwrap_or_else(|| {
            futures_lab_core::PythonVersion::DEFAULT
                .default_max_workers(cpus)
                .min(MAX_WORKERS_LIMIT)
        })
    }
}

#[derive(Default)]
struct RawFields {
    workload: Option<String>,
    inputs: Option<String>,
    executor: Option<String>,
    max_workers: Option<String>,
    api: Option<String>,
}

impl RawFields {
    fn validate(self) -> Result<Scenario, ScenarioError> {
        let workload_id = self.workload.unwrap_or_else(|| "cpu_bound".to_owned());
        let workload = workloads::find(workload_id.trim()).ok_or_else(|| {
            ScenarioError::new(
                "workload",
                format!(
                    "must be one of {} (got {workload_id:?})",
                    workloads::ids().join(", ")
                ),
            )
        })?;
        let raw_inputs = match self.inputs {
            Some(text) => text.split(',').map(str::to_owned).collect(),
            None => workload.default_inputs(),
        };
        if raw_inputs.is_empty() || raw_inputs.len() > MAX_TASKS {
            return Err(ScenarioError::new(
                "inputs",
                format!(
                    "must list from 1 to {MAX_TASKS} inputs (got {})",
                    raw_inputs.len()
                ),
            ));
        }
        let inputs = raw_inputs
            .iter()
            .map(|raw| workload.parse_input(raw))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| ScenarioError::new("inputs", message))?;
        let executor = parse_choice("executor", self.executor, &ExecutorKind::ALL)?;
        let api = parse_choice("api", self.api, &Api::ALL)?;
        let max_workers = self
            .max_workers
            .map(|text| parse_max_workers(&text))
            .transpose()?;
        Ok(Scenario {
            workload: workload.id().to_owned(),
            inputs,
            executor,
            max_workers,
            api,
        })
    }
}

fn parse_choice<T>(field: &str, text: Option<String>, all: &[T]) -> Result<T, ScenarioError>
where
    T: Copy + Default + std::str::FromStr + std::fmt::Display,
{
    let Some(text) = text else {
        return Ok(T::default());
    };
    text.trim().parse().map_err(|_| {
        let allowed: Vec<String> = all.iter().map(ToString::to_string).collect();
        ScenarioError::new(
            field,
            format!("must be one of {} (got {text:?})", allowed.join(", ")),
        )
    })
}

fn parse_max_workers(text: &str) -> Result<usize, ScenarioError> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_WORKERS_LIMIT).contains(n))
        .ok_or_else(|| {
            ScenarioError::new(
                "max_workers",
                format!("must be a whole number from 1 to {MAX_WORKERS_LIMIT} (got {text:?})"),
            )
        })
}
