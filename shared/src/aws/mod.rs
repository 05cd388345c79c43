//! AWS adapters: one per service, each implementing a port with the SDK client built once.
//!
//! Only this module imports `aws_sdk_*`; the domain speaks the port types. SDK errors become
//! [`PortError`]s with a gap reason (AccessDenied, throttled, timeout, not found), never strings
//! flattened from `Debug`.

mod codebuild;
mod codedeploy;
mod codepipeline;
mod dynamodb;
mod logs;
mod others;

use std::time::Duration;

use aws_config::SdkConfig;
use aws_sdk_codepipeline::error::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

pub use codebuild::CodeBuildAdapter;
pub use codedeploy::CodeDeployAdapter;
pub use codepipeline::CodePipelineAdapter;
pub use dynamodb::DynamoClaims;
pub use logs::LogsAdapter;
pub use others::{ArtifactAdapter, IamAdapter, SnsPublisher, SourceAdapter, StackAdapter};

use crate::collect::Ports;
use crate::evidence::GapReason;
use crate::ports::PortError;

/// Loads the default configuration (credential chain, Region, `AWS_ENDPOINT_URL*`), with
/// timeouts so that no call can outlive its share of an invocation.
pub async fn load_config(operation_timeout: Duration) -> SdkConfig {
    let timeouts = aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(2).min(operation_timeout))
        .operation_attempt_timeout(operation_timeout)
        .operation_timeout(operation_timeout)
        .build();
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .timeout_config(timeouts)
        .load()
        .await
}

/// Every adapter, built once from one configuration.
#[derive(Debug, Clone)]
pub struct AwsPorts {
    /// CodePipeline.
    pub pipeline: CodePipelineAdapter,
    /// CodeBuild.
    pub builds: CodeBuildAdapter,
    /// CloudWatch Logs.
    pub logs: LogsAdapter,
    /// CodeDeploy.
    pub deploy: CodeDeployAdapter,
    /// CloudFormation.
    pub stacks: StackAdapter,
    /// IAM.
    pub iam: IamAdapter,
    /// CodeCommit and CodeConnections.
    pub source: SourceAdapter,
    /// S3 and KMS.
    pub artifacts: ArtifactAdapter,
}

impl AwsPorts {
    /// Builds every client from `config`.
    pub fn new(config: &SdkConfig) -> Self {
        Self {
            pipeline: CodePipelineAdapter::new(aws_sdk_codepipeline::Client::new(config)),
            builds: CodeBuildAdapter::new(aws_sdk_codebuild::Client::new(config)),
            logs: LogsAdapter::new(aws_sdk_cloudwatchlogs::Client::new(config)),
            deploy: CodeDeployAdapter::new(aws_sdk_codedeploy::Client::new(config)),
            stacks: StackAdapter::new(aws_sdk_cloudformation::Client::new(config)),
            iam: IamAdapter::new(aws_sdk_iam::Client::new(config)),
            source: SourceAdapter::new(
                aws_sdk_codecommit::Client::new(config),
                aws_sdk_codestarconnections::Client::new(config),
            ),
            artifacts: ArtifactAdapter::new(
                aws_sdk_s3::Client::from_conf(
                    aws_sdk_s3::config::Builder::from(config)
                        .force_path_style(true)
                        .build(),
                ),
                aws_sdk_kms::Client::new(config),
            ),
        }
    }

    /// The ports view the collector takes.
    pub fn ports(&self) -> Ports<'_> {
        Ports {
            pipeline: &self.pipeline,
            builds: &self.builds,
            logs: &self.logs,
            deploy: &self.deploy,
            stacks: &self.stacks,
            iam: &self.iam,
            source: &self.source,
            artifacts: &self.artifacts,
        }
    }
}

/// The gap reason of an error code.
pub(crate) fn reason_of_code(code: &str) -> GapReason {
    let c = code.to_ascii_lowercase();
    if c.contains("accessdenied")
        || c.contains("unauthorized")
        || c.contains("notauthorized")
        || c == "forbidden"
    {
        GapReason::AccessDenied
    } else if c.contains("throttl")
        || c.contains("toomanyrequests")
        || c.contains("requestlimitexceeded")
        || c == "slowdown"
    {
        GapReason::Throttled
    } else if c.contains("notfound")
        || c.starts_with("nosuch")
        || c.contains("doesnotexist")
        || c.contains("not_found")
    {
        GapReason::NotFound
    } else {
        GapReason::Other
    }
}

/// An SDK error as a port error.
pub(crate) fn port_error<E, R>(operation: &str, e: SdkError<E, R>) -> PortError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    match &e {
        SdkError::ServiceError(se) => {
            let err = se.err();
            // A modeled error always names its type in Display; the code is in its metadata
            // when it came off the wire.
            let display = err.to_string();
            let code = err
                .code()
                .map(str::to_owned)
                .or_else(|| display.split([':', ' ', '[']).next().map(str::to_owned))
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| "Unknown".to_owned());
            let code = code.as_str();
            let message = err.message().unwrap_or("");
            PortError::new(
                reason_of_code(code),
                format!("{operation}: {code}: {message}"),
            )
        }
        SdkError::TimeoutError(_) => {
            PortError::new(GapReason::Timeout, format!("{operation}: timed out"))
        }
        // A connection that never opens (no NAT or endpoint in a VPC: a connect timeout) or
        // fails (DNS, refused, reset) is the function's network, not the service.
        SdkError::DispatchFailure(d) if d.is_timeout() => PortError::new(
            GapReason::Unreachable,
            format!("{operation}: endpoint unreachable (connection timed out)"),
        ),
        SdkError::DispatchFailure(d) if d.is_io() => PortError::new(
            GapReason::Unreachable,
            format!("{operation}: endpoint unreachable ({})", error_chain(&e)),
        ),
        SdkError::DispatchFailure(_) => PortError::new(
            GapReason::Other,
            format!("{operation}: request not sent ({})", error_chain(&e)),
        ),
        SdkError::ResponseError(_) => PortError::new(
            GapReason::Malformed,
            format!("{operation}: unreadable response ({})", error_chain(&e)),
        ),
        _ => PortError::new(
            GapReason::Other,
            format!("{operation}: {}", error_chain(&e)),
        ),
    }
}

/// An error and its sources on one line (the Lambda logs handler errors with it once).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

/// An SDK timestamp as RFC 3339.
pub(crate) fn rfc3339(t: Option<&aws_smithy_types::DateTime>) -> Option<String> {
    t.and_then(|t| t.fmt(aws_smithy_types::date_time::Format::DateTime).ok())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod mapping_tests {
    use super::*;

    #[test]
    fn error_codes_map_to_gap_reasons() {
        assert_eq!(
            reason_of_code("AccessDeniedException"),
            GapReason::AccessDenied
        );
        assert_eq!(reason_of_code("AccessDenied"), GapReason::AccessDenied);
        assert_eq!(reason_of_code("ThrottlingException"), GapReason::Throttled);
        assert_eq!(reason_of_code("Throttling"), GapReason::Throttled);
        assert_eq!(
            reason_of_code("ResourceNotFoundException"),
            GapReason::NotFound
        );
        assert_eq!(reason_of_code("NoSuchBucket"), GapReason::NotFound);
        assert_eq!(
            reason_of_code("PipelineExecutionNotFoundException"),
            GapReason::NotFound
        );
        assert_eq!(reason_of_code("InternalFailure"), GapReason::Other);
    }
}
