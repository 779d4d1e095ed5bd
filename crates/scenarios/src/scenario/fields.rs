//! A scenario as text fields, whether it came as a URL query or as JSON.

use serde_json::Value;

use crate::scenario::error::ScenarioError;
use crate::scenario::excerpt::Excerpt;

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
/// written, arrays joined by commas, nulls left out. A key that is not
/// `known` is kept with an empty value, unread, for the caller to refuse by
/// its name.
pub(crate) fn from_json(json: &str, known: &dyn Fn(&str) -> bool) -> Result<Fields, ScenarioError> {
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
        if !known(&key) {
            fields.push((key, String::new()));
            continue;
        }
        let text = match &value {
            Value::Null => continue,
            Value::Object(params) if key == "params" => params
                .iter()
                .map(|(name, value)| {
                    let field = format!("params.{name}");
                    let text = one_value(&field, scalar_text(&field, value)?, ",:")?;
                    Ok(format!(
                        "{}:{text}",
                        one_value("params", name.clone(), ",:")?
                    ))
                })
                .collect::<Result<Vec<_>, ScenarioError>>()?
                .join(","),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let field = format!("{key}[{index}]");
                    one_value(&field, scalar_text(&key, item)?, ",")
                })
                .collect::<Result<Vec<_>, _>>()?
                .join(","),
            other => scalar_text(&key, other)?,
        };
        fields.push((key, text));
    }
    Ok(fields)
}

/// `text` as one value of a list or of `params`: a separator inside it
/// would quietly make it two (or set another parameter), so it is refused.
fn one_value(field: &str, text: String, separators: &str) -> Result<String, ScenarioError> {
    match text.chars().find(|c| separators.contains(*c)) {
        None => Ok(text),
        Some(separator) => Err(ScenarioError::new(
            field,
            format!(
                "must be one value, without {separator:?} (a list gives each value as an item of its own; got {:?})",
                Excerpt(&text)
            ),
        )),
    }
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
