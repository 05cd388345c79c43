//! The failure-triage handler with fake ports: what reaches the topic, whatever fails.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;
use triage::evidence::GapReason;
use triage::ports::*;
use triage_on_failure::{Config, Outcome, handle};

use crate::fakes::{FakeAws, Fault, OPERATIONS, RecordingPublisher, category_of, delivery};

const ACCOUNT: &str = "111122223333";

fn config() -> Config {
    Config::from_lookup(|k| {
        (k == "REPORT_TOPIC_ARN").then(|| "arn:aws:sns:eu-west-1:111122223333:triage".to_owned())
    })
    .unwrap()
}

pub fn action_failed(
    stage: &str,
    action: &str,
    category: &str,
    provider: &str,
    external_id: &str,
    summary: &str,
) -> Value {
    json!({"version":"0","id":"evt-1","detail-type":"CodePipeline Action Execution State Change","source":"aws.codepipeline",
        "account":ACCOUNT,"time":"2026-11-20T08:15:00Z","region":"eu-west-1","resources":[format!("arn:aws:codepipeline:eu-west-1:{ACCOUNT}:web")],
        "detail":{"pipeline":"web","execution-id":"exec-1","stage":stage,"action":action,"state":"FAILED","region":"eu-west-1",
          "action-execution-id":"ae-1","type":{"owner":"AWS","category":category,"provider":provider,"version":"1"},
          "execution-result":{"external-execution-id":external_id,"external-execution-summary":summary,"error-code":"JobFailed"},
          "version":3.0,"pipeline-execution-attempt":1.0}})
}

/// A CodeBuild failure whose log holds a Docker Hub rate limit.
pub fn failed_build() -> (Value, FakeAws) {
    let event = action_failed(
        "Build",
        "Image",
        "Build",
        "CodeBuild",
        "web-build:1234",
        "Build terminated with state: FAILED",
    );
    let aws = FakeAws {
        pipeline: PipelineDef {
            role_arn: Some(format!("arn:aws:iam::{ACCOUNT}:role/pipeline")),
            artifact_bucket: Some("web-artifacts".into()),
            version: Some(3),
            ..PipelineDef::default()
        },
        execution: ExecutionInfo {
            execution_id: "exec-1".into(),
            status: "Failed".into(),
            pipeline_version: Some(3),
            revisions: vec![("SourceArtifact".into(), "def456".into(), Some("Bump base image".into()))],
            ..ExecutionInfo::default()
        },
        actions: vec![ActionExecution {
            stage: "Build".into(),
            action: "Image".into(),
            status: "Failed".into(),
            provider: "CodeBuild".into(),
            category: "Build".into(),
            external_id: Some("web-build:1234".into()),
            summary: Some("Build terminated with state: FAILED".into()),
            error_code: Some("JobFailed".into()),
            configuration: vec![("ProjectName".into(), "web-build".into())],
            ..ActionExecution::default()
        }],
        green: Some(ExecutionInfo {
            execution_id: "exec-0".into(),
            status: "Succeeded".into(),
            pipeline_version: Some(2),
            revisions: vec![("SourceArtifact".into(), "abc123".into(), None)],
            action_configurations: vec![(
                "Build".into(),
                "Image".into(),
                vec![("ProjectName".into(), "web-build-old".into())],
            )],
            ..ExecutionInfo::default()
        }),
        build: BuildInfo {
            status: "FAILED".into(),
            phases: vec![BuildPhase {
                phase: "BUILD".into(),
                status: Some("FAILED".into()),
                contexts: vec![("COMMAND_EXECUTION_ERROR".into(), "Error while executing command: docker build -t web . Reason: exit status 1".into())],
            }],
            log_group: Some("/aws/codebuild/web-build".into()),
            log_stream: Some("1234".into()),
            service_role: Some(format!("arn:aws:iam::{ACCOUNT}:role/codebuild-web")),
            plaintext_values: vec!["s3cr3t-plaintext-value".into()],
            ..BuildInfo::default()
        },
        log: vec![
            "[Container] 2026/11/20 08:14:02 Running command docker build -t web .".into(),
            "export API_TOKEN=s3cr3t-plaintext-value".into(),
            "toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit".into(),
            "[Container] 2026/11/20 08:14:05 Command did not exit successfully docker build -t web . exit status 1".into(),
            "[Container] 2026/11/20 08:14:05 Phase complete: BUILD State: FAILED".into(),
        ],
        ..FakeAws::default()
    };
    (event, aws)
}

