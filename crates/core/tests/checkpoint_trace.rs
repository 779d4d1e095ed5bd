//! A task's checkpoints are traced once per 1% of progress, so a long task's
//! trace grows with its progress steps, not with its CPU time.

use std::sync::Arc;

use futures_lab_core::{
    MonotonicClock, TaskContext, TraceBuffer, TraceKind, Tracer, PROGRESS_STEPS,
};

fn traced_progress(calls: &[f64]) -> Vec<String> {
    let buffer = Arc::new(TraceBuffer::default());
    let tracer = Tracer::new(buffer.clone(), Arc::new(MonotonicClock::new()));
    let ctx = TaskContext::new(0, "ThreadPoolExecutor-0_0".into(), tracer);
    for &progress in calls {
        ctx.checkpoint(progress).unwrap();
    }
    buffer
        .drain()
        .into_iter()
        .filter(|event| event.kind == TraceKind::Checkpoint)
        .map(|event| event.detail.unwrap())
        .collect()
}

#[test]
fn a_million_checkpoints_make_at_most_one_event_per_percent() {
    let calls: Vec<f64> = (0..=1_000_000).map(|i| f64::from(i) / 1e6).collect();
    let traced = traced_progress(&calls);
    assert_eq!(traced.len(), PROGRESS_STEPS as usize + 1);
    assert_eq!(traced.first().map(String::as_str), Some("0.000"));
    assert_eq!(traced.get(1).map(String::as_str), Some("0.010"));
    assert_eq!(traced.last().map(String::as_str), Some("1.000"));
}

#[test]
fn the_first_checkpoint_is_traced_and_progress_never_goes_back() {
    assert_eq!(
        traced_progress(&[0.5, 0.2, 0.505, 0.51, 0.7]),
        ["0.500", "0.510", "0.700"]
    );
    // Out of range and NaN progress are clamped, as before.
    assert_eq!(traced_progress(&[f64::NAN, 2.0, 3.0]), ["0.000", "1.000"]);
}
