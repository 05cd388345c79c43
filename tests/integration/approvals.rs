//! Approval reminders with fake ports: thresholds at the edges, concurrent approvals, many
//! pipelines, a failing state read, the request rate, the "approval needed" notice.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;

use approval_reminder::{Config, Outcome, Ports, handle};
use async_trait::async_trait;
use serde_json::{Value, json};
use tokio::time::Instant;
use triage::approvals::NoticeKind;
use triage::evidence::{ExecutionId, GapReason, PipelineName};
use triage::ports::*;

use crate::fakes::RecordingPublisher;

const NOW: i64 = 1_795_687_200; // 2026-11-26T10:00:00Z
const H: i64 = 3_600;

/// Pipelines, their waiting approvals and definitions; records when each call started.
#[derive(Default)]
pub struct FakeApprovals {
    pub pipelines: Vec<String>,
    pub waiting: HashMap<String, Vec<WaitingApproval>>,
    pub timeouts: HashMap<String, i32>,
    pub failing: HashSet<String>,
    pub latency: Duration,
    pub starts: Mutex<Vec<Instant>>,
    /// ListPipelines page size (0: one page).
    pub page: usize,
}

impl FakeApprovals {
    async fn call(&self) {
        self.starts.lock().unwrap().push(Instant::now());
        tokio::time::sleep(self.latency).await;
    }

    pub fn add(&mut self, pipeline: &str, stage: &str, waited: i64, timeout_minutes: Option<i32>) {
        if !self.pipelines.iter().any(|p| p == pipeline) {
            self.pipelines.push(pipeline.to_owned());
        }
        self.waiting
            .entry(pipeline.to_owned())
            .or_default()
            .push(WaitingApproval {
                stage: stage.to_owned(),
                action: "Approve".to_owned(),
                execution_id: Some(format!("{pipeline}-x")),
                token: format!("token-{pipeline}-{stage}"),
                since: Some(NOW - waited),
            });
        if let Some(t) = timeout_minutes {
            self.timeouts.insert(format!("{pipeline}/{stage}"), t);
        }
    }
}

#[async_trait]
impl ApprovalPort for FakeApprovals {
    async fn pipelines(
        &self,
        token: Option<String>,
    ) -> PortResult<(Vec<PipelineName>, Option<String>)> {
        self.call().await;
        let from: usize = token.map_or(0, |t| t.parse().unwrap());
        let size = if self.page == 0 {
            usize::MAX
        } else {
            self.page
        };
        let names: Vec<PipelineName> = self
            .pipelines
            .iter()
            .skip(from)
            .take(size)
            .map(PipelineName::new)
            .collect();
        let next =
            (from.saturating_add(size) < self.pipelines.len()).then(|| (from + size).to_string());
        Ok((names, next))
    }
    async fn waiting(&self, name: &PipelineName) -> PortResult<Vec<WaitingApproval>> {
        self.call().await;
        if self.failing.contains(name.as_str()) {
            return Err(PortError::new(
                GapReason::AccessDenied,
                "GetPipelineState: denied",
            ));
        }
        Ok(self.waiting.get(name.as_str()).cloned().unwrap_or_default())
    }
}

#[async_trait]
impl PipelinePort for FakeApprovals {
    async fn pipeline(&self, name: &PipelineName) -> PortResult<PipelineDef> {
        self.call().await;
        let actions = self
            .waiting
            .get(name.as_str())
            .into_iter()
            .flatten()
            .map(|w| ActionDef {
                stage: w.stage.clone(),
                action: w.action.clone(),
                provider: "Manual".into(),
                category: "Approval".into(),
                role_arn: None,
                configuration: vec![
                    ("CustomData".into(), format!("Review release of {name}")),
                    (
                        "ExternalEntityLink".into(),
                        "https://jira.example/REL-7".into(),
                    ),
                ],
                timeout_minutes: self.timeouts.get(&format!("{name}/{}", w.stage)).copied(),
            })
            .collect();
        Ok(PipelineDef {
            actions,
            ..PipelineDef::default()
        })
    }
    async fn execution(&self, _: &PipelineName, id: &ExecutionId) -> PortResult<ExecutionInfo> {
        self.call().await;
        Ok(ExecutionInfo {
            execution_id: id.to_string(),
            revisions: vec![(
                "SourceArtifact".into(),
                "9b2e4f1".into(),
                Some("Release 2026.11".into()),
            )],
            ..ExecutionInfo::default()
        })
    }
    async fn action_executions(
        &self,
        _: &PipelineName,
        _: &ExecutionId,
    ) -> PortResult<Vec<ActionExecution>> {
        Err(PortError::new(
            GapReason::Other,
            "not used by the reminders",
        ))
    }
    async fn last_success(
        &self,
        _: &PipelineName,
        _: &ExecutionId,
    ) -> PortResult<Option<ExecutionInfo>> {
        Err(PortError::new(
            GapReason::Other,
            "not used by the reminders",
        ))
    }
}