async fn run(event: &Value, aws: &FakeAws) -> (Outcome, Vec<(String, String)>) {
    let publisher = RecordingPublisher::default();
    let deadline = Instant::now() + Duration::from_secs(30);
    let outcome = handle(
        event,
        aws.ports(),
        delivery(&publisher),
        &config(),
        deadline,
    )
    .await
    .unwrap();
    let sent = publisher.sent.lock().unwrap().clone();
    (outcome, sent)
}

#[tokio::test]
async fn a_failed_build_is_diagnosed_from_its_log_and_published_once() {
    let (event, aws) = failed_build();
    let (outcome, sent) = run(&event, &aws).await;
    let Outcome::Published { category, gaps, .. } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(category, triage::Category::BuildEnvironment);
    assert_eq!(gaps, 0);
    assert_eq!(sent.len(), 1);
    let (subject, body) = &sent[0];
    assert_eq!(subject, "web failed at Build/Image: build_environment");
    assert!(body.contains("Docker Hub pull rate limit"), "{body}");
    assert!(body.contains("[build_log:3] toomanyrequests"), "{body}");
    assert!(
        body.contains("SourceArtifact: revision abc123 -> def456 (Bump base image)"),
        "{body}"
    );
    assert!(
        body.contains("pipeline definition: version 2 -> 3"),
        "{body}"
    );
    assert!(
        body.contains("Build/Image configuration ProjectName: web-build-old -> web-build"),
        "{body}"
    );
    assert!(
        !body.contains("s3cr3t-plaintext-value"),
        "a PLAINTEXT variable leaked: {body}"
    );
}

#[tokio::test]
async fn a_missing_codecommit_branch_is_confirmed_by_get_branch() {
    let event = action_failed(
        "Source",
        "Source",
        "Source",
        "CodeCommit",
        "",
        "The action failed because no branch named develop was found in the selected AWS CodeCommit repository app.",
    );
    let aws = FakeAws {
        actions: vec![ActionExecution {
            stage: "Source".into(),
            action: "Source".into(),
            status: "Failed".into(),
            provider: "CodeCommit".into(),
            category: "Source".into(),
            configuration: vec![
                ("RepositoryName".into(), "app".into()),
                ("BranchName".into(), "develop".into()),
            ],
            ..ActionExecution::default()
        }],
        branches: vec![("app".into(), "main".into())],
        ..FakeAws::default()
    };
    let (outcome, sent) = run(&event, &aws).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::SourceBranchNotFound),
        "{outcome:?}"
    );
    assert!(sent[0].1.contains("branch develop in app"), "{}", sent[0].1);
    assert!(aws.calls().contains(&"GetBranch"));

    // REPORT_LANGUAGE=ja: the same verdict, every sentence in Japanese, ids unchanged.
    let publisher = RecordingPublisher::default();
    let mut ja = config();
    ja.lang = triage::text::Lang::Ja;
    let outcome = handle(
        &event,
        aws.ports(),
        delivery(&publisher),
        &ja,
        Instant::now() + Duration::from_secs(30),
    )
    .await
    .unwrap();
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::SourceBranchNotFound)
    );
    let (subject, body) = publisher.sent.lock().unwrap()[0].clone();
    assert!(subject.ends_with("source_branch_not_found"), "{subject}");
    for words in [
        "根本原因",
        "app のブランチ develop",
        "ブランチが存在しない",
        "対処",
    ] {
        assert!(body.contains(words), "{words}: {body}");
    }
}

