//! The timeline model: lanes, activities, the GIL strip, merged bars, hits.

use std::sync::Arc;

use futures_lab::timeline::{ticks, Activity, Timeline, MAX_ROWS};
use futures_lab_core::{TraceBuffer, TraceEvent, TraceKind, TraceSink};
use futures_lab_scenarios::{play, RunEnv, Scenario};

fn on(worker: &str, future: u64, kind: TraceKind, t_ns: u64) -> TraceEvent {
    TraceEvent {
        future,
        kind,
        t_ns,
        worker: Some(Arc::from(worker)),
        detail: None,
    }
}

fn activities(timeline: &Timeline, lane: usize) -> Vec<(u64, Activity, u64, u64)> {
    timeline.lanes()[lane]
        .rows
        .iter()
        .flatten()
        .map(|s| (s.future, s.activity, s.start_ns, s.end_ns))
        .collect()
}

#[test]
fn each_worker_gets_a_lane_in_the_order_it_first_ran() {
    let mut timeline = Timeline::default();
    for event in [
        on("t-1", 0, TraceKind::Submitted, 100),
        on("t-1", 1, TraceKind::Submitted, 100),
        on("t-1", 0, TraceKind::Started, 110),
        on("t-0", 1, TraceKind::Started, 120),
        on("t-1", 0, TraceKind::Finished, 200),
        on("t-0", 1, TraceKind::Finished, 300),
    ] {
        timeline.observe(&event);
    }
    let names: Vec<&str> = timeline.lanes().iter().map(|l| l.worker.as_str()).collect();
    assert_eq!(names, ["t-1", "t-0"]);
    assert_eq!(activities(&timeline, 0), [(0, Activity::Cpu, 10, 100)]);
    assert_eq!(activities(&timeline, 1), [(1, Activity::Cpu, 20, 200)]);
    assert_eq!(timeline.end_ns(), 200);
    assert!(!timeline.has_gil());
    let span = timeline.span_of(1).unwrap();
    assert_eq!(
        (span.submitted_ns, span.started_ns, span.ended_ns),
        (Some(0), Some(20), Some(200))
    );
    assert_eq!(span.end, Some(TraceKind::Finished));
}

#[test]
fn with_a_gil_the_wait_before_taking_it_is_shown_as_waiting() {
    let mut timeline = Timeline::default();
    for event in [
        on("a", 0, TraceKind::Started, 0),
        on("b", 1, TraceKind::Started, 0),
        on("a", 0, TraceKind::GilAcquire, 1),
        on("a", 0, TraceKind::GilRelease, 50),
        on("b", 1, TraceKind::GilAcquire, 50),
        on("a", 0, TraceKind::IoStart, 50),
        on("a", 0, TraceKind::IoEnd, 80),
        on("b", 1, TraceKind::GilRelease, 100),
        on("a", 0, TraceKind::GilAcquire, 100),
        on("b", 1, TraceKind::Finished, 100),
        on("a", 0, TraceKind::Finished, 120),
    ] {
        timeline.observe(&event);
    }
    assert_eq!(
        activities(&timeline, 0),
        [
            (0, Activity::GilWait, 0, 1),
            (0, Activity::Cpu, 1, 50),
            (0, Activity::Io, 50, 80),
            (0, Activity::GilWait, 80, 100),
            (0, Activity::Cpu, 100, 120),
        ]
    );
    assert_eq!(
        activities(&timeline, 1),
        [(1, Activity::GilWait, 0, 50), (1, Activity::Cpu, 50, 100)]
    );
    assert!(timeline.has_gil());
    let holds: Vec<(u64, u64, u64)> = timeline
        .gil()
        .iter()
        .map(|h| (h.future, h.start_ns, h.end_ns))
        .collect();
    assert_eq!(holds, [(0, 1, 50), (1, 50, 100), (0, 100, 120)]);
}

