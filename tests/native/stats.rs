//! The summary's statistics from a run's typed statistics.

use futures_lab::stats::{stat_items, StatItem};
use futures_lab_scenarios::{play, CacheStats, RunEnv, Scenario, Stats};

fn figures(items: &[StatItem]) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|item| match item {
            StatItem::Figure { key, value } => Some((key.clone(), value.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_real_stream_run_gives_percentiles_and_the_queue_over_time() {
    let scenario = Scenario::from_query("workload=stream&inputs=1,2,3,4,5,6,7,8,9,10&executor=threads&max_workers=1&params=rate:500,capacity:3,b_ms:1,c_ms:5").unwrap();
    let report = play(&scenario, &RunEnv::native()).unwrap();
    let items = stat_items(report.stats.as_ref().unwrap());
    let keys: Vec<String> = figures(&items).into_iter().map(|(k, _)| k).collect();
    for key in [
        "latency_ms.p50",
        "latency_ms.p95",
        "latency_ms.p99",
        "max_queue_depth",
        "producer_blocked_ms",
    ] {
        assert!(keys.iter().any(|k| k == key), "{key} in {keys:?}");
    }
    let queue = items.iter().find_map(|item| match item {
        StatItem::Queue { changes, capacity } => Some((changes.clone(), *capacity)),
        _ => None,
    });
    let (changes, capacity) = queue.expect("the queue depth series");
    assert_eq!(capacity, 3);
    assert!(changes.len() >= 10 && changes.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(changes.last().unwrap().1, 0, "the queue drains at the end");
}

#[test]
fn per_worker_caches_become_a_table() {
    let cache = |hits, misses| CacheStats {
        mode: "locked".into(),
        hits,
        misses,
        conversions: misses,
        ..CacheStats::default()
    };
    let stats = Stats {
        per_worker: [
            ("SpawnProcess-1".to_owned(), cache(2, 1)),
            ("SpawnProcess-2".to_owned(), cache(0, 3)),
        ]
        .into(),
        ..Stats::default()
    };
    let items = stat_items(&stats);
    let [StatItem::PerWorker { columns, rows }] = &items[..] else {
        panic!("one table: {items:?}");
    };
    assert_eq!(columns[..3], ["hits", "misses", "conversions"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, "SpawnProcess-1");
    assert_eq!(rows[0].1[..3], ["2", "1", "1"]);
    assert_eq!(rows[1].1[..3], ["0", "3", "3"]);
    assert!(columns.len() == rows[1].1.len(), "a value in every column");
    assert!(stat_items(&Stats::default()).is_empty());
}

#[test]
fn a_cache_run_shows_its_counts_and_an_lru_its_capacity() {
    let scenario = Scenario::from_query(
        "workload=points&executor=sequential&inputs=1,2,3,1,4,2&params=cache:lru,capacity:3,lookup_ms:0",
    )
    .unwrap();
    let report = play(&scenario, &RunEnv::native()).unwrap();
    let shown = figures(&stat_items(report.stats.as_ref().unwrap()));
    let value = |key: &str| {
        shown
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{key} in {shown:?}"))
    };
    assert_eq!((value("hits"), value("misses")), ("1", "5"));
    assert_eq!(
        (value("evictions"), value("size"), value("capacity")),
        ("2", "3", "3")
    );
}
