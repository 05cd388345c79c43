//! `approval-reminder`: the logic behind the Lambda. `main.rs` only wires it.
//!
//! Two triggers:
//! - an approval action STARTED event → an "approval needed" notice at once;
//! - a schedule → scan every pipeline for waiting approvals, and send the reminders whose
//!   threshold was crossed since the previous scheduled run (the window ends at the event's
//!   scheduled `time`, so a retried run covers the same window).

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use tokio::time::Instant;
use triage::approvals::{
    NoticeKind, Pacer, ReminderPolicy, ScanLimits, parse_utc, pending, revision, scan,
};
use triage::evidence::PipelineName;
use triage::ports::{ApprovalPort, PipelinePort, PortError, Publisher};
use triage::report::approval::ApprovalNotice;
use triage::text::Lang;

/// Configuration, read once at start-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `REPORT_TOPIC_ARN`: where notices go.
    pub topic_arn: String,
    /// `REPORT_LANGUAGE`: `en` (default) or `ja`.
    pub lang: Lang,
    /// `REMIND_AFTER_HOURS` (4), `REMIND_EVERY_HOURS` (24), `ESCALATE_WITHIN_HOURS` (24).
    pub policy: ReminderPolicy,
    /// `SCAN_INTERVAL_MINUTES`: the schedule's period (60); a run covers this window.
    pub interval: Duration,
    /// `SCAN_REQUESTS_PER_SECOND` (10), `SCAN_CONCURRENCY` (4), `CALL_TIMEOUT_MS` (5000).
    pub limits: ScanLimits,
    /// `PIPELINE_NAME_PREFIX`: only pipelines whose name starts with it (all when unset).
    pub prefix: Option<String>,
}

pub use triage::config::ConfigError;
use triage::config::Settings;

impl Config {
    /// From the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// From any lookup (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Settings::new(get);
        let number = |name: &'static str, default: f64, min: f64, max: f64| {
            env.number(name, default, min..=max, "a number in range")
        };
        let hours = |h: f64| Duration::from_secs_f64(h * 3_600.0);
        Ok(Self {
            topic_arn: env.required("REPORT_TOPIC_ARN")?,
            lang: env.lang("REPORT_LANGUAGE")?,
            policy: ReminderPolicy {
                first: hours(number("REMIND_AFTER_HOURS", 4.0, 0.1, 1_440.0)?),
                every: hours(number("REMIND_EVERY_HOURS", 24.0, 0.5, 1_440.0)?),
                escalate_within: hours(number("ESCALATE_WITHIN_HOURS", 24.0, 0.0, 1_440.0)?),
            },
            interval: Duration::from_secs_f64(
                60.0 * number("SCAN_INTERVAL_MINUTES", 60.0, 1.0, 1_440.0)?,
            ),
            limits: ScanLimits {
                rate_per_second: number("SCAN_REQUESTS_PER_SECOND", 10.0, 0.1, 100.0)?,
                concurrency: number("SCAN_CONCURRENCY", 4.0, 1.0, 32.0)? as usize,
                call_timeout: Duration::from_millis(number(
                    "CALL_TIMEOUT_MS",
                    5_000.0,
                    100.0,
                    60_000.0,
                )? as u64),
            },
            prefix: env.text("PIPELINE_NAME_PREFIX"),
        })
    }
}

/// What an event asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// A scheduled scan; the window ends at `time` (epoch seconds).
    Scheduled {
        /// The scheduled time.
        time: i64,
        /// The Region of the event.
        region: Option<String>,
    },
    /// An approval action started.
    Started {
        /// The pipeline.
        pipeline: String,
        /// The stage.
        stage: String,
        /// The approval action.
        action: String,
        /// The Region.
        region: Option<String>,
    },
    /// Nothing to do, and why.
    Skip(String),
}

/// Reads an event tolerantly.
pub fn intake(event: &Value, now: i64) -> Trigger {
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let source = s(event, "source").unwrap_or_default();
    let detail_type = s(event, "detail-type").unwrap_or_default();
    let region = s(event, "region");
    if source == "aws.events" || detail_type == "Scheduled Event" {
        // Scheduled rules fire within their minute: the window edge is the minute, so runs
        // tile the time line whatever their seconds.
        let time = s(event, "time").and_then(|t| parse_utc(&t)).unwrap_or(now);
        let time = time - time.rem_euclid(60);
        return Trigger::Scheduled { time, region };
    }
    if source != "aws.codepipeline" || detail_type != "CodePipeline Action Execution State Change" {
        return Trigger::Skip(format!(
            "not a schedule or an approval action event (source {source:?}, detail-type {detail_type:?})"
        ));
    }
    let Some(detail) = event.get("detail") else {
        return Trigger::Skip("no detail".into());
    };
    let state = s(detail, "state").unwrap_or_default();
    let category = detail
        .get("type")
        .and_then(|t| s(t, "category"))
        .unwrap_or_default();
    if state != "STARTED" || category != "Approval" {
        return Trigger::Skip(format!(
            "action {category} {state}: not an approval starting"
        ));
    }
    match (
        s(detail, "pipeline"),
        s(detail, "stage"),
        s(detail, "action"),
    ) {
        (Some(pipeline), Some(stage), Some(action)) => Trigger::Started {
            pipeline,
            stage,
            action,
            region: s(detail, "region").or(region),
        },
        _ => Trigger::Skip("approval event without pipeline, stage or action".into()),
    }
}

