//! The embed's messages: only well-shaped run messages are taken.

use futures_lab::embed_message::{error_message, report_message, run_request, size_message};
use futures_lab_scenarios::{simulate, Scenario, MAX_SCENARIO_CHARS};
use serde_json::json;

#[test]
fn anything_but_a_well_shaped_run_message_is_ignored() {
    for message in [
        json!(null),
        json!(42),
        json!(["futures-lab:run", "executor=asyncio"]),
        json!({"type": "futures-lab:run"}),
        json!({"type": "futures-lab:run", "scenario": null}),
        json!({"type": "futures-lab:run", "scenario": ["executor=asyncio"]}),
        json!({"type": "futures-lab:run", "scenario": "executor=asyncio", "then": "<script>"}),
        json!({"type": "FUTURES-LAB:RUN", "scenario": "executor=asyncio"}),
        json!({"type": "futures-lab:report", "report": {}}),
    ] {
        assert_eq!(run_request(&message), None, "{message}");
    }
}

#[test]
fn a_run_message_with_a_bad_scenario_names_the_field() {
    let refused = |scenario| {
        run_request(&json!({"type": "futures-lab:run", "scenario": scenario}))
            .unwrap()
            .unwrap_err()
    };
    assert_eq!(
        refused(json!("workload=<img src=x onerror=alert(1)>")),
        "workload: must be one of sum_generator, is_prime, cpu_bound, power, download, points, stream (got \"<img src=x onerror=alert(1)>\")"
    );
    assert!(
        refused(json!({"max_workers": 1e300})).starts_with("max_workers: must be a whole number")
    );
    assert!(refused(json!({"nope": 1})).starts_with("nope: is not a scenario field"));
    let huge = "a".repeat(MAX_SCENARIO_CHARS + 1);
    assert!(refused(json!(huge)).starts_with("scenario: must be at most"));
}

#[test]
fn outgoing_messages_have_their_type_and_payload() {
    let scenario = Scenario::from_query("workload=download&inputs=a.example@5").unwrap();
    let report = simulate(&scenario, 1).unwrap().report;
    let message = report_message(&report);
    assert_eq!(message["type"], "futures-lab:report");
    assert_eq!(message["report"]["completion_order"], json!([0]));
    assert_eq!(
        error_message("x: bad"),
        json!({"type": "futures-lab:error", "error": "x: bad"})
    );
    assert_eq!(
        size_message(640),
        json!({"type": "futures-lab:size", "height": 640})
    );
}
