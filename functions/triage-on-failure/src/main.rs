//! Lambda wiring: configuration and clients once, then the handler per event.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lambda_runtime::{Diagnostic, LambdaEvent, service_fn};
use serde_json::Value;
use triage::aws::{AwsPorts, SnsPublisher, error_chain, load_config};
use triage_on_failure::{Config, Outcome, handle};

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::tracing::init_default_subscriber();
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
    let (aws, publisher, config) = (&aws, &publisher, &config);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let deadline = tokio::time::Instant::now() + remaining(event.context.deadline);
        match handle(&event.payload, aws.ports(), publisher, config, deadline).await {
            Ok(outcome) => Ok::<Outcome, Diagnostic>(outcome),
            Err(e) => {
                let chain = error_chain(&e);
                tracing::error!(error = %chain, "invocation failed");
                Err(Diagnostic {
                    error_type: "PublishFailed".into(),
                    error_message: chain,
                })
            }
        }
    }))
    .await
}

/// Time left until the invocation's deadline (milliseconds since the epoch).
fn remaining(deadline_ms: u64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    Duration::from_millis(deadline_ms.saturating_sub(now))
}
