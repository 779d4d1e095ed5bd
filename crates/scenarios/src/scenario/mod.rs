//! The scenario: what a learner asks to run.

pub(crate) mod api;
pub(crate) mod clock;
pub(crate) mod error;
pub(crate) mod excerpt;
pub(crate) mod executor_kind;
pub(crate) mod fields;
pub(crate) mod speed;
pub(crate) mod start_method;

use futures_lab_core::{PythonVersion, ReturnWhen};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use strum::IntoEnumIterator;

use crate::scenario::api::Api;
use crate::scenario::clock::Clock;
use crate::scenario::error::ScenarioError;
use crate::scenario::excerpt::{Excerpt, EXCERPT_CHARS};
use crate::scenario::executor_kind::ExecutorKind;
use crate::scenario::speed::Speed;
use crate::scenario::start_method::StartMethod;
use crate::workloads;
use crate::workloads::workload::{Params, Workload};
use fields::Fields;

/// The longest scenario text read, in characters (a query of 10,000 inputs
/// is well under it): anything longer is refused before it is parsed.
pub const MAX_SCENARIO_CHARS: usize = 1_000_000;
/// The most workers a scenario may ask for: the browser pool is sized for it.
pub const MAX_WORKERS_LIMIT: usize = 32;
/// The most tasks (inputs) one scenario may have.
pub const MAX_TASKS: usize = 10_000;
/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 1;
/// The longest `timeout_s` accepted, in seconds.
pub const MAX_TIMEOUT_S: f64 = 3600.0;
/// The most CPUs a virtual machine may have (`cpus`).
pub const MAX_CPUS: usize = 1024;
pub use crate::workloads::cost::MAX_OP_NS;

/// Page-level URL keys that are not part of the scenario.
pub const PAGE_KEYS: [&str; 5] = ["run", "lang", "embed", "series", "report"];
/// Every scenario field, in the order of the README's table.
pub const FIELDS: [&str; 21] = [
    "workload",
    "inputs",
    "params",
    "seed",
    "executor",
    "max_workers",
    "max_tasks_per_child",
    "start_method",
    "chunksize",
    "gil",
    "cooperative",
    "api",
    "return_exceptions",
    "callbacks",
    "timeout_s",
    "return_when",
    "python_version",
    "clock",
    "cpus",
    "op_ns",
    "speed",
];

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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Value")]
pub struct Scenario {
    /// The workload id (`cpu_bound`, ...).
    pub workload: String,
    /// One input per task, as the workload accepted them.
    pub inputs: Vec<Value>,
    /// The workload's parameters, every one filled in (defaults included).
    pub params: Params,
    /// Seeds whatever the workload draws at random (download latencies).
    pub seed: u64,
    /// The execution model.
    pub executor: ExecutorKind,
    /// Thread count; `None` means Python's default for the machine.
    pub max_workers: Option<usize>,
    /// Processes only: replace a worker process after this many tasks.
    pub max_tasks_per_child: Option<usize>,
    /// Processes only: how worker processes start (`None`: Linux's default
    /// for `python_version`, or `spawn` with `max_tasks_per_child`, as
    /// CPython picks; see [`Scenario::start_method`]). The virtual clock
    /// charges what that method costs in CPython; the program names it.
    pub start_method: Option<StartMethod>,
    /// `map` on processes: calls sent to a worker at once (CPython ignores it
    /// for threads, and so does futures-lab).
    pub chunksize: usize,
    /// Whether the thread pool models CPython's GIL.
    pub gil: bool,
    /// Whether asyncio tasks yield at their checkpoints (`await asyncio.sleep(0)`
    /// in CPU loops), so that CPU work no longer stalls the loop.
    pub cooperative: bool,
    /// How the program collects results.
    pub api: Api,
    /// `gather(..., return_exceptions=True)`: errors become results.
    pub return_exceptions: bool,
    /// Whether the program adds a done callback to every future right after
    /// submitting it (`future.add_done_callback(...)`, which prints the
    /// thread it runs on); the report lists each run in `callbacks`. It
    /// needs futures the program holds, so not with `executor=sequential` (a
    /// plain loop) nor with `api=map` on a pool (`executor.map` hands out
    /// results, not futures).
    pub callbacks: bool,
    /// The timeout of `as_completed`, `map` or `wait`, in seconds; `None` waits forever.
    pub timeout_s: Option<f64>,
    /// When `wait` returns (the `wait` API).
    #[serde(serialize_with = "as_text")]
    pub return_when: ReturnWhen,
    /// Whose rules apply where Python versions differ.
    #[serde(serialize_with = "as_text")]
    pub python_version: PythonVersion,
    /// Real threads and a real clock, or the virtual clock.
    #[serde(serialize_with = "as_text")]
    pub clock: Clock,
    /// The virtual clock only: the machine's CPUs (`None`: the host's count).
    pub cpus: Option<usize>,
    /// The virtual clock only: ns one operation takes (`None`:
    /// [`DEFAULT_OP_NS`](crate::DEFAULT_OP_NS) at this build's speed, the
    /// measured table at a CPython's, which `op_ns` rescales; see
    /// [`Scenario::virtual_op_ns`]).
    pub op_ns: Option<f64>,
    /// The virtual clock only: computing as fast as this build, or as a
    /// measured CPython, workload by workload.
    #[serde(serialize_with = "as_text")]
    pub speed: Speed,
}

