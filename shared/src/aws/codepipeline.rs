//! CodePipeline: the definition, the execution, its action executions, the last green run.

use async_trait::async_trait;
use aws_sdk_codepipeline::Client;
use aws_sdk_codepipeline::types::{ActionExecutionFilter, PipelineExecutionStatus};

use super::{port_error, rfc3339};
use crate::evidence::{ExecutionId, GapReason, PipelineName};
use crate::ports::{
    ActionDef, ActionExecution, ApprovalPort, ExecutionInfo, PipelineDef, PipelinePort, PortError,
    PortResult, WaitingApproval,
};

/// How many executions `last_success` looks back through.
const HISTORY: usize = 50;

/// CodePipeline reads.
#[derive(Debug, Clone)]
pub struct CodePipelineAdapter {
    client: Client,
}

impl CodePipelineAdapter {
    /// Wraps a client.
    pub fn new(client: Client) -> Self {
        Self { client }
    }
}

fn pairs(map: Option<&std::collections::HashMap<String, String>>) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = map
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[async_trait]
impl PipelinePort for CodePipelineAdapter {
    async fn pipeline(&self, name: &PipelineName) -> PortResult<PipelineDef> {
        let out = self
            .client
            .get_pipeline()
            .name(name.as_str())
            .send()
            .await
            .map_err(|e| port_error("GetPipeline", e))?;
        let p = out
            .pipeline()
            .ok_or_else(|| PortError::new(GapReason::Malformed, "GetPipeline: no pipeline"))?;
        // A single store, or one per Region (cross-Region pipelines): take the pipeline's own.
        // A single store, or one per Region (cross-Region pipelines): the collector picks the
        // pipeline's own Region from those.
        let store = p.artifact_store();
        let mut regional_stores: Vec<(String, String, Option<String>)> = p
            .artifact_stores()
            .map(|m| {
                m.iter()
                    .map(|(region, s)| {
                        (
                            region.clone(),
                            s.location().to_owned(),
                            s.encryption_key().map(|k| k.id().to_owned()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        regional_stores.sort();
        let mut actions = Vec::new();
        for stage in p.stages() {
            for a in stage.actions() {
                let ty = a.action_type_id();
                actions.push(ActionDef {
                    stage: stage.name().to_owned(),
                    action: a.name().to_owned(),
                    provider: ty.map(|t| t.provider().to_owned()).unwrap_or_default(),
                    category: ty
                        .map(|t| t.category().as_str().to_owned())
                        .unwrap_or_default(),
                    role_arn: a.role_arn().map(str::to_owned),
                    configuration: pairs(a.configuration()),
                    timeout_minutes: a.timeout_in_minutes(),
                });
            }
        }
        Ok(PipelineDef {
            role_arn: Some(p.role_arn().to_owned()).filter(|r| !r.is_empty()),
            artifact_bucket: store.map(|s| s.location().to_owned()),
            artifact_key: store
                .and_then(|s| s.encryption_key())
                .map(|k| k.id().to_owned()),
            version: p.version().map(i64::from),
            regional_stores,
            actions,
        })
    }

    async fn execution(&self, name: &PipelineName, id: &ExecutionId) -> PortResult<ExecutionInfo> {
        let out = self
            .client
            .get_pipeline_execution()
            .pipeline_name(name.as_str())
            .pipeline_execution_id(id.as_str())
            .send()
            .await
            .map_err(|e| port_error("GetPipelineExecution", e))?;
        let x = out.pipeline_execution().ok_or_else(|| {
            PortError::new(GapReason::Malformed, "GetPipelineExecution: no execution")
        })?;
        Ok(ExecutionInfo {
            execution_id: x.pipeline_execution_id().unwrap_or(id.as_str()).to_owned(),
            status: x
                .status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            summary: x.status_summary().map(str::to_owned),
            pipeline_version: x.pipeline_version().map(i64::from),
            revisions: x
                .artifact_revisions()
                .iter()
                .map(|r| {
                    (
                        r.name().unwrap_or("").to_owned(),
                        r.revision_id().unwrap_or("").to_owned(),
                        r.revision_summary().map(str::to_owned),
                    )
                })
                .collect(),
            trigger: x.trigger().map(|t| {
                (
                    t.trigger_type()
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_default(),
                    t.trigger_detail().unwrap_or("").to_owned(),
                )
            }),
            start_time: None,
            action_configurations: Vec::new(),
        })
    }

    async fn action_executions(
        &self,
        name: &PipelineName,
        id: &ExecutionId,
    ) -> PortResult<Vec<ActionExecution>> {
        let filter = ActionExecutionFilter::builder()
            .pipeline_execution_id(id.as_str())
            .build();
        let mut pages = self
            .client
            .list_action_executions()
            .pipeline_name(name.as_str())
            .filter(filter)
            .max_results(100)
            .into_paginator()
            .send();
        let mut all = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| port_error("ListActionExecutions", e))?;
            for d in page.action_execution_details() {
                let input = d.input();
                let result = d.output().and_then(|o| o.execution_result());
                let errors = result.and_then(|r| r.error_details());
                let ty = input.and_then(|i| i.action_type_id());
                let mut configuration = pairs(input.and_then(|i| i.resolved_configuration()));
                if configuration.is_empty() {
                    configuration = pairs(input.and_then(|i| i.configuration()));
                }
                all.push(ActionExecution {
                    stage: d.stage_name().unwrap_or("").to_owned(),
                    action: d.action_name().unwrap_or("").to_owned(),
                    status: d
                        .status()
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_default(),
                    start_time: rfc3339(d.start_time()),
                    provider: ty.map(|t| t.provider().to_owned()).unwrap_or_default(),
                    category: ty
                        .map(|t| t.category().as_str().to_owned())
                        .unwrap_or_default(),
                    role_arn: input.and_then(|i| i.role_arn()).map(str::to_owned),
                    configuration,
                    external_id: result
                        .and_then(|r| r.external_execution_id())
                        .map(str::to_owned),
                    external_url: result
                        .and_then(|r| r.external_execution_url())
                        .map(str::to_owned),
                    summary: result
                        .and_then(|r| r.external_execution_summary())
                        .map(str::to_owned),
                    error_code: errors.and_then(|e| e.code()).map(str::to_owned),
                    error_message: errors.and_then(|e| e.message()).map(str::to_owned),
                    log_stream_arn: result.and_then(|r| r.log_stream_arn()).map(str::to_owned),
                    updated_by: d.updated_by().map(str::to_owned),
                    last_update_time: rfc3339(d.last_update_time()),
                });
            }
        }
        Ok(all)
    }

    async fn last_success(
        &self,
        name: &PipelineName,
        failed: &ExecutionId,
    ) -> PortResult<Option<ExecutionInfo>> {
        let mut pages = self
            .client
            .list_pipeline_executions()
            .pipeline_name(name.as_str())
            .into_paginator()
            .items()
            .send();
        let mut seen = 0;
        // Newest first: only a success that started before the failed execution counts.
        let mut past_failed = false;
        while let Some(item) = pages.next().await {
            let x = item.map_err(|e| port_error("ListPipelineExecutions", e))?;
            seen += 1;
            if x.pipeline_execution_id() == Some(failed.as_str()) {
                past_failed = true;
                continue;
            }
            if past_failed && x.status() == Some(&PipelineExecutionStatus::Succeeded) {
                let id = ExecutionId::new(x.pipeline_execution_id().unwrap_or_default());
                let (info, actions) =
                    tokio::join!(self.execution(name, &id), self.action_executions(name, &id));
                let mut info = info?;
                info.start_time = rfc3339(x.start_time());
                // Without its actions the comparison is shorter, not wrong.
                info.action_configurations = actions
                    .map(|all| {
                        all.into_iter()
                            .map(|a| (a.stage, a.action, a.configuration))
                            .collect()
                    })
                    .unwrap_or_default();
                return Ok(Some(info));
            }
            if seen >= HISTORY {
                break;
            }
        }
        Ok(None)
    }
}

#[async_trait]
impl ApprovalPort for CodePipelineAdapter {
    async fn pipelines(
        &self,
        token: Option<String>,
    ) -> PortResult<(Vec<PipelineName>, Option<String>)> {
        let out = self
            .client
            .list_pipelines()
            .max_results(1_000)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| port_error("ListPipelines", e))?;
        let names = out
            .pipelines()
            .iter()
            .filter_map(|p| p.name())
            .map(PipelineName::new)
            .collect();
        let next = out
            .next_token()
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        Ok((names, next))
    }

    async fn waiting(&self, name: &PipelineName) -> PortResult<Vec<WaitingApproval>> {
        let out = self
            .client
            .get_pipeline_state()
            .name(name.as_str())
            .send()
            .await
            .map_err(|e| port_error("GetPipelineState", e))?;
        let mut waiting = Vec::new();
        for stage in out.stage_states() {
            let execution_id = stage
                .latest_execution()
                .map(|x| x.pipeline_execution_id().to_owned());
            for a in stage.action_states() {
                let Some(x) = a.latest_execution() else {
                    continue;
                };
                let in_progress = x
                    .status()
                    .is_some_and(|s| s.as_str().eq_ignore_ascii_case("InProgress"));
                if let (true, Some(token)) = (in_progress, x.token()) {
                    waiting.push(WaitingApproval {
                        stage: stage.stage_name().unwrap_or("").to_owned(),
                        action: a.action_name().unwrap_or("").to_owned(),
                        execution_id: execution_id.clone(),
                        token: token.to_owned(),
                        since: x.last_status_change().map(|t| t.secs()),
                    });
                }
            }
        }
        Ok(waiting)
    }
}