fn config(extra: &[(&str, &str)]) -> Config {
    let mut vars: HashMap<String, String> = extra
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    vars.insert(
        "REPORT_TOPIC_ARN".into(),
        "arn:aws:sns:eu-west-1:111122223333:t".into(),
    );
    Config::from_lookup(|k| vars.get(k).cloned()).unwrap()
}

fn scheduled() -> Value {
    json!({"version": "0", "id": "s", "detail-type": "Scheduled Event", "source": "aws.events",
           "account": "111122223333", "time": "2026-11-26T10:00:00Z", "region": "eu-west-1",
           "resources": ["arn:aws:events:eu-west-1:111122223333:rule/hourly"], "detail": {}})
}

async fn run(
    fake: &FakeApprovals,
    config: &Config,
    event: &Value,
) -> (Outcome, Vec<(String, String)>) {
    let publisher = RecordingPublisher::default();
    let ports = Ports {
        approvals: fake,
        pipelines: fake,
        publisher: &publisher,
    };
    let outcome = handle(
        event,
        ports,
        config,
        NOW + 30,
        Instant::now() + Duration::from_secs(300),
    )
    .await
    .unwrap();
    let sent = publisher.sent.lock().unwrap().clone();
    (outcome, sent)
}

fn kinds(o: &Outcome) -> Vec<(NoticeKind, String)> {
    o.sent
        .iter()
        .map(|(k, p, place)| (*k, format!("{p} {place}")))
        .collect()
}

#[tokio::test]
async fn each_threshold_is_announced_once_at_its_edge() {
    let mut fake = FakeApprovals::default();
    fake.add("exactly-4h", "Prod", 4 * H, None);
    fake.add("not-yet", "Prod", 4 * H - 1, None);
    fake.add("after-28h", "Prod", 28 * H, None);
    fake.add("day-before-expiry", "Prod", 6 * 24 * H, None);
    fake.add("expired", "Prod", 7 * 24 * H + 60, None);
    // timeoutInMinutes 90, waiting 30 min: it expires within the day.
    fake.add("short-timeout", "Prod", 30 * 60, Some(90));
    // A custom 30-day timeout: 28 h in is an ordinary reminder.
    fake.add("long-timeout", "Prod", 28 * H, Some(30 * 24 * 60));
    // timeoutInMinutes 240: its 4 h threshold is its expiry: nothing. 241: a minute is left.
    fake.add("expires-at-4h", "Prod", 4 * H, Some(240));
    fake.add("expires-after-4h", "Prod", 4 * H, Some(241));
    let (out, sent) = run(&fake, &config(&[]), &scheduled()).await;
    let mut got = kinds(&out);
    got.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(
        got,
        [
            (NoticeKind::Reminder, "after-28h Prod/Approve".to_owned()),
            (
                NoticeKind::Escalation,
                "day-before-expiry Prod/Approve".to_owned()
            ),
            (NoticeKind::Reminder, "exactly-4h Prod/Approve".to_owned()),
            (
                NoticeKind::Reminder,
                "expires-after-4h Prod/Approve".to_owned()
            ),
            (NoticeKind::Reminder, "long-timeout Prod/Approve".to_owned()),
            (
                NoticeKind::Escalation,
                "short-timeout Prod/Approve".to_owned()
            ),
        ]
    );
    assert_eq!(out.waiting, 9);
    assert_eq!(sent.len(), 6);
    let next = json!({"source": "aws.events", "detail-type": "Scheduled Event", "time": "2026-11-26T11:00:00Z"});
    let publisher = RecordingPublisher::default();
    let ports = Ports {
        approvals: &fake,
        pipelines: &fake,
        publisher: &publisher,
    };
    let later = handle(
        &next,
        ports,
        &config(&[]),
        NOW + H + 30,
        Instant::now() + Duration::from_secs(60),
    )
    .await
    .unwrap();
    // The next hourly run repeats none of them, and announces the one that crossed 4 h one
    // second after the first run: an edge is neither repeated nor lost.
    assert_eq!(
        kinds(&later),
        [(NoticeKind::Reminder, "not-yet Prod/Approve".to_owned())]
    );
}

