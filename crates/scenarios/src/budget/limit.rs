//! The limits a run is held to, and the refusal of a run over them.

use std::fmt;

use serde::Serialize;

use crate::budget::estimate::{Activity, Estimate};
use crate::budget::span::{mib_in_words, span_in_words};

/// The latest moment the virtual clock counts to, in ns (about 292 years):
/// a run that could go past it is refused before it starts, as its clock
/// would overflow.
pub const MAX_SIMULATED_NS: f64 = (u64::MAX / 2) as f64;

/// How long a run may take and how much memory it may hold, each checked
/// against the run's [`Estimate`] before it starts.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::{estimate, Budget, Scenario};
///
/// let inputs = vec!["a.example@60000"; 10_000].join(",");
/// let scenario = Scenario::from_query(&format!("workload=download&inputs={inputs}&executor=sequential")).unwrap();
/// let refusal = Budget::PAGE.check(&estimate(&scenario, 2)).unwrap_err();
/// assert_eq!(
///     refusal.to_string(),
///     "this run would take about 6.9 days, mostly waiting (10000 tasks); a run may take at most 60 s here: use fewer or smaller inputs"
/// );
/// assert_eq!(refusal.raised, None, "more than the most a person may allow");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Budget {
    /// The most real time a run may take, in seconds.
    pub real_s: f64,
    /// The most memory a run may hold, in bytes.
    pub memory_bytes: f64,
}

impl Budget {
    /// What the page allows a run, and its API and embeds: a minute and
    /// 256 MiB.
    pub const PAGE: Budget = Budget {
        real_s: 60.0,
        memory_bytes: 256.0 * 1024.0 * 1024.0,
    };

    /// The most a person may allow a run in the page, by asking for it:
    /// an hour and 512 MiB (the page's memory ends at 1 GiB).
    pub const MOST: Budget = Budget {
        real_s: 3600.0,
        memory_bytes: 512.0 * 1024.0 * 1024.0,
    };

    /// Whether a run with `estimate` fits.
    ///
    /// # Errors
    ///
    /// [`OverBudget`], saying what is over, by how much, and whether
    /// [`Budget::MOST`] would allow it.
    pub fn check(&self, estimate: &Estimate) -> Result<(), OverBudget> {
        let over = if estimate
            .simulated_ns
            .is_some_and(|ns| ns > MAX_SIMULATED_NS)
        {
            Over::VirtualClock
        } else if estimate.real_ns > self.real_s * 1e9 {
            Over::Time
        } else if estimate.memory_bytes > self.memory_bytes {
            Over::Memory
        } else {
            return Ok(());
        };
        let fits_most = over != Over::VirtualClock
            && estimate.real_ns <= Self::MOST.real_s * 1e9
            && estimate.memory_bytes <= Self::MOST.memory_bytes;
        Err(OverBudget {
            over,
            estimate: *estimate,
            budget: *self,
            raised: fits_most.then(|| Budget {
                real_s: (estimate.real_ns / 1e9).max(self.real_s),
                memory_bytes: estimate.memory_bytes.max(self.memory_bytes),
            }),
        })
    }
}

/// What a refused run would go over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Over {
    /// The real time it may take.
    Time,
    /// The memory it may hold.
    Memory,
    /// What the virtual clock can count.
    VirtualClock,
}

/// A run refused before it started, for what it would demand.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OverBudget {
    /// What it would go over.
    pub over: Over,
    /// What it would demand.
    pub estimate: Estimate,
    /// The budget it was held to.
    pub budget: Budget,
    /// The budget that would let it run, if a person may allow that much
    /// (at most [`Budget::MOST`]); `None` if not even that would.
    pub raised: Option<Budget>,
}

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.estimate;
        let tasks = e.tasks;
        match self.over {
            Over::VirtualClock => write!(
                f,
                "this run's virtual clock could reach about {} ({tasks} tasks), past the {} it counts to: use fewer or smaller inputs, or a smaller op_ns",
                span_in_words(e.simulated_ns.unwrap_or_default()),
                span_in_words(MAX_SIMULATED_NS)
            )?,
            Over::Time => {
                let what = match e.activity() {
                    Activity::ComputingForReal => ", computing every result for real",
                    Activity::MostlyWaiting => ", mostly waiting",
                    Activity::MostlyComputing => ", mostly computing",
                };
                write!(
                    f,
                    "this run would take about {}{what} ({tasks} tasks); a run may take at most {} here: use fewer or smaller inputs",
                    span_in_words(e.real_ns),
                    span_in_words(self.budget.real_s * 1e9),
                )?
            }
            Over::Memory => write!(
                f,
                "this run would hold about {} of futures, results and trace ({tasks} tasks); a run may hold at most {} here: use fewer or smaller inputs",
                mib_in_words(e.memory_bytes),
                mib_in_words(self.budget.memory_bytes)
            )?,
        }
        if self.raised.is_some() {
            write!(f, ", or allow this run more")?;
        }
        Ok(())
    }
}

impl std::error::Error for OverBudget {}