#[tokio::test]
async fn a_pending_connection_outranks_the_missing_branch_text() {
    let event = action_failed(
        "Source",
        "Source",
        "Source",
        "CodeStarSourceConnection",
        "",
        "[GitHub] No Branch [main] found for FullRepositoryName [acme/web]",
    );
    let aws = FakeAws {
        actions: vec![ActionExecution {
            stage: "Source".into(),
            action: "Source".into(),
            status: "Failed".into(),
            provider: "CodeStarSourceConnection".into(),
            category: "Source".into(),
            configuration: vec![
                (
                    "ConnectionArn".into(),
                    format!("arn:aws:codeconnections:eu-west-1:{ACCOUNT}:connection/abc"),
                ),
                ("FullRepositoryId".into(), "acme/web".into()),
                ("BranchName".into(), "main".into()),
            ],
            ..ActionExecution::default()
        }],
        connection: "PENDING".into(),
        ..FakeAws::default()
    };
    let (outcome, sent) = run(&event, &aws).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::SourceConnectionUnavailable),
        "{outcome:?}"
    );
    assert!(sent[0].1.contains("connection is PENDING"), "{}", sent[0].1);
}

#[tokio::test]
async fn an_iam_denial_is_simulated_for_the_role_that_acted() {
    let message = format!(
        "User: arn:aws:sts::{ACCOUNT}:assumed-role/deploy-role/session is not authorized to perform: ecs:RegisterTaskDefinition on resource: * because no identity-based policy allows the ecs:RegisterTaskDefinition action"
    );
    let event = action_failed("Deploy", "Deploy", "Deploy", "ECS", "", &message);
    let aws = FakeAws {
        simulation: vec![SimulationResult {
            action: "ecs:RegisterTaskDefinition".into(),
            resource: "*".into(),
            decision: "implicitDeny".into(),
            detail: None,
        }],
        ..FakeAws::default()
    };
    let (outcome, sent) = run(&event, &aws).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::IamPermission),
        "{outcome:?}"
    );
    let body = &sent[0].1;
    assert!(
        body.contains(&format!(
            "arn:aws:iam::{ACCOUNT}:role/deploy-role for ecs:RegisterTaskDefinition"
        )),
        "{body}"
    );
    assert!(body.contains("implicitDeny"), "{body}");
}

