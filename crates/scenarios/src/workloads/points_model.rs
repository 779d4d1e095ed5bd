//! The `points` workload's shared cache on the virtual clock: the same
//! checks and counts as a real run's (`points.rs`), made at the simulated
//! moment each conversion starts and ends.

use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;
use std::time::Duration;

use lru::LruCache;
use serde_json::Value;

use crate::report::stats::CacheStats;
use crate::workloads::cost::Phase;
use crate::workloads::points_rules::{convert, validate, CacheMode};
use crate::workloads::shared_model::SharedModel;

/// A run's cache, counter and counts.
pub(crate) struct PointsModel {
    mode: CacheMode,
    lookup: Duration,
    cache: HashMap<u64, u64>,
    lru: LruCache<u64, u64>,
    converted: HashSet<u64>,
    /// Each converting task's amount, and the counter as it read it.
    converting: HashMap<usize, (u64, u64)>,
    counts: CacheStats,
}

impl PointsModel {
    /// An empty cache of `mode` (`capacity` for `lru`), each lookup taking
    /// `lookup`.
    pub(crate) fn new(mode: CacheMode, lookup: Duration, capacity: NonZeroUsize) -> Self {
        Self {
            mode,
            lookup,
            cache: HashMap::new(),
            lru: LruCache::new(capacity),
            converted: HashSet::new(),
            converting: HashMap::new(),
            counts: CacheStats {
                mode: mode.name().to_owned(),
                capacity: (mode == CacheMode::Lru).then_some(capacity.get() as u64),
                ..CacheStats::default()
            },
        }
    }

    /// The cached conversion, if any (a hit or a miss is counted).
    fn cached(&mut self, points: u64) -> Option<u64> {
        let found = match self.mode {
            CacheMode::None => return None,
            CacheMode::Lru => self.lru.get(&points).copied(),
            _ => self.cache.get(&points).copied(),
        };
        match found {
            Some(_) => self.counts.hits += 1,
            None => self.counts.misses += 1,
        }
        found
    }
}

impl SharedModel for PointsModel {
    fn locked(&self) -> bool {
        matches!(self.mode, CacheMode::Locked | CacheMode::Lru)
    }

    /// Checks the amount (a bad one fails at once), then the cache: a hit
    /// is done; a miss reads the counter and looks the rules up (I/O).
    fn start(&mut self, task: usize, input: &Value) -> Vec<Phase> {
        let Ok(points) = validate(input) else {
            return Vec::new();
        };
        if self.cached(points).is_some() {
            return Vec::new();
        }
        self.converting.insert(task, (points, self.counts.counted));
        vec![Phase::Wait(self.lookup.as_nanos() as u64)]
    }

    /// A conversion made: counted (`count = seen + 1`, losing what another
    /// task counted meanwhile) and remembered.
    fn end(&mut self, task: usize) {
        let Some((points, seen)) = self.converting.remove(&task) else {
            return;
        };
        self.counts.conversions += 1;
        if !self.converted.insert(points) {
            self.counts.duplicate_conversions += 1;
        }
        self.counts.counted = seen + 1;
        let b = convert(points);
        match self.mode {
            CacheMode::None => {}
            CacheMode::Lru => {
                if self
                    .lru
                    .push(points, b)
                    .is_some_and(|(old, _)| old != points)
                {
                    self.counts.evictions += 1;
                }
            }
            _ => {
                self.cache.insert(points, b);
            }
        }
    }

    fn stats(&self) -> CacheStats {
        let size = match self.mode {
            CacheMode::Lru => self.lru.len(),
            _ => self.cache.len(),
        };
        CacheStats {
            lost_updates: self.counts.conversions - self.counts.counted,
            size: size as u64,
            ..self.counts.clone()
        }
    }
}
