//! CloudFormation, IAM, CodeCommit, CodeConnections, S3, KMS and SNS.

use async_trait::async_trait;
use aws_sdk_sns::types::MessageAttributeValue;

use super::{port_error, rfc3339};
use crate::evidence::GapReason;
use crate::ports::{
    ArtifactPort, BucketInfo, IamPort, PortError, PortResult, Publisher, SimulationResult,
    SourcePort, StackEvent, StackPort,
};
use crate::report::Publication;

/// Stack event pages read at most (newest first).
const STACK_EVENT_PAGES: usize = 3;

/// CloudFormation reads.
#[derive(Debug, Clone)]
pub struct StackAdapter {
    client: aws_sdk_cloudformation::Client,
}

impl StackAdapter {
    /// Wraps a client.
    pub fn new(client: aws_sdk_cloudformation::Client) -> Self {
        Self { client }
    }
}

#[async_trait]
impl StackPort for StackAdapter {
    async fn events(&self, stack: &str) -> PortResult<(Option<String>, Vec<StackEvent>)> {
        let status = match self.client.describe_stacks().stack_name(stack).send().await {
            Ok(o) => o
                .stacks()
                .first()
                .and_then(|s| s.stack_status())
                .map(|s| s.as_str().to_owned()),
            Err(e) => return Err(port_error("DescribeStacks", e)),
        };
        let mut pages = self
            .client
            .describe_stack_events()
            .stack_name(stack)
            .into_paginator()
            .send();
        let mut events = Vec::new();
        let mut n = 0;
        'pages: while let Some(page) = pages.next().await {
            let page = page.map_err(|e| port_error("DescribeStackEvents", e))?;
            n += 1;
            for ev in page.stack_events() {
                let status_text = ev
                    .resource_status()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default();
                let is_stack = ev.logical_resource_id() == Some(stack)
                    || ev.resource_type() == Some("AWS::CloudFormation::Stack");
                events.push(StackEvent {
                    time: rfc3339(ev.timestamp()).unwrap_or_default(),
                    logical_id: ev.logical_resource_id().unwrap_or("").to_owned(),
                    resource_type: ev.resource_type().unwrap_or("").to_owned(),
                    status: status_text.clone(),
                    reason: ev.resource_status_reason().map(str::to_owned),
                });
                // The start of the latest operation: older events belong to earlier ones.
                if is_stack
                    && status_text.ends_with("_IN_PROGRESS")
                    && ev.resource_status_reason() == Some("User Initiated")
                {
                    break 'pages;
                }
            }
            if n >= STACK_EVENT_PAGES {
                break;
            }
        }
        Ok((status, events))
    }
}

/// IAM simulation.
#[derive(Debug, Clone)]
pub struct IamAdapter {
    client: aws_sdk_iam::Client,
}

impl IamAdapter {
    /// Wraps a client.
    pub fn new(client: aws_sdk_iam::Client) -> Self {
        Self { client }
    }
}

#[async_trait]
impl IamPort for IamAdapter {
    async fn simulate(
        &self,
        principal: &str,
        actions: &[String],
        resource: &str,
    ) -> PortResult<Vec<SimulationResult>> {
        let out = self
            .client
            .simulate_principal_policy()
            .policy_source_arn(principal)
            .set_action_names(Some(actions.to_vec()))
            .resource_arns(resource)
            .send()
            .await
            .map_err(|e| port_error("SimulatePrincipalPolicy", e))?;
        Ok(out
            .evaluation_results()
            .iter()
            .map(|r| {
                let mut detail = Vec::new();
                if r.organizations_decision_detail()
                    .is_some_and(|o| !o.allowed_by_organizations())
                {
                    detail.push("denied by an organizations policy (SCP)");
                }
                if r.permissions_boundary_decision_detail()
                    .is_some_and(|b| !b.allowed_by_permissions_boundary())
                {
                    detail.push("not allowed by the permissions boundary");
                }
                SimulationResult {
                    action: r.eval_action_name().to_owned(),
                    resource: r.eval_resource_name().unwrap_or(resource).to_owned(),
                    decision: r.eval_decision().as_str().to_owned(),
                    detail: (!detail.is_empty()).then(|| detail.join("; ")),
                }
            })
            .collect())
    }
}

/// CodeCommit and CodeConnections checks.
#[derive(Debug, Clone)]
pub struct SourceAdapter {
    codecommit: aws_sdk_codecommit::Client,
    connections: aws_sdk_codestarconnections::Client,
}