/// A scenario from its JSON object, checked as [`Scenario::from_json`]
/// checks it, or from its URL query as a JSON string (so that a
/// [`Report`](crate::Report) decodes with serde, a CPython trace's too).
impl TryFrom<Value> for Scenario {
    type Error = ScenarioError;

    fn try_from(value: Value) -> Result<Self, Self::Error> {
        match value {
            Value::String(query) => Self::from_query(&query),
            other => Self::from_json(&other.to_string()),
        }
    }
}

fn as_text<T: std::fmt::Display, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
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
        check_length(text)?;
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
        check_length(query)?;
        Self::from_fields(fields::from_query(query))
    }

    /// Parses a JSON object with the same fields; `inputs` may be a list.
    ///
    /// # Errors
    ///
    /// As [`Scenario::parse`].
    pub fn from_json(json: &str) -> Result<Self, ScenarioError> {
        check_length(json)?;
        let known = |key: &str| FIELDS.contains(&key) || PAGE_KEYS.contains(&key);
        Self::from_fields(fields::from_json(json, &known)?)
    }

    fn from_fields(fields: Fields) -> Result<Self, ScenarioError> {
        let mut raw = RawFields::default();
        for (key, value) in fields {
            let slot = match key.as_str() {
                "workload" => &mut raw.workload,
                "inputs" => &mut raw.inputs,
                "params" => &mut raw.params,
                "seed" => &mut raw.seed,
                "executor" => &mut raw.executor,
                "max_workers" => &mut raw.max_workers,
                "max_tasks_per_child" => &mut raw.max_tasks_per_child,
                "start_method" => &mut raw.start_method,
                "chunksize" => &mut raw.chunksize,
                "gil" => &mut raw.gil,
                "cooperative" => &mut raw.cooperative,
                "api" => &mut raw.api,
                "return_exceptions" => &mut raw.return_exceptions,
                "callbacks" => &mut raw.callbacks,
                "timeout_s" => &mut raw.timeout_s,
                "return_when" => &mut raw.return_when,
                "python_version" => &mut raw.python_version,
                "clock" => &mut raw.clock,
                "cpus" => &mut raw.cpus,
                "op_ns" => &mut raw.op_ns,
                "speed" => &mut raw.speed,
                key if PAGE_KEYS.contains(&key) => continue,
                _ => {
                    // A long key is named by its start, as a long value is.
                    let named = if key.chars().count() <= EXCERPT_CHARS {
                        key.to_owned()
                    } else {
                        format!("{:?}", Excerpt(&key))
                    };
                    return Err(ScenarioError::new(
                        named,
                        format!(
                            "is not a scenario field; the fields are {}",
                            FIELDS.join(", ")
                        ),
                    ));
                }
            };
            *slot = Some(value);
        }
        raw.validate()
    }

    /// The URL query form, without the leading `?`.
    pub fn to_query(&self) -> String {
        let inputs: Vec<String> = self.inputs.iter().map(value_text).collect();
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("workload", &self.workload);
        query.append_pair("inputs", &inputs.join(","));
        if !self.params.is_empty() {
            let params: Vec<String> = self
                .params
                .iter()
                .map(|(name, value)| format!("{name}:{}", value_text(value)))
                .collect();
            query.append_pair("params", &params.join(","));
        }
        if self.seed != DEFAULT_SEED {
            query.append_pair("seed", &self.seed.to_string());
        }
        query.append_pair("executor", self.executor.as_str());
        if let Some(max_workers) = self.max_workers {
            query.append_pair("max_workers", &max_workers.to_string());
        }
        if let Some(max_tasks) = self.max_tasks_per_child {
            query.append_pair("max_tasks_per_child", &max_tasks.to_string());
        }
        if let Some(method) = self.start_method {
            query.append_pair("start_method", method.as_str());
        }
        if self.chunksize != 1 {
            query.append_pair("chunksize", &self.chunksize.to_string());
        }
        if self.gil {
            query.append_pair("gil", "true");
        }
        if self.cooperative {
            query.append_pair("cooperative", "true");
        }
        query.append_pair("api", self.api.as_str());
        if self.return_exceptions {
            query.append_pair("return_exceptions", "true");
        }
        if self.callbacks {
            query.append_pair("callbacks", "true");
        }
        if let Some(timeout) = self.timeout_s {
            query.append_pair("timeout_s", &timeout.to_string());
        }
        // Always with `wait`; elsewhere only if given, so that the query
        // keeps the whole scenario.
        if self.api == Api::Wait || self.return_when != ReturnWhen::default() {
            query.append_pair("return_when", self.return_when.as_str());
        }
        if self.python_version != PythonVersion::DEFAULT {
            query.append_pair("python_version", &self.python_version.to_string());
        }
        if self.clock != Clock::Real {
            query.append_pair("clock", self.clock.as_str());
        }
        if let Some(cpus) = self.cpus {
            query.append_pair("cpus", &cpus.to_string());
        }
        if let Some(op_ns) = self.op_ns {
            query.append_pair("op_ns", &op_ns.to_string());
        }
        if self.speed != Speed::ThisBuild {
            query.append_pair("speed", &self.speed.to_string());
        }
        query.finish()
    }

    /// The URL query with its values unescaped where that reads the same
    /// (`inputs=10,20`), for people; otherwise [`Scenario::to_query`].
    pub(crate) fn readable_query(&self) -> String {
        let query = self.to_query();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let readable = pairs
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect::<Vec<_>>()
            .join("&");
        let same = form_urlencoded::parse(readable.as_bytes())
            .into_owned()
            .eq(pairs.iter().cloned());
        if same {
            readable
        } else {
            query
        }
    }

    /// How the process pool starts its workers: the scenario's
    /// `start_method`, or the one CPython of `python_version` picks on Linux.
    pub fn start_method(&self) -> StartMethod {
        StartMethod::effective(
            self.start_method,
            self.python_version,
            self.max_tasks_per_child.is_some(),
        )
    }

    /// ns one operation of this scenario's workload takes on the virtual
    /// clock, by its `speed` and `op_ns` ([`Speed::ns_per_op`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::{Scenario, DEFAULT_OP_NS};
    ///
    /// assert_eq!(Scenario::from_query("clock=virtual").unwrap().virtual_op_ns(), DEFAULT_OP_NS);
    /// let primes = Scenario::from_query("workload=is_prime&clock=virtual&speed=cpython-3.11").unwrap();
    /// let sums = Scenario::from_query("workload=cpu_bound&clock=virtual&speed=cpython-3.11").unwrap();
    /// assert!(primes.virtual_op_ns() < sums.virtual_op_ns());
    /// ```
    pub fn virtual_op_ns(&self) -> f64 {
        self.speed.ns_per_op(&self.workload, self.op_ns)
    }

    /// The worker count a pool will have: `max_workers`, or Python's
    /// default for `cpus` CPUs (threads: per the scenario's Python version;
    /// processes: the CPU count), capped at [`MAX_WORKERS_LIMIT`]. A plain
    /// loop and the event loop run on one thread: 1.
    pub fn resolved_max_workers(&self, cpus: usize) -> usize {
        match self.executor.default_max_workers(self.python_version, cpus) {
            None => 1,
            Some(default) => self.max_workers.unwrap_or(default.min(MAX_WORKERS_LIMIT)),
        }
    }

    /// This scenario on `executor` (with the GIL as `gil` says, where threads
    /// share one), kept valid: what the new executor does not have is reset
    /// to its default (`gather` and `TaskGroup` become
    /// `submit_as_completed` off asyncio, callbacks go where there are no
    /// futures to hold, `chunksize` and `max_tasks_per_child` off the process
    /// pool, `cooperative` off asyncio). Compare, Amdahl's runs and the
    /// speed-up's sequential baseline all re-target through here.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::{Api, ExecutorKind, Scenario};
    ///
    /// let asyncio = Scenario::from_query("executor=asyncio&api=gather&callbacks=true&cooperative=true").unwrap();
    /// let threads = asyncio.retarget(ExecutorKind::Threads, true);
    /// assert_eq!((threads.api, threads.gil, threads.cooperative), (Api::SubmitAsCompleted, true, false));
    /// let sequential = asyncio.retarget(ExecutorKind::Sequential, true);
    /// assert!(!sequential.callbacks && !sequential.gil);
    /// assert_eq!(Scenario::from_query(&sequential.to_query()).unwrap(), sequential);
    /// ```
    pub fn retarget(&self, executor: ExecutorKind, gil: bool) -> Scenario {
        let mut scenario = self.clone();
        scenario.executor = executor;
        scenario.gil = gil && executor.models_gil();
        if !executor.allows(scenario.api) {
            scenario.api = Api::default();
        }
        scenario.callbacks = scenario.callbacks && executor.allows_callbacks(scenario.api);
        if executor != ExecutorKind::Processes {
            scenario.chunksize = 1;
            scenario.max_tasks_per_child = None;
            scenario.start_method = None;
        }
        if executor != ExecutorKind::Asyncio {
            scenario.cooperative = false;
            scenario.return_exceptions = false;
        }
        if !executor.is_pool() {
            scenario.max_workers = None;
        }
        scenario
    }
}