/// What an invocation did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outcome {
    /// `scan`, `started` or `skipped`.
    pub trigger: &'static str,
    /// Why it was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Pipelines scanned.
    pub pipelines: usize,
    /// Approvals waiting.
    pub waiting: usize,
    /// Notices published (kind, pipeline, stage/action).
    pub sent: Vec<(NoticeKind, String, String)>,
    /// Notices that could not be published.
    pub failed: usize,
    /// Sources that could not be read.
    pub gaps: usize,
    /// CodePipeline calls.
    pub calls: u32,
}

/// Only when every notice failed to publish (or a started approval's state could not be read)
/// is the invocation an error, and retried.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// No notice could be published.
    #[error("publishing {0} notices failed")]
    Publish(usize, #[source] PortError),
    /// The started approval's pipeline state (and so its token) could not be read.
    #[error("the pipeline state of a started approval could not be read")]
    State(#[source] PortError),
}

/// The AWS side of the function.
#[derive(Clone, Copy)]
#[allow(missing_debug_implementations)] // trait objects
pub struct Ports<'a> {
    /// ListPipelines and GetPipelineState.
    pub approvals: &'a dyn ApprovalPort,
    /// GetPipeline and GetPipelineExecution.
    pub pipelines: &'a dyn PipelinePort,
    /// SNS.
    pub publisher: &'a dyn Publisher,
}

/// Handles one event at `now` (epoch seconds), within `deadline`.
pub async fn handle(
    event: &Value,
    ports: Ports<'_>,
    config: &Config,
    now: i64,
    deadline: Instant,
) -> Result<Outcome, HandlerError> {
    match intake(event, now) {
        Trigger::Skip(reason) => {
            tracing::info!(reason = %reason, "event skipped");
            Ok(Outcome {
                trigger: "skipped",
                skipped: Some(reason),
                ..Outcome::default()
            })
        }
        Trigger::Scheduled { time, region } => {
            scheduled(ports, config, time, now, region.as_deref(), deadline).await
        }
        Trigger::Started {
            pipeline,
            stage,
            action,
            region,
        } => {
            started(
                ports,
                config,
                &PipelineName::new(pipeline),
                (&stage, &action),
                region.as_deref(),
                now,
            )
            .await
        }
    }
}

async fn scheduled(
    ports: Ports<'_>,
    config: &Config,
    time: i64,
    now: i64,
    region: Option<&str>,
    deadline: Instant,
) -> Result<Outcome, HandlerError> {
    let end = time;
    let start = end - i64::try_from(config.interval.as_secs()).unwrap_or(3_600);
    let pacer = Pacer::new(config.limits.rate_per_second);
    // The scan stops early enough to publish what it found (a fifth of the time, 10 to 60 s).
    let left = deadline.saturating_duration_since(Instant::now());
    let reserve = (left / 5).clamp(Duration::from_secs(10), Duration::from_secs(60));
    let scan_deadline = deadline.checked_sub(reserve).unwrap_or_else(Instant::now);
    let result = scan(
        ports.approvals,
        ports.pipelines,
        config.prefix.as_deref(),
        config.limits,
        &pacer,
        scan_deadline,
    )
    .await;
    let mut out = Outcome {
        trigger: "scan",
        pipelines: result.pipelines,
        waiting: result.pending.len(),
        gaps: result.gaps.len(),
        calls: result.calls,
        ..Outcome::default()
    };
    let mut last_error = None;
    for p in &result.pending {
        let Some(since) = p.waiting.since else {
            continue;
        };
        // Unknown expiry (the definition was not read): reminders only.
        let Some(kind) = config
            .policy
            .due(since, p.expires.unwrap_or(i64::MAX), start, end)
        else {
            continue;
        };
        if Instant::now() >= deadline {
            tracing::warn!(pipeline = %p.pipeline, "no time left to publish this notice");
            out.failed += 1;
            continue;
        }
        out.calls += 1;
        let rev = revision(
            ports.pipelines,
            &pacer,
            &p.pipeline,
            p.waiting.execution_id.as_deref(),
        )
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(pipeline = %p.pipeline, error = %e, "revision unreadable");
            None
        });
        let notice = ApprovalNotice::build(p, kind, region, rev, config.lang, now);
        match send(ports.publisher, &notice).await {
            Ok(()) => out.sent.push((
                kind,
                p.pipeline.to_string(),
                format!("{}/{}", p.waiting.stage, p.waiting.action),
            )),
            Err(e) => {
                out.failed += 1;
                last_error = Some(e);
            }
        }
    }
    tracing::info!(
        pipelines = out.pipelines,
        waiting = out.waiting,
        sent = out.sent.len(),
        failed = out.failed,
        gaps = out.gaps,
        calls = out.calls,
        "approval scan done"
    );
    match last_error {
        Some(e) if out.sent.is_empty() => Err(HandlerError::Publish(out.failed, e)),
        _ => Ok(out),
    }
}

