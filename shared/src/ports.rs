//! Ports: what the collectors need from AWS, in domain types. One adapter per service
//! implements each (`triage::aws`); tests implement them with fakes.

use std::fmt;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::digest::LogDigest;
use crate::evidence::{ExecutionId, GapReason, PipelineName};
use crate::report::Publication;

/// Why a call failed, as a gap reason plus the message (already free of secrets).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason:?}: {message}")]
pub struct PortError {
    /// The kind of failure.
    pub reason: GapReason,
    /// The service's message.
    pub message: String,
}

impl PortError {
    /// A failure of the given kind.
    pub fn new(reason: GapReason, message: impl fmt::Display) -> Self {
        Self {
            reason,
            message: crate::redact::redact(&message.to_string()).into_owned(),
        }
    }
}

/// Result of a port call.
pub type PortResult<T> = Result<T, PortError>;

/// An action in the pipeline definition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDef {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// Provider (`CodeBuild`, `CodeStarSourceConnection`...).
    pub provider: String,
    /// Category (`Source`, `Build`, ...).
    pub category: String,
    /// The action's role.
    pub role_arn: Option<String>,
    /// Configuration (key, value).
    pub configuration: Vec<(String, String)>,
    /// Approval timeout, when set.
    pub timeout_minutes: Option<i32>,
}

/// The parts of `GetPipeline` the triage uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineDef {
    /// The pipeline's service role.
    pub role_arn: Option<String>,
    /// Artifact store bucket of the pipeline's Region.
    pub artifact_bucket: Option<String>,
    /// Artifact store KMS key.
    pub artifact_key: Option<String>,
    /// Per-Region artifact stores of a cross-Region pipeline: (Region, bucket, KMS key).
    #[serde(default)]
    pub regional_stores: Vec<(String, String, Option<String>)>,
    /// Pipeline version.
    pub version: Option<i64>,
    /// Every action.
    pub actions: Vec<ActionDef>,
}

/// An action's configuration in one execution: (stage, action, key-value pairs).
pub type ActionConfiguration = (String, String, Vec<(String, String)>);

/// The parts of `GetPipelineExecution` the triage uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionInfo {
    /// Execution id.
    pub execution_id: String,
    /// Status (`Failed`, `Succeeded`...).
    pub status: String,
    /// Status summary.
    pub summary: Option<String>,
    /// Pipeline version it ran.
    pub pipeline_version: Option<i64>,
    /// Source revisions: (artifact name, revision id, summary).
    pub revisions: Vec<(String, String, Option<String>)>,
    /// Trigger type and detail.
    pub trigger: Option<(String, String)>,
    /// Start time (RFC 3339).
    pub start_time: Option<String>,
    /// Each action's resolved configuration in this execution: (stage, action, configuration).
    /// Filled for the last successful execution, to compare with the failed one.
    #[serde(default)]
    pub action_configurations: Vec<ActionConfiguration>,
}

/// One action execution from `ListActionExecutions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionExecution {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// Status (`Failed`, `Succeeded`, `InProgress`, `Abandoned`).
    pub status: String,
    /// Start time (RFC 3339), for ordering.
    pub start_time: Option<String>,
    /// Provider.
    pub provider: String,
    /// Category.
    pub category: String,
    /// Role used.
    pub role_arn: Option<String>,
    /// Resolved configuration (key, value).
    pub configuration: Vec<(String, String)>,
    /// External execution id (build id, deployment id, log-stream ARN...).
    pub external_id: Option<String>,
    /// External execution URL.
    pub external_url: Option<String>,
    /// External execution summary.
    pub summary: Option<String>,
    /// Error code.
    pub error_code: Option<String>,
    /// Error message.
    pub error_message: Option<String>,
    /// Log stream ARN (V2 Commands action).
    pub log_stream_arn: Option<String>,
    /// Who last changed the action (the reviewer of an approval).
    #[serde(default)]
    pub updated_by: Option<String>,
    /// When the action last changed (RFC 3339).
    #[serde(default)]
    pub last_update_time: Option<String>,
}

/// A CodeBuild phase.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildPhase {
    /// `BUILD`, `INSTALL`...
    pub phase: String,
    /// `FAILED`, `SUCCEEDED`...
    pub status: Option<String>,
    /// Contexts: (status code, message).
    pub contexts: Vec<(String, String)>,
}