/// Refuses a scenario text longer than [`MAX_SCENARIO_CHARS`], saying how
/// long it is (never what it says).
fn check_length(text: &str) -> Result<(), ScenarioError> {
    // Bytes are at least as many as characters: counted only when over.
    if text.len() <= MAX_SCENARIO_CHARS {
        return Ok(());
    }
    let chars = text.chars().count();
    if chars <= MAX_SCENARIO_CHARS {
        return Ok(());
    }
    Err(ScenarioError::new(
        "scenario",
        format!("must be at most {MAX_SCENARIO_CHARS} characters long (got {chars})"),
    ))
}

#[derive(Default)]
struct RawFields {
    workload: Option<String>,
    inputs: Option<String>,
    params: Option<String>,
    seed: Option<String>,
    executor: Option<String>,
    max_workers: Option<String>,
    max_tasks_per_child: Option<String>,
    start_method: Option<String>,
    chunksize: Option<String>,
    gil: Option<String>,
    cooperative: Option<String>,
    api: Option<String>,
    return_exceptions: Option<String>,
    callbacks: Option<String>,
    timeout_s: Option<String>,
    return_when: Option<String>,
    python_version: Option<String>,
    clock: Option<String>,
    cpus: Option<String>,
    op_ns: Option<String>,
    speed: Option<String>,
}

