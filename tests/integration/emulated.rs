//! The failure triage against a real local AWS: moto for CloudWatch Logs, SNS and SQS; the
//! double for CodePipeline, CodeBuild, CodeCommit and IAM simulation, and for injected faults.
//! Reports are read back from an SQS queue subscribed to the topic.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;
use triage::aws::{AwsPorts, SnsPublisher};
use triage_on_failure::{Config, Outcome, handle};

use crate::emulator::Emulator;
use crate::fakes::{category_of, delivery};
use crate::fixtures::{ACCOUNT, BUILD_LOG, codebuild_answer, event, pipeline_answers};

pub(crate) struct World {
    pub(crate) em: Emulator,
    pub(crate) sdk: aws_config::SdkConfig,
    pub(crate) sqs: aws_sdk_sqs::Client,
    logs: aws_sdk_cloudwatchlogs::Client,
    pub(crate) topic: String,
    pub(crate) queue: String,
    /// Reports read from the queue and not yet claimed by a test.
    inbox: std::sync::Mutex<Vec<(String, String)>>,
}

impl World {
    pub(crate) async fn new() -> Self {
        let em = Emulator::start();
        let sdk = em.sdk_config(Duration::from_secs(10)).await;
        let sns = aws_sdk_sns::Client::new(&sdk);
        let sqs = aws_sdk_sqs::Client::new(&sdk);
        let topic = crate::emulator::create_topic(&sdk, "triage-reports").await;
        let queue = sqs
            .create_queue()
            .queue_name("triage-subscriber")
            .send()
            .await
            .unwrap()
            .queue_url()
            .unwrap()
            .to_owned();
        let attrs = sqs
            .get_queue_attributes()
            .queue_url(&queue)
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::QueueArn)
            .send()
            .await
            .unwrap();
        let queue_arn = attrs
            .attributes()
            .unwrap()
            .get(&aws_sdk_sqs::types::QueueAttributeName::QueueArn)
            .unwrap()
            .clone();
        sns.subscribe()
            .topic_arn(&topic)
            .protocol("sqs")
            .endpoint(queue_arn)
            .send()
            .await
            .unwrap();
        let logs = aws_sdk_cloudwatchlogs::Client::new(&sdk);
        Self {
            em,
            sdk,
            sqs,
            logs,
            topic,
            queue,
            inbox: std::sync::Mutex::new(Vec::new()),
        }
    }

    pub(crate) async fn put_log(&self, group: &str, stream: &str, lines: &[&str]) {
        crate::emulator::put_log(&self.logs, group, stream, lines).await;
    }

    async fn triage(&self, event: &Value, call_timeout: Duration) -> Outcome {
        let aws = AwsPorts::new(&self.sdk);
        let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&self.sdk), &self.topic);
        let mut config =
            Config::from_lookup(|k| (k == "REPORT_TOPIC_ARN").then(|| self.topic.clone())).unwrap();
        config.call_timeout = call_timeout;
        config.publish_reserve = Duration::from_secs(2);
        handle(
            event,
            aws.ports(),
            delivery(&publisher),
            &config,
            Instant::now() + Duration::from_secs(20),
        )
        .await
        .unwrap()
    }

    /// The report that mentions `needle`: (subject, message). Every message read from the
    /// queue is deleted and kept here, so reports for other cases are not hidden.
    /// Up to ten messages from the subscriber queue (waiting up to a second), each deleted:
    /// (subject, message) of every SNS envelope.
    pub(crate) async fn receive_batch(&self) -> Vec<(String, String)> {
        let out = self
            .sqs
            .receive_message()
            .queue_url(&self.queue)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .send()
            .await
            .unwrap();
        let mut batch = Vec::new();
        for m in out.messages() {
            let envelope: Value = serde_json::from_str(m.body().unwrap()).unwrap();
            self.sqs
                .delete_message()
                .queue_url(&self.queue)
                .receipt_handle(m.receipt_handle().unwrap())
                .send()
                .await
                .unwrap();
            let text = |k: &str| envelope[k].as_str().unwrap_or("").to_owned();
            batch.push((text("Subject"), text("Message")));
        }
        batch
    }

    pub(crate) async fn report(&self, needle: &str) -> (String, String) {
        let start = std::time::Instant::now();
        loop {
            {
                let mut inbox = self.inbox.lock().unwrap();
                if let Some(i) = inbox.iter().position(|(_, m)| m.contains(needle)) {
                    return inbox.remove(i);
                }
            }
            let batch = self.receive_batch().await;
            self.inbox.lock().unwrap().extend(batch);
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no report mentioning {needle} reached the queue"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_build_goes_from_event_to_the_subscriber_queue() {
    let w = World::new().await;
    w.put_log("/aws/codebuild/web", "1234", BUILD_LOG).await;
    w.em.answer(pipeline_answers(
        "web",
        "exec-1",
        "Build",
        "Image",
        "Build",
        "CodeBuild",
        json!({"ProjectName": "web"}),
        "web:1234",
        "Build terminated with state: FAILED",
    ));
    w.em.answer(json!([codebuild_answer("web:1234", "/aws/codebuild/web")]));

    let outcome = w
        .triage(
            &event(
                "web",
                "exec-1",
                "Build",
                "Image",
                "Build",
                "CodeBuild",
                "web:1234",
            ),
            Duration::from_secs(5),
        )
        .await;
    let Outcome::Published {
        category,
        gaps,
        calls,
        ..
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(category, triage::Category::BuildEnvironment);
    assert_eq!(gaps, 0, "unexpected gaps");
    assert!(calls >= 6);

    let (subject, message) = w.report("exec-1").await;
    assert_eq!(subject, "web failed at Build/Image: build_environment");
    assert!(message.contains("toomanyrequests"), "{message}");
    assert!(
        message.contains("SourceArtifact: revision abc123 -> def456 (Use node 22)"),
        "{message}"
    );
    assert!(
        !message.contains("plaintext-registry-token-123"),
        "a PLAINTEXT variable reached the topic: {message}"
    );
    // The log came from moto (CloudWatch Logs), the rest from the double.
    let served: Vec<(String, String)> =
        w.em.calls()
            .iter()
            .map(|c| {
                (
                    c["op"].as_str().unwrap().to_owned(),
                    c["served"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
    assert!(
        served.contains(&("GetLogEvents".into(), "upstream".into())),
        "{served:?}"
    );
    assert!(
        served.contains(&("Publish".into(), "upstream".into())),
        "{served:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_branch_is_confirmed_with_get_branch() {
    let w = World::new().await;
    let message = "The action failed because no branch named develop was found in the selected AWS CodeCommit repository shop.";
    w.em.answer(pipeline_answers(
        "shop",
        "exec-2",
        "Source",
        "Source",
        "Source",
        "CodeCommit",
        json!({"RepositoryName": "shop", "BranchName": "develop"}),
        "",
        message,
    ));
    w.em.answer(json!([{"op": "GetBranch", "match": "develop", "status": 400,
        "body": {"__type": "BranchDoesNotExistException", "message": "Branch 'develop' does not exist in repository 'shop'"}}]));
    let mut ev = event(
        "shop",
        "exec-2",
        "Source",
        "Source",
        "Source",
        "CodeCommit",
        "",
    );
    ev["detail"]["execution-result"]["external-execution-summary"] = json!(message);
    let outcome = w.triage(&ev, Duration::from_secs(5)).await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::SourceBranchNotFound),
        "{outcome:?}"
    );
    let (_, report) = w.report("exec-2").await;
    assert!(
        report.contains("confirmed: branch develop in shop: the branch does not exist"),
        "{report}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_iam_denial_is_simulated_and_the_decision_reported() {
    let w = World::new().await;
    let denial = format!(
        "User: arn:aws:sts::{ACCOUNT}:assumed-role/deploy-role/sess is not authorized to perform: ecs:RegisterTaskDefinition on resource: * because no identity-based policy allows the ecs:RegisterTaskDefinition action"
    );
    w.em.answer(pipeline_answers(
        "api",
        "exec-3",
        "Deploy",
        "Deploy",
        "Deploy",
        "ECS",
        json!({"ClusterName": "prod", "ServiceName": "api"}),
        "",
        &denial,
    ));
    w.em.answer(json!([{"op": "SimulatePrincipalPolicy", "match": "deploy-role", "body": concat!(
        "<SimulatePrincipalPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><SimulatePrincipalPolicyResult>",
        "<IsTruncated>false</IsTruncated><EvaluationResults><member><EvalActionName>ecs:RegisterTaskDefinition</EvalActionName>",
        "<EvalResourceName>*</EvalResourceName><EvalDecision>implicitDeny</EvalDecision><MatchedStatements/><MissingContextValues/>",
        "</member></EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>",
        "</SimulatePrincipalPolicyResponse>")}]));
    let outcome = w
        .triage(
            &event("api", "exec-3", "Deploy", "Deploy", "Deploy", "ECS", ""),
            Duration::from_secs(5),
        )
        .await;
    assert_eq!(
        category_of(&outcome),
        Some(triage::Category::IamPermission),
        "{outcome:?}"
    );
    let (_, report) = w.report("exec-3").await;
    assert!(
        report.contains(&format!(
            "arn:aws:iam::{ACCOUNT}:role/deploy-role for ecs:RegisterTaskDefinition"
        )),
        "{report}"
    );
    assert!(report.contains("implicitDeny"), "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_collector_failing_in_turn_still_yields_a_report_naming_the_gap() {
    let w = World::new().await;
    let ops = [
        "GetPipeline",
        "GetPipelineExecution",
        "ListActionExecutions",
        "ListPipelineExecutions",
        "BatchGetBuilds",
        "GetLogEvents",
    ];
    let faults: [(&str, Value); 3] = [
        (
            "AccessDenied",
            json!({"status": 400, "body": {"__type": "AccessDeniedException", "message": "User is not authorized"}}),
        ),
        (
            "Throttled",
            json!({"status": 400, "body": {"__type": "ThrottlingException", "message": "Rate exceeded"}}),
        ),
        ("Timeout", json!({"hang": true})),
    ];
    let mut cases = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        for (j, (reason, fault)) in faults.iter().enumerate() {
            let name = format!("p{i}{j}");
            let exec = format!("x{i}{j}");
            let build = format!("{name}:1");
            let group = format!("/aws/codebuild/{name}");
            w.put_log(&group, "1234", BUILD_LOG).await;
            // The fault first, so it wins over the normal answer for this pipeline.
            let mut f = fault.clone();
            f["op"] = json!(op);
            f["match"] = json!(if *op == "GetLogEvents" {
                group.clone()
            } else if *op == "BatchGetBuilds" {
                build.clone()
            } else {
                name.clone()
            });
            w.em.answer(json!([f]));
            w.em.answer(pipeline_answers(
                &name,
                &exec,
                "Build",
                "Image",
                "Build",
                "CodeBuild",
                json!({"ProjectName": name}),
                &build,
                "Build terminated with state: FAILED",
            ));
            w.em.answer(json!([codebuild_answer(&build, &group)]));
            cases.push((op.to_string(), reason.to_string(), name, exec, build));
        }
    }
    let runs = cases.iter().map(|(_, _, name, exec, build)| {
        let ev = event(name, exec, "Build", "Image", "Build", "CodeBuild", build);
        let w = &w;
        async move { w.triage(&ev, Duration::from_secs(3)).await }
    });
    let outcomes = futures_join_all(runs).await;
    for ((op, reason, _, exec, _), outcome) in cases.iter().zip(outcomes) {
        assert!(
            matches!(outcome, Outcome::Published { .. }),
            "{op} {reason}: {outcome:?}"
        );
        let (_, report) = w.report(exec).await;
        let source = match op.as_str() {
            "GetLogEvents" => "logs:GetLogEvents".to_owned(),
            "BatchGetBuilds" => "codebuild:BatchGetBuilds".to_owned(),
            o => format!("codepipeline:{o}"),
        };
        // The queue receives the JSON report: its gaps name the source and the reason.
        let json: Value = serde_json::from_str(&report).unwrap();
        let reason_id = match reason.as_str() {
            "AccessDenied" => "access_denied",
            "Throttled" => "throttled",
            _ => "timeout",
        };
        assert!(
            json["gaps"]
                .as_array()
                .unwrap()
                .iter()
                .any(|g| g["source"] == source.as_str() && g["reason"] == reason_id),
            "{op} {reason}: {report}"
        );
    }
}

/// Runs futures concurrently (a tiny join_all on tokio tasks of borrowed futures).
pub(crate) async fn futures_join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let futures: Vec<F> = futures.into_iter().collect();
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut results: Vec<Option<F::Output>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (i, f) in pinned.iter_mut().enumerate() {
            if results[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => results[i] = Some(v),
                    std::task::Poll::Pending => done = false,
                }
            }
        }
        if done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    results.into_iter().map(|r| r.unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_artifact_store_checks_read_the_real_bucket_and_key() {
    let w = World::new().await;
    // moto's S3 and KMS: a bucket in another Region, and a disabled key.
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&w.sdk)
            .force_path_style(true)
            .build(),
    );
    s3.create_bucket()
        .bucket("far-artifacts")
        .create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::UsWest2)
                .build(),
        )
        .send()
        .await
        .unwrap();
    s3.create_bucket()
        .bucket("near-artifacts")
        .send()
        .await
        .unwrap();
    let kms = aws_sdk_kms::Client::new(&w.sdk);
    let key = kms
        .create_key()
        .send()
        .await
        .unwrap()
        .key_metadata()
        .unwrap()
        .key_id()
        .to_owned();
    kms.disable_key().key_id(&key).send().await.unwrap();

    let denied = "Insufficient permissions The service role or action role doesn't have the permissions required to access the Amazon S3 bucket. Error: Amazon S3:AccessDenied:Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)";
    let ty =
        json!({"category": "Deploy", "owner": "AWS", "provider": "CloudFormation", "version": "1"});
    for (pipeline, bucket, key) in [
        ("far", "far-artifacts", None),
        ("sealed", "near-artifacts", Some(key.clone())),
    ] {
        let mut store = json!({"type": "S3", "location": bucket});
        if let Some(k) = &key {
            store["encryptionKey"] = json!({"id": k, "type": "KMS"});
        }
        w.em.answer(
            json!([{"op": "GetPipeline", "match": pipeline, "body": {"pipeline": {"name": pipeline,
            "roleArn": format!("arn:aws:iam::{ACCOUNT}:role/p"), "artifactStore": store,
            "stages": [{"name": "Deploy", "actions": [{"name": "Stack", "actionTypeId": ty}]}]}}}]),
        );
        w.em.answer(pipeline_answers(
            pipeline,
            &format!("{pipeline}-x"),
            "Deploy",
            "Stack",
            "Deploy",
            "CloudFormation",
            json!({"StackName": pipeline}),
            "",
            denied,
        ));
        w.em.answer(json!([{"op": "DescribeStacks", "match": pipeline, "status": 400,
            "body": "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack does not exist</Message></Error></ErrorResponse>"}]));
    }

    let far = w
        .triage(
            &event(
                "far",
                "far-x",
                "Deploy",
                "Stack",
                "Deploy",
                "CloudFormation",
                "",
            ),
            Duration::from_secs(5),
        )
        .await;
    assert_eq!(
        category_of(&far),
        Some(triage::Category::ArtifactStoreAccess),
        "{far:?}"
    );
    let (_, report) = w.report("far-x").await;
    assert!(
        report.contains("bucket is in us-west-2, the pipeline in us-east-1"),
        "{report}"
    );

    let sealed = w
        .triage(
            &event(
                "sealed",
                "sealed-x",
                "Deploy",
                "Stack",
                "Deploy",
                "CloudFormation",
                "",
            ),
            Duration::from_secs(5),
        )
        .await;
    assert_eq!(
        category_of(&sealed),
        Some(triage::Category::ArtifactKms),
        "{sealed:?}"
    );
    let (_, report) = w.report("sealed-x").await;
    assert!(report.contains("key state is Disabled"), "{report}");
    assert!(report.contains("bucket exists in us-east-1"), "{report}");
}
