//! A run's demands are estimated before it starts, and a run over the
//! page's budget is refused with its estimate, before anything runs.

use futures_lab_scenarios::{
    estimate, simulate, workloads, Budget, ExecutorKind, IntoEnumIterator, Over, Scenario,
};

fn scenario(query: &str) -> Scenario {
    Scenario::from_query(query).unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn repeated(input: &str, times: usize) -> String {
    vec![input; times].join(",")
}

#[test]
fn what_one_link_could_demand_is_refused_with_its_estimate() {
    // Each case the budget exists for, with what is over and its words.
    let cases = [
        (
            format!("workload=cpu_bound&inputs={}&executor=threads&max_workers=4", repeated("1000000000", 10_000)),
            Over::Time,
            "this run would take about 2.4 hours, mostly computing (10000 tasks)",
        ),
        (
            format!("workload=download&inputs={}&executor=sequential", repeated("a.example@60000", 10_000)),
            Over::Time,
            "this run would take about 6.9 days, mostly waiting (10000 tasks)",
        ),
        (
            format!("workload=stream&inputs={}&params=rate:1,capacity:10000,b_ms:1000,c_ms:10000&executor=threads&max_workers=32", (0..10_000).map(|n| n.to_string()).collect::<Vec<_>>().join(",")),
            Over::Time,
            "this run would take about 2.8 hours",
        ),
        (
            format!("workload=power&inputs={}&executor=threads", repeated("1000000**10000", 5_000)),
            Over::Memory,
            "this run would hold about 937 MiB of futures, results and trace (5000 tasks)",
        ),
        (
            format!("workload=sum_generator&inputs={}&executor=sequential&clock=virtual&op_ns=1000000", repeated("2000000000", 6_988)),
            Over::VirtualClock,
            "this run's virtual clock could reach about 585 years (6988 tasks), past the 292 years it counts to",
        ),
    ];
    for (query, over, words) in cases {
        let refusal = Budget::PAGE
            .check(&estimate(&scenario(&query), 2))
            .expect_err(words);
        assert_eq!(refusal.over, over, "{words}");
        assert!(refusal.to_string().starts_with(words), "{refusal}");
        assert_eq!(
            refusal.raised, None,
            "beyond what a person may allow: {refusal}"
        );
    }
}

#[test]
fn a_run_a_little_over_may_be_allowed_what_it_needs_and_no_more() {
    // A hundred downloads of a second, one at a time: 100 s.
    let run = scenario(&format!(
        "workload=download&inputs={}&executor=sequential",
        repeated("a.example@1000", 100)
    ));
    let refusal = Budget::PAGE.check(&estimate(&run, 2)).unwrap_err();
    assert_eq!(refusal.over, Over::Time);
    assert!(
        refusal.to_string().ends_with(", or allow this run more"),
        "{refusal}"
    );
    let raised = refusal.raised.expect("within the most a person may allow");
    assert_eq!(raised.real_s, 100.0);
    assert_eq!(raised.memory_bytes, Budget::PAGE.memory_bytes);
    assert_eq!(raised.check(&estimate(&run, 2)), Ok(()));
    // On ten threads it takes 10 s, and fits.
    let threads = scenario(&format!(
        "workload=download&inputs={}&executor=threads&max_workers=10",
        repeated("a.example@1000", 100)
    ));
    assert_eq!(estimate(&threads, 2).real_ns, 10e9);
    assert_eq!(Budget::PAGE.check(&estimate(&threads, 2)), Ok(()));
}

#[test]
fn every_workloads_classic_example_fits_the_page_on_every_executor_and_clock() {
    for workload in workloads::ALL {
        for executor in ExecutorKind::iter() {
            for clock in ["real", "virtual"] {
                if clock == "virtual" && !workload.virtual_clock_plays(executor) {
                    continue;
                }
                let query = format!(
                    "workload={}&executor={executor}&clock={clock}",
                    workload.id()
                );
                let run = scenario(&query);
                let estimate = estimate(&run, 2);
                assert_eq!(
                    Budget::PAGE.check(&estimate),
                    Ok(()),
                    "{query}: {estimate:?}"
                );
                let counted = estimate.simulated_ns.unwrap_or(estimate.real_ns);
                assert!(counted > 0.0, "{query}: {estimate:?}");
            }
        }
    }
}

#[test]
fn waiting_is_estimated_as_the_virtual_clock_counts_it() {
    // Downloads only wait, so the least wall time is exact: the pool hands
    // the calls out in order to the first free worker.
    let inputs = "a.example@450,b.example@225,c.example@375,d.example@300,e.example@50";
    for executor in [
        "sequential",
        "threads&max_workers=2",
        "processes&max_workers=3",
        "asyncio",
    ] {
        let mut run = scenario(&format!(
            "workload=download&inputs={inputs}&executor={executor}"
        ));
        let estimated = estimate(&run, 2).real_ns;
        if run.executor == ExecutorKind::Processes {
            // The virtual clock also charges starting the processes.
            run.start_method = Some(futures_lab_scenarios::StartMethod::Fork);
        }
        let counted = simulate(&run, 2).unwrap().report.wall_ms * 1e6;
        match run.executor {
            ExecutorKind::Processes => assert!(
                counted >= estimated && counted < estimated + 50e6,
                "{executor}: {counted} vs {estimated}"
            ),
            _ => assert_eq!(counted, estimated, "{executor}"),
        }
    }
}

#[test]
fn computing_is_estimated_no_higher_than_the_virtual_clock_counts_it() {
    // With the virtual clock's speed, the estimate is the least the run can
    // take: never above what the clock counts.
    for executor in [
        "sequential",
        "threads&max_workers=4",
        "threads&max_workers=4&gil=true",
        "asyncio",
    ] {
        let query = format!(
            "workload=cpu_bound&inputs=4000000,2000000,1000000,3000000&executor={executor}&cpus=2"
        );
        let run = scenario(&query);
        let estimated = estimate(&run, 2).real_ns;
        let counted = simulate(&run, 2).unwrap().report.wall_ms * 1e6;
        assert!(
            estimated <= counted + 1.0,
            "{executor}: {estimated} > {counted}"
        );
        assert!(
            estimated >= 0.9 * counted,
            "{executor}: {estimated} far below {counted}"
        );
    }
}

#[test]
fn the_gils_switches_count_in_the_memory_of_a_run_up_to_the_traces_budget() {
    use futures_lab_scenarios::GIL_EVENTS_KEPT;
    // An hour of computing under the GIL: 720,000 switches, each traced
    // twice, which no page could keep; past its budget the trace merges
    // turns, so the memory stops growing with the computing.
    let extra = |inputs: &str| {
        let gil = scenario(&format!(
            "workload=cpu_bound&inputs={inputs}&executor=threads&max_workers=4&gil=true"
        ));
        let free = scenario(&format!(
            "workload=cpu_bound&inputs={inputs}&executor=threads&max_workers=4"
        ));
        estimate(&gil, 2).memory_bytes - estimate(&free, 2).memory_bytes
    };
    let hour = extra(&repeated("1000000000", 5000));
    let two_hours = extra(&repeated("1000000000", 10000));
    assert!(hour > 0.0, "the GIL's turns are traced");
    assert!(
        (hour - two_hours).abs() < 1.0,
        "{hour} vs {two_hours}: capped"
    );
    // A few hundred bytes an event, in its three copies (the run's, the
    // report's, the page's).
    assert!(hour <= GIL_EVENTS_KEPT as f64 * 400.0, "{hour}");
    // A short run keeps every turn: twice the computing, twice the events.
    let short = extra(&repeated("10000000", 10));
    let twice = extra(&repeated("20000000", 10));
    assert!((twice / short - 2.0).abs() < 0.2, "{short} vs {twice}");
    let inputs = repeated("1000000000", 5000);
    let free = scenario(&format!(
        "workload=cpu_bound&inputs={inputs}&executor=threads&max_workers=4"
    ));
    assert_eq!(
        Budget::PAGE.check(&estimate(&free, 2)).unwrap_err().over,
        Over::Time
    );
}

#[test]
fn a_cooperative_coroutines_turns_count_in_its_memory() {
    let query = "workload=cpu_bound&executor=asyncio&inputs=30000000,30000000";
    let blocking = estimate(&Scenario::from_query(query).unwrap(), 2);
    let cooperative = estimate(
        &Scenario::from_query(&format!("{query}&cooperative=true")).unwrap(),
        2,
    );
    assert!(cooperative.memory_bytes > blocking.memory_bytes);
    assert_eq!(cooperative.real_ns, blocking.real_ns);
}