impl RawFields {
    fn validate(self) -> Result<Scenario, ScenarioError> {
        let workload_id = self.workload.unwrap_or_else(|| "cpu_bound".to_owned());
        let workload = workloads::find(workload_id.trim()).ok_or_else(|| {
            ScenarioError::new(
                "workload",
                format!(
                    "must be one of {} (got {:?})",
                    workloads::ids().join(", "),
                    Excerpt(&workload_id)
                ),
            )
        })?;
        // Counted before they are split: a list far too long is refused
        // without making a string of each of its items.
        let count = self
            .inputs
            .as_deref()
            .map(|text| text.bytes().filter(|&b| b == b',').count() + 1);
        if let Some(count) = count.filter(|&count| count > MAX_TASKS) {
            return Err(ScenarioError::new(
                "inputs",
                format!("must list from 1 to {MAX_TASKS} inputs (got {count})"),
            ));
        }
        let raw_inputs: Vec<String> = match self.inputs {
            Some(text) => text.split(',').map(str::to_owned).collect(),
            None => workload.default_inputs(),
        };
        let inputs = raw_inputs
            .iter()
            .map(|raw| workload.parse_input(raw))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| ScenarioError::new("inputs", message))?;
        let params = parse_params(workload, self.params.as_deref())?;
        let seed = match self.seed {
            None => DEFAULT_SEED,
            Some(text) => text.trim().parse().map_err(|_| {
                ScenarioError::new(
                    "seed",
                    format!(
                        "must be a whole number from 0 to {} (got {:?})",
                        u64::MAX,
                        Excerpt(&text)
                    ),
                )
            })?,
        };
        let executor = parse_choice::<ExecutorKind>("executor", self.executor)?;
        let api = parse_choice::<Api>("api", self.api)?;
        let max_workers = self
            .max_workers
            .map(|text| parse_count("max_workers", &text, MAX_WORKERS_LIMIT))
            .transpose()?;
        let gil = self
            .gil
            .map(|text| parse_flag("gil", &text))
            .transpose()?
            .unwrap_or(false);
        let max_tasks_per_child = self
            .max_tasks_per_child
            .map(|text| parse_count("max_tasks_per_child", &text, MAX_TASKS))
            .transpose()?;
        let start_method = self
            .start_method
            .map(|text| parse_named::<StartMethod>("start_method", &text))
            .transpose()?;
        if let (Some(StartMethod::Fork), Some(_)) = (start_method, max_tasks_per_child) {
            // CPython's ProcessPoolExecutor raises ValueError for this pair.
            return Err(ScenarioError::new(
                "start_method",
                "max_tasks_per_child is incompatible with the 'fork' start method: use spawn or forkserver, or leave start_method out (got start_method=fork)",
            ));
        }
        if !executor.allows(api) {
            return Err(ScenarioError::new(
                "api",
                format!("{api} is asyncio's: use executor=asyncio (got executor={executor})"),
            ));
        }
        let return_exceptions = self
            .return_exceptions
            .map(|text| parse_flag("return_exceptions", &text))
            .transpose()?
            .unwrap_or(false);
        let callbacks = self
            .callbacks
            .map(|text| parse_flag("callbacks", &text))
            .transpose()?
            .unwrap_or(false);
        check_callbacks(callbacks, executor, api)?;
        let chunksize = match self.chunksize {
            None => 1,
            Some(text) => parse_count("chunksize", &text, MAX_TASKS)?,
        };
        let cooperative = self
            .cooperative
            .map(|text| parse_flag("cooperative", &text))
            .transpose()?
            .unwrap_or(false);
        let timeout_s = self
            .timeout_s
            .map(|text| parse_timeout(&text))
            .transpose()?;
        let return_when = match self.return_when {
            None => ReturnWhen::default(),
            Some(text) => text.trim().parse().map_err(|_| {
                ScenarioError::new(
                    "return_when",
                    format!(
                        "must be one of FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED (got {:?})",
                        Excerpt(&text)
                    ),
                )
            })?,
        };
        let python_version = parse_or(
            "python_version",
            self.python_version,
            PythonVersion::DEFAULT,
            "",
        )?;
        let clock = parse_choice::<Clock>("clock", self.clock)?;
        if clock == Clock::Virtual
            && workload.on_virtual_clock()
            && !workload.virtual_clock_plays(executor)
        {
            let on: Vec<&str> = ExecutorKind::iter()
                .filter(|kind| workload.virtual_clock_plays(*kind))
                .map(ExecutorKind::as_str)
                .collect();
            return Err(ScenarioError::new(
                "clock",
                format!(
                    "the virtual clock plays {} with the executors {}: use clock=real for {} (got clock=virtual)",
                    workload.id(),
                    on.join(", "),
                    executor.as_str()
                ),
            ));
        }
        if clock == Clock::Virtual && !workload.on_virtual_clock() {
            let played: Vec<&str> = workloads::ALL
                .iter()
                .filter(|w| w.on_virtual_clock())
                .map(|w| w.id())
                .collect();
            return Err(ScenarioError::new(
                "clock",
                format!(
                    "the virtual clock plays {} (tasks handed in at once, not paced by a producer): use clock=real for {} (got clock=virtual)",
                    played.join(", "),
                    workload.id()
                ),
            ));
        }
        let cpus = self
            .cpus
            .map(|text| parse_count("cpus", &text, MAX_CPUS))
            .transpose()?;
        let op_ns = self.op_ns.map(|text| parse_op_ns(&text)).transpose()?;
        let speed = parse_or("speed", self.speed, Speed::ThisBuild, "one of ")?;
        Ok(Scenario {
            workload: workload.id().to_owned(),
            inputs,
            params,
            seed,
            executor,
            max_workers,
            max_tasks_per_child,
            start_method,
            chunksize,
            gil,
            cooperative,
            api,
            return_exceptions,
            callbacks,
            timeout_s,
            return_when,
            python_version,
            clock,
            cpus,
            op_ns,
            speed,
        })
    }
}

