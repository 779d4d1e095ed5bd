//! The `points` workload's rules, shared by its real runs (`points.rs`)
//! and its cache's model on the virtual clock (`points_model.rs`): the
//! checks, the conversion, the cache's modes.

use futures_lab_core::TaskError;
use serde_json::Value;

/// The most points one conversion accepts.
pub const LIMIT: u64 = 1_000_000;

/// How the conversions share their cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CacheMode {
    /// No cache: every call converts.
    None,
    /// `if key in cache ... cache[key] = value` with no lock: two threads can
    /// both miss and both convert, and the shared counter loses updates.
    Unsynchronized,
    /// One lock around the check, the conversion and the update.
    Locked,
    /// Locked, keeping only the `capacity` most recently used entries.
    Lru,
}

impl CacheMode {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "none" => Self::None,
            "unsynchronized" => Self::Unsynchronized,
            "locked" => Self::Locked,
            "lru" => Self::Lru,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Unsynchronized => "unsynchronized",
            Self::Locked => "locked",
            Self::Lru => "lru",
        }
    }
}

/// The conversion rules, on a validated amount.
pub fn convert(points: u64) -> u64 {
    let mut b = points * 3 / 4;
    if points >= 10_000 {
        b += b / 20;
    }
    if points > 0 && points.is_multiple_of(1000) {
        b += 100;
    }
    b
}

/// The checks a conversion makes before it starts.
pub(crate) fn validate(input: &Value) -> Result<u64, TaskError> {
    let value = |message: String| TaskError::new("ValueError", message);
    if let Some(points) = input.as_u64() {
        return if points > LIMIT {
            Err(value(format!(
                "points above the limit of {LIMIT} (got {points})"
            )))
        } else {
            Ok(points)
        };
    }
    match input.as_f64() {
        Some(points) if points < 0.0 => {
            Err(value(format!("points must not be negative (got {input})")))
        }
        Some(_) => Err(value(format!(
            "points must be a whole number (got {input})"
        ))),
        None => Err(TaskError::new(
            "TypeError",
            format!("points must be a number (got {input})"),
        )),
    }
}