#[test]
fn tasks_overlapping_on_one_event_loop_get_rows_of_their_own() {
    let mut timeline = Timeline::default();
    for id in 0..3 {
        timeline.observe(&on("loop", id, TraceKind::Started, id * 10));
        timeline.observe(&on("loop", id, TraceKind::IoStart, id * 10 + 1));
    }
    for id in 0..3 {
        timeline.observe(&on("loop", id, TraceKind::IoEnd, 100 + id));
        timeline.observe(&on("loop", id, TraceKind::Finished, 101 + id));
    }
    // A task started after the others ended reuses the first row.
    timeline.observe(&on("loop", 3, TraceKind::Started, 200));
    timeline.observe(&on("loop", 3, TraceKind::Finished, 210));
    let lane = &timeline.lanes()[0];
    assert_eq!(lane.rows.len(), 3);
    assert_eq!(lane.rows[0].last().unwrap().future, 3);
    assert!(lane.rows[2].iter().any(|s| s.activity == Activity::Io));
    assert_eq!(timeline.hit(0, 1, 50), Some(1));
    assert_eq!(timeline.hit(0, 0, 205), Some(3));
    assert_eq!(timeline.hit(0, 0, 150), None);
}

#[test]
fn rows_stop_growing_at_the_limit() {
    let mut timeline = Timeline::default();
    for id in 0..(MAX_ROWS as u64 + 5) {
        timeline.observe(&on("loop", id, TraceKind::Started, id));
    }
    assert_eq!(timeline.lanes()[0].rows.len(), MAX_ROWS);
}

#[test]
fn ten_thousand_tiny_tasks_paint_as_about_one_bar_per_pixel() {
    let mut timeline = Timeline::default();
    for id in 0..10_000u64 {
        timeline.observe(&on("w", id, TraceKind::Started, id * 100));
        timeline.observe(&on("w", id, TraceKind::Finished, id * 100 + 90));
    }
    let bars = timeline.bars(0, timeline.end_ns(), 800.0);
    assert!(!bars.is_empty() && bars.len() <= 800, "{} bars", bars.len());
    let covered: f64 = bars.iter().map(|b| b.width).sum();
    assert!(
        covered > 750.0,
        "the busy worker's lane is nearly full: {covered}"
    );
    // Zoomed into two tasks, each is its own bar.
    let zoomed = timeline.bars(0, 200, 800.0);
    assert_eq!(zoomed.len(), 2);
    assert!((zoomed[0].width - 360.0).abs() < 1e-6, "{zoomed:?}");
}

#[test]
fn a_running_task_is_drawn_up_to_the_last_moment_seen_and_failures_are_marked() {
    let mut timeline = Timeline::default();
    timeline.observe(&on("w", 0, TraceKind::Started, 0));
    timeline.observe(&on("v", 1, TraceKind::Started, 0));
    timeline.observe(&on("v", 1, TraceKind::Failed, 40));
    timeline.observe(&on("v", 2, TraceKind::Submitted, 100));
    let bars = timeline.bars(0, 100, 100.0);
    let running = bars.iter().find(|b| b.lane == 0).unwrap();
    assert_eq!((running.x, running.width), (0.0, 100.0));
    assert!(!running.failed);
    let failed = bars.iter().find(|b| b.lane == 1).unwrap();
    assert!(failed.failed && (failed.width - 40.0).abs() < 1e-9);
    assert_eq!(timeline.hit(0, 0, 99), Some(0));
}

#[test]
fn absurd_future_ids_are_ignored() {
    let mut timeline = Timeline::default();
    timeline.observe(&on("w", u64::MAX, TraceKind::Started, 0));
    assert!(timeline.lanes().is_empty());
    assert!(timeline.span_of(u64::MAX).is_none());
}

#[test]
fn ticks_are_round_and_cover_the_axis() {
    assert_eq!(ticks(73.0, 5), [0.0, 20.0, 40.0, 60.0]);
    assert_eq!(ticks(1.0, 4), [0.0, 0.5, 1.0]);
    assert_eq!(ticks(4040.0, 8), [0.0, 1000.0, 2000.0, 3000.0, 4000.0]);
    assert_eq!(ticks(0.0, 5), [0.0]);
    assert_eq!(ticks(f64::NAN, 5), [0.0]);
}