/// `text` as a `T`, or `default` when the field is absent; a bad value is
/// named with what `T` allows (its parse error), after `lead`.
fn parse_or<T>(
    field: &str,
    text: Option<String>,
    default: T,
    lead: &str,
) -> Result<T, ScenarioError>
where
    T: std::str::FromStr<Err = String>,
{
    let Some(text) = text else {
        return Ok(default);
    };
    text.parse().map_err(|allowed: String| {
        ScenarioError::new(
            field,
            format!("must be {lead}{allowed} (got {:?})", Excerpt(&text)),
        )
    })
}

/// One of `T`'s choices, or its default when the field is absent.
fn parse_choice<T>(field: &str, text: Option<String>) -> Result<T, ScenarioError>
where
    T: Default + std::str::FromStr + std::fmt::Display + IntoEnumIterator,
{
    text.map_or_else(|| Ok(T::default()), |text| parse_named(field, &text))
}

/// One of `T`'s choices, or an error naming `field` and every choice.
fn parse_named<T>(field: &str, text: &str) -> Result<T, ScenarioError>
where
    T: std::str::FromStr + std::fmt::Display + IntoEnumIterator,
{
    text.trim().parse().map_err(|_| {
        let allowed: Vec<String> = T::iter().map(|choice| choice.to_string()).collect();
        ScenarioError::new(
            field,
            format!(
                "must be one of {} (got {:?})",
                allowed.join(", "),
                Excerpt(text)
            ),
        )
    })
}

