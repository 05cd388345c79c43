//! The evidence bundle: everything known about one failed execution, and what could not be read.
//!
//! Collectors fill it (live from AWS, or from a classify case, or from a saved file); the
//! diagnosis reads it and nothing else. It is plain serializable data so a bundle can be saved,
//! replayed offline, diffed and tested without AWS.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The current version of the evidence bundle's serialized form.
pub const EVIDENCE_SCHEMA_VERSION: u32 = 1;

macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_newtype!(
    /// A CodePipeline pipeline name.
    PipelineName
);
id_newtype!(
    /// A CodePipeline execution id.
    ExecutionId
);
id_newtype!(
    /// A CodeBuild build id (`project:uuid`).
    BuildId
);

/// Everything known about one failed execution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    /// Version of this serialized form.
    pub schema_version: u32,
    /// The pipeline, when known.
    pub pipeline: Option<PipelineName>,
    /// The execution, when known.
    pub execution_id: Option<ExecutionId>,
    /// `pipeline-execution-attempt` of the event, when known.
    pub attempt: Option<u32>,
    /// AWS Region of the pipeline.
    pub region: Option<String>,
    /// What started the execution.
    pub trigger: Option<Trigger>,
    /// The failed stage and action, with the error CodePipeline reported.
    pub failure: Failure,
    /// Selected log lines (error-bearing lines and tails), each with its origin.
    pub logs: Vec<LogLine>,
    /// Results of live checks (branch exists, connection status, IAM simulation, ...).
    pub checks: Vec<Check>,
    /// Roles, artifact store and action configuration read from the pipeline.
    pub context: Context,
    /// The last successful execution and what changed since.
    pub last_success: Option<LastSuccess>,
    /// What could not be read, and why.
    pub gaps: Vec<Gap>,
}

impl Evidence {
    /// An empty bundle at the current schema version.
    pub fn new() -> Self {
        Self {
            schema_version: EVIDENCE_SCHEMA_VERSION,
            ..Self::default()
        }
    }
}

/// What started the execution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Trigger {
    /// `trigger-type`, e.g. `Webhook`, `StartPipelineExecution`, `CloudWatchEvent`.
    pub trigger_type: Option<String>,
    /// `trigger-detail`: who or what triggered it.
    pub detail: Option<String>,
    /// Source revision (commit id) when known.
    pub revision: Option<String>,
    /// Source revision summary (commit message) when known.
    pub revision_summary: Option<String>,
    /// Branch, when the trigger names one.
    pub branch: Option<String>,
}

/// The failed stage and action, with the error CodePipeline reported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Failure {
    /// Stage name as the user sees it.
    pub stage: Option<String>,
    /// Action name as the user sees it.
    pub action: Option<String>,
    /// Action provider as the user sees it (`CodeBuild`, `CodeDeploy (EC2)`, ...).
    pub provider: Option<String>,
    /// Action category (`Source`, `Build`, `Test`, `Deploy`, `Approval`, `Invoke`).
    pub action_category: Option<String>,
    /// CodePipeline error code (`JobFailed`, `ConfigurationError`, ...).
    pub error_code: Option<String>,
    /// The failure text CodePipeline or the service showed.
    pub message: String,
    /// The external execution (build id, deployment id, log-stream ARN...).
    pub external_execution_id: Option<String>,
    /// The external execution's console URL.
    pub external_execution_url: Option<String>,
}

/// Where a log line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The failure message CodePipeline showed.
    ActionError,
    /// The pipeline execution's status summary.
    ExecutionSummary,
    /// A CodeBuild phase context (`phases[].contexts`).
    BuildPhase,
    /// The CodeBuild log in CloudWatch Logs.
    BuildLog,
    /// The log stream of a V2 Commands action.
    CommandsLog,
    /// CodeDeploy `errorInformation`.
    DeploymentError,
    /// CodeDeploy lifecycle-event diagnostics on a deployment target.
    DeploymentLifecycle,
    /// A CloudFormation stack event.
    StackEvent,
    /// Log lines handed in with a classify case (origin not known more precisely).
    Excerpt,
}

