//! The summary's statistics from the JSON shapes the workloads give.

use futures_lab::stats::{stat_items, StatItem};
use futures_lab_scenarios::{play, RunEnv, Scenario};
use serde_json::json;

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
fn processes_costs_are_figures_of_their_own() {
    let stats = json!({"per_worker": null, "processes": {"bytes_received": 5900, "bytes_sent": 1560,
        "serialize_ms": 0.339844, "start_ms": [48.024832, 46.429952], "workers_started": 2}});
    assert_eq!(
        figures(&stat_items(&stats)),
        [
            ("bytes_received".to_owned(), "5900".to_owned()),
            ("bytes_sent".to_owned(), "1560".to_owned()),
            ("serialize_ms".to_owned(), "0.3".to_owned()),
            ("start_ms".to_owned(), "48.0, 46.4".to_owned()),
            ("workers_started".to_owned(), "2".to_owned()),
        ]
    );
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
    let stats = json!({"per_worker": {"SpawnProcess-1": {"hits": 2, "misses": 1, "cache": "locked"},
        "SpawnProcess-2": {"hits": 0, "misses": 3, "cache": "locked"}}});
    let items = stat_items(&stats);
    assert_eq!(
        items,
        [StatItem::PerWorker {
            columns: vec!["hits".into(), "misses".into()],
            rows: vec![
                ("SpawnProcess-1".into(), vec!["2".into(), "1".into()]),
                ("SpawnProcess-2".into(), vec!["0".into(), "3".into()]),
            ],
        }]
    );
    assert!(stat_items(&json!(null)).is_empty());
}