fn timeline_of(query: &str) -> Timeline {
    let buffer = Arc::new(TraceBuffer::default());
    let mut env = RunEnv::native();
    env.live = Some(Arc::clone(&buffer) as Arc<dyn TraceSink>);
    play(&Scenario::from_query(query).unwrap(), &env).unwrap();
    let mut timeline = Timeline::default();
    buffer.drain().iter().for_each(|e| timeline.observe(e));
    timeline
}

#[test]
fn a_real_download_run_waits_on_io_and_a_gil_run_shows_the_strip() {
    let download = timeline_of(
        "workload=download&inputs=a.example@30,b.example@30&executor=threads&max_workers=2",
    );
    assert_eq!(download.lanes().len(), 2);
    for lane in 0..2 {
        let io: u64 = download.lanes()[lane].rows[0]
            .iter()
            .filter(|s| s.activity == Activity::Io)
            .map(|s| s.end_ns - s.start_ns)
            .sum();
        assert!(io >= 29_000_000, "lane {lane} waited {io} ns on I/O");
    }

    let gil = timeline_of(
        "workload=cpu_bound&inputs=300000,300000&executor=threads&max_workers=2&gil=true",
    );
    assert!(gil.has_gil());
    let waited = gil
        .lanes()
        .iter()
        .flat_map(|l| l.rows.iter().flatten())
        .any(|s| s.activity == Activity::GilWait);
    assert!(waited, "two CPU-bound threads under a GIL take turns");
    // Never two holders at once.
    assert!(gil.gil().windows(2).all(|w| w[0].end_ns <= w[1].start_ns));
}

#[test]
fn the_gil_strip_names_the_holders_lane_and_merges_within_a_pixel() {
    let mut timeline = Timeline::default();
    for event in [
        on("a", 0, TraceKind::Started, 0),
        on("b", 1, TraceKind::Started, 0),
        on("a", 0, TraceKind::GilAcquire, 0),
        on("a", 0, TraceKind::GilRelease, 50),
        on("b", 1, TraceKind::GilAcquire, 50),
        on("b", 1, TraceKind::GilRelease, 51),
        on("b", 1, TraceKind::GilAcquire, 51),
        on("a", 0, TraceKind::Finished, 100),
    ] {
        timeline.observe(&event);
    }
    let strip = timeline.gil_bars(0, 100, 100.0);
    let lanes: Vec<usize> = strip.iter().map(|b| b.lane).collect();
    assert_eq!(lanes, [0, 1], "{strip:?}");
    // b still holds it: drawn up to the last moment seen.
    assert!((strip[1].x + strip[1].width - 100.0).abs() < 1e-9);
}

#[test]
fn the_layout_maps_points_back_to_lanes_rows_and_moments() {
    use futures_lab::timeline_layout::{Layout, AXIS_HEIGHT, GIL_HEIGHT, LANE_GAP, ROW_HEIGHT};
    use futures_lab::timeline_viewport::Viewport;
    let mut timeline = Timeline::default();
    for event in [
        on("a", 0, TraceKind::Started, 0),
        on("b", 1, TraceKind::Started, 0),
        on("b", 2, TraceKind::Started, 0),
        on("a", 0, TraceKind::GilAcquire, 0),
        on("a", 0, TraceKind::Finished, 1_000),
    ] {
        timeline.observe(&event);
    }
    let layout = Layout::new(&timeline, 600.0, Viewport::whole(1_000));
    assert_eq!(layout.gil_top, Some(AXIS_HEIGHT));
    let lane_b = AXIS_HEIGHT + GIL_HEIGHT + LANE_GAP + ROW_HEIGHT + LANE_GAP;
    assert_eq!(layout.row_top(1, 1), lane_b + ROW_HEIGHT);
    let x = layout.gutter + layout.plot_width / 4.0;
    assert_eq!(
        layout.locate(x, lane_b + ROW_HEIGHT + 1.0),
        Some((1, 1, 250))
    );
    assert_eq!(layout.locate(x, 1.0), None, "the axis is not a lane");
    assert_eq!(layout.locate(layout.gutter - 1.0, lane_b), None);
    assert_eq!(layout.height, lane_b + 2.0 * ROW_HEIGHT + LANE_GAP + 2.0);
}

