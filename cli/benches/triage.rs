//! `cargo bench -p pipeline-triage --bench triage`: one live triage against the local emulator.
//!
//! 1. A 1,000,000-line build log in moto's CloudWatch Logs: the peak RSS of one triage and the
//!    log pages it read.
//! 2. 50 ms added to every AWS call: the wall time of one triage, in sequential latencies, and
//!    the number of calls it made.
//!
//! Needs `.venv` with moto (`./scripts/test.sh` creates it). Prints numbers; asserts only that
//! the triage worked.

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../../tests/integration/emulator.rs"]
mod emulator;

const BIN: &str = env!("CARGO_BIN_EXE_pipeline-triage");
const LINES: usize = 1_000_000;
const BATCH: usize = 10_000;

fn answers(log_group: &str) -> Value {
    let ty = json!({"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"});
    json!([
        {"op": "GetPipeline", "match": "bench", "body": {"pipeline": {"name": "bench", "roleArn": "arn:aws:iam::123456789012:role/p",
            "artifactStore": {"type": "S3", "location": "bench-artifacts"}, "version": 1,
            "stages": [{"name": "Build", "actions": [{"name": "Image", "actionTypeId": ty}]}]}}},
        {"op": "GetPipelineExecution", "match": "bench-green", "body": {"pipelineExecution": {"pipelineExecutionId": "bench-green", "status": "Succeeded", "pipelineVersion": 1}}},
        {"op": "GetPipelineExecution", "match": "bench", "body": {"pipelineExecution": {"pipelineExecutionId": "exec", "status": "Failed", "pipelineVersion": 1}}},
        {"op": "ListPipelineExecutions", "match": "bench", "body": {"pipelineExecutionSummaries": [
            {"pipelineExecutionId": "exec", "status": "Failed"}, {"pipelineExecutionId": "bench-green", "status": "Succeeded"}]}},
        {"op": "ListActionExecutions", "match": "bench", "body": {"actionExecutionDetails": [{"stageName": "Build", "actionName": "Image", "status": "Failed",
            "input": {"actionTypeId": ty, "configuration": {"ProjectName": "bench"}},
            "output": {"executionResult": {"externalExecutionId": "bench:1", "externalExecutionSummary": "Build terminated with state: FAILED"}}}]}},
        {"op": "BatchGetBuilds", "match": "bench:1", "body": {"builds": [{"id": "bench:1", "buildStatus": "FAILED",
            "logs": {"groupName": log_group, "streamName": "1"}}]}},
    ])
}

fn event_file() -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("triage-bench-{}.json", std::process::id()));
    let event = json!({"version":"0","id":"b","detail-type":"CodePipeline Action Execution State Change","source":"aws.codepipeline",
        "account":"123456789012","time":"2026-11-20T08:15:00Z","region":"us-east-1","resources":[],
        "detail":{"pipeline":"bench","execution-id":"exec","stage":"Build","action":"Image","state":"FAILED",
          "type":{"owner":"AWS","category":"Build","provider":"CodeBuild","version":"1"},
          "execution-result":{"external-execution-id":"bench:1","external-execution-summary":"Build terminated with state: FAILED"},
          "version":1,"pipeline-execution-attempt":1.0}});
    std::fs::write(&path, event.to_string()).unwrap();
    path
}

