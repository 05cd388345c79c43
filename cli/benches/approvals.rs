//! `cargo bench -p pipeline-triage --bench approvals`: an approval scan of 1,000 pipelines (the
//! per-Region quota) through the real CodePipeline adapter, against the local double with 50 ms
//! added to every call. Prints the wall time and the highest request rate seen in any one-second
//! window (from the double's arrival times).
//!
//! Needs `.venv` with moto (`./scripts/test.sh` creates it).

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::process::Command;
use std::time::Instant;

use serde_json::{Value, json};

#[path = "../../tests/integration/emulator.rs"]
#[allow(dead_code)]
mod emulator;

const BIN: &str = env!("CARGO_BIN_EXE_pipeline-triage");
const PIPELINES: usize = 1_000;

fn scan(em: &emulator::Emulator, rate: &str) -> (f64, Vec<Value>, usize) {
    emulator::http(&em.url, "POST", "/_double/reset", "");
    let names: Vec<Value> = (0..PIPELINES)
        .map(|i| json!({"name": format!("pipeline-{i:04}")}))
        .collect();
    let mut answers = vec![json!({"op": "ListPipelines", "body": {"pipelines": names}})];
    // Five pipelines wait for an approval (registered first: the first match wins).
    for i in [7, 250, 500, 750, 999] {
        let name = format!("pipeline-{i:04}");
        answers.push(json!({"op": "GetPipelineState", "match": format!("\"{name}\""), "body": {"pipelineName": name, "stageStates": [
            {"stageName": "Prod", "latestExecution": {"pipelineExecutionId": "x", "status": "InProgress"},
             "actionStates": [{"actionName": "Approve", "latestExecution": {"status": "InProgress", "token": "t", "lastStatusChange": 1.7e9}}]}]}}));
        answers.push(json!({"op": "GetPipeline", "match": format!("\"{name}\""), "body": {"pipeline": {"name": name, "roleArn": "arn:aws:iam::123456789012:role/p",
            "artifactStore": {"type": "S3", "location": "b"}, "stages": []}}}));
    }
    answers.push(
        json!({"op": "GetPipelineState", "body": {"pipelineName": "any", "stageStates": []}}),
    );
    em.answer(Value::Array(answers));
    em.latency(50);
    let start = Instant::now();
    let out = Command::new(BIN)
        .args(["approvals", "--format", "json", "--rate", rate])
        .env("AWS_ENDPOINT_URL", &em.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    let wall = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    (wall, em.calls(), rows.len())
}

fn max_per_second(calls: &[Value]) -> usize {
    let mut t: Vec<f64> = calls.iter().filter_map(|c| c["t"].as_f64()).collect();
    t.sort_by(f64::total_cmp);
    (0..t.len())
        .map(|i| t[i..].iter().take_while(|u| **u - t[i] < 1.0).count())
        .max()
        .unwrap_or(0)
}

fn main() {
    let em = emulator::Emulator::start();
    for rate in ["20", "10"] {
        let (wall, calls, pending) = scan(&em, rate);
        println!(
            "{PIPELINES} pipelines, 50 ms per call, --rate {rate}: {wall:.1} s wall, {} calls, at most {} calls in any 1 s, {pending} approvals found",
            calls.len(),
            max_per_second(&calls)
        );
    }
}