#[test]
fn lanes_are_drawn_in_their_workers_order_whatever_order_they_started_in() {
    use futures_lab::timeline_layout::Layout;
    use futures_lab::timeline_viewport::Viewport;
    let mut timeline = Timeline::default();
    for (future, worker) in [(0, "ThreadPoolExecutor-0_1"), (1, "ThreadPoolExecutor-0_0")] {
        timeline.observe(&on(worker, future, TraceKind::Started, 10));
        timeline.observe(&on(worker, future, TraceKind::Finished, 20));
    }
    assert_eq!(timeline.lanes()[0].worker, "ThreadPoolExecutor-0_1");
    let layout = Layout::new(&timeline, 800.0, Viewport::whole(100));
    assert!(
        layout.row_top(1, 0) < layout.row_top(0, 0),
        "0_0 is drawn above 0_1"
    );
    // A point on the upper lane finds 0_0's lane.
    let (lane, _, _) = layout
        .locate(layout.gutter + 10.0, layout.row_top(1, 0) + 2.0)
        .unwrap();
    assert_eq!(timeline.lanes()[lane].worker, "ThreadPoolExecutor-0_0");
}

#[test]
fn the_timeline_keeps_when_wait_returned_and_the_first_failure() {
    let mut timeline = Timeline::default();
    timeline.observe(&on("w-0", 0, TraceKind::Started, 0));
    timeline.observe(&on("w-1", 1, TraceKind::Started, 0));
    timeline.observe(&on("w-1", 1, TraceKind::Failed, 30));
    timeline.observe(&TraceEvent {
        future: u64::MAX,
        kind: TraceKind::WaitReturned,
        t_ns: 31,
        worker: Some(Arc::from("MainThread")),
        detail: None,
    });
    timeline.observe(&on("w-0", 0, TraceKind::Failed, 50));
    assert_eq!(timeline.first_failure(), Some((1, 30)));
    assert_eq!(timeline.wait_returned_ns(), Some(31));
    assert_eq!(timeline.futures(), 2, "wait()'s event is not a future");
}

#[test]
fn zooming_in_and_out_about_a_moment_comes_back_to_the_whole_run() {
    use futures_lab::timeline_viewport::{Viewport, NARROWEST_NS};
    let whole = 10_000_000;
    let start = Viewport::whole(whole);
    let mut view = start;
    for _ in 0..5 {
        view = view.zoomed(2_500_000, 0.5, whole);
    }
    assert_eq!(view.span_ns(), whole / 32);
    assert!(view.from_ns <= 2_500_000 && 2_500_000 <= view.to_ns);
    for _ in 0..5 {
        view = view.zoomed(2_500_000, 2.0, whole);
    }
    assert_eq!(view, start);
    // Zooming out past the whole stops at the whole.
    assert_eq!(start.zoomed(0, 8.0, whole), start);
    // And in past a microsecond stops at a microsecond, about the anchor.
    let narrowest = start.zoomed(7_000_000, 1e-9, whole);
    assert_eq!(narrowest.span_ns(), NARROWEST_NS);
    assert!(narrowest.from_ns <= 7_000_000 && 7_000_000 <= narrowest.to_ns);
    // A run shorter than the narrowest stretch is shown whole.
    assert_eq!(Viewport::whole(10).zoomed(5, 0.5, 10).from_ns, 0);
}

