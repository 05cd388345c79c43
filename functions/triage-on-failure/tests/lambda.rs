//! The function as Lambda runs it: the binary's `main` (configuration from the
//! environment, clients, the runtime loop, the error mapping), started with the Runtime API
//! double and the local AWS emulator. Needs `.venv` (`./scripts/test.sh` creates it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(dead_code)]
mod common;
#[path = "../../../tests/integration/emulator.rs"]
#[allow(dead_code)]
mod emulator;
#[path = "../../../tests/integration/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;
#[path = "../../../tests/integration/runtime_api.rs"]
#[allow(dead_code)]
mod runtime_api;

use std::time::Duration;

use serde_json::{Value, json};

use common::{TABLE, failure, world};
use emulator::Emulator;
use runtime_api::{Function, RuntimeApi, body, lambda_command, nth};

const BIN: &str = env!("CARGO_BIN_EXE_triage-on-failure");

fn start(api: &RuntimeApi, endpoint: &str, topic: &str) -> Function {
    let mut cmd = lambda_command(BIN, api, endpoint);
    cmd.env("REPORT_TOPIC_ARN", topic)
        .env("DEDUPE_TABLE_NAME", TABLE);
    Function::spawn(cmd)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_is_published_once_and_its_redelivery_is_a_duplicate() {
    let em = Emulator::start();
    let topic = world(&em).await;
    let api = RuntimeApi::start();
    let failed = failure(&em, "web", "exec-1");
    api.queue(&[failed.clone(), failed, json!({"not": "an event"})]);
    let mut function = start(&api, &em.url, &topic);
    let log = api.wait_answers(&mut function.child, 3, Duration::from_secs(60));
    let output = function.stop();

    let first = body(nth(&log, "response", 0));
    assert_eq!(first["outcome"], "published", "{log:?}\n{output}");
    assert_eq!(first["category"], "build_environment");
    assert_eq!(first["gaps"], 0, "{output}");
    let second = body(nth(&log, "response", 1));
    assert_eq!(second["outcome"], "duplicate", "{second}");
    assert_eq!(second["message_id"], first["message_id"]);
    let third = body(nth(&log, "response", 2));
    assert_eq!(third["outcome"], "skipped", "{third}");

    let publishes = em.calls().iter().filter(|c| c["op"] == "Publish").count();
    assert_eq!(publishes, 1, "one report for one failure");
    // Lambda's JSON log format: one JSON object per line, none carrying the build's secret.
    assert!(output.contains("triage started"), "{output}");
    assert!(!output.contains("plaintext-registry-token-123"), "{output}");
    for line in output.lines().filter(|l| !l.trim().is_empty()) {
        serde_json::from_str::<Value>(line)
            .unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_publish_is_an_invocation_error_that_lambda_retries() {
    let em = Emulator::start();
    world(&em).await;
    let api = RuntimeApi::start();
    api.queue(&[failure(&em, "web", "exec-1")]);
    let missing = "arn:aws:sns:us-east-1:123456789012:no-such-topic";
    let mut function = start(&api, &em.url, missing);
    let log = api.wait_answers(&mut function.child, 1, Duration::from_secs(60));
    let output = function.stop();

    assert!(nth(&log, "response", 0).is_none(), "{log:?}");
    let error = body(nth(&log, "error", 0));
    assert_eq!(error["errorType"], "PublishFailed", "{error}\n{output}");
    assert!(output.contains("invocation failed"), "{output}");
}

#[test]
fn an_invalid_configuration_stops_the_start_with_a_logged_reason() {
    runtime_api::assert_refuses_to_start(
        BIN,
        "arn:aws:sns:us-east-1:123456789012:t",
        "REPORT_LANGUAGE",
        "fr",
    );
}