#[tokio::test]
async fn every_failing_source_is_a_named_gap_and_the_report_still_goes_out() {
    for op in OPERATIONS {
        for fault in [
            Fault::Fail(GapReason::AccessDenied),
            Fault::Fail(GapReason::Throttled),
            Fault::Hang,
        ] {
            let (event, mut aws) = failed_build();
            // Make the later checks run too: an access denial in the message.
            aws.faults.insert(op, fault.clone());
            let publisher = RecordingPublisher::default();
            let mut config = config();
            config.call_timeout = Duration::from_millis(200);
            let deadline = Instant::now() + Duration::from_secs(10);
            let outcome = handle(&event, aws.ports(), delivery(&publisher), &config, deadline)
                .await
                .unwrap();
            assert!(
                matches!(outcome, Outcome::Published { .. }),
                "{op} {fault:?}: {outcome:?}"
            );
            let sent = publisher.sent.lock().unwrap();
            assert_eq!(sent.len(), 1);
            if aws.calls().contains(op) {
                let expected = match fault {
                    Fault::Fail(GapReason::AccessDenied) => {
                        "(access denied to this function's role)"
                    }
                    Fault::Fail(_) => "(throttled)",
                    _ => "(timed out)",
                };
                assert!(
                    sent[0].1.contains(expected) && sent[0].1.contains("Not read"),
                    "{op} {fault:?}: {}",
                    sent[0].1
                );
            }
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_hanging_collector_cannot_delay_the_report_past_the_deadline() {
    let (event, mut aws) = failed_build();
    aws.faults.insert("GetLogEvents", Fault::Hang);
    let publisher = RecordingPublisher::default();
    let mut config = config();
    config.call_timeout = Duration::from_secs(60);
    config.publish_reserve = Duration::from_millis(500);
    let start = Instant::now();
    let deadline = start + Duration::from_secs(3);
    let outcome = handle(&event, aws.ports(), delivery(&publisher), &config, deadline)
        .await
        .unwrap();
    assert!(Instant::now() <= deadline, "published after the deadline");
    assert!(matches!(outcome, Outcome::Published { .. }));
    let body = publisher.sent.lock().unwrap()[0].1.clone();
    assert!(body.contains("logs:GetLogEvents (timed out)"), "{body}");
}

#[tokio::test]
async fn with_every_source_down_the_event_alone_makes_the_report() {
    let (event, mut aws) = failed_build();
    for op in OPERATIONS {
        aws.faults.insert(op, Fault::Fail(GapReason::Other));
    }
    let (outcome, sent) = run(&event, &aws).await;
    let Outcome::Published { gaps, .. } = outcome else {
        panic!()
    };
    assert!(gaps >= 4, "{gaps}");
    assert!(
        sent[0].1.contains("Build terminated with state: FAILED")
            || sent[0].1.contains("build_command_failed"),
        "{}",
        sent[0].1
    );
}

#[tokio::test]
async fn non_failures_are_skipped_and_publish_nothing() {
    let mut event = action_failed("Build", "Image", "Build", "CodeBuild", "x", "");
    event["detail"]["state"] = json!("SUCCEEDED");
    let aws = FakeAws::default();
    let (outcome, sent) = run(&event, &aws).await;
    assert!(matches!(outcome, Outcome::Skipped { .. }));
    assert!(sent.is_empty());
    assert!(aws.calls().is_empty());
    let (outcome, _) = run(&json!("not an event"), &aws).await;
    assert!(matches!(outcome, Outcome::Skipped { .. }));
}

#[tokio::test]
async fn a_failed_publish_fails_the_invocation_so_it_is_retried() {
    let (event, aws) = failed_build();
    let publisher = RecordingPublisher {
        fail: true,
        ..RecordingPublisher::default()
    };
    let r = handle(
        &event,
        aws.ports(),
        delivery(&publisher),
        &config(),
        Instant::now() + Duration::from_secs(10),
    )
    .await;
    assert!(r.is_err());
}

#[tokio::test(start_paused = true)]
async fn independent_calls_overlap() {
    let (event, mut aws) = failed_build();
    aws.latency = Some(Duration::from_millis(50));
    let publisher = RecordingPublisher::default();
    let start = Instant::now();
    handle(
        &event,
        aws.ports(),
        delivery(&publisher),
        &config(),
        start + Duration::from_secs(30),
    )
    .await
    .unwrap();
    let elapsed = start.elapsed();
    let calls = aws.calls().len();
    // Round 1 (3 calls together), then the build and its log one after the other beside the
    // last-success lookup: 3 sequential latencies for ~6 calls.
    assert!(
        elapsed <= Duration::from_millis(6 * 50 + 10),
        "{elapsed:?} for {calls} calls"
    );
    assert!(calls >= 6, "{calls}");
}

#[tokio::test]
async fn codedeploy_lifecycle_diagnostics_name_the_failing_hook() {
    let event = action_failed(
        "Deploy",
        "Deploy",
        "Deploy",
        "CodeDeploy",
        "d-7XKQ2LM9B",
        "Deployment d-7XKQ2LM9B failed",
    );
    let aws = FakeAws {
        deployment: DeploymentInfo {
            status: "Failed".into(),
            error_code: Some("HEALTH_CONSTRAINTS".into()),
            error_message: Some("The overall deployment failed because too many individual instances failed deployment".into()),
            diagnostics: vec![LifecycleDiagnostic {
                target: "i-0a1b2c3d".into(),
                event: "ApplicationStart".into(),
                status: "Failed".into(),
                error_code: Some("ScriptFailed".into()),
                script: Some("scripts/start.sh".into()),
                message: Some("Script at specified location: scripts/start.sh run as user root failed with exit code 1".into()),
                log_tail: Some("[stderr]Error: listen EADDRINUSE: address already in use :::8080".into()),
            }],
            targets_unread: None,
        },
        ..FakeAws::default()
    };
    let (outcome, sent) = run(&event, &aws).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::DeployScriptFailed),
        "{outcome:?}"
    );
    let body = &sent[0].1;
    assert!(
        body.contains("Deployment hook script scripts/start.sh failed with exit code 1"),
        "{body}"
    );
    assert!(body.contains("[deployment_lifecycle]"), "{body}");
}

#[tokio::test]
async fn the_first_cloudformation_failure_in_time_order_is_the_cause() {
    let event = action_failed(
        "Deploy",
        "CreateStack",
        "Deploy",
        "CloudFormation",
        "",
        "Stack web-prod failed: ROLLBACK_COMPLETE",
    );
    let event_at = |t: &str, id: &str, status: &str, reason: &str| StackEvent {
        time: t.into(),
        logical_id: id.into(),
        resource_type: "AWS::IAM::Role".into(),
        status: status.into(),
        reason: Some(reason.into()),
    };
    let aws = FakeAws {
        actions: vec![ActionExecution {
            stage: "Deploy".into(),
            action: "CreateStack".into(),
            status: "Failed".into(),
            provider: "CloudFormation".into(),
            category: "Deploy".into(),
            configuration: vec![("StackName".into(), "web-prod".into())],
            ..ActionExecution::default()
        }],
        // Newest first, as DescribeStackEvents returns them.
        stack: (
            Some("ROLLBACK_COMPLETE".into()),
            vec![
                event_at(
                    "2026-11-20T08:00:09Z",
                    "Queue",
                    "CREATE_FAILED",
                    "Resource creation cancelled",
                ),
                event_at(
                    "2026-11-20T08:00:05Z",
                    "ApiRole",
                    "CREATE_FAILED",
                    &format!(
                        "API: iam:CreateRole User: arn:aws:sts::{ACCOUNT}:assumed-role/cfn-exec/x is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::{ACCOUNT}:role/api"
                    ),
                ),
                event_at(
                    "2026-11-20T08:00:01Z",
                    "web-prod",
                    "CREATE_IN_PROGRESS",
                    "User Initiated",
                ),
            ],
        ),
        ..FakeAws::default()
    };
    let (outcome, sent) = run(&event, &aws).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::IamPermission),
        "{outcome:?}: {}",
        sent[0].1
    );
    assert!(sent[0].1.contains("iam:CreateRole"), "{}", sent[0].1);
}