impl SourceAdapter {
    /// Wraps the clients.
    pub fn new(
        codecommit: aws_sdk_codecommit::Client,
        connections: aws_sdk_codestarconnections::Client,
    ) -> Self {
        Self {
            codecommit,
            connections,
        }
    }
}

#[async_trait]
impl SourcePort for SourceAdapter {
    async fn branch_exists(&self, repository: &str, branch: &str) -> PortResult<bool> {
        match self
            .codecommit
            .get_branch()
            .repository_name(repository)
            .branch_name(branch)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_branch_does_not_exist_exception()) =>
            {
                Ok(false)
            }
            Err(e) => Err(port_error("GetBranch", e)),
        }
    }

    async fn connection_status(&self, arn: &str) -> PortResult<String> {
        match self
            .connections
            .get_connection()
            .connection_arn(arn)
            .send()
            .await
        {
            Ok(o) => Ok(o
                .connection()
                .and_then(|c| c.connection_status())
                .map(|s| s.as_str().to_owned())
                .unwrap_or_else(|| "UNKNOWN".to_owned())),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_resource_not_found_exception()) =>
            {
                Ok("DELETED".to_owned())
            }
            Err(e) => Err(port_error("GetConnection", e)),
        }
    }
}

/// S3 and KMS checks of the artifact store.
#[derive(Debug, Clone)]
pub struct ArtifactAdapter {
    s3: aws_sdk_s3::Client,
    kms: aws_sdk_kms::Client,
}

impl ArtifactAdapter {
    /// Wraps the clients.
    pub fn new(s3: aws_sdk_s3::Client, kms: aws_sdk_kms::Client) -> Self {
        Self { s3, kms }
    }
}

#[async_trait]
impl ArtifactPort for ArtifactAdapter {
    async fn bucket(&self, bucket: &str) -> PortResult<BucketInfo> {
        let location = self
            .s3
            .get_bucket_location()
            .bucket(bucket)
            .send()
            .await
            .map_err(|e| port_error("GetBucketLocation", e))?;
        let region = match location.location_constraint().map(|c| c.as_str()) {
            None | Some("") => "us-east-1".to_owned(),
            Some("EU") => "eu-west-1".to_owned(),
            Some(r) => r.to_owned(),
        };
        // Encryption is optional detail: a bucket without a configuration (or a denied read)
        // still exists in its Region.
        let kms_key = match self.s3.get_bucket_encryption().bucket(bucket).send().await {
            Ok(o) => o
                .server_side_encryption_configuration()
                .and_then(|c| c.rules().first())
                .and_then(|r| r.apply_server_side_encryption_by_default())
                .and_then(|d| d.kms_master_key_id())
                .map(str::to_owned),
            Err(_) => None,
        };
        Ok(BucketInfo {
            region: Some(region),
            kms_key,
        })
    }

    async fn key_state(&self, key: &str) -> PortResult<String> {
        let out = self
            .kms
            .describe_key()
            .key_id(key)
            .send()
            .await
            .map_err(|e| port_error("DescribeKey", e))?;
        out.key_metadata()
            .and_then(|m| m.key_state())
            .map(|s| s.as_str().to_owned())
            .ok_or_else(|| PortError::new(GapReason::Malformed, "DescribeKey: no key state"))
    }
}

/// Publishes reports to one SNS topic.
#[derive(Debug, Clone)]
pub struct SnsPublisher {
    client: aws_sdk_sns::Client,
    topic_arn: String,
}

impl SnsPublisher {
    /// Publishes to `topic_arn`.
    pub fn new(client: aws_sdk_sns::Client, topic_arn: impl Into<String>) -> Self {
        Self {
            client,
            topic_arn: topic_arn.into(),
        }
    }
}

#[async_trait]
impl Publisher for SnsPublisher {
    async fn publish(&self, p: &Publication) -> PortResult<String> {
        let mut req = self
            .client
            .publish()
            .topic_arn(&self.topic_arn)
            .subject(&p.subject)
            .message_structure("json")
            .message(&p.message);
        for (name, value) in &p.attributes {
            let v = MessageAttributeValue::builder()
                .data_type("String")
                .string_value(value)
                .build()
                .map_err(|e| PortError::new(GapReason::Malformed, e))?;
            req = req.message_attributes(name, v);
        }
        let out = req.send().await.map_err(|e| port_error("Publish", e))?;
        Ok(out.message_id().unwrap_or("").to_owned())
    }
}
