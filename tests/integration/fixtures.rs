//! The failure every emulator test and the cold-start benchmark start from: an EventBridge
//! event, the CodePipeline and CodeBuild answers the double gives for it, and its build log.
//! Only serde_json here, so a benchmark can include this file with `#[path]`.

use serde_json::{Value, json};

pub const ACCOUNT: &str = "123456789012";

pub fn event(
    pipeline: &str,
    execution: &str,
    stage: &str,
    action: &str,
    category: &str,
    provider: &str,
    external_id: &str,
) -> Value {
    json!({"version":"0","id":"evt","detail-type":"CodePipeline Action Execution State Change","source":"aws.codepipeline",
        "account":ACCOUNT,"time":"2026-11-20T08:15:00Z","region":"us-east-1","resources":[],
        "detail":{"pipeline":pipeline,"execution-id":execution,"stage":stage,"action":action,"state":"FAILED","region":"us-east-1",
          "type":{"owner":"AWS","category":category,"provider":provider,"version":"1"},
          "execution-result":{"external-execution-id":external_id,"external-execution-summary":"Build terminated with state: FAILED","error-code":"JobFailed"},
          "version":1.0,"pipeline-execution-attempt":1.0}})
}

pub fn action_type(category: &str, provider: &str) -> Value {
    json!({"category": category, "owner": "AWS", "provider": provider, "version": "1"})
}

/// CodePipeline answers for one pipeline whose action `stage/action` failed.
#[allow(clippy::too_many_arguments)]
pub fn pipeline_answers(
    pipeline: &str,
    execution: &str,
    stage: &str,
    action: &str,
    category: &str,
    provider: &str,
    config: Value,
    external_id: &str,
    error: &str,
) -> Value {
    json!([
        {"op": "GetPipeline", "match": pipeline, "body": {"pipeline": {
            "name": pipeline, "roleArn": format!("arn:aws:iam::{ACCOUNT}:role/{pipeline}-pipeline"), "version": 4,
            "artifactStore": {"type": "S3", "location": format!("{pipeline}-artifacts")},
            "stages": [{"name": stage, "actions": [{"name": action, "actionTypeId": action_type(category, provider), "configuration": config}]}]}}},
        {"op": "GetPipelineExecution", "match": execution, "body": {"pipelineExecution": {
            "pipelineName": pipeline, "pipelineExecutionId": execution, "status": "Failed", "pipelineVersion": 4,
            "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "def456", "revisionSummary": "Use node 22"}]}}},
        {"op": "GetPipelineExecution", "match": format!("{pipeline}-last-green"), "body": {"pipelineExecution": {
            "pipelineName": pipeline, "pipelineExecutionId": format!("{pipeline}-last-green"), "status": "Succeeded", "pipelineVersion": 4,
            "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "abc123"}]}}},
        {"op": "ListPipelineExecutions", "match": pipeline, "body": {"pipelineExecutionSummaries": [
            {"pipelineExecutionId": execution, "status": "Failed", "startTime": 1764000100.0},
            {"pipelineExecutionId": format!("{pipeline}-last-green"), "status": "Succeeded", "startTime": 1764000000.0}]}},
        {"op": "ListActionExecutions", "match": pipeline, "body": {"actionExecutionDetails": [{
            "pipelineExecutionId": execution, "actionExecutionId": "ae-1", "pipelineVersion": 4, "stageName": stage, "actionName": action,
            "startTime": 1764000100.0, "status": "Failed",
            "input": {"actionTypeId": action_type(category, provider), "configuration": config, "resolvedConfiguration": config},
            "output": {"executionResult": {"externalExecutionId": external_id, "externalExecutionSummary": error,
                "errorDetails": {"code": "JobFailed", "message": error}}}}]}}
    ])
}

pub fn codebuild_answer(build_id: &str, group: &str) -> Value {
    json!({"op": "BatchGetBuilds", "match": build_id, "body": {"builds": [{
        "id": build_id, "buildStatus": "FAILED",
        "phases": [{"phaseType": "BUILD", "phaseStatus": "FAILED", "contexts": [{"statusCode": "COMMAND_EXECUTION_ERROR",
            "message": "Error while executing command: docker build -t web .. Reason: exit status 1"}]}],
        "logs": {"groupName": group, "streamName": "1234"},
        "serviceRole": format!("arn:aws:iam::{ACCOUNT}:role/codebuild-web"),
        "environment": {"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_SMALL",
            "environmentVariables": [{"name": "REGISTRY_TOKEN", "value": "plaintext-registry-token-123", "type": "PLAINTEXT"}]}}]}})
}

pub const BUILD_LOG: &[&str] = &[
    "[Container] 2026/11/20 08:14:02 Entering phase BUILD",
    "[Container] 2026/11/20 08:14:02 Running command docker login -u ci -p plaintext-registry-token-123",
    "[Container] 2026/11/20 08:14:03 Running command docker build -t web .",
    "#3 ERROR: failed to resolve source metadata for docker.io/library/node:22: 429 Too Many Requests - Server message: toomanyrequests: You have reached your unauthenticated pull rate limit",
    "[Container] 2026/11/20 08:14:05 Command did not exit successfully docker build -t web . exit status 1",
    "[Container] 2026/11/20 08:14:05 Phase complete: BUILD State: FAILED",
    "[Container] 2026/11/20 08:14:05 Entering phase POST_BUILD",
    "CLIENT_ERROR: no matching artifact paths found",
];

/// A CodeBuild build of `pipeline` that failed in `stage`/Image: the double's answers for it
/// (its log is `BUILD_LOG` in `/aws/codebuild/<pipeline>`, stream `1234`) and its action
/// FAILED event.
pub fn failed_build(pipeline: &str, execution: &str, stage: &str) -> (Value, Value) {
    let build = format!("{pipeline}:1234");
    let mut answers = pipeline_answers(
        pipeline,
        execution,
        stage,
        "Image",
        "Build",
        "CodeBuild",
        json!({"ProjectName": pipeline}),
        &build,
        "Build terminated with state: FAILED",
    );
    if let Some(list) = answers.as_array_mut() {
        list.push(codebuild_answer(
            &build,
            &format!("/aws/codebuild/{pipeline}"),
        ));
    }
    let event = event(
        pipeline,
        execution,
        stage,
        "Image",
        "Build",
        "CodeBuild",
        &build,
    );
    (answers, event)
}
