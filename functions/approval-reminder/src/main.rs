//! Lambda wiring: configuration and clients once, then the handler per event.

use std::time::Duration;

use approval_reminder::{Config, HandlerError, Outcome, Ports, handle};
use lambda_runtime::{Diagnostic, LambdaEvent, service_fn};
use serde_json::Value;
use triage::aws::{CodePipelineAdapter, SnsPublisher, error_chain, load_config};
use triage::config::remaining;
use triage::dedupe::epoch_seconds;

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    // Every log line passes the redactor on its way out, field by field: gap details, SDK
    // errors and names come from untrusted text.
    triage::logging::init();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "invalid configuration");
            return Err(e.into());
        }
    };
    let sdk = load_config(config.limits.call_timeout).await;
    // One attempt per call: an SDK retry would not wait for the pacer, and a throttled read is
    // a gap the next run covers.
    let pipeline = CodePipelineAdapter::new(aws_sdk_codepipeline::Client::from_conf(
        aws_sdk_codepipeline::config::Builder::from(&sdk)
            .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
            .build(),
    ));
    let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&sdk), config.topic_arn.clone());
    let (pipeline, publisher, config) = (&pipeline, &publisher, &config);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        // Keep a second for the last publish.
        let deadline = tokio::time::Instant::now()
            + remaining(event.context.deadline).saturating_sub(Duration::from_secs(1));
        let ports = Ports {
            approvals: pipeline,
            pipelines: pipeline,
            publisher,
        };
        match handle(&event.payload, ports, config, epoch_seconds(), deadline).await {
            Ok(outcome) => Ok::<Outcome, Diagnostic>(outcome),
            Err(e) => {
                let chain = error_chain(&e);
                tracing::error!(error = %chain, "invocation failed");
                let error_type = match e {
                    HandlerError::Publish(..) => "NoticeNotPublished",
                    HandlerError::State(_) => "ApprovalStateUnreadable",
                };
                Err(Diagnostic {
                    error_type: error_type.into(),
                    error_message: chain,
                })
            }
        }
    }))
    .await
}
