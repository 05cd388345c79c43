//! CodeBuild: the failed build's phases, contexts, log location and service role.

use async_trait::async_trait;
use aws_sdk_codebuild::Client;
use aws_sdk_codebuild::types::EnvironmentVariableType;

use super::port_error;
use crate::evidence::GapReason;
use crate::ports::{BuildInfo, BuildPhase, BuildPort, PortError, PortResult};

/// CodeBuild reads.
#[derive(Debug, Clone)]
pub struct CodeBuildAdapter {
    client: Client,
}

impl CodeBuildAdapter {
    /// Wraps a client.
    pub fn new(client: Client) -> Self {
        Self { client }
    }
}

#[async_trait]
impl BuildPort for CodeBuildAdapter {
    async fn build(&self, id: &str) -> PortResult<BuildInfo> {
        let out = self
            .client
            .batch_get_builds()
            .ids(id)
            .send()
            .await
            .map_err(|e| port_error("BatchGetBuilds", e))?;
        let Some(b) = out.builds().first() else {
            return Err(PortError::new(
                GapReason::NotFound,
                format!("BatchGetBuilds: build {id} not found"),
            ));
        };
        let logs = b.logs();
        Ok(BuildInfo {
            status: b
                .build_status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            phases: b
                .phases()
                .iter()
                .map(|p| BuildPhase {
                    phase: p
                        .phase_type()
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_default(),
                    status: p.phase_status().map(|s| s.as_str().to_owned()),
                    contexts: p
                        .contexts()
                        .iter()
                        .map(|c| {
                            (
                                c.status_code().unwrap_or("").to_owned(),
                                c.message().unwrap_or("").to_owned(),
                            )
                        })
                        .collect(),
                })
                .collect(),
            log_group: logs.and_then(|l| l.group_name()).map(str::to_owned),
            log_stream: logs.and_then(|l| l.stream_name()).map(str::to_owned),
            log_link: logs.and_then(|l| l.deep_link()).map(str::to_owned),
            service_role: b.service_role().map(str::to_owned),
            // PLAINTEXT values are visible to anyone who can read the build: treat them all as
            // secrets for redaction. (PARAMETER_STORE/SECRETS_MANAGER values are only names.)
            plaintext_values: b
                .environment()
                .map(|env| {
                    env.environment_variables()
                        .iter()
                        .filter(|v| {
                            v.r#type()
                                .is_none_or(|t| *t == EnvironmentVariableType::Plaintext)
                        })
                        .map(|v| v.value().to_owned())
                        .filter(|v| v.chars().count() >= 8)
                        .collect()
                })
                .unwrap_or_default(),
        })
    }
}