/// A whole number from 1 to `max`, or an error naming `field` and the range.
fn parse_count(field: &str, text: &str, max: usize) -> Result<usize, ScenarioError> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            ScenarioError::new(
                field,
                format!(
                    "must be a whole number from 1 to {max} (got {:?})",
                    Excerpt(text)
                ),
            )
        })
}

/// `callbacks=true` needs futures the program holds.
fn check_callbacks(callbacks: bool, executor: ExecutorKind, api: Api) -> Result<(), ScenarioError> {
    if !callbacks || executor.allows_callbacks(api) {
        return Ok(());
    }
    Err(if executor == ExecutorKind::Sequential {
        ScenarioError::new(
            "callbacks",
            "a plain loop has no futures to add a done callback to: use executor=threads, processes or asyncio (got executor=sequential)",
        )
    } else {
        ScenarioError::new(
            "callbacks",
            format!("executor.map hands out results, not futures, so there is nothing to add a done callback to: use api=submit_as_completed or api=wait (got api=map with executor={executor})"),
        )
    })
}

fn parse_flag(field: &str, text: &str) -> Result<bool, ScenarioError> {
    match text.trim() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ScenarioError::new(
            field,
            format!("must be true or false (got {:?})", Excerpt(text)),
        )),
    }
}

fn parse_timeout(text: &str) -> Result<f64, ScenarioError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|t| (0.0..=MAX_TIMEOUT_S).contains(t))
        .ok_or_else(|| {
            ScenarioError::new(
                "timeout_s",
                format!(
                    "must be a number of seconds from 0 to {MAX_TIMEOUT_S} (got {:?})",
                    Excerpt(text)
                ),
            )
        })
}

