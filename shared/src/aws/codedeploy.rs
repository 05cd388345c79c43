//! CodeDeploy: the deployment's error and its targets' failed lifecycle events.

use async_trait::async_trait;
use aws_sdk_codedeploy::Client;
use aws_sdk_codedeploy::types::{LifecycleEvent, TargetFilterName};

use super::port_error;
use crate::evidence::GapReason;
use crate::ports::{DeployPort, DeploymentInfo, LifecycleDiagnostic, PortError, PortResult};

/// Targets read at most (BatchGetDeploymentTargets takes 25 at a time).
const MAX_TARGETS: usize = 25;

/// CodeDeploy reads.
#[derive(Debug, Clone)]
pub struct CodeDeployAdapter {
    client: Client,
}

impl CodeDeployAdapter {
    /// Wraps a client.
    pub fn new(client: Client) -> Self {
        Self { client }
    }
}

fn failed_events(target: &str, events: &[LifecycleEvent], out: &mut Vec<LifecycleDiagnostic>) {
    for ev in events {
        let status = ev
            .status()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default();
        if matches!(status.as_str(), "Succeeded" | "Skipped")
            || status == "Pending" && ev.diagnostics().is_none()
        {
            continue;
        }
        let d = ev.diagnostics();
        out.push(LifecycleDiagnostic {
            target: target.to_owned(),
            event: ev.lifecycle_event_name().unwrap_or("").to_owned(),
            status,
            error_code: d
                .and_then(|d| d.error_code())
                .map(|c| c.as_str().to_owned()),
            script: d.and_then(|d| d.script_name()).map(str::to_owned),
            message: d.and_then(|d| d.message()).map(str::to_owned),
            log_tail: d.and_then(|d| d.log_tail()).map(str::to_owned),
        });
    }
}

#[async_trait]
impl DeployPort for CodeDeployAdapter {
    async fn deployment(&self, id: &str) -> PortResult<DeploymentInfo> {
        let out = self
            .client
            .get_deployment()
            .deployment_id(id)
            .send()
            .await
            .map_err(|e| port_error("GetDeployment", e))?;
        let info = out
            .deployment_info()
            .ok_or_else(|| PortError::new(GapReason::Malformed, "GetDeployment: no deployment"))?;
        let mut result = DeploymentInfo {
            status: info
                .status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            error_code: info
                .error_information()
                .and_then(|e| e.code())
                .map(|c| c.as_str().to_owned()),
            error_message: info
                .error_information()
                .and_then(|e| e.message())
                .map(str::to_owned),
            diagnostics: Vec::new(),
            targets_unread: None,
        };
        // Only the failed targets: in a large fleet the first 25 are usually healthy.
        let targets = self
            .client
            .list_deployment_targets()
            .deployment_id(id)
            .target_filters(TargetFilterName::TargetStatus, vec!["Failed".to_owned()])
            .send()
            .await;
        // The error information is already useful: a failure here is noted, not fatal.
        let targets = match targets {
            Ok(t) => t,
            Err(e) => {
                result.targets_unread = Some(port_error("ListDeploymentTargets", e).message);
                return Ok(result);
            }
        };
        let ids: Vec<String> = targets
            .target_ids()
            .iter()
            .take(MAX_TARGETS)
            .cloned()
            .collect();
        if ids.is_empty() {
            return Ok(result);
        }
        let batch = match self
            .client
            .batch_get_deployment_targets()
            .deployment_id(id)
            .set_target_ids(Some(ids))
            .send()
            .await
        {
            Ok(b) => b,
            Err(e) => {
                result.targets_unread = Some(port_error("BatchGetDeploymentTargets", e).message);
                return Ok(result);
            }
        };
        for t in batch.deployment_targets() {
            if let Some(i) = t.instance_target() {
                failed_events(
                    i.target_id().unwrap_or(""),
                    i.lifecycle_events(),
                    &mut result.diagnostics,
                );
            }
            if let Some(e) = t.ecs_target() {
                failed_events(
                    e.target_id().unwrap_or(""),
                    e.lifecycle_events(),
                    &mut result.diagnostics,
                );
            }
            if let Some(l) = t.lambda_target() {
                failed_events(
                    l.target_id().unwrap_or(""),
                    l.lifecycle_events(),
                    &mut result.diagnostics,
                );
            }
        }
        Ok(result)
    }
}
