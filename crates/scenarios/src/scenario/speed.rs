//! How fast the virtual clock's machine computes (`speed`): as this build
//! does, or as a CPython measured on the machine of `scripts/calibrate`.

use std::fmt;
use std::str::FromStr;

use futures_lab_core::PythonVersion;

use crate::virtual_clock::cpython_costs::{CpythonCosts, Overheads, UNIT_WORKLOAD};
use crate::workloads::cost::{DEFAULT_OP_NS, MAX_OP_NS};

/// The virtual machine's speed.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::Speed;
///
/// let cpython: Speed = "cpython-3.11".parse().unwrap();
/// assert_eq!(cpython.to_string(), "cpython-3.11");
/// // A trial division costs CPython far less, next to a term of the sum of
/// // squares, than it costs this build.
/// let term = cpython.ns_per_op("cpu_bound", None);
/// assert!(cpython.ns_per_op("is_prime", None) < term / 2.0);
/// // op_ns rescales the table so that a term takes op_ns.
/// assert!((cpython.ns_per_op("cpu_bound", Some(10.0)) - 10.0).abs() < 1e-9);
/// assert_eq!(Speed::ThisBuild.ns_per_op("is_prime", Some(2.0)), 2.0);
/// assert!("cpython-2.7".parse::<Speed>().unwrap_err().starts_with("this-build, cpython-3."));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speed {
    /// This build's: an operation takes `op_ns` (by default
    /// [`DEFAULT_OP_NS`], this build in Chromium), whatever the workload.
    #[default]
    ThisBuild,
    /// A CPython's, workload by workload, as `scripts/calibrate` timed each
    /// workload's own Python code ([`CpythonCosts`]).
    Cpython(PythonVersion),
}

impl Speed {
    /// Every speed a scenario may name: this build's, then each CPython
    /// whose workloads were timed, oldest first.
    pub fn choices() -> Vec<Speed> {
        let timed = CpythonCosts::get()
            .timed()
            .filter_map(|measured| measured.version().map(Speed::Cpython));
        std::iter::once(Speed::ThisBuild).chain(timed).collect()
    }

    /// ns one operation of `workload` takes at this speed. With `op_ns`,
    /// this build's operations take `op_ns`; a CPython's table is scaled so
    /// that its unit (a term of the sum of squares) takes `op_ns`, which is
    /// how another machine is calibrated.
    pub fn ns_per_op(self, workload: &str, op_ns: Option<f64>) -> f64 {
        let Speed::Cpython(version) = self else {
            return op_ns.unwrap_or(DEFAULT_OP_NS);
        };
        let Some(measured) = CpythonCosts::get().timed_version(version) else {
            // Not a speed `from_str` gives: this build's, rather than none.
            return op_ns.unwrap_or(DEFAULT_OP_NS);
        };
        let own = measured.ns_per_op(workload).unwrap_or(DEFAULT_OP_NS);
        match (op_ns, measured.ns_per_op(UNIT_WORKLOAD)) {
            (Some(op_ns), Some(unit)) if unit > 0.0 => own * op_ns / unit,
            _ => own,
        }
    }

    /// For a CPython's speed, the `op_ns` that fits it to another machine:
    /// this build takes `this_build_ns` a term of the sum of squares there,
    /// [`DEFAULT_OP_NS`] where CPython was timed, and CPython is taken to
    /// be as much faster or slower there (rounded to 0.01 ns). `None` at
    /// this build's speed, or for a figure that is not a time.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::{Speed, DEFAULT_OP_NS};
    ///
    /// let cpython: Speed = "cpython-3.11".parse().unwrap();
    /// let here = cpython.ns_per_op("cpu_bound", None);
    /// // A machine where this build is twice as slow: CPython's term takes twice as long.
    /// let fitted = cpython.fitted_op_ns(2.0 * DEFAULT_OP_NS).unwrap();
    /// assert!((fitted - 2.0 * here).abs() < 0.01);
    /// assert_eq!(Speed::ThisBuild.fitted_op_ns(1.0), None);
    /// assert_eq!(cpython.fitted_op_ns(f64::NAN), None);
    /// ```
    pub fn fitted_op_ns(self, this_build_ns: f64) -> Option<f64> {
        if self == Speed::ThisBuild || !this_build_ns.is_finite() || this_build_ns <= 0.0 {
            return None;
        }
        let unit = self.ns_per_op(UNIT_WORKLOAD, None);
        let fitted = (unit * this_build_ns / DEFAULT_OP_NS * 100.0).round() / 100.0;
        (fitted > 0.0 && fitted <= MAX_OP_NS).then_some(fitted)
    }

    /// What the executors cost around the work at this speed: a CPython's
    /// measured overheads, none at this build's (its own are far smaller
    /// than CPython's and not modelled).
    pub fn overheads(self) -> Overheads {
        self.python()
            .and_then(|version| CpythonCosts::get().timed_version(version))
            .map(|measured| measured.overheads)
            .unwrap_or_default()
    }

    /// The CPython whose figures it uses, if any.
    pub fn python(self) -> Option<PythonVersion> {
        match self {
            Speed::ThisBuild => None,
            Speed::Cpython(version) => Some(version),
        }
    }
}

impl fmt::Display for Speed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Speed::ThisBuild => f.write_str("this-build"),
            Speed::Cpython(version) => write!(f, "cpython-{version}"),
        }
    }
}

impl FromStr for Speed {
    /// Every choice, comma-separated, for the error.
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        Speed::choices()
            .into_iter()
            .find(|choice| choice.to_string() == text)
            .ok_or_else(|| {
                let names: Vec<String> = Speed::choices().iter().map(Speed::to_string).collect();
                names.join(", ")
            })
    }
}
