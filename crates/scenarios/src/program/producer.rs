//! The program's producer: hands tasks in all at once, or at a pace into a
//! bounded queue (backpressure), and what that pacing did.

use std::time::Duration;

use futures_lab_core::{wait, Clock, Error, Future, ReturnWhen, TraceEvent, TraceKind};
use serde_json::Value;

use crate::report::stats::{Latencies, StreamStats};
use crate::workloads::workload::Pacing;

/// When each task was emitted, and how long the producer waited for room.
#[derive(Debug, Default)]
pub(crate) struct Produced {
    /// Emission time of each task, ns on the run's clock.
    pub(crate) emitted_ns: Vec<u64>,
    /// Time the producer spent waiting for room in the queue.
    pub(crate) blocked_ns: u64,
}

/// Submits every input: all at once without `pacing`; with it, one per
/// interval and never more than `bound` unfinished (CPython's
/// `BoundedSemaphore` around `submit`).
///
/// # Blocking
///
/// Sleeps between emissions and waits while the queue is full.
pub(crate) fn produce<T>(
    inputs: &[Value],
    pacing: Option<(Pacing, usize)>,
    clock: &dyn Clock,
    mut submit: impl FnMut(Value) -> Result<Future<T>, Error>,
) -> Result<(Vec<Future<T>>, Produced), Error> {
    let mut futures = Vec::with_capacity(inputs.len());
    let mut produced = Produced::default();
    let Some((pacing, bound)) = pacing else {
        for input in inputs {
            produced.emitted_ns.push(clock.now_ns());
            futures.push(submit(input.clone())?);
        }
        return Ok((futures, produced));
    };
    let start = clock.now_ns();
    let interval = u64::try_from(pacing.interval.as_nanos()).unwrap_or(u64::MAX);
    let mut unfinished: Vec<Future<T>> = Vec::new();
    for (k, input) in inputs.iter().enumerate() {
        let due = start + interval * k as u64;
        let now = clock.now_ns();
        if due > now {
            std::thread::sleep(Duration::from_nanos(due - now));
        }
        let waiting_since = clock.now_ns();
        loop {
            unfinished.retain(|f| !f.done());
            if unfinished.len() < bound {
                break;
            }
            wait(&unfinished, None, ReturnWhen::FirstCompleted);
        }
        let emitted = clock.now_ns();
        produced.blocked_ns += emitted - waiting_since;
        produced.emitted_ns.push(emitted);
        let future = submit(input.clone())?;
        unfinished.push(future.clone());
        futures.push(future);
    }
    Ok((futures, produced))
}

/// Queue depth over time, throughput and latency percentiles of a paced run.
pub(crate) fn stream_stats(
    pacing: Pacing,
    produced: &Produced,
    events: &[TraceEvent],
    start_ns: u64,
) -> StreamStats {
    let ms = |ns: u64| ns.saturating_sub(start_ns) as f64 / 1e6;
    let mut finished = vec![None; produced.emitted_ns.len()];
    let mut changes: Vec<(u64, i64)> = produced.emitted_ns.iter().map(|t| (*t, 1)).collect();
    for event in events {
        let id = event.future as usize;
        match event.kind {
            TraceKind::Started if id < finished.len() => changes.push((event.t_ns, -1)),
            TraceKind::Finished | TraceKind::Failed if id < finished.len() => {
                finished[id] = Some(event.t_ns)
            }
            _ => {}
        }
    }
    changes.sort_by_key(|(t, delta)| (*t, -delta));
    let mut depth = 0i64;
    let mut series: Vec<(f64, u64)> = Vec::new();
    for (t, delta) in changes {
        depth += delta;
        series.push((ms(t), depth.max(0) as u64));
    }
    let max_depth = series.iter().map(|(_, d)| *d).max().unwrap_or(0);
    let step = series.len().div_ceil(200).max(1);
    let sampled = series.iter().step_by(step).copied().collect();
    let mut latencies: Vec<f64> = produced
        .emitted_ns
        .iter()
        .zip(&finished)
        .filter_map(|(emitted, done)| Some(done.as_ref()?.saturating_sub(*emitted) as f64 / 1e6))
        .collect();
    latencies.sort_by(f64::total_cmp);
    let percentile = |p: f64| -> Option<f64> {
        let last = latencies.len().checked_sub(1)?;
        Some(latencies[((last as f64) * p).round() as usize])
    };
    let first = produced.emitted_ns.first().copied().unwrap_or(start_ns);
    let last_done = finished.iter().flatten().max().copied().unwrap_or(first);
    let span_s = last_done.saturating_sub(first) as f64 / 1e9;
    StreamStats {
        rate_per_s: 1.0 / pacing.interval.as_secs_f64(),
        capacity: pacing.capacity as u64,
        completed: latencies.len() as u64,
        throughput_per_s: if span_s > 0.0 {
            latencies.len() as f64 / span_s
        } else {
            0.0
        },
        latency_ms: Latencies {
            p50: percentile(0.50),
            p95: percentile(0.95),
            p99: percentile(0.99),
            max: latencies.last().copied(),
        },
        max_queue_depth: max_depth,
        queue_depth: sampled,
        producer_blocked_ms: produced.blocked_ns as f64 / 1e6,
    }
}