/// The parts of `BatchGetBuilds` the triage uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildInfo {
    /// Build status.
    pub status: String,
    /// Phases in order.
    pub phases: Vec<BuildPhase>,
    /// Log group.
    pub log_group: Option<String>,
    /// Log stream.
    pub log_stream: Option<String>,
    /// Console deep link to the log.
    pub log_link: Option<String>,
    /// The build's service role.
    pub service_role: Option<String>,
    /// Values of PLAINTEXT environment variables: never published, used to redact.
    pub plaintext_values: Vec<String>,
}

/// What a bounded log read did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRead {
    /// Pages requested.
    pub pages: u32,
    /// Events offered to the digest.
    pub events: u64,
    /// True when the page budget ran out before the start of the log.
    pub truncated: bool,
}

/// A CodeDeploy lifecycle event's diagnostics on one target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleDiagnostic {
    /// Target id.
    pub target: String,
    /// Lifecycle event (`ApplicationStart`...).
    pub event: String,
    /// Status.
    pub status: String,
    /// Diagnostics error code (`ScriptFailed`...).
    pub error_code: Option<String>,
    /// Script name.
    pub script: Option<String>,
    /// Message.
    pub message: Option<String>,
    /// Log tail.
    pub log_tail: Option<String>,
}

/// The parts of a deployment the triage uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentInfo {
    /// Status.
    pub status: String,
    /// `errorInformation.code`.
    pub error_code: Option<String>,
    /// `errorInformation.message`.
    pub error_message: Option<String>,
    /// Failed lifecycle events on targets.
    pub diagnostics: Vec<LifecycleDiagnostic>,
    /// Why the targets could not be read, when they could not.
    #[serde(default)]
    pub targets_unread: Option<String>,
}

/// A stack event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackEvent {
    /// Timestamp (RFC 3339).
    pub time: String,
    /// Logical id.
    pub logical_id: String,
    /// Resource type.
    pub resource_type: String,
    /// Status.
    pub status: String,
    /// Reason.
    pub reason: Option<String>,
}

/// An IAM simulation result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationResult {
    /// Action simulated.
    pub action: String,
    /// Resource simulated.
    pub resource: String,
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    pub decision: String,
    /// Organizations / boundary detail, when given.
    pub detail: Option<String>,
}

/// The artifact bucket as the triage sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketInfo {
    /// Its Region.
    pub region: Option<String>,
    /// Default encryption KMS key, if any.
    pub kms_key: Option<String>,
}

/// CodePipeline reads.
#[async_trait]
pub trait PipelinePort: Send + Sync {
    /// `GetPipeline`.
    async fn pipeline(&self, name: &PipelineName) -> PortResult<PipelineDef>;
    /// `GetPipelineExecution`.
    async fn execution(&self, name: &PipelineName, id: &ExecutionId) -> PortResult<ExecutionInfo>;
    /// `ListActionExecutions` for one execution (all pages).
    async fn action_executions(
        &self,
        name: &PipelineName,
        id: &ExecutionId,
    ) -> PortResult<Vec<ActionExecution>>;
    /// The most recent succeeded execution other than `failed`, if any, with its actions'
    /// configurations.
    async fn last_success(
        &self,
        name: &PipelineName,
        failed: &ExecutionId,
    ) -> PortResult<Option<ExecutionInfo>>;
}

/// A manual approval waiting for an answer (`GetPipelineState`: an InProgress action with a
/// token).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingApproval {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// The pipeline execution waiting at the stage.
    pub execution_id: Option<String>,
    /// The approval token (`put-approval-result --token`).
    pub token: String,
    /// When the approval started waiting (epoch seconds, `lastStatusChange`).
    pub since: Option<i64>,
}

/// What the approval reminders read from CodePipeline.
#[async_trait]
pub trait ApprovalPort: Send + Sync {
    /// `ListPipelines`, one page: the names and the next page's token.
    async fn pipelines(
        &self,
        token: Option<String>,
    ) -> PortResult<(Vec<PipelineName>, Option<String>)>;
    /// `GetPipelineState`: the approvals of `name` waiting for an answer.
    async fn waiting(&self, name: &PipelineName) -> PortResult<Vec<WaitingApproval>>;
}