#[tokio::test]
async fn two_approvals_in_one_pipeline_get_a_notice_each_with_its_own_token() {
    let mut fake = FakeApprovals::default();
    fake.add("web", "Staging", 4 * H, None);
    fake.add("web", "Prod", 4 * H, None);
    let (out, sent) = run(&fake, &config(&[]), &scheduled()).await;
    assert_eq!(out.sent.len(), 2);
    let bodies: Vec<&String> = sent.iter().map(|(_, b)| b).collect();
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("--stage-name Staging") && b.contains("--token token-web-Staging"))
    );
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("--stage-name Prod") && b.contains("--token token-web-Prod"))
    );
    for b in bodies {
        assert!(b.contains("Review release of web"), "{b}");
        assert!(b.contains("9b2e4f1 Release 2026.11"), "{b}");
        assert!(b.contains("https://jira.example/REL-7"), "{b}");
    }
}

#[tokio::test]
async fn a_failing_state_read_is_a_gap_and_the_scan_goes_on() {
    let mut fake = FakeApprovals::default();
    for i in 0..60 {
        let name = format!("p-{i:02}");
        if i % 6 == 0 {
            fake.add(&name, "Prod", 4 * H, None);
        } else {
            fake.pipelines.push(name);
        }
    }
    fake.failing.insert("p-06".into());
    fake.failing.insert("p-07".into());
    // ListPipelines answers in pages of 25: three pages.
    fake.page = 25;
    let (out, _) = run(
        &fake,
        &config(&[("SCAN_REQUESTS_PER_SECOND", "100")]),
        &scheduled(),
    )
    .await;
    assert_eq!(out.pipelines, 60);
    assert_eq!(out.gaps, 2);
    // 3 pages + 60 states + 9 definitions (p-06's state failed) + 9 executions.
    assert_eq!(fake.starts.lock().unwrap().len(), 3 + 60 + 9 + 9);
    // p-06 had an approval but its state could not be read; the other nine are announced.
    assert_eq!(out.sent.len(), 9, "{:?}", out.sent);
    assert!(!out.sent.iter().any(|(_, p, _)| p == "p-06"));
    // A name prefix narrows the scan.
    let (only, _) = run(
        &fake,
        &config(&[
            ("SCAN_REQUESTS_PER_SECOND", "100"),
            ("PIPELINE_NAME_PREFIX", "p-1"),
        ]),
        &scheduled(),
    )
    .await;
    assert_eq!(only.pipelines, 10);
}

