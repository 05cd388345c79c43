//! `cargo bench -p approval-reminder --bench cold_start`: the function's cold start as Lambda
//! would see it, on this machine. The optimised binary is started ten times with the Runtime
//! API double and the local emulator; each process runs two scheduled scans of 20 pipelines,
//! one waiting for an approval (the first scan with cold clients, the second warm). Prints the
//! init time, both invocation times and the peak resident set.
//!
//! Needs `.venv` with moto (`./scripts/test.sh` creates it).

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

#[path = "../../../tests/integration/emulator.rs"]
#[allow(dead_code)]
mod emulator;
#[path = "../../../tests/integration/runtime_api.rs"]
#[allow(dead_code)]
mod runtime_api;

use std::time::Duration;

use serde_json::{Value, json};

use runtime_api::{RuntimeApi, cold_start, lambda_command, print_cold_starts};

const BIN: &str = env!("CARGO_BIN_EXE_approval-reminder");
const RUNS: usize = 10;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let em = emulator::Emulator::start();
    let sdk = em.sdk_config(Duration::from_secs(10)).await;
    let topic = emulator::create_topic(&sdk, "approvals").await;
    let names: Vec<Value> = (0..20)
        .map(|i| json!({"name": format!("p-{i:02}")}))
        .collect();
    // Waiting 4 h at 10:00 UTC: the 10:00 scan reminds, the 11:00 scan has nothing new to say.
    let run_at = 1_795_687_200_i64;
    em.answer(json!([
        {"op": "ListPipelines", "body": {"pipelines": names}},
        {"op": "GetPipelineState", "match": "\"p-07\"", "body": {"pipelineName": "p-07", "stageStates": [
            {"stageName": "Prod", "latestExecution": {"pipelineExecutionId": "x", "status": "InProgress"},
             "actionStates": [{"actionName": "Approve", "latestExecution": {"status": "InProgress", "token": "t", "lastStatusChange": (run_at - 4 * 3_600) as f64}}]}]}},
        {"op": "GetPipelineState", "body": {"pipelineName": "any", "stageStates": []}},
        {"op": "GetPipeline", "match": "\"p-07\"", "body": {"pipeline": {"name": "p-07", "roleArn": "arn:aws:iam::123456789012:role/p",
            "artifactStore": {"type": "S3", "location": "b"}, "stages": []}}},
        {"op": "GetPipelineExecution", "body": {"pipelineExecution": {"pipelineName": "p-07", "pipelineExecutionId": "x", "status": "InProgress"}}}
    ]));
    let scan = |time: &str| json!({"source": "aws.events", "detail-type": "Scheduled Event", "time": time, "region": "us-east-1"});
    let api = RuntimeApi::start();
    let mut runs = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let mut cmd = lambda_command(BIN, &api, &em.url);
        // The scans' clock is the event's; the function's own clock only bounds expiry.
        cmd.env("REPORT_TOPIC_ARN", &topic)
            .env("SCAN_REQUESTS_PER_SECOND", "100");
        runs.push(cold_start(
            &api,
            cmd,
            [scan("2026-11-26T10:00:00Z"), scan("2026-11-26T11:00:00Z")],
        ));
    }
    print_cold_starts("approval-reminder", BIN, &runs);
}
