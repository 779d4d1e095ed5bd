//! Series of runs of one scenario: Compare (every executor) and Amdahl
//! (1..N workers). What to run, what came back, and what it means.

use futures_lab_scenarios::{ExecutorKind, Scenario};

use crate::amdahl::fit_serial_fraction;

/// Which series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExperimentKind {
    /// The scenario on every executor: the classic sync / threads / asyncio /
    /// processes table, measured here.
    Compare,
    /// The scenario on 1, 2, ... N workers, against Amdahl's law.
    Amdahl,
}

impl ExperimentKind {
    /// The series a link's `series=` names: `compare` or `amdahl`.
    pub fn from_link(value: &str) -> Option<Self> {
        match value {
            "compare" => Some(Self::Compare),
            "amdahl" => Some(Self::Amdahl),
            _ => None,
        }
    }
}

/// What one run of a series varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// An executor; `gil` tells threads with and without the GIL apart.
    Executor {
        /// The executor.
        kind: ExecutorKind,
        /// Whether the thread pool has a GIL.
        gil: bool,
    },
    /// A worker count.
    Workers(usize),
}

impl Variant {
    /// A short label for charts and tables (`threads+GIL`, `4`).
    pub fn label(self) -> String {
        match self {
            Self::Executor {
                kind: ExecutorKind::Threads,
                gil: true,
            } => "threads+GIL".to_owned(),
            Self::Executor { kind, .. } => kind.as_str().to_owned(),
            Self::Workers(n) => n.to_string(),
        }
    }
}

/// A series of runs, filled in as they finish.
#[derive(Clone, Debug, PartialEq)]
pub struct Experiment {
    /// Which series.
    pub kind: ExperimentKind,
    /// The runs, in the order they are made.
    pub runs: Vec<(Variant, Scenario)>,
    /// Each run's wall time in ms, or why it could not run, once done.
    pub results: Vec<Option<Result<f64, String>>>,
    /// Compare on the real clock: each run's wall time in CPython as the
    /// virtual clock predicts it, once predicted.
    pub predicted: Vec<Option<f64>>,
}

impl Experiment {
    /// Every executor on `base`: sequential, threads, threads with the GIL,
    /// processes and asyncio. An asyncio-only API becomes
    /// `submit + as_completed` on the pools.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::experiments::Experiment;
    /// use futures_lab_scenarios::Scenario;
    ///
    /// let compare = Experiment::compare(&Scenario::default());
    /// let labels: Vec<String> = compare.runs.iter().map(|(v, _)| v.label()).collect();
    /// assert_eq!(labels, ["sequential", "threads", "threads+GIL", "processes", "asyncio"]);
    /// ```
    pub fn compare(base: &Scenario) -> Self {
        let variants = [
            (ExecutorKind::Sequential, false),
            (ExecutorKind::Threads, false),
            (ExecutorKind::Threads, true),
            (ExecutorKind::Processes, false),
            (ExecutorKind::Asyncio, false),
        ];
        let runs = variants
            .into_iter()
            .map(|(kind, gil)| (Variant::Executor { kind, gil }, base.retarget(kind, gil)))
            .collect();
        Self::planned(ExperimentKind::Compare, runs)
    }

    /// `base` on 1 to `most` workers. Processes stay processes; every other
    /// executor becomes a thread pool (the GIL as `base` has it).
    pub fn amdahl(base: &Scenario, most: usize) -> Self {
        let runs = (1..=most.max(2))
            .map(|n| {
                let mut scenario = match base.executor {
                    ExecutorKind::Processes => base.clone(),
                    _ => base.retarget(ExecutorKind::Threads, base.gil),
                };
                scenario.max_workers = Some(n);
                (Variant::Workers(n), scenario)
            })
            .collect();
        Self::planned(ExperimentKind::Amdahl, runs)
    }

    fn planned(kind: ExperimentKind, runs: Vec<(Variant, Scenario)>) -> Self {
        let results = vec![None; runs.len()];
        Self {
            kind,
            predicted: vec![None; runs.len()],
            runs,
            results,
        }
    }

    /// How many runs are done.
    pub fn done(&self) -> usize {
        self.results.iter().filter(|r| r.is_some()).count()
    }

    /// True once every run is done.
    pub fn finished(&self) -> bool {
        self.done() == self.runs.len()
    }

    /// The measured wall times, by label, of the runs that succeeded.
    pub fn walls(&self) -> Vec<(String, f64)> {
        self.walls_named(Variant::label)
    }

    /// The same, each run named by `name` (in the page's language).
    pub fn walls_named(&self, name: impl Fn(Variant) -> String) -> Vec<(String, f64)> {
        self.runs
            .iter()
            .zip(&self.results)
            .filter_map(|((variant, _), result)| match result {
                Some(Ok(ms)) => Some((name(*variant), *ms)),
                _ => None,
            })
            .collect()
    }

    /// Amdahl: `(workers, speed-up over one worker)` for every run that
    /// succeeded, once the one-worker run has.
    pub fn speedups(&self) -> Vec<(f64, f64)> {
        let one = self
            .runs
            .iter()
            .zip(&self.results)
            .find_map(|((v, _), r)| match (v, r) {
                (Variant::Workers(1), Some(Ok(ms))) if *ms > 0.0 => Some(*ms),
                _ => None,
            });
        let Some(one) = one else {
            return Vec::new();
        };
        self.runs
            .iter()
            .zip(&self.results)
            .filter_map(|((variant, _), result)| match (variant, result) {
                (Variant::Workers(n), Some(Ok(ms))) if *ms > 0.0 => Some((*n as f64, one / ms)),
                _ => None,
            })
            .collect()
    }

    /// Amdahl: the serial fraction fitted to [`Experiment::speedups`].
    pub fn serial_fraction(&self) -> Option<f64> {
        fit_serial_fraction(&self.speedups())
    }
}