async fn started(
    ports: Ports<'_>,
    config: &Config,
    pipeline: &PipelineName,
    (stage, action): (&str, &str),
    region: Option<&str>,
    now: i64,
) -> Result<Outcome, HandlerError> {
    let mut out = Outcome {
        trigger: "started",
        pipelines: 1,
        calls: 2,
        ..Outcome::default()
    };
    let (state, def) = tokio::join!(
        ports.approvals.waiting(pipeline),
        ports.pipelines.pipeline(pipeline)
    );
    let waiting = match state {
        Ok(w) => w,
        Err(e) => {
            // Without the state there is no token: say so and let Lambda retry.
            tracing::warn!(pipeline = %pipeline, error = %e, "pipeline state unreadable");
            return Err(HandlerError::State(e));
        }
    };
    let def = def
        .map_err(
            |e| tracing::warn!(pipeline = %pipeline, error = %e, "pipeline definition unreadable"),
        )
        .ok();
    let Some(w) = waiting
        .into_iter()
        .find(|w| w.stage == stage && w.action == action)
    else {
        tracing::info!(pipeline = %pipeline, stage, action, "approval no longer waiting");
        out.skipped = Some("the approval was already answered".into());
        return Ok(out);
    };
    out.waiting = 1;
    let mut w = w;
    w.since.get_or_insert(now);
    let p = pending(pipeline, w, def.as_ref());
    out.calls += 1;
    let pacer = Pacer::new(config.limits.rate_per_second);
    let rev = revision(
        ports.pipelines,
        &pacer,
        pipeline,
        p.waiting.execution_id.as_deref(),
    )
    .await
    .unwrap_or(None);
    let notice = ApprovalNotice::build(&p, NoticeKind::Needed, region, rev, config.lang, now);
    send(ports.publisher, &notice)
        .await
        .map_err(|e| HandlerError::Publish(1, e))?;
    out.sent.push((
        NoticeKind::Needed,
        pipeline.to_string(),
        format!("{stage}/{action}"),
    ));
    Ok(out)
}

async fn send(publisher: &dyn Publisher, notice: &ApprovalNotice) -> Result<(), PortError> {
    let id = publisher.publish(&notice.publication()).await?;
    tracing::info!(pipeline = %notice.pipeline, stage = %notice.stage, action = %notice.action, kind = ?notice.kind, message_id = %id, "notice published");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn config_defaults_and_errors_name_the_variable() {
        let c = Config::from_lookup(|k| (k == "REPORT_TOPIC_ARN").then(|| "t".to_owned())).unwrap();
        assert_eq!(c.policy, ReminderPolicy::default());
        assert_eq!(c.interval, Duration::from_secs(3_600));
        assert_eq!(c.limits.rate_per_second, 10.0);
        let e = Config::from_lookup(|k| match k {
            "REPORT_TOPIC_ARN" => Some("t".into()),
            "SCAN_REQUESTS_PER_SECOND" => Some("fast".into()),
            _ => None,
        })
        .unwrap_err();
        assert!(e.to_string().contains("SCAN_REQUESTS_PER_SECOND"));
    }

    #[test]
    fn events_become_triggers() {
        let scheduled = json!({"source": "aws.events", "detail-type": "Scheduled Event", "time": "2026-11-26T10:00:00Z", "region": "eu-west-1"});
        assert_eq!(
            intake(&scheduled, 0),
            Trigger::Scheduled {
                time: 1_795_687_200,
                region: Some("eu-west-1".into())
            }
        );
        let started = json!({"source": "aws.codepipeline", "detail-type": "CodePipeline Action Execution State Change",
            "detail": {"pipeline": "web", "stage": "Prod", "action": "Approve", "state": "STARTED", "region": "eu-west-1",
                       "type": {"category": "Approval", "provider": "Manual", "owner": "AWS", "version": "1"}}});
        assert!(matches!(intake(&started, 0), Trigger::Started { .. }));
        let mut build = started.clone();
        build["detail"]["type"]["category"] = json!("Build");
        assert!(matches!(intake(&build, 0), Trigger::Skip(_)));
        assert!(matches!(intake(&json!([1, 2]), 0), Trigger::Skip(_)));
        assert_eq!(parse_utc("1970-01-01T00:00:01.5Z"), Some(1));
        assert_eq!(parse_utc("2026-13-01T00:00:00Z"), None);
    }
}
