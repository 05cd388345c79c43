//! Delivery end to end against moto: exactly one message per failure (claims in moto's
//! DynamoDB), a claim left by a crash or a failed publish does not lose the report, filter
//! policies select reports by their attributes, and SNS accepts every publish of any evidence.

use std::time::Duration;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};
use tokio::time::Instant;
use triage::aws::{AwsPorts, DynamoClaims, SnsPublisher};
use triage::dedupe::epoch_seconds;
use triage::evidence::{Check, CheckKind, CheckOutcome, Evidence, LogLine, Origin, PipelineName};
use triage::ports::{ClaimStore, Publisher};
use triage::report::{SNS_MAX_BYTES, prepare};
use triage::text::Lang;
use triage_on_failure::{Config, Delivery, HandlerError, Outcome, handle};

use crate::emulated::{World, futures_join_all};
use crate::fixtures::{self, ACCOUNT, BUILD_LOG};

const TABLE: &str = "triage-claims";

async fn claims(w: &World) -> DynamoClaims {
    crate::emulator::create_claims_table(&w.sdk, TABLE).await;
    DynamoClaims::new(aws_sdk_dynamodb::Client::new(&w.sdk), TABLE)
}

/// A failed build of `pipeline` (execution `exec`, stage `stage`) the double and moto can serve.
async fn failed_build(w: &World, pipeline: &str, exec: &str, stage: &str) -> Value {
    w.put_log(&format!("/aws/codebuild/{pipeline}"), "1234", BUILD_LOG)
        .await;
    let (answers, event) = fixtures::failed_build(pipeline, exec, stage);
    w.em.answer(answers);
    event
}

/// The pipeline FAILED event of the same execution.
fn pipeline_failed(pipeline: &str, exec: &str) -> Value {
    json!({"version":"0","id":"evt-pipeline","detail-type":"CodePipeline Pipeline Execution State Change",
        "source":"aws.codepipeline","account":ACCOUNT,"time":"2026-11-20T08:15:02Z","region":"us-east-1",
        "resources":[format!("arn:aws:codepipeline:us-east-1:{ACCOUNT}:{pipeline}")],
        "detail":{"pipeline":pipeline,"execution-id":exec,"state":"FAILED","version":4.0,
          "pipeline-execution-attempt":1.0,"start-time":"2026-11-20T08:10:00Z"}})
}

async fn run(
    w: &World,
    ev: &Value,
    claims: &DynamoClaims,
    owner: &str,
    publisher: &dyn Publisher,
) -> Result<Outcome, HandlerError> {
    let aws = AwsPorts::new(&w.sdk);
    let mut config =
        Config::from_lookup(|k| (k == "REPORT_TOPIC_ARN").then(|| w.topic.clone())).unwrap();
    config.call_timeout = Duration::from_secs(5);
    config.publish_reserve = Duration::from_secs(2);
    let delivery = Delivery {
        publisher,
        claims: Some(claims),
        owner,
    };
    handle(
        ev,
        aws.ports(),
        delivery,
        &config,
        Instant::now() + Duration::from_secs(25),
    )
    .await
}

/// Reads the queue until it has been quiet for `quiet`; returns the messages mentioning `needle`.
async fn every_report(w: &World, needle: &str, quiet: Duration) -> Vec<String> {
    let mut last = std::time::Instant::now();
    let mut found = Vec::new();
    while last.elapsed() < quiet {
        for (_, message) in w.receive_batch().await {
            last = std::time::Instant::now();
            if message.contains(needle) {
                found.push(message);
            }
        }
    }
    found
}

