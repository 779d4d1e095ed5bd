//! Exact integers in JSON.

use serde_json::Value;

/// The largest integer JavaScript holds exactly (2^53).
const JS_EXACT_LIMIT: u128 = 1 << 53;

/// `value` as a JSON number if JavaScript can hold it exactly, otherwise as a
/// decimal string, so that no reader rounds it.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::exact_int;
///
/// assert_eq!(exact_int(285), serde_json::json!(285));
/// assert_eq!(exact_int(41_666_654_166_667_500_000), serde_json::json!("41666654166667500000"));
/// ```
pub fn exact_int(value: u128) -> Value {
    if value <= JS_EXACT_LIMIT {
        Value::from(value as u64)
    } else {
        Value::String(value.to_string())
    }
}
