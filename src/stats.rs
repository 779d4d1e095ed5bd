//! A run's statistics turned into what the summary shows: figures, a queue
//! chart, a table per worker.

use futures_lab_scenarios::{CacheStats, ProcessFigures, Stats, StreamStats};

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

/// The items of `stats`: the cache's figures, the stream's, the process
/// pool's, then the table of each worker process's cache.
///
/// # Examples
///
/// ```
/// use futures_lab::stats::{stat_items, StatItem};
/// use futures_lab_scenarios::{ProcessFigures, Stats};
///
/// let stats = Stats {
///     processes: Some(ProcessFigures { workers_started: 2, start_ms: vec![48.02, 46.43],
///         serialize_ms: Some(0.34), ..ProcessFigures::default() }),
///     ..Stats::default()
/// };
/// assert_eq!(stat_items(&stats), [
///     StatItem::Figure { key: "workers_started".into(), value: "2".into() },
///     StatItem::Figure { key: "start_ms".into(), value: "48.0, 46.4".into() },
///     StatItem::Figure { key: "bytes_sent".into(), value: "0".into() },
///     StatItem::Figure { key: "bytes_received".into(), value: "0".into() },
///     StatItem::Figure { key: "serialize_ms".into(), value: "0.3".into() },
/// ]);
/// ```
pub fn stat_items(stats: &Stats) -> Vec<StatItem> {
    let mut items = Vec::new();
    if let Some(cache) = &stats.cache {
        items.extend(
            cache_figures(cache)
                .into_iter()
                .map(|(key, value)| figure(key, value)),
        );
    }
    if let Some(stream) = &stats.stream {
        stream_items(stream, &mut items);
    }
    if let Some(processes) = &stats.processes {
        process_items(processes, &mut items);
    }
    if let Some(first) = stats.per_worker.values().next() {
        items.push(StatItem::PerWorker {
            columns: cache_figures(first)
                .into_iter()
                .map(|(key, _)| key.to_owned())
                .collect(),
            rows: stats
                .per_worker
                .iter()
                .map(|(worker, cache)| {
                    let values = cache_figures(cache).into_iter().map(|(_, v)| v);
                    (worker.clone(), values.collect())
                })
                .collect(),
        });
    }
    items
}

fn figure(key: &str, value: String) -> StatItem {
    StatItem::Figure {
        key: key.to_owned(),
        value,
    }
}

/// A cache's counts, in the order a reader follows them: what it found,
/// what it did, what its races cost, what it holds.
fn cache_figures(cache: &CacheStats) -> Vec<(&'static str, String)> {
    let mut figures = vec![
        ("hits", cache.hits.to_string()),
        ("misses", cache.misses.to_string()),
        ("conversions", cache.conversions.to_string()),
        (
            "duplicate_conversions",
            cache.duplicate_conversions.to_string(),
        ),
        ("counted", cache.counted.to_string()),
        ("lost_updates", cache.lost_updates.to_string()),
        ("evictions", cache.evictions.to_string()),
        ("size", cache.size.to_string()),
    ];
    if let Some(capacity) = cache.capacity {
        figures.push(("capacity", capacity.to_string()));
    }
    figures
}

fn stream_items(stream: &StreamStats, items: &mut Vec<StatItem>) {
    items.push(figure("rate_per_s", real(stream.rate_per_s)));
    items.push(figure("capacity", stream.capacity.to_string()));
    items.push(figure("completed", stream.completed.to_string()));
    items.push(figure("throughput_per_s", real(stream.throughput_per_s)));
    let latency = &stream.latency_ms;
    for (key, value) in [
        ("latency_ms.p50", latency.p50),
        ("latency_ms.p95", latency.p95),
        ("latency_ms.p99", latency.p99),
        ("latency_ms.max", latency.max),
    ] {
        if let Some(value) = value {
            items.push(figure(key, real(value)));
        }
    }
    items.push(figure(
        "max_queue_depth",
        stream.max_queue_depth.to_string(),
    ));
    items.push(figure(
        "producer_blocked_ms",
        real(stream.producer_blocked_ms),
    ));
    items.push(StatItem::Queue {
        changes: stream.queue_depth.clone(),
        capacity: stream.capacity,
    });
}

fn process_items(processes: &ProcessFigures, items: &mut Vec<StatItem>) {
    items.push(figure(
        "workers_started",
        processes.workers_started.to_string(),
    ));
    if !processes.start_ms.is_empty() {
        let listed: Vec<String> = processes.start_ms.iter().copied().map(real).collect();
        items.push(figure("start_ms", listed.join(", ")));
    }
    items.push(figure("bytes_sent", processes.bytes_sent.to_string()));
    items.push(figure(
        "bytes_received",
        processes.bytes_received.to_string(),
    ));
    if let Some(ms) = processes.serialize_ms {
        items.push(figure("serialize_ms", real(ms)));
    }
}

/// A measured figure, to one decimal (whole numbers as they are).
fn real(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}
