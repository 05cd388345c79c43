//! Root-cause categories: the fixed vocabulary of `triage-contract.md`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The root cause a person must fix, not the surface text of the failure.
///
/// The serialized ids are a public contract: never rename or remove one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The source action's branch (or tag) does not exist.
    SourceBranchNotFound,
    /// The repository is missing, or the source credentials can no longer read it.
    SourceRepoNotFoundOrAccess,
    /// A CodeStar/CodeConnections connection is PENDING, ERROR, deleted, or its app is not installed.
    SourceConnectionUnavailable,
    /// A role lacks a permission or a trust relationship.
    IamPermission,
    /// The artifact bucket or object is unreachable (policy, missing bucket/key, wrong Region).
    ArtifactStoreAccess,
    /// The artifact KMS key is unusable.
    ArtifactKms,
    /// A transient service-side failure: retrying is the remedy.
    ThrottlingOrServiceError,
    /// A hard service limit or quota.
    QuotaOrLimit,
    /// The action configuration names something malformed or nonexistent.
    ActionConfigInvalid,
    /// The buildspec is missing, at the wrong path, invalid, or asks for an unsupported runtime.
    BuildspecError,
    /// A build command failed and nothing says why (the residual build class).
    BuildCommandFailed,
    /// Tests, linters or scanners in the build exited non-zero.
    BuildTestFailure,
    /// Compiler or type-checker errors.
    BuildCompileError,
    /// Package install or resolution failures, toolchain or runtime version drift.
    BuildDependencyError,
    /// The build ran out of memory.
    BuildOutOfMemory,
    /// The build or one of its phases timed out.
    BuildTimeout,
    /// The build container or platform: image pull, registry limits, Docker, disk, VPC.
    BuildEnvironment,
    /// The build project's own configuration: unset variables, missing parameters or secrets.
    BuildConfigError,
    /// Files the build or a later action expects are absent.
    BuildArtifactsMissing,
    /// The AppSpec file is missing, invalid, or wrong for the compute platform.
    AppspecError,
    /// A CodeDeploy lifecycle hook script failed or timed out.
    DeployScriptFailed,
    /// Instances or tasks are unhealthy.
    DeployHealth,
    /// A CloudWatch alarm stopped the deployment and rolled it back.
    DeployAlarmRollback,
    /// The CodeDeploy agent is missing, stopped, outdated, or cannot authenticate.
    DeployAgent,
    /// An in-place deployment found files already present at the destination.
    DeployFileConflict,
    /// A CloudFormation action failed.
    CloudformationStackFailure,
    /// imagedefinitions.json / imageDetail.json missing, invalid, or naming the wrong container.
    EcsDeployConfig,
    /// A Lambda invoke action did not return a result.
    LambdaActionError,
    /// A reviewer rejected the manual approval.
    ApprovalRejected,
    /// The manual approval expired unanswered, or its token went stale.
    ApprovalTimeout,
    /// Nothing supports any category.
    Unknown,
}

impl Category {
    /// Every category, in contract order.
    pub const ALL: [Category; 31] = [
        Category::SourceBranchNotFound,
        Category::SourceRepoNotFoundOrAccess,
        Category::SourceConnectionUnavailable,
        Category::IamPermission,
        Category::ArtifactStoreAccess,
        Category::ArtifactKms,
        Category::ThrottlingOrServiceError,
        Category::QuotaOrLimit,
        Category::ActionConfigInvalid,
        Category::BuildspecError,
        Category::BuildCommandFailed,
        Category::BuildTestFailure,
        Category::BuildCompileError,
        Category::BuildDependencyError,
        Category::BuildOutOfMemory,
        Category::BuildTimeout,
        Category::BuildEnvironment,
        Category::BuildConfigError,
        Category::BuildArtifactsMissing,
        Category::AppspecError,
        Category::DeployScriptFailed,
        Category::DeployHealth,
        Category::DeployAlarmRollback,
        Category::DeployAgent,
        Category::DeployFileConflict,
        Category::CloudformationStackFailure,
        Category::EcsDeployConfig,
        Category::LambdaActionError,
        Category::ApprovalRejected,
        Category::ApprovalTimeout,
        Category::Unknown,
    ];

    /// The contract id, e.g. `build_environment`.
    pub fn id(self) -> &'static str {
        match self {
            Category::SourceBranchNotFound => "source_branch_not_found",
            Category::SourceRepoNotFoundOrAccess => "source_repo_not_found_or_access",
            Category::SourceConnectionUnavailable => "source_connection_unavailable",
            Category::IamPermission => "iam_permission",
            Category::ArtifactStoreAccess => "artifact_store_access",
            Category::ArtifactKms => "artifact_kms",
            Category::ThrottlingOrServiceError => "throttling_or_service_error",
            Category::QuotaOrLimit => "quota_or_limit",
            Category::ActionConfigInvalid => "action_config_invalid",
            Category::BuildspecError => "buildspec_error",
            Category::BuildCommandFailed => "build_command_failed",
            Category::BuildTestFailure => "build_test_failure",
            Category::BuildCompileError => "build_compile_error",
            Category::BuildDependencyError => "build_dependency_error",
            Category::BuildOutOfMemory => "build_out_of_memory",
            Category::BuildTimeout => "build_timeout",
            Category::BuildEnvironment => "build_environment",
            Category::BuildConfigError => "build_config_error",
            Category::BuildArtifactsMissing => "build_artifacts_missing",
            Category::AppspecError => "appspec_error",
            Category::DeployScriptFailed => "deploy_script_failed",
            Category::DeployHealth => "deploy_health",
            Category::DeployAlarmRollback => "deploy_alarm_rollback",
            Category::DeployAgent => "deploy_agent",
            Category::DeployFileConflict => "deploy_file_conflict",
            Category::CloudformationStackFailure => "cloudformation_stack_failure",
            Category::EcsDeployConfig => "ecs_deploy_config",
            Category::LambdaActionError => "lambda_action_error",
            Category::ApprovalRejected => "approval_rejected",
            Category::ApprovalTimeout => "approval_timeout",
            Category::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The text is not one of the contract's category ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown root-cause category `{0}`")]
pub struct UnknownCategory(pub String);

impl FromStr for Category {
    type Err = UnknownCategory;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.id() == s)
            .ok_or_else(|| UnknownCategory(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_serde_and_from_str() {
        for c in Category::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.id()));
            assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), c);
            assert_eq!(c.id().parse::<Category>().unwrap(), c);
        }
        assert!("build_failed".parse::<Category>().is_err());
    }

    #[test]
    fn every_contract_id_is_present() {
        // The table of triage-contract.md, verbatim.
        let contract = "source_branch_not_found source_repo_not_found_or_access \
            source_connection_unavailable iam_permission artifact_store_access artifact_kms \
            throttling_or_service_error quota_or_limit action_config_invalid buildspec_error \
            build_command_failed build_test_failure build_compile_error build_dependency_error \
            build_out_of_memory build_timeout build_environment build_config_error \
            build_artifacts_missing appspec_error deploy_script_failed deploy_health \
            deploy_alarm_rollback deploy_agent deploy_file_conflict cloudformation_stack_failure \
            ecs_deploy_config lambda_action_error approval_rejected approval_timeout unknown";
        let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids, contract.split_whitespace().collect::<Vec<_>>());
    }
}
