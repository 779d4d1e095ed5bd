//! The page's own keys in a link (`preset`, `t`, `lang`, `run`, `embed`,
//! `series`), checked:
//! a bad one is named with what it allows, like a bad scenario field.

use crate::experiments::ExperimentKind;
use crate::i18n::Lang;
use crate::presets::{self, PRESETS};

/// The first of the page's keys in `query` with a value it cannot take,
/// as `key: what is allowed (got "value")`.
///
/// # Examples
///
/// ```
/// use futures_lab::link_keys::link_error;
///
/// assert_eq!(link_error("?preset=cpu-gil&t=12.5&lang=ko&run=1"), None);
/// assert_eq!(link_error("?t=soon").unwrap(), r#"t: must be a moment in ms, 0 or more (got "soon")"#);
/// assert_eq!(link_error("?series=compare"), None);
/// assert!(link_error("?series=all").unwrap().starts_with("series: must be compare"));
/// ```
pub fn link_error(query: &str) -> Option<String> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).find_map(|(key, value)| {
        let allowed = match key.as_ref() {
            "preset" if presets::find(&value).is_none() => {
                let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                format!("must be one of {}", ids.join(", "))
            }
            "t" if value
                .trim()
                .parse::<f64>()
                .map_or(true, |ms| !ms.is_finite() || ms < 0.0) =>
            {
                "must be a moment in ms, 0 or more".to_owned()
            }
            "lang" if Lang::parse(&value).is_none() => "must be en or ko".to_owned(),
            "run" if value != "1" && value != "0" => "must be 1 (run on load) or 0".to_owned(),
            "embed" if value != "1" && value != "0" => {
                "must be 1 (the compact view for an iframe) or 0".to_owned()
            }
            "series" if ExperimentKind::from_link(&value).is_none() => {
                "must be compare (every executor) or amdahl (1…N workers)".to_owned()
            }
            _ => return None,
        };
        Some(format!("{key}: {allowed} (got {value:?})"))
    })
}
