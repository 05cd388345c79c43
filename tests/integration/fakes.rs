//! Fake ports: scripted answers, injected faults and delays, and a recording publisher.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use triage::collect::Ports;
use triage::digest::LogDigest;
use triage::evidence::{ExecutionId, GapReason, PipelineName};
use triage::ports::*;
use triage::report::Publication;
use triage_on_failure::Delivery;

/// A fault to inject into one operation.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer with this error.
    Fail(GapReason),
    /// Never answer.
    Hang,
}

/// Every port, scripted.
#[derive(Default)]
pub struct FakeAws {
    pub pipeline: PipelineDef,
    pub execution: ExecutionInfo,
    pub actions: Vec<ActionExecution>,
    pub green: Option<ExecutionInfo>,
    pub build: BuildInfo,
    pub log: Vec<String>,
    pub deployment: DeploymentInfo,
    pub stack: (Option<String>, Vec<StackEvent>),
    pub simulation: Vec<SimulationResult>,
    pub branches: Vec<(String, String)>,
    pub connection: String,
    pub bucket: BucketInfo,
    pub key_state: String,
    pub faults: HashMap<&'static str, Fault>,
    pub latency: Option<Duration>,
    pub calls: Mutex<Vec<&'static str>>,
}

impl FakeAws {
    async fn gate(&self, op: &'static str) -> PortResult<()> {
        self.calls.lock().unwrap().push(op);
        if let Some(l) = self.latency {
            tokio::time::sleep(l).await;
        }
        match self.faults.get(op) {
            None => Ok(()),
            Some(Fault::Fail(r)) => Err(PortError::new(*r, format!("{op}: injected {r:?}"))),
            Some(Fault::Hang) => {
                std::future::pending::<()>().await;
                Ok(())
            }
        }
    }

    pub fn ports(&self) -> Ports<'_> {
        Ports {
            pipeline: self,
            builds: self,
            logs: self,
            deploy: self,
            stacks: self,
            iam: self,
            source: self,
            artifacts: self,
        }
    }

    pub fn calls(&self) -> Vec<&'static str> {
        self.calls.lock().unwrap().clone()
    }
}

/// Every operation the fakes answer, for fault matrices.
pub const OPERATIONS: &[&str] = &[
    "GetPipeline",
    "GetPipelineExecution",
    "ListActionExecutions",
    "LastSuccess",
    "BatchGetBuilds",
    "GetLogEvents",
    "GetDeployment",
    "DescribeStackEvents",
    "SimulatePrincipalPolicy",
    "GetBranch",
    "GetConnection",
    "GetBucketLocation",
    "DescribeKey",
];

#[async_trait]
impl PipelinePort for FakeAws {
    async fn pipeline(&self, _: &PipelineName) -> PortResult<PipelineDef> {
        self.gate("GetPipeline").await?;
        Ok(self.pipeline.clone())
    }
    async fn execution(&self, _: &PipelineName, _: &ExecutionId) -> PortResult<ExecutionInfo> {
        self.gate("GetPipelineExecution").await?;
        Ok(self.execution.clone())
    }
    async fn action_executions(
        &self,
        _: &PipelineName,
        _: &ExecutionId,
    ) -> PortResult<Vec<ActionExecution>> {
        self.gate("ListActionExecutions").await?;
        Ok(self.actions.clone())
    }
    async fn last_success(
        &self,
        _: &PipelineName,
        _: &ExecutionId,
    ) -> PortResult<Option<ExecutionInfo>> {
        self.gate("LastSuccess").await?;
        Ok(self.green.clone())
    }
}

#[async_trait]
impl BuildPort for FakeAws {
    async fn build(&self, _: &str) -> PortResult<BuildInfo> {
        self.gate("BatchGetBuilds").await?;
        Ok(self.build.clone())
    }
}

#[async_trait]
impl LogPort for FakeAws {
    async fn read_tail(
        &self,
        _: &str,
        _: &str,
        _: u32,
        deadline: tokio::time::Instant,
        digest: &mut LogDigest,
    ) -> PortResult<LogRead> {
        match tokio::time::timeout_at(deadline, self.gate("GetLogEvents")).await {
            Ok(r) => r?,
            Err(_) => {
                return Err(PortError::new(
                    GapReason::Timeout,
                    "GetLogEvents: no time left",
                ));
            }
        }
        for l in &self.log {
            digest.push(l);
        }
        Ok(LogRead {
            pages: 1,
            events: self.log.len() as u64,
            truncated: false,
        })
    }
}

#[async_trait]
impl DeployPort for FakeAws {
    async fn deployment(&self, _: &str) -> PortResult<DeploymentInfo> {
        self.gate("GetDeployment").await?;
        Ok(self.deployment.clone())
    }
}

#[async_trait]
impl StackPort for FakeAws {
    async fn events(&self, _: &str) -> PortResult<(Option<String>, Vec<StackEvent>)> {
        self.gate("DescribeStackEvents").await?;
        Ok(self.stack.clone())
    }
}

#[async_trait]
impl IamPort for FakeAws {
    async fn simulate(&self, _: &str, _: &[String], _: &str) -> PortResult<Vec<SimulationResult>> {
        self.gate("SimulatePrincipalPolicy").await?;
        Ok(self.simulation.clone())
    }
}

#[async_trait]
impl SourcePort for FakeAws {
    async fn branch_exists(&self, repository: &str, branch: &str) -> PortResult<bool> {
        self.gate("GetBranch").await?;
        Ok(self
            .branches
            .iter()
            .any(|(r, b)| r == repository && b == branch))
    }
    async fn connection_status(&self, _: &str) -> PortResult<String> {
        self.gate("GetConnection").await?;
        Ok(self.connection.clone())
    }
}

#[async_trait]
impl ArtifactPort for FakeAws {
    async fn bucket(&self, _: &str) -> PortResult<BucketInfo> {
        self.gate("GetBucketLocation").await?;
        Ok(self.bucket.clone())
    }
    async fn key_state(&self, _: &str) -> PortResult<String> {
        self.gate("DescribeKey").await?;
        Ok(self.key_state.clone())
    }
}

/// Records what it publishes; can be told to fail.
#[derive(Default)]
pub struct RecordingPublisher {
    /// (subject, plain-text body) of each publish.
    pub sent: Mutex<Vec<(String, String)>>,
    /// Each whole publication.
    pub publications: Mutex<Vec<Publication>>,
    pub fail: bool,
}

#[async_trait]
impl Publisher for RecordingPublisher {
    async fn publish(&self, p: &Publication) -> PortResult<String> {
        if self.fail {
            return Err(PortError::new(
                GapReason::AccessDenied,
                "sns:Publish denied",
            ));
        }
        let bodies: serde_json::Value = serde_json::from_str(&p.message).unwrap();
        let text = bodies["default"].as_str().unwrap().to_owned();
        self.publications.lock().unwrap().push(p.clone());
        let mut sent = self.sent.lock().unwrap();
        sent.push((p.subject.clone(), text));
        Ok(format!("msg-{}", sent.len()))
    }
}

/// Delivery to `publisher` without de-duplication.
pub fn delivery(publisher: &dyn Publisher) -> Delivery<'_> {
    Delivery {
        publisher,
        claims: None,
        owner: "test-invocation",
    }
}

/// The root cause a published report named (None when the event was skipped).
pub fn category_of(outcome: &triage_on_failure::Outcome) -> Option<triage::Category> {
    match outcome {
        triage_on_failure::Outcome::Published { category, .. } => Some(*category),
        triage_on_failure::Outcome::Skipped { .. }
        | triage_on_failure::Outcome::Duplicate { .. } => None,
    }
}
