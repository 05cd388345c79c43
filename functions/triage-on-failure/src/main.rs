//! Lambda wiring: configuration and clients once, then the handler per event.

use lambda_runtime::{Diagnostic, LambdaEvent, service_fn};
use serde_json::Value;
use triage::aws::{AwsPorts, DynamoClaims, SnsPublisher, error_chain, load_config};
use triage::config::remaining;
use triage::ports::ClaimStore;
use triage_on_failure::{Config, Delivery, HandlerError, Outcome, handle};

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    // Every log line passes the redactor on its way out, field by field: gap details, SDK
    // errors and names come from untrusted text.
    triage::logging::init();
    // The catalog compile (~60 ms of CPU) runs beside the first invocation's AWS calls
    // instead of after them; if the thread cannot start, the first diagnosis compiles it.
    if let Err(e) = std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(triage::engine::warm_up)
    {
        tracing::warn!(error = %e, "no warm-up thread: the first diagnosis compiles the catalog");
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "invalid configuration");
            return Err(e.into());
        }
    };
    let sdk = load_config(config.call_timeout).await;
    let aws = AwsPorts::new(&sdk);
    let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&sdk), config.topic_arn.clone());
    let claims = config
        .dedupe_table
        .as_ref()
        .map(|t| DynamoClaims::new(aws_sdk_dynamodb::Client::new(&sdk), t.clone()));
    if claims.is_none() {
        tracing::warn!(
            "DEDUPE_TABLE_NAME is not set: duplicate events will publish duplicate reports"
        );
    }
    let (aws, publisher, config, claims) = (&aws, &publisher, &config, &claims);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let deadline = tokio::time::Instant::now() + remaining(event.context.deadline);
        let delivery = Delivery {
            publisher,
            claims: claims.as_ref().map(|c| c as &dyn ClaimStore),
            owner: &event.context.request_id,
        };
        match handle(&event.payload, aws.ports(), delivery, config, deadline).await {
            Ok(outcome) => Ok::<Outcome, Diagnostic>(outcome),
            Err(e) => {
                let chain = error_chain(&e);
                tracing::error!(error = %chain, "invocation failed");
                let error_type = match e {
                    HandlerError::Publish(_) => "PublishFailed",
                    HandlerError::Busy(_) => "ReportInProgress",
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