#[tokio::test]
async fn a_commands_action_log_is_read_from_its_log_stream_arn() {
    let event = action_failed(
        "Build",
        "Lint",
        "Build",
        "Commands",
        "",
        "Command failed with exit code 1",
    );
    let aws = FakeAws {
        actions: vec![ActionExecution {
            stage: "Build".into(),
            action: "Lint".into(),
            status: "Failed".into(),
            provider: "Commands".into(),
            category: "Build".into(),
            log_stream_arn: Some(format!(
                "arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/aws/codepipeline/web:log-stream:lint/abc"
            )),
            ..ActionExecution::default()
        }],
        log: vec![
            "src/app.ts".into(),
            "  12:5  error  'x' is assigned a value but never used  no-unused-vars".into(),
            "✖ 1 problem (1 error, 0 warnings)".into(),
        ],
        ..FakeAws::default()
    };
    let (outcome, sent) = run(&event, &aws).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::BuildTestFailure),
        "{outcome:?}"
    );
    assert!(sent[0].1.contains("[commands_log"), "{}", sent[0].1);
    assert!(aws.calls().contains(&"GetLogEvents"));
    assert!(!aws.calls().contains(&"BatchGetBuilds"));
}

#[tokio::test]
async fn without_denial_details_the_provider_needs_are_simulated() {
    let event = action_failed(
        "Source",
        "Source",
        "Source",
        "CodeStarSourceConnection",
        "",
        "Unable to use Code Star Connection: the provided role does not have sufficient permissions.",
    );
    let arn = format!("arn:aws:codeconnections:eu-west-1:{ACCOUNT}:connection/abc");
    let aws = FakeAws {
        pipeline: PipelineDef {
            role_arn: Some(format!("arn:aws:iam::{ACCOUNT}:role/pipeline")),
            ..PipelineDef::default()
        },
        actions: vec![ActionExecution {
            stage: "Source".into(),
            action: "Source".into(),
            status: "Failed".into(),
            provider: "CodeStarSourceConnection".into(),
            category: "Source".into(),
            configuration: vec![
                ("ConnectionArn".into(), arn.clone()),
                ("FullRepositoryId".into(), "acme/web".into()),
            ],
            ..ActionExecution::default()
        }],
        simulation: vec![SimulationResult {
            action: "codestar-connections:UseConnection".into(),
            resource: arn.clone(),
            decision: "implicitDeny".into(),
            detail: None,
        }],
        connection: "AVAILABLE".into(),
        ..FakeAws::default()
    };
    let (outcome, sent) = run(&event, &aws).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::IamPermission),
        "{outcome:?}"
    );
    let body = &sent[0].1;
    assert!(
        body.contains(&format!(
            "role/pipeline for codeconnections:UseConnection on {arn}"
        )),
        "{body}"
    );
    assert!(body.contains("connection is AVAILABLE"), "{body}");
}

