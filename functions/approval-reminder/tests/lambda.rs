//! The function as Lambda runs it: the binary's `main` (configuration from the environment, the
//! one-attempt CodePipeline client, the runtime loop, the error mapping), started with the
//! Runtime API double and the local AWS emulator. Needs `.venv` (`./scripts/test.sh` creates it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../../tests/integration/emulator.rs"]
#[allow(dead_code)]
mod emulator;
#[path = "../../../tests/integration/runtime_api.rs"]
#[allow(dead_code)]
mod runtime_api;

use std::time::Duration;

use serde_json::json;

use emulator::Emulator;
use runtime_api::{Function, RuntimeApi, body, lambda_command, nth};
use triage::report::approval::utc;

const BIN: &str = env!("CARGO_BIN_EXE_approval-reminder");
const H: i64 = 3_600;

/// `2026-11-26T10:00:00Z`, as EventBridge stamps a scheduled event.
fn iso(epoch: i64) -> String {
    let minute = utc(epoch); // `2026-11-26 10:00 UTC`
    format!(
        "{}:00Z",
        minute.trim_end_matches(" UTC").replacen(' ', "T", 1)
    )
}

async fn topic(em: &Emulator) -> String {
    let sdk = em.sdk_config(Duration::from_secs(10)).await;
    emulator::create_topic(&sdk, "approvals").await
}

fn start(api: &RuntimeApi, endpoint: &str, topic: &str) -> Function {
    let mut cmd = lambda_command(BIN, api, endpoint);
    cmd.env("REPORT_TOPIC_ARN", topic)
        .env("SCAN_REQUESTS_PER_SECOND", "50");
    Function::spawn(cmd)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schedule_reminds_and_a_started_approval_is_announced() {
    let em = Emulator::start();
    let topic = topic(&em).await;
    // The scheduled run at the current minute; the approval has waited exactly 4 h by then.
    let now = runtime_api::epoch_now() as i64;
    let run = now - now.rem_euclid(60);
    em.answer(json!([
        {"op": "ListPipelines", "body": {"pipelines": [{"name": "web"}, {"name": "locked"}]}},
        {"op": "GetPipelineState", "match": "\"web\"", "body": {"pipelineName": "web", "stageStates": [
            {"stageName": "Prod", "latestExecution": {"pipelineExecutionId": "web-x", "status": "InProgress"},
             "actionStates": [{"actionName": "Approve", "latestExecution": {"status": "InProgress", "token": "tok-123", "lastStatusChange": (run - 4 * H) as f64}}]}]}},
        {"op": "GetPipelineState", "match": "\"locked\"", "status": 400,
         "body": {"__type": "AccessDeniedException", "message": "not authorized to perform codepipeline:GetPipelineState"}},
        {"op": "GetPipeline", "match": "\"web\"", "body": {"pipeline": {"name": "web", "roleArn": "arn:aws:iam::123456789012:role/p", "version": 3,
            "artifactStore": {"type": "S3", "location": "b"},
            "stages": [{"name": "Prod", "actions": [{"name": "Approve",
                "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"}}]}]}}},
        {"op": "GetPipelineExecution", "match": "web-x", "body": {"pipelineExecution": {"pipelineName": "web", "pipelineExecutionId": "web-x",
            "status": "InProgress", "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "c0ffee1", "revisionSummary": "Ship it"}]}}}
    ]));
    let scheduled = json!({"source": "aws.events", "detail-type": "Scheduled Event", "time": iso(run), "region": "us-east-1"});
    let started = json!({"source": "aws.codepipeline", "detail-type": "CodePipeline Action Execution State Change", "region": "us-east-1",
        "detail": {"pipeline": "web", "stage": "Prod", "action": "Approve", "state": "STARTED", "region": "us-east-1",
            "type": {"owner": "AWS", "category": "Approval", "provider": "Manual", "version": "1"}}});
    let api = RuntimeApi::start();
    api.queue(&[scheduled, started]);
    let mut function = start(&api, &em.url, &topic);
    let log = api.wait_answers(&mut function.child, 2, Duration::from_secs(60));
    let output = function.stop();

    let scan = body(nth(&log, "response", 0));
    assert_eq!(scan["trigger"], "scan", "{log:?}\n{output}");
    assert_eq!(
        (scan["pipelines"].as_u64(), scan["waiting"].as_u64()),
        (Some(2), Some(1))
    );
    // The unreadable pipeline is a gap, logged, and the scan went on.
    assert_eq!(scan["gaps"], 1, "{scan}");
    assert!(output.contains("locked"), "the gap is logged: {output}");
    assert_eq!(
        scan["sent"],
        json!([["reminder", "web", "Prod/Approve"]]),
        "{scan}"
    );
    let announced = body(nth(&log, "response", 1));
    assert_eq!(announced["trigger"], "started", "{announced}");
    assert_eq!(
        announced["sent"],
        json!([["needed", "web", "Prod/Approve"]]),
        "{announced}"
    );
    let publishes = em.calls().iter().filter(|c| c["op"] == "Publish").count();
    assert_eq!(publishes, 2);
}

#[test]
fn an_invalid_configuration_stops_the_start_with_a_logged_reason() {
    runtime_api::assert_refuses_to_start(
        BIN,
        "arn:aws:sns:us-east-1:123456789012:t",
        "REMIND_AFTER_HOURS",
        "soon",
    );
}