fn count(outcomes: &[Result<Outcome, HandlerError>]) -> (usize, usize) {
    let published = outcomes
        .iter()
        .filter(|o| matches!(o, Ok(Outcome::Published { .. })))
        .count();
    let duplicates = outcomes
        .iter()
        .filter(|o| matches!(o, Ok(Outcome::Duplicate { .. })))
        .count();
    (published, duplicates)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicated_and_paired_events_of_one_failure_reach_the_subscriber_once() {
    let w = World::new().await;
    let claims = claims(&w).await;
    let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&w.sdk), &w.topic);
    let action = failed_build(&w, "dup", "dup-x", "Build").await;
    let pipeline = pipeline_failed("dup", "dup-x");
    // Two identical action events (an EventBridge retry) and the pipeline event, all at once.
    let runs = [
        (action.clone(), "inv-1"),
        (action.clone(), "inv-2"),
        (pipeline.clone(), "inv-3"),
    ]
    .map(|(ev, owner)| {
        let (w, claims, publisher) = (&w, &claims, &publisher);
        async move { run(w, &ev, claims, owner, publisher).await }
    });
    let outcomes = futures_join_all(runs).await;
    assert_eq!(count(&outcomes), (1, 2), "{outcomes:?}");
    // A late, out-of-order duplicate (the action event after the pipeline's) stops early.
    let late = run(&w, &action, &claims, "inv-4", &publisher).await;
    assert!(matches!(late, Ok(Outcome::Duplicate { .. })), "{late:?}");
    let reports = every_report(&w, "dup-x", Duration::from_secs(3)).await;
    assert_eq!(reports.len(), 1, "{reports:?}");
    let report: Value = serde_json::from_str(&reports[0]).unwrap();
    assert_eq!(report["category"], "build_environment");
    assert_eq!(report["failed"]["stage"], "Build");
    let record = claims.record("dup#dup-x#1").await.unwrap().unwrap();
    assert!(record.expires_at > epoch_seconds() + 3_600, "{record:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_left_by_a_crashed_invocation_lapses_and_the_report_goes_out() {
    let w = World::new().await;
    let claims = claims(&w).await;
    let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&w.sdk), &w.topic);
    let ev = failed_build(&w, "crash", "crash-x", "Build").await;
    // An invocation claimed the failure and died before publishing: its lease runs 6 s, longer
    // than the collection, so the retry has to wait for it to lapse.
    let start = std::time::Instant::now();
    let now = epoch_seconds();
    assert!(
        claims
            .claim("crash#crash-x#1", "dead", now, now + 6, now + 86_400)
            .await
            .unwrap()
    );
    let outcome = run(&w, &ev, &claims, "retry", &publisher).await;
    assert!(
        matches!(outcome, Ok(Outcome::Published { .. })),
        "{outcome:?}"
    );
    let waited = start.elapsed();
    assert!(
        waited > Duration::from_secs(5) && waited < Duration::from_secs(20),
        "{waited:?}"
    );
    assert_eq!(
        every_report(&w, "crash-x", Duration::from_secs(2))
            .await
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_publish_releases_the_claim_so_the_retry_publishes() {
    let w = World::new().await;
    let claims = claims(&w).await;
    let ev = failed_build(&w, "flaky", "flaky-x", "Build").await;
    let missing = SnsPublisher::new(
        aws_sdk_sns::Client::new(&w.sdk),
        format!("arn:aws:sns:us-east-1:{ACCOUNT}:no-such-topic"),
    );
    let first = run(&w, &ev, &claims, "first", &missing).await;
    assert!(matches!(first, Err(HandlerError::Publish(_))), "{first:?}");
    assert_eq!(claims.record("flaky#flaky-x#1").await.unwrap(), None);
    let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&w.sdk), &w.topic);
    let retry = run(&w, &ev, &claims, "retry", &publisher).await;
    assert!(matches!(retry, Ok(Outcome::Published { .. })), "{retry:?}");
    assert_eq!(
        every_report(&w, "flaky-x", Duration::from_secs(2))
            .await
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filter_policy_on_the_attributes_selects_critical_reports() {
    let w = World::new().await;
    let claims = claims(&w).await;
    let sns = aws_sdk_sns::Client::new(&w.sdk);
    let pager = w
        .sqs
        .create_queue()
        .queue_name("pager")
        .send()
        .await
        .unwrap()
        .queue_url()
        .unwrap()
        .to_owned();
    let pager_arn = format!("arn:aws:sqs:us-east-1:{ACCOUNT}:pager");
    sns.subscribe()
        .topic_arn(&w.topic)
        .protocol("sqs")
        .endpoint(pager_arn)
        .attributes("RawMessageDelivery", "true")
        .attributes("FilterPolicy", r#"{"severity": ["critical"]}"#)
        .send()
        .await
        .unwrap();
    let publisher = SnsPublisher::new(sns, &w.topic);
    let build = failed_build(&w, "web", "web-x", "Build").await;
    let prod = failed_build(&w, "shop", "shop-x", "Production").await;
    for (ev, owner) in [(&build, "a"), (&prod, "b")] {
        let outcome = run(&w, ev, &claims, owner, &publisher).await;
        assert!(
            matches!(outcome, Ok(Outcome::Published { .. })),
            "{outcome:?}"
        );
    }
    // The plain subscriber gets both; the pager only the production failure.
    assert_eq!(
        every_report(&w, "-x", Duration::from_secs(2)).await.len(),
        2
    );
    let out = w
        .sqs
        .receive_message()
        .queue_url(&pager)
        .max_number_of_messages(10)
        .wait_time_seconds(2)
        .send()
        .await
        .unwrap();
    let bodies: Vec<Value> = out
        .messages()
        .iter()
        .map(|m| serde_json::from_str(m.body().unwrap()).unwrap())
        .collect();
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    // Raw delivery: the body is the JSON report itself.
    assert_eq!(bodies[0]["pipeline"], "shop");
    assert_eq!(bodies[0]["severity"], "critical");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sns_accepts_the_publish_of_any_evidence() {
    let w = World::new().await;
    let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&w.sdk), &w.topic);
    let text = proptest::prop_oneof![
        "\\PC{0,300}",
        proptest::arbitrary::any::<String>(),
        (0usize..40_000).prop_map(|n| "界😀\"\\".repeat(n)),
    ];
    // One huge text (message, first log line) and thousands of smaller ones.
    let item = proptest::prop_oneof!["\\PC{0,400}", proptest::arbitrary::any::<String>()];
    let strategy = (
        text,
        item,
        0usize..3_000,
        0usize..3_000,
        proptest::bool::ANY,
    );
    let mut runner = TestRunner::deterministic();
    for case in 0..8 {
        let (huge, item, lines, actions, ja) = strategy.new_tree(&mut runner).unwrap().current();
        let mut e = Evidence::new();
        e.pipeline = Some(PipelineName::new(format!("random-{case}")));
        e.region = Some("us-east-1".into());
        e.failure.stage = Some(huge.chars().take(300).collect());
        e.failure.message = huge.clone();
        e.logs.push(LogLine {
            origin: Origin::BuildLog,
            line: Some(1),
            text: huge,
        });
        for i in 0..lines {
            e.logs.push(LogLine {
                origin: Origin::BuildLog,
                line: Some(i as u64 + 2),
                text: item.clone(),
            });
        }
        for i in 0..actions {
            e.checks.push(Check {
                kind: CheckKind::ConfiguredResourceExists,
                subject: format!("action {i}"),
                outcome: CheckOutcome::Fail,
                detail: item.clone(),
            });
        }
        let lang = if ja { Lang::Ja } else { Lang::En };
        let d = triage::diagnose_in(&e, lang);
        let (_, p) = prepare(&e, &d, lang, false);
        assert!(p.size() <= SNS_MAX_BYTES, "case {case}: {}", p.size());
        let sent = publisher.publish(&p).await;
        assert!(sent.is_ok(), "case {case} ({} bytes): {sent:?}", p.size());
    }
}

/// Runs the venv's validator on `docs` (one JSON document per line).
fn validate_against_chat_schema(docs: &[Value]) -> (bool, String) {
    let root = crate::emulator::root();
    let dir = std::env::temp_dir().join(format!("triage-chat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("docs-{}.jsonl", docs.len()));
    let lines: Vec<String> = docs.iter().map(Value::to_string).collect();
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = std::process::Command::new(root.join(".venv/bin/python"))
        .arg(root.join("tests/doubles/validate_json.py"))
        .arg(root.join("tests/data/schemas/amazon-q-custom-notification.schema.json"))
        .arg(&file)
        .output()
        .expect("the venv's python (run ./scripts/test.sh once)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn every_chat_body_is_a_valid_custom_notification() {
    let root = crate::emulator::root();
    let mut bundles: Vec<Evidence> = std::fs::read_dir(root.join("examples/evidence"))
        .unwrap()
        .map(|f| {
            serde_json::from_str(&std::fs::read_to_string(f.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    assert!(bundles.len() >= 5);
    // Hostile text, and a report big enough to be trimmed.
    let mut hostile = bundles[0].clone();
    hostile.failure.message =
        "<!channel> @here [x](https://evil.example) ```\n\u{1b}[31m \"quoted\" \\ 界".into();
    bundles.push(hostile);
    let mut huge = bundles[0].clone();
    for i in 0..3_000 {
        huge.checks.push(Check {
            kind: CheckKind::BranchExists,
            subject: format!("branch {i}"),
            outcome: CheckOutcome::Pass,
            detail: "x".repeat(900),
        });
    }
    bundles.push(huge);
    let mut docs = Vec::new();
    for e in &bundles {
        for lang in Lang::ALL {
            let d = triage::diagnose_in(e, lang);
            let (_, p) = prepare(e, &d, lang, false);
            let bodies: Value = serde_json::from_str(&p.message).unwrap();
            docs.push(serde_json::from_str(bodies["https"].as_str().unwrap()).unwrap());
        }
    }
    // Approval notices of every kind, in both languages, hostile CustomData included.
    let pending = triage::approvals::PendingApproval {
        pipeline: PipelineName::new("web"),
        waiting: triage::ports::WaitingApproval {
            stage: "Prod".into(),
            action: "Approve".into(),
            execution_id: Some("x-1".into()),
            token: "tok".into(),
            since: Some(1_795_672_800),
        },
        expires: Some(1_795_672_800 + 86_400),
        timeout_minutes: Some(1_440),
        custom_data: Some("<!channel> [click](https://evil.example) `x`".into()),
        external_link: Some("https://jira.example/REL-1".into()),
    };
    for lang in Lang::ALL {
        for kind in [
            triage::approvals::NoticeKind::Needed,
            triage::approvals::NoticeKind::Reminder,
            triage::approvals::NoticeKind::Escalation,
        ] {
            let n = triage::report::approval::ApprovalNotice::build(
                &pending,
                kind,
                Some("eu-west-1"),
                Some(("c0ffee1".into(), Some("Ship it".into()))),
                lang,
                1_795_687_200,
            );
            docs.push(n.chat());
        }
    }
    let (ok, out) = validate_against_chat_schema(&docs);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("checked {}, invalid 0", docs.len())),
        "{out}"
    );
    // The validator does reject what the schema forbids.
    let mut wrong = docs[0].clone();
    wrong["version"] = json!("2.0");
    wrong["content"]["textType"] = json!("markdown");
    let (ok, out) = validate_against_chat_schema(&[wrong]);
    assert!(!ok && out.contains("invalid 1"), "{out}");
}