#[tokio::test]
async fn a_cross_region_pipeline_checks_the_store_of_its_own_region() {
    let event = action_failed(
        "Deploy",
        "Stack",
        "Deploy",
        "CloudFormation",
        "",
        "Amazon S3:AccessDenied:Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)",
    );
    let aws = FakeAws {
        pipeline: PipelineDef {
            regional_stores: vec![
                ("eu-west-1".into(), "own-bucket".into(), None),
                ("us-east-1".into(), "far-bucket".into(), None),
            ],
            ..PipelineDef::default()
        },
        bucket: BucketInfo {
            region: Some("eu-west-1".into()),
            kms_key: None,
        },
        ..FakeAws::default()
    };
    let (_, sent) = run(&event, &aws).await;
    let body = &sent[0].1;
    assert!(
        body.contains("artifact bucket own-bucket: bucket exists in eu-west-1"),
        "{body}"
    );
}

/// A failed manual approval: rejected (who, when, comment), expired, or misconfigured.
#[tokio::test]
async fn a_failed_approval_is_told_apart_rejected_expired_or_misconfigured() {
    let approval = |updated_by: Option<&str>,
                    ended: &str,
                    summary: Option<&str>,
                    error: Option<&str>| FakeAws {
        actions: vec![ActionExecution {
            stage: "Release".into(),
            action: "Approve".into(),
            status: "Failed".into(),
            provider: "Manual".into(),
            category: "Approval".into(),
            start_time: Some("2026-11-13T09:00:00Z".into()),
            last_update_time: Some(ended.into()),
            updated_by: updated_by.map(str::to_owned),
            summary: summary.map(str::to_owned),
            error_message: error.map(str::to_owned),
            ..ActionExecution::default()
        }],
        execution: ExecutionInfo {
            status: "Failed".into(),
            ..ExecutionInfo::default()
        },
        ..FakeAws::default()
    };
    let event = action_failed("Release", "Approve", "Approval", "Manual", "", "FAILED");

    let rejected = approval(
        Some("arn:aws:sts::111122223333:assumed-role/release-managers/alice"),
        "2026-11-13T10:12:00Z",
        Some("Changelog missing for the billing change"),
        None,
    );
    let (outcome, sent) = run(&event, &rejected).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::ApprovalRejected)
    );
    let body = &sent[0].1;
    assert!(
        body.starts_with("arn:aws:sts::111122223333:assumed-role/release-managers/alice rejected the manual approval at 2026-11-13T10:12:00Z"),
        "{body}"
    );
    assert!(
        body.contains("Changelog missing for the billing change"),
        "{body}"
    );

    let expired = approval(None, "2026-11-20T09:00:05Z", None, None);
    let (outcome, sent) = run(&event, &expired).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::ApprovalTimeout)
    );
    assert!(
        sent[0]
            .1
            .starts_with("The manual approval expired after 7d 0h without a response"),
        "{}",
        sent[0].1
    );

    // Failed within seconds, nobody answered: the error says why (the approval's SNS topic).
    let broken = approval(
        None,
        "2026-11-13T09:00:02Z",
        None,
        Some(
            "User: arn:aws:sts::111122223333:assumed-role/pipeline-role/x is not authorized to perform: SNS:Publish on resource: arn:aws:sns:eu-west-1:111122223333:approvals",
        ),
    );
    let (outcome, _) = run(&event, &broken).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::IamPermission),
        "{outcome:?}"
    );
}