fn parse_op_ns(text: &str) -> Result<f64, ScenarioError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|ns| *ns > 0.0 && *ns <= MAX_OP_NS)
        .ok_or_else(|| {
            ScenarioError::new(
                "op_ns",
                format!(
                    "must be a number of nanoseconds above 0 and at most {MAX_OP_NS} (got {:?})",
                    Excerpt(text)
                ),
            )
        })
}

/// A value as it is written in a URL.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// `name:value` pairs, checked against the workload's parameters; the ones
/// not given take their defaults.
fn parse_params(workload: &dyn Workload, text: Option<&str>) -> Result<Params, ScenarioError> {
    let known: Vec<&str> = workload.params().iter().map(|p| p.name).collect();
    let mut given: Vec<(String, String)> = Vec::new();
    for pair in text
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.trim().is_empty())
    {
        let (name, value) = pair.split_once(':').ok_or_else(|| {
            ScenarioError::new(
                "params",
                format!(
                    "must be name:value pairs separated by commas (got {:?})",
                    Excerpt(pair)
                ),
            )
        })?;
        let name = name.trim();
        if !known.contains(&name) {
            let allowed = if known.is_empty() {
                "it takes none".to_owned()
            } else {
                format!("its parameters are {}", known.join(", "))
            };
            return Err(ScenarioError::new(
                "params",
                format!(
                    "{name:?} is not a parameter of {}; {allowed}",
                    workload.id()
                ),
            ));
        }
        given.push((name.to_owned(), value.trim().to_owned()));
    }
    workload
        .params()
        .iter()
        .map(|param| {
            let raw = given
                .iter()
                .rev()
                .find(|(name, _)| name == param.name)
                .map_or(param.default, |(_, value)| value.as_str());
            workload
                .parse_param(param.name, raw)
                .map(|value| (param.name.to_owned(), value))
                .map_err(|message| ScenarioError::new(format!("params.{}", param.name), message))
        })
        .collect()
}