#[tokio::test(start_paused = true)]
async fn the_scan_keeps_to_its_request_rate() {
    let mut fake = FakeApprovals {
        latency: Duration::from_millis(50),
        ..FakeApprovals::default()
    };
    for i in 0..80 {
        fake.pipelines.push(format!("p-{i}"));
    }
    fake.add("p-3", "Prod", 4 * H, None);
    let start = Instant::now();
    let (out, _) = run(
        &fake,
        &config(&[("SCAN_REQUESTS_PER_SECOND", "20")]),
        &scheduled(),
    )
    .await;
    assert_eq!(out.sent.len(), 1);
    let starts = fake.starts.lock().unwrap().clone();
    // ListPipelines + 80 states + 1 definition + 1 execution.
    assert_eq!(starts.len(), 83);
    for (i, t) in starts.iter().enumerate() {
        let in_window = starts[i..]
            .iter()
            .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
            .count();
        assert!(in_window <= 20, "{in_window} calls within a second");
    }
    // Paced, not serialized: 82 paced calls at 20/s take about 4 s.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn an_approval_that_starts_is_announced_at_once() {
    let mut fake = FakeApprovals::default();
    fake.add("web", "Prod", 0, None);
    let event = json!({"source": "aws.codepipeline", "detail-type": "CodePipeline Action Execution State Change",
        "region": "eu-west-1",
        "detail": {"pipeline": "web", "execution-id": "web-x", "stage": "Prod", "action": "Approve", "state": "STARTED",
                   "region": "eu-west-1", "type": {"owner": "AWS", "category": "Approval", "provider": "Manual", "version": "1"}}});
    let (out, sent) = run(&fake, &config(&[("REPORT_LANGUAGE", "ja")]), &event).await;
    assert_eq!(
        kinds(&out),
        [(NoticeKind::Needed, "web Prod/Approve".to_owned())]
    );
    let (subject, body) = &sent[0];
    assert_eq!(subject, "承認待ち: web Prod/Approve");
    assert!(
        body.contains("承認を待っている") && body.contains("--token token-web-Prod"),
        "{body}"
    );
    assert!(body.contains("https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/web/view?region=eu-west-1"));
    // Answered before the function ran: nothing to announce.
    let mut answered = FakeApprovals::default();
    answered.pipelines.push("web".into());
    let (out, sent) = run(&answered, &config(&[]), &event).await;
    assert!(out.sent.is_empty() && sent.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_reaches_the_subscriber_through_the_emulator() {
    use crate::emulated::World;
    use triage::aws::{CodePipelineAdapter, SnsPublisher};
    let w = World::new().await;
    let since = (NOW - 4 * H) as f64;
    w.em.answer(json!([
        {"op": "ListPipelines", "body": {"pipelines": [{"name": "web"}, {"name": "api"}, {"name": "locked"}]}},
        {"op": "GetPipelineState", "match": "\"web\"", "body": {"pipelineName": "web", "stageStates": [
            {"stageName": "Build", "latestExecution": {"pipelineExecutionId": "web-x", "status": "Succeeded"},
             "actionStates": [{"actionName": "Compile", "latestExecution": {"status": "Succeeded"}}]},
            {"stageName": "Prod", "latestExecution": {"pipelineExecutionId": "web-x", "status": "InProgress"},
             "actionStates": [{"actionName": "Approve", "latestExecution": {"status": "InProgress", "token": "tok-123", "lastStatusChange": since}}]}]}},
        {"op": "GetPipelineState", "match": "\"api\"", "body": {"pipelineName": "api", "stageStates": []}},
        {"op": "GetPipelineState", "match": "\"locked\"", "status": 400,
         "body": {"__type": "AccessDeniedException", "message": "not authorized to perform codepipeline:GetPipelineState"}},
        {"op": "GetPipeline", "match": "\"web\"", "body": {"pipeline": {"name": "web", "roleArn": "arn:aws:iam::123456789012:role/p", "version": 3,
            "artifactStore": {"type": "S3", "location": "b"},
            "stages": [{"name": "Prod", "actions": [{"name": "Approve",
                "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"},
                "configuration": {"CustomData": "Check the canary dashboard first"}, "timeoutInMinutes": 1440}]}]}}},
        {"op": "GetPipelineExecution", "match": "web-x", "body": {"pipelineExecution": {"pipelineName": "web", "pipelineExecutionId": "web-x",
            "status": "InProgress", "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "c0ffee1", "revisionSummary": "Ship it"}]}}}
    ]));
    let pipeline = CodePipelineAdapter::new(aws_sdk_codepipeline::Client::new(&w.sdk));
    let publisher = SnsPublisher::new(aws_sdk_sns::Client::new(&w.sdk), &w.topic);
    let ports = Ports {
        approvals: &pipeline,
        pipelines: &pipeline,
        publisher: &publisher,
    };
    let cfg = config(&[("SCAN_REQUESTS_PER_SECOND", "50")]);
    let event = json!({"source": "aws.events", "detail-type": "Scheduled Event", "time": "2026-11-26T10:00:00Z", "region": "us-east-1"});
    let out = handle(
        &event,
        ports,
        &cfg,
        NOW,
        Instant::now() + Duration::from_secs(30),
    )
    .await
    .unwrap();
    assert_eq!((out.pipelines, out.waiting, out.gaps), (3, 1, 1), "{out:?}");
    // A 24-hour timeout: it was escalated on the first run after it started; at 4 h it is a
    // reminder that says how long is left.
    assert_eq!(
        kinds(&out),
        [(NoticeKind::Reminder, "web Prod/Approve".to_owned())]
    );
    let (subject, message) = w.report("approval_reminder").await;
    assert_eq!(subject, "Approval waiting 4h 0m: web Prod/Approve");
    let notice: Value = serde_json::from_str(&message).unwrap();
    assert_eq!(notice["notice"], "reminder");
    assert_eq!(notice["expires_in_seconds"], 20 * 3_600);
    assert_eq!(notice["revision"]["id"], "c0ffee1");
    assert_eq!(notice["custom_data"], "Check the canary dashboard first");
    assert!(
        notice["commands"]["approve"]
            .as_str()
            .unwrap()
            .contains("--token tok-123")
    );
}

#[tokio::test(start_paused = true)]
async fn a_scan_that_runs_out_of_time_ends_at_its_deadline() {
    use triage::approvals::{Pacer, ScanLimits, scan};
    let mut fake = FakeApprovals::default();
    for i in 0..1_000 {
        fake.pipelines.push(format!("p-{i}"));
    }
    let start = Instant::now();
    let limits = ScanLimits::default();
    let pacer = Pacer::new(limits.rate_per_second);
    let result = scan(
        &fake,
        &fake,
        None,
        limits,
        &pacer,
        start + Duration::from_secs(3),
    )
    .await;
    // About 30 states were read in 3 s at 10/s; the rest are gaps, and nothing waited past it.
    assert!(
        start.elapsed() <= Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    let read = fake.starts.lock().unwrap().len();
    assert!((25..=32).contains(&read), "{read}");
    assert_eq!(result.gaps.len(), 1_000 - (read - 1));
    assert!(result.gaps.iter().all(|g| g.reason == GapReason::Timeout));
}
