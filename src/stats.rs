//! A workload's statistics (JSON of any shape the workloads give) turned
//! into what the summary shows: figures, a queue chart, a table per worker.

use serde_json::Value;

/// One thing the summary shows.
#[derive(Clone, Debug, PartialEq)]
pub enum StatItem {
    /// A figure: its key (for [`crate::i18n::stat_name`]) and its value as text.
    Figure {
        /// `lost_updates`, `latency_ms.p95`, `start_ms`, ...
        key: String,
        /// The value, ready to show (`3`, `156.6`, `48.0, 46.4`).
        value: String,
    },
    /// The queue depth over time: `(ms, depth)` at each change, and the
    /// queue's capacity.
    Queue {
        /// The changes.
        changes: Vec<(f64, u64)>,
        /// The capacity, drawn as a line.
        capacity: u64,
    },
    /// Figures per worker process: column keys, then one row per worker.
    PerWorker {
        /// The statistic keys.
        columns: Vec<String>,
        /// Worker name and its values.
        rows: Vec<(String, Vec<String>)>,
    },
}

/// Objects whose figures are shown under their own names.
const CONTAINERS: [&str; 2] = ["processes", "stream"];

/// The items of `stats`, in the order the JSON has them.
///
/// # Examples
///
/// ```
/// use futures_lab::stats::{stat_items, StatItem};
///
/// let items = stat_items(&serde_json::json!({"hits": 7, "latency_ms": {"p50": 156.56}}));
/// assert_eq!(items, [
///     StatItem::Figure { key: "hits".into(), value: "7".into() },
///     StatItem::Figure { key: "latency_ms.p50".into(), value: "156.6".into() },
/// ]);
/// ```
pub fn stat_items(stats: &Value) -> Vec<StatItem> {
    let mut items = Vec::new();
    if let Value::Object(map) = stats {
        collect(map, None, stats, &mut items);
    }
    items
}

fn collect(
    map: &serde_json::Map<String, Value>,
    prefix: Option<&str>,
    root: &Value,
    items: &mut Vec<StatItem>,
) {
    for (name, value) in map {
        let key = match prefix {
            Some(prefix) => format!("{prefix}.{name}"),
            None => name.clone(),
        };
        match value {
            Value::Number(number) => items.push(StatItem::Figure {
                key,
                value: figure(number),
            }),
            Value::Array(values) if name == "queue_depth" => items.push(StatItem::Queue {
                changes: values
                    .iter()
                    .filter_map(|pair| Some((pair.get(0)?.as_f64()?, pair.get(1)?.as_u64()?)))
                    .collect(),
                capacity: capacity(map)
                    .or_else(|| capacity(root.as_object()?))
                    .unwrap_or(0),
            }),
            Value::Array(values) if values.iter().all(Value::is_number) && !values.is_empty() => {
                let listed: Vec<String> = values
                    .iter()
                    .filter_map(Value::as_number)
                    .map(figure)
                    .collect();
                items.push(StatItem::Figure {
                    key,
                    value: listed.join(", "),
                });
            }
            Value::Object(workers) if name == "per_worker" => {
                items.extend(per_worker(workers));
            }
            Value::Object(inner) if CONTAINERS.contains(&name.as_str()) => {
                collect(inner, None, root, items);
            }
            Value::Object(inner) => collect(inner, Some(&key), root, items),
            _ => {}
        }
    }
}

fn capacity(map: &serde_json::Map<String, Value>) -> Option<u64> {
    map.get("capacity")?.as_u64()
}

fn per_worker(workers: &serde_json::Map<String, Value>) -> Option<StatItem> {
    let columns: Vec<String> = workers
        .values()
        .find_map(Value::as_object)?
        .iter()
        .filter(|(_, v)| v.is_number())
        .map(|(k, _)| k.clone())
        .collect();
    let rows = workers
        .iter()
        .map(|(worker, stats)| {
            let values = columns
                .iter()
                .map(|c| {
                    stats
                        .get(c)
                        .and_then(Value::as_number)
                        .map(figure)
                        .unwrap_or_default()
                })
                .collect();
            (worker.clone(), values)
        })
        .collect();
    Some(StatItem::PerWorker { columns, rows })
}

/// Whole numbers as they are, others to one decimal.
fn figure(number: &serde_json::Number) -> String {
    match (number.as_i64(), number.as_f64()) {
        (Some(whole), _) => whole.to_string(),
        (None, Some(real)) => format!("{real:.1}"),
        _ => number.to_string(),
    }
}