/// CodeBuild reads.
#[async_trait]
pub trait BuildPort: Send + Sync {
    /// `BatchGetBuilds` for one build.
    async fn build(&self, id: &str) -> PortResult<BuildInfo>;
}

/// CloudWatch Logs reads.
#[async_trait]
pub trait LogPort: Send + Sync {
    /// Reads a stream from its end backwards, at most `max_pages` pages and no later than
    /// `deadline`, offering every line (oldest first) to `digest`. Pages read before the budget
    /// ran out are kept (the read is then `truncated`).
    async fn read_tail(
        &self,
        group: &str,
        stream: &str,
        max_pages: u32,
        deadline: tokio::time::Instant,
        digest: &mut LogDigest,
    ) -> PortResult<LogRead>;
}

/// CodeDeploy reads.
#[async_trait]
pub trait DeployPort: Send + Sync {
    /// The deployment and its targets' failed lifecycle events.
    async fn deployment(&self, id: &str) -> PortResult<DeploymentInfo>;
}

/// CloudFormation reads.
#[async_trait]
pub trait StackPort: Send + Sync {
    /// Stack events, in any order, and the stack status.
    async fn events(&self, stack: &str) -> PortResult<(Option<String>, Vec<StackEvent>)>;
}

/// IAM simulation.
#[async_trait]
pub trait IamPort: Send + Sync {
    /// `SimulatePrincipalPolicy` of `principal` for `actions` on `resource`.
    async fn simulate(
        &self,
        principal: &str,
        actions: &[String],
        resource: &str,
    ) -> PortResult<Vec<SimulationResult>>;
}

/// Source configuration checks.
#[async_trait]
pub trait SourcePort: Send + Sync {
    /// CodeCommit `GetBranch`: does the branch exist?
    async fn branch_exists(&self, repository: &str, branch: &str) -> PortResult<bool>;
    /// CodeConnections `GetConnection`: its status.
    async fn connection_status(&self, arn: &str) -> PortResult<String>;
}

/// Artifact store checks.
#[async_trait]
pub trait ArtifactPort: Send + Sync {
    /// The bucket's Region and default encryption.
    async fn bucket(&self, bucket: &str) -> PortResult<BucketInfo>;
    /// KMS `DescribeKey`: the key state (`Enabled`, `Disabled`, `PendingDeletion`...).
    async fn key_state(&self, key: &str) -> PortResult<String>;
}

/// Where reports go.
#[async_trait]
pub trait Publisher: Send + Sync {
    /// Publishes one report (all its bodies and attributes); returns the message id.
    async fn publish(&self, publication: &Publication) -> PortResult<String>;
}

/// Where a de-duplication key stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimStatus {
    /// An invocation holds the key until `lease_until` (epoch seconds) while it publishes.
    Held {
        /// Who holds it.
        owner: String,
        /// When the hold lapses if it is neither completed nor released.
        lease_until: i64,
    },
    /// The report was published.
    Done {
        /// Its SNS message id.
        message_id: String,
    },
}

/// A de-duplication record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    /// Held or done.
    pub status: ClaimStatus,
    /// When the record expires (epoch seconds; the table's TTL attribute).
    pub expires_at: i64,
}

/// One record per failure (pipeline, execution, attempt), written conditionally so only one
/// invocation publishes.
#[async_trait]
pub trait ClaimStore: Send + Sync {
    /// The record of `key`, read consistently.
    async fn record(&self, key: &str) -> PortResult<Option<ClaimRecord>>;
    /// Claims `key` for `owner` when it has no record, or its hold lapsed, or it expired.
    /// Returns false when another invocation holds it or published it.
    async fn claim(
        &self,
        key: &str,
        owner: &str,
        now: i64,
        lease_until: i64,
        expires_at: i64,
    ) -> PortResult<bool>;
    /// Marks `key` published (only if `owner` still holds it).
    async fn complete(
        &self,
        key: &str,
        owner: &str,
        message_id: &str,
        expires_at: i64,
    ) -> PortResult<()>;
    /// Gives `key` up (only if `owner` still holds it), so a retry can claim it at once.
    async fn release(&self, key: &str, owner: &str) -> PortResult<()>;
}
