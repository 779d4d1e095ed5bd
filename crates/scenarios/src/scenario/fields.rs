//! A scenario as text fields, whether it came as a URL query or as JSON.

use serde_json::Value;

use crate::scenario::error::ScenarioError;

/// Field name and text value pairs, in the order given.
pub(crate) type Fields = Vec<(String, String)>;

/// Splits a URL query (`a=1&b=2`, with or without a leading `?`).
pub(crate) fn from_query(query: &str) -> Fields {
    let query = query.trim().trim_start_matches('?');
    form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

/// Flattens a JSON object: strings as they are, numbers and booleans as
/// written, arrays joined by commas, nulls left out.
pub(crate) fn from_json(json: &str) -> Result<Fields, ScenarioError> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| ScenarioError::new("scenario", format!("is not valid JSON ({e})")))?;
    let Value::Object(object) = value else {
        return Err(ScenarioError::new(
            "scenario",
            "must be a JSON object such as {\"workload\": \"cpu_bound\"}",
        ));
    };
    let mut fields = Fields::new();
    for (key, value) in object {
        let text = match &value {
            Value::Null => continue,
            Value::Object(params) if key == "params" => params
                .iter()
                .map(|(name, value)| {
                    Ok(format!(
                        "{name}:{}",
                        scalar_text(&format!("params.{name}"), value)?
                    ))
                })
                .collect::<Result<Vec<_>, ScenarioError>>()?
                .join(","),
            Value::Array(items) => items
                .iter()
                .map(|item| scalar_text(&key, item))
                .collect::<Result<Vec<_>, _>>()?
                .join(","),
            other => scalar_text(&key, other)?,
        };
        fields.push((key, text));
    }
    Ok(fields)
}

fn scalar_text(key: &str, value: &Value) -> Result<String, ScenarioError> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Bool(flag) => Ok(flag.to_string()),
        _ => Err(ScenarioError::new(
            key,
            "must be a string, a number, or a list of them",
        )),
    }
}
