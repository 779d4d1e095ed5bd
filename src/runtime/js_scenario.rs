//! A scenario as JavaScript hands it over (a query string or a plain
//! object), measured and shaped while it is still JavaScript's: nothing of it
//! is copied into wasm memory before it is known to be small and plain.

use futures_lab_scenarios::{Scenario, MAX_SCENARIO_CHARS, MAX_TASKS};
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

/// The most keys a scenario object may have: its fields are fewer.
const MAX_KEYS: u32 = 64;

/// The scenario `value` gives, once [`measure`] has taken it.
///
/// # Errors
///
/// What [`measure`] refuses, or the first bad field.
pub fn scenario_from_js(value: &JsValue) -> Result<Scenario, String> {
    measure(value)?;
    if let Some(text) = value.as_string() {
        return Scenario::parse(&text).map_err(|e| e.to_string());
    }
    let json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|json| json.as_string())
        .ok_or("scenario: cannot be read as JSON")?;
    Scenario::from_json(&json).map_err(|e| e.to_string())
}

/// Takes `value` as a scenario only if it is a string of at most
/// [`MAX_SCENARIO_CHARS`] characters, or a plain object of at most
/// [`MAX_KEYS`] fields whose values are strings, finite numbers, booleans,
/// nulls or lists of them (at most [`MAX_TASKS`] items), `params` an object
/// of such values, with at most [`MAX_SCENARIO_CHARS`] characters of text in
/// all. Only lengths and types are read.
///
/// # Errors
///
/// The field at fault, its size or type, and what is allowed.
pub fn measure(value: &JsValue) -> Result<(), String> {
    if let Some(text) = value.dyn_ref::<JsString>() {
        return within_chars("scenario", text.length() as usize);
    }
    let object = plain_object("scenario", value)?;
    let mut chars = 0;
    for (key, field) in entries("scenario", &object)? {
        if key == "params" && field.is_object() {
            let params = plain_object("params", &field)?;
            for (name, param) in entries("params", &params)? {
                chars += name.len();
                chars += scalar(&format!("params.{name}"), &param)?;
            }
        } else if let Some(list) = field.dyn_ref::<Array>() {
            let items = list.length();
            if items as usize > MAX_TASKS {
                return Err(format!(
                    "{key}: must list at most {MAX_TASKS} items (got {items})"
                ));
            }
            for (index, item) in list.iter().enumerate() {
                chars += scalar(&format!("{key}[{index}]"), &item)? + 1;
            }
        } else {
            chars += scalar(&key, &field)?;
        }
        chars += key.len();
        within_chars("scenario", chars)?;
    }
    Ok(())
}

fn within_chars(field: &str, chars: usize) -> Result<(), String> {
    if chars > MAX_SCENARIO_CHARS {
        return Err(format!(
            "{field}: must be at most {MAX_SCENARIO_CHARS} characters long (got {chars})"
        ));
    }
    Ok(())
}

/// `value` as an object made by `{…}` (or `Object.create(null)`), not a
/// `Map`, a `Date`, a `Blob` or a class's instance, whose fields would not
/// be what they look like.
fn plain_object(field: &str, value: &JsValue) -> Result<Object, String> {
    let plain = value.is_object()
        && !Array::is_array(value)
        && value.dyn_ref::<Object>().is_some_and(|object| {
            let prototype = Object::get_prototype_of(object);
            prototype.is_null() || Object::is(&prototype, &Object::get_prototype_of(&Object::new()))
        });
    if !plain {
        return Err(format!(
            "{field}: must be a query string (\"workload=cpu_bound&executor=threads\") or a plain object of fields (got {})",
            kind_of(value)
        ));
    }
    Ok(value.clone().unchecked_into())
}

/// The object's own keys and values, once their count is known to be small.
fn entries(field: &str, object: &Object) -> Result<Vec<(String, JsValue)>, String> {
    let keys = Object::keys(object);
    if keys.length() > MAX_KEYS {
        return Err(format!(
            "{field}: must have at most {MAX_KEYS} fields (got {})",
            keys.length()
        ));
    }
    keys.iter()
        .map(|key| {
            let name: JsString = key.unchecked_into();
            if name.length() > 64 {
                return Err(format!(
                    "{field}: has a key of {} characters; field names are short",
                    name.length()
                ));
            }
            let value =
                Reflect::get(object, &name).map_err(|_| format!("{field}: cannot be read"))?;
            Ok((String::from(name), value))
        })
        .collect()
}

/// Checks one value and says how many characters of text it is.
fn scalar(field: &str, value: &JsValue) -> Result<usize, String> {
    if let Some(text) = value.dyn_ref::<JsString>() {
        let chars = text.length() as usize;
        within_chars(field, chars)?;
        return Ok(chars);
    }
    if let Some(number) = value.as_f64() {
        if !number.is_finite() {
            return Err(format!(
                "{field}: must be a finite number (got {})",
                kind_of(value)
            ));
        }
        return Ok(24);
    }
    if value.as_bool().is_some() || value.is_null() || value.is_undefined() {
        return Ok(5);
    }
    Err(format!(
        "{field}: must be a string, a number, true or false, or a list of them (got {})",
        kind_of(value)
    ))
}

/// What a person would call `value`'s type, for an error message (never the
/// value itself, but for a number).
pub fn kind_of(value: &JsValue) -> String {
    if let Some(number) = value.as_f64() {
        return match number {
            n if n.is_nan() => "NaN".to_owned(),
            n if n.is_infinite() && n > 0.0 => "Infinity".to_owned(),
            n if n.is_infinite() => "-Infinity".to_owned(),
            n => n.to_string(),
        };
    }
    if value.is_null() || value.is_undefined() {
        return if value.is_null() { "null" } else { "undefined" }.to_owned();
    }
    if Array::is_array(value) {
        return "a list".to_owned();
    }
    if value.is_object() {
        let name = Reflect::get(value, &"constructor".into())
            .ok()
            .and_then(|constructor| Reflect::get(&constructor, &"name".into()).ok())
            .and_then(|name| name.as_string())
            .filter(|name| !name.is_empty() && name.len() <= 40);
        return with_article(&name.unwrap_or_else(|| "object".to_owned()));
    }
    with_article(&value.js_typeof().as_string().unwrap_or_default())
}

fn with_article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}