impl Origin {
    /// A short stable name for the origin.
    pub fn id(self) -> &'static str {
        match self {
            Origin::ActionError => "action_error",
            Origin::ExecutionSummary => "execution_summary",
            Origin::BuildPhase => "build_phase",
            Origin::BuildLog => "build_log",
            Origin::CommandsLog => "commands_log",
            Origin::DeploymentError => "deployment_error",
            Origin::DeploymentLifecycle => "deployment_lifecycle",
            Origin::StackEvent => "stack_event",
            Origin::Excerpt => "excerpt",
        }
    }
}

/// One selected log line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    /// Where it came from.
    pub origin: Origin,
    /// 1-based line number in its source, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The text, sanitised (no control characters) and bounded in length.
    pub text: String,
}

/// A live check whose outcome confirms or refutes a hypothesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The source action's branch exists in its repository.
    BranchExists,
    /// The source repository exists and the pipeline's credentials can read it.
    RepositoryReadable,
    /// The CodeConnections connection is AVAILABLE.
    ConnectionAvailable,
    /// IAM simulation: the role that acted is allowed the action on the resource.
    RolePermits,
    /// The artifact bucket exists, is in the pipeline's Region and is readable.
    ArtifactBucketReachable,
    /// The artifact KMS key is enabled and usable by the role.
    ArtifactKeyUsable,
    /// The input artifact is within the size the action accepts.
    ArtifactWithinSizeLimit,
    /// The resource the action configuration names exists.
    ConfiguredResourceExists,
    /// The CodeDeploy agent on the targets polled for and ran lifecycle events.
    DeploymentAgentReachable,
    /// The deployment's instances or tasks passed their health checks.
    TargetsHealthy,
}

/// The outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    /// The thing checked is fine: the hypothesis it tests is refuted.
    Pass,
    /// The thing checked is broken: the hypothesis it tests is confirmed.
    Fail,
    /// The check ran but could not decide.
    Inconclusive,
}

/// The result of one live check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// What was checked.
    pub kind: CheckKind,
    /// The subject, e.g. `branch main in app-repo` or the connection ARN.
    pub subject: String,
    /// Pass, fail or inconclusive.
    pub outcome: CheckOutcome,
    /// What was observed, e.g. `connection is PENDING`.
    pub detail: String,
}

/// Why an evidence source could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// Our own role was denied.
    AccessDenied,
    /// The service throttled us past our retries.
    Throttled,
    /// The call did not finish within its share of the deadline.
    Timeout,
    /// The resource no longer exists (expired log, deleted build...).
    NotFound,
    /// The input we were given lacked this part.
    NotProvided,
    /// The service answered with something we could not understand.
    Malformed,
    /// The service endpoint could not be reached (DNS, connection refused or reset): the
    /// function's network (VPC routes, endpoints, proxy), not the service, is at fault.
    Unreachable,
    /// Anything else (5xx, an unexpected state...).
    Other,
}

/// An evidence source that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The source, e.g. `codebuild:BatchGetBuilds` or `logs:GetLogEvents`.
    pub source: String,
    /// Why it could not be read.
    pub reason: GapReason,
    /// The error as observed (already free of secrets).
    pub detail: String,
}

/// Facts about the pipeline and the failed action that collectors read from CodePipeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Context {
    /// The pipeline's service role.
    pub pipeline_role: Option<String>,
    /// The failed action's own role, when it has one.
    pub action_role: Option<String>,
    /// The artifact bucket of the pipeline's Region.
    pub artifact_bucket: Option<String>,
    /// The artifact store's KMS key (id, alias or ARN), when set.
    pub artifact_key: Option<String>,
    /// The failed action's configuration (secret values never stored).
    pub action_configuration: Vec<(String, String)>,
    /// Pipeline version of this execution.
    pub pipeline_version: Option<i64>,
    /// The execution's status when it was read (`Failed`, `InProgress`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_status: Option<String>,
    /// The CodeBuild service role, when a build failed.
    pub build_role: Option<String>,
    /// Console links that matter (execution, build, deployment, stack...).
    pub links: Vec<(String, String)>,
}

/// What changed since the last successful execution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LastSuccess {
    /// Its execution id.
    pub execution_id: String,
    /// When it ran.
    pub time: Option<String>,
    /// Differences from the failed execution, one line each ("revision abc → def").
    pub changes: Vec<String>,
}