#[test]
fn a_selection_is_the_same_whichever_way_it_was_dragged_and_pans_stop_at_the_ends() {
    use futures_lab::timeline_viewport::Viewport;
    let whole = 1_000_000;
    assert_eq!(
        Viewport::between(600_000, 200_000, whole),
        Viewport::between(200_000, 600_000, whole)
    );
    assert_eq!(
        Viewport::between(900_000, 5_000_000, whole).to_ns,
        whole,
        "cut at the run's end"
    );
    let view = Viewport::between(200_000, 300_000, whole);
    assert_eq!(view.panned(-1_000_000, whole).from_ns, 0);
    assert_eq!(view.panned(50_000, whole).from_ns, 250_000);
    assert_eq!(view.panned(50_000, whole).span_ns(), 100_000);
}

#[test]
fn a_selected_stretch_of_a_gil_run_counts_its_computing_and_its_waits() {
    use futures_lab::timeline_range::RangeFigures;
    use futures_lab::timeline_viewport::Viewport;
    let gil = timeline_of(
        "workload=cpu_bound&inputs=2000000,2000000&executor=threads&max_workers=2&gil=true",
    );
    let whole = Viewport::whole(gil.end_ns());
    let figures = RangeFigures::of(&gil, whole);
    assert_eq!(figures.running, 2);
    assert_eq!((figures.started, figures.ended), (2, 2));
    assert_eq!(figures.computing_ns, gil.computing_ns());
    // One thread computes at a time: the whole run's parallelism is at most
    // one (and the other thread waited for the GIL).
    assert!(figures.parallelism() <= 1.0 + 1e-9, "{figures:?}");
    assert!(figures.gil_ns > 0, "{figures:?}");
    // Its first half holds about half of each part, and the halves add up.
    let middle = gil.end_ns() / 2;
    let first = RangeFigures::of(
        &gil,
        Viewport {
            from_ns: 0,
            to_ns: middle,
        },
    );
    let second = RangeFigures::of(
        &gil,
        Viewport {
            from_ns: middle,
            to_ns: gil.end_ns(),
        },
    );
    assert_eq!(
        first.computing_ns + second.computing_ns,
        figures.computing_ns
    );
    assert_eq!(first.gil_ns + second.gil_ns, figures.gil_ns);
    assert_eq!(first.ended + second.ended, 2);
}

#[test]
fn ticks_of_a_zoomed_axis_are_round_moments_inside_it() {
    use futures_lab::timeline::ticks_between;
    let marks = ticks_between(1_234.5, 1_236.0, 4);
    assert_eq!(marks, vec![1_234.5, 1_235.0, 1_235.5, 1_236.0]);
    assert!(ticks_between(0.0012, 0.0019, 5)
        .iter()
        .all(|t| (0.0012..=0.0019).contains(t)));
    assert_eq!(ticks(0.0, 5), vec![0.0]);
}

#[test]
fn a_trace_with_merged_gil_turns_draws_no_strip_past_the_merge_and_counts_the_same_cpu() {
    use futures_lab_scenarios::simulate_keeping;
    let scenario = Scenario::from_query(
        "workload=cpu_bound&inputs=10000000,10000000,10000000&executor=threads&max_workers=3&gil=true&clock=virtual&cpus=2&op_ns=35",
    )
    .unwrap();
    let of = |kept: usize| {
        let mut timeline = Timeline::default();
        simulate_keeping(&scenario, 2, kept)
            .unwrap()
            .trace
            .iter()
            .for_each(|e| timeline.observe(e));
        timeline
    };
    let (whole, merged) = (of(usize::MAX), of(20));
    assert_eq!(whole.merged_from_ns(), None);
    let from = merged.merged_from_ns().expect("turns were merged");
    assert!(
        merged.gil().iter().all(|hold| hold.end_ns <= from),
        "no GIL hold drawn past the merge"
    );
    // The CPU time the summary shows at the end is the same.
    let (a, b) = (whole.computing_ns() as f64, merged.computing_ns() as f64);
    assert!((a - b).abs() <= 1e-6 * a, "{a} vs {b}");
}