/// Runs one triage through the CLI: (wall time, peak RSS KiB, first line of the report).
fn triage(em: &emulator::Emulator, event: &std::path::Path) -> (Duration, u64, String) {
    let start = Instant::now();
    let out = Command::new(BIN)
        .args([
            "diagnose",
            "--event",
            event.to_str().unwrap(),
            "--timeout",
            "60",
            "--call-timeout",
            "30",
        ])
        .env("AWS_ENDPOINT_URL", &em.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("PIPELINE_TRIAGE_STATS", "1")
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak_rss_kib="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let first = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    (elapsed, rss, first)
}

fn count(em: &emulator::Emulator, op: &str) -> usize {
    em.calls().iter().filter(|c| c["op"] == op).count()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let em = emulator::Emulator::start();
    let sdk = em.sdk_config(Duration::from_secs(120)).await;
    let logs = aws_sdk_cloudwatchlogs::Client::new(&sdk);

    // 1. A million-line log: noise, the real error 2,000 lines before the end, then the cascade.
    let group = "/aws/codebuild/bench";
    logs.create_log_group()
        .log_group_name(group)
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name(group)
        .log_stream_name("1")
        .send()
        .await
        .unwrap();
    let load = Instant::now();
    // CloudWatch Logs (and moto) keep no events older than the retention window: timestamps
    // end now.
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let base = now_ms - LINES as i64 - 10_000;
    for b in 0..LINES / BATCH {
        let events: Vec<_> = (0..BATCH)
            .map(|i| {
                let n = b * BATCH + i;
                let message = if n == LINES - 2_000 {
                    "ERROR: failed to resolve source metadata for docker.io/library/node:22: 429 Too Many Requests - toomanyrequests: You have reached your unauthenticated pull rate limit".to_owned()
                } else if n == LINES - 10 {
                    "[Container] 2026/11/20 08:14:05 Phase complete: BUILD State: FAILED".to_owned()
                } else {
                    format!("#12 [build 4/9] RUN npm run compile: module src/m{n}.ts compiled in 3ms")
                };
                aws_sdk_cloudwatchlogs::types::InputLogEvent::builder().timestamp(base + n as i64).message(message).build().unwrap()
            })
            .collect();
        logs.put_log_events()
            .log_group_name(group)
            .log_stream_name("1")
            .set_log_events(Some(events))
            .send()
            .await
            .unwrap();
    }
    println!(
        "loaded {LINES} log lines into the emulator in {:.1} s",
        load.elapsed().as_secs_f64()
    );

    em.answer(answers(group));
    let event = event_file();
    let before = count(&em, "GetLogEvents");
    let (elapsed, rss, first) = triage(&em, &event);
    let pages = count(&em, "GetLogEvents") - before;
    assert!(first.ends_with("build_environment"), "{first}");
    println!(
        "1,000,000-line log: one triage read {pages} log pages, peak RSS {:.1} MiB, {:.0} ms wall -> \"{first}\"",
        rss as f64 / 1024.0,
        elapsed.as_secs_f64() * 1e3
    );

    // 2. Latency: a small log, 50 ms added to every call.
    let small = "/aws/codebuild/bench-small";
    logs.create_log_group()
        .log_group_name(small)
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name(small)
        .log_stream_name("1")
        .send()
        .await
        .unwrap();
    let events = [
        "[Container] Running command docker build -t app .",
        "toomanyrequests: You have reached your pull rate limit",
    ]
    .iter()
    .enumerate()
    .map(|(i, m)| {
        aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
            .timestamp(base + i as i64)
            .message(*m)
            .build()
            .unwrap()
    })
    .collect();
    logs.put_log_events()
        .log_group_name(small)
        .log_stream_name("1")
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
    em.answer(json!([{"op": "BatchGetBuilds", "match": "bench:1", "body": {"builds": [{"id": "bench:1", "buildStatus": "FAILED",
        "logs": {"groupName": small, "streamName": "1"}}]}}]));
    // The newest answer must win: re-register the pipeline answers after a reset.
    emulator::http(&em.url, "POST", "/_double/reset", "");
    em.answer(json!([{"op": "BatchGetBuilds", "match": "bench:1", "body": {"builds": [{"id": "bench:1", "buildStatus": "FAILED",
        "logs": {"groupName": small, "streamName": "1"}}]}}]));
    em.answer(answers(group));
    let (baseline, _, _) = triage(&em, &event);
    let calls_before = em.calls().len();
    em.latency(50);
    let (slow, _, first) = triage(&em, &event);
    let calls = em.calls().len() - calls_before;
    let added = slow.saturating_sub(baseline);
    println!(
        "50 ms per call: {calls} AWS calls, {:.0} ms wall ({:.0} ms without the latency): {:.1} sequential latencies -> \"{first}\"",
        slow.as_secs_f64() * 1e3,
        baseline.as_secs_f64() * 1e3,
        added.as_secs_f64() / 0.05
    );
    let _ = std::fs::remove_file(event);
}
