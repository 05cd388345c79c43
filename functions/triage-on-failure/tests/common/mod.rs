//! The world the process tests and the cold-start benchmark run the function in: the local
//! emulator with the function's topic and dedupe table, and failed builds to triage.

use std::time::Duration;

use serde_json::Value;

use crate::emulator::{self, Emulator};
use crate::fixtures::{BUILD_LOG, failed_build};

pub const TABLE: &str = "triage-claims";
/// The pipelines `world` wrote build logs for.
pub const PIPELINES: [&str; 2] = ["web", "api"];

/// Creates the topic (returned), the dedupe table (with its TTL), and a build log per pipeline in `PIPELINES`.
pub async fn world(em: &Emulator) -> String {
    let sdk = em.sdk_config(Duration::from_secs(10)).await;
    let topic = emulator::create_topic(&sdk, "triage-reports").await;
    emulator::create_claims_table(&sdk, TABLE).await;
    let logs = aws_sdk_cloudwatchlogs::Client::new(&sdk);
    for p in PIPELINES {
        emulator::put_log(&logs, &format!("/aws/codebuild/{p}"), "1234", BUILD_LOG).await;
    }
    topic
}

/// A failed build in `pipeline` (one of `PIPELINES`): registers the double's answers for it
/// and returns the action FAILED event.
pub fn failure(em: &Emulator, pipeline: &str, execution: &str) -> Value {
    let (answers, event) = failed_build(pipeline, execution, "Build");
    em.answer(answers);
    event
}
