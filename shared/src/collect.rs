//! Collection: from a failure event to an evidence bundle, through the ports.
//!
//! Independent calls run concurrently, each bounded by the smaller of a per-call timeout and
//! what is left of the invocation's deadline. A call that fails (AccessDenied on our own role,
//! throttling, timeout, not found) becomes a named gap and collection goes on: the report is
//! built from whatever was read, down to the event alone.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::Category;
use crate::digest::{LogDigest, bounded_word, cut};
use crate::engine::{Family, diagnose};
use crate::event::{FailureEvent, FailureScope};
use crate::evidence::{
    Check, CheckKind, CheckOutcome, Evidence, Failure, Gap, GapReason, LastSuccess, LogLine,
    Origin, Trigger,
};
use crate::ports::{
    ActionExecution, ArtifactPort, BuildPort, DeployPort, ExecutionInfo, IamPort, LogPort,
    PipelineDef, PipelinePort, PortError, PortResult, SourcePort, StackPort,
};
use crate::redact::{redact, redact_with};
use crate::text::{Lang, Phrases, fill, phrases};

/// The adapters a collection uses.
#[derive(Clone, Copy)]
pub struct Ports<'a> {
    /// CodePipeline.
    pub pipeline: &'a dyn PipelinePort,
    /// CodeBuild.
    pub builds: &'a dyn BuildPort,
    /// CloudWatch Logs.
    pub logs: &'a dyn LogPort,
    /// CodeDeploy.
    pub deploy: &'a dyn DeployPort,
    /// CloudFormation.
    pub stacks: &'a dyn StackPort,
    /// IAM simulation.
    pub iam: &'a dyn IamPort,
    /// CodeCommit and CodeConnections.
    pub source: &'a dyn SourcePort,
    /// S3 and KMS.
    pub artifacts: &'a dyn ArtifactPort,
}

impl std::fmt::Debug for Ports<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ports")
    }
}

/// Bounds of one collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest a single call may take.
    pub call_timeout: Duration,
    /// Log pages read at most per log stream.
    pub log_pages: u32,
    /// Language of the observations written into the evidence.
    pub lang: Lang,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            call_timeout: Duration::from_secs(5),
            log_pages: 10,
            lang: Lang::En,
        }
    }
}

/// How many calls a collection made (for benchmarks and logs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallStats {
    /// Calls started.
    pub calls: u32,
    /// Of those, failed (gaps).
    pub failed: u32,
    /// Sequential rounds of calls (the critical path).
    pub rounds: u32,
}

struct Guard {
    deadline: Instant,
    per_call: Duration,
    phrases: &'static Phrases,
}

impl Guard {
    /// Runs one port call within its share of the deadline; a failure is a gap.
    async fn call<T>(
        &self,
        source: &str,
        fut: impl Future<Output = PortResult<T>>,
    ) -> Result<T, Gap> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        let budget = left.min(self.per_call);
        if budget.is_zero() {
            return Err(gap(source, GapReason::Timeout, self.phrases.no_time_left));
        }
        match tokio::time::timeout(budget, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(PortError { reason, message })) => Err(gap(source, reason, message)),
            Err(_) => Err(gap(
                source,
                GapReason::Timeout,
                fill(
                    self.phrases.no_answer_within,
                    &[("ms", &budget.as_millis().to_string())],
                ),
            )),
        }
    }
}

fn gap(source: &str, reason: GapReason, detail: impl Into<String>) -> Gap {
    Gap {
        source: source.to_owned(),
        reason,
        detail: cut(&redact(&detail.into()), 500),
    }
}

/// A failure text as stored in the evidence: bounded, without control characters or secrets
/// (bundles are saved and shared).
fn clean(text: &str) -> String {
    cut(&redact(bounded_word(text, 64_000)), 4_000)
}

/// Keys whose values are secrets in action configurations: never stored.
const SECRET_KEYS: &[&str] = &["OAuthToken", "Secret", "Password", "Token", "ApiKey"];

fn public_configuration(config: &[(String, String)]) -> Vec<(String, String)> {
    config
        .iter()
        .map(|(k, v)| {
            let secret = SECRET_KEYS
                .iter()
                .any(|s| k.to_ascii_lowercase().contains(&s.to_ascii_lowercase()));
            let value = if secret {
                crate::redact::MASK.to_owned()
            } else if k == "EnvironmentVariables" {
                mask_environment_variables(v)
            } else {
                cut(&redact(v), 300)
            };
            (k.clone(), value)
        })
        .collect()
}

/// A CodeBuild/Commands `EnvironmentVariables` configuration (JSON) with every value masked
/// except the names of Parameter Store and Secrets Manager entries.
fn mask_environment_variables(json: &str) -> String {
    let Ok(serde_json::Value::Array(mut vars)) = serde_json::from_str::<serde_json::Value>(json)
    else {
        return crate::redact::MASK.to_owned();
    };
    for v in &mut vars {
        let reference = matches!(
            v.get("type").and_then(serde_json::Value::as_str),
            Some("PARAMETER_STORE" | "SECRETS_MANAGER")
        );
        if !reference && let Some(value) = v.get_mut("value") {
            *value = serde_json::Value::String(crate::redact::MASK.to_owned());
        }
    }
    cut(&redact(&serde_json::Value::Array(vars).to_string()), 1_000)
}

/// PLAINTEXT values of an `EnvironmentVariables` configuration (to mask wherever they appear).
fn plaintext_values(config: &[(String, String)]) -> Vec<String> {
    let Some(json) = config
        .iter()
        .find(|(k, _)| k == "EnvironmentVariables")
        .map(|(_, v)| v)
    else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Array(vars)) = serde_json::from_str::<serde_json::Value>(json) else {
        return Vec::new();
    };
    vars.iter()
        .filter(|v| {
            !matches!(
                v.get("type").and_then(serde_json::Value::as_str),
                Some("PARAMETER_STORE" | "SECRETS_MANAGER")
            )
        })
        .filter_map(|v| {
            v.get("value")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        })
        .collect()
}

fn config<'c>(config: &'c [(String, String)], key: &str) -> Option<&'c str> {
    config
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Collects the evidence of one failure.
pub async fn collect(
    event: &FailureEvent,
    ports: Ports<'_>,
    deadline: Instant,
    limits: Limits,
) -> (Evidence, CallStats) {
    let guard = Guard {
        deadline,
        per_call: limits.call_timeout,
        phrases: phrases(limits.lang),
    };
    let mut stats = CallStats::default();
    let mut e = seed(event);

    // Round 1: the execution as CodePipeline saw it.
    let name = &event.pipeline;
    let id = &event.execution_id;
    let (def, execution, actions) = tokio::join!(
        guard.call("codepipeline:GetPipeline", ports.pipeline.pipeline(name)),
        guard.call(
            "codepipeline:GetPipelineExecution",
            ports.pipeline.execution(name, id)
        ),
        guard.call(
            "codepipeline:ListActionExecutions",
            ports.pipeline.action_executions(name, id)
        ),
    );
    stats.calls += 3;
    stats.rounds += 1;
    let def = record(&mut e, &mut stats, def);
    let execution = record(&mut e, &mut stats, execution);
    let actions = record(&mut e, &mut stats, actions).unwrap_or_default();
    let failed = failed_action(event, &actions);
    apply_round_one(&mut e, def.as_ref(), execution.as_ref(), failed);

    // Round 2: the failed action's own service, and the last green run.
    let family = Family::detect(
        e.failure.provider.as_deref(),
        e.failure.action_category.as_deref(),
        e.failure.stage.as_deref(),
    );
    let external = e.failure.external_execution_id.clone();
    let log_stream_arn = failed.and_then(|a| a.log_stream_arn.clone());
    let action_secrets = failed
        .map(|a| plaintext_values(&a.configuration))
        .unwrap_or_default();
    if !action_secrets.is_empty() {
        let values: Vec<&str> = action_secrets.iter().map(String::as_str).collect();
        e.failure.message = redact_with(&e.failure.message, &values);
    }
    let stack = config(&e.context.action_configuration, "StackName").map(str::to_owned);
    let provider = e.failure.provider.clone().unwrap_or_default();
    let detail = async {
        let mut lines: Vec<LogLine> = Vec::new();
        let mut gaps: Vec<Gap> = Vec::new();
        let mut calls = 0u32;
        let mut build_role = None;
        let mut build_log_link = None;
        let mut build_secrets: Vec<String> = Vec::new();
        if provider == "Commands" || log_stream_arn.is_some() {
            if let Some((group, stream)) = log_stream_arn.as_deref().and_then(split_log_stream_arn)
            {
                calls += 1;
                read_log(
                    &guard,
                    ports.logs,
                    &group,
                    &stream,
                    Origin::CommandsLog,
                    limits.log_pages,
                    &action_secrets
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>(),
                    &mut lines,
                    &mut gaps,
                )
                .await;
            }
        } else if family == Family::Build {
            if let Some(build_id) = external.as_deref() {
                calls += 1;
                match guard
                    .call("codebuild:BatchGetBuilds", ports.builds.build(build_id))
                    .await
                {
                    Ok(build) => {
                        build_role = build.service_role.clone();
                        build_log_link = build.log_link.clone();
                        build_secrets = build.plaintext_values.clone();
                        let secrets: Vec<&str> =
                            build.plaintext_values.iter().map(String::as_str).collect();
                        for p in &build.phases {
                            for (code, message) in &p.contexts {
                                if code.is_empty() && message.is_empty() {
                                    continue;
                                }
                                lines.push(LogLine {
                                    origin: Origin::BuildPhase,
                                    line: None,
                                    text: cut(
                                        &redact_with(
                                            &format!(
                                                "{} | {} | {code}: {message}",
                                                p.phase,
                                                p.status.as_deref().unwrap_or("")
                                            ),
                                            &secrets,
                                        ),
                                        1_000,
                                    ),
                                });
                            }
                        }
                        if let (Some(g), Some(s)) =
                            (build.log_group.as_deref(), build.log_stream.as_deref())
                        {
                            calls += 1;
                            read_log(
                                &guard,
                                ports.logs,
                                g,
                                s,
                                Origin::BuildLog,
                                limits.log_pages,
                                &secrets,
                                &mut lines,
                                &mut gaps,
                            )
                            .await;
                        } else {
                            gaps.push(gap(
                                "logs:GetLogEvents",
                                GapReason::NotProvided,
                                guard.phrases.no_log_stream,
                            ));
                        }
                    }
                    Err(g) => gaps.push(g),
                }
            }
        } else if matches!(family, Family::CodeDeploy | Family::EcsBlueGreen) {
            if let Some(dep) = external.as_deref() {
                calls += 1;
                match guard
                    .call("codedeploy:GetDeployment", ports.deploy.deployment(dep))
                    .await
                {
                    Ok(d) => {
                        if let Some(m) = &d.error_message {
                            let code = d.error_code.as_deref().unwrap_or("");
                            lines.push(LogLine {
                                origin: Origin::DeploymentError,
                                line: None,
                                text: cut(&redact(&format!("{code}: {m}")), 1_000),
                            });
                        }
                        if let Some(why) = &d.targets_unread {
                            gaps.push(gap(
                                "codedeploy:ListDeploymentTargets",
                                GapReason::Other,
                                why.clone(),
                            ));
                        }
                        for diag in &d.diagnostics {
                            let head = format!(
                                "{} {} {}: {} {}",
                                diag.target,
                                diag.event,
                                diag.status,
                                diag.error_code.as_deref().unwrap_or(""),
                                diag.message.as_deref().unwrap_or("")
                            );
                            lines.push(LogLine {
                                origin: Origin::DeploymentLifecycle,
                                line: None,
                                text: cut(&redact(&head), 1_000),
                            });
                            if let Some(tail) = &diag.log_tail {
                                // The digest redacts line by line, blocks and splits included.
                                let mut digest = LogDigest::new(Origin::DeploymentLifecycle);
                                digest.push_text(tail);
                                lines.extend(digest.finish());
                            }
                        }
                    }
                    Err(g) => gaps.push(g),
                }
            }
        } else if family == Family::CloudFormation
            && let Some(stack) = stack.as_deref()
        {
            calls += 1;
            match guard
                .call(
                    "cloudformation:DescribeStackEvents",
                    ports.stacks.events(stack),
                )
                .await
            {
                Ok((status, mut events)) => {
                    events.sort_by(|a, b| a.time.cmp(&b.time));
                    let failures = events.iter().filter(|ev| ev.status.ends_with("_FAILED"));
                    for ev in failures.take(20) {
                        lines.push(LogLine {
                            origin: Origin::StackEvent,
                            line: None,
                            text: cut(
                                &redact(&format!(
                                    "{} {} {} {} {}",
                                    ev.time,
                                    ev.status,
                                    ev.resource_type,
                                    ev.logical_id,
                                    ev.reason.as_deref().unwrap_or("")
                                )),
                                1_000,
                            ),
                        });
                    }
                    if let Some(s) = status {
                        lines.push(LogLine {
                            origin: Origin::StackEvent,
                            line: None,
                            text: format!("stack {stack} is {s}"),
                        });
                    }
                }
                Err(g) => gaps.push(g),
            }
        }
        (
            lines,
            gaps,
            calls,
            (build_role, build_log_link),
            build_secrets,
        )
    };
    let green = async {
        let r = guard
            .call(
                "codepipeline:ListPipelineExecutions",
                ports.pipeline.last_success(name, id),
            )
            .await;
        (r, 1u32)
    };
    let ((lines, gaps, calls, (build_role, build_log_link), build_secrets), (green, green_calls)) =
        tokio::join!(detail, green);
    if !build_secrets.is_empty() {
        let values: Vec<&str> = build_secrets.iter().map(String::as_str).collect();
        e.failure.message = redact_with(&e.failure.message, &values);
    }
    stats.calls += calls + green_calls;
    stats.failed += gaps.len() as u32;
    stats.rounds += if calls > 1 { 2 } else { 1 };
    e.logs.extend(lines);
    e.gaps.extend(gaps);
    e.context.build_role = build_role;
    if let Some(link) = build_log_link {
        e.context.links.push(("build_log".to_owned(), link));
    }
    match green {
        Ok(Some(g)) => {
            e.last_success = Some(changes_since_checked(
                &g,
                execution.as_ref(),
                &e,
                phrases(limits.lang),
            ));
        }
        Ok(None) => {}
        Err(g) => {
            stats.failed += 1;
            e.gaps.push(g);
        }
    }

    // Round 3: the checks that confirm or refute the leading hypotheses.
    let (checks, gaps, calls) = run_checks(&e, &guard, ports, phrases(limits.lang)).await;
    if calls > 0 {
        stats.rounds += 1;
    }
    stats.calls += calls;
    stats.failed += gaps.len() as u32;
    e.checks.extend(checks);
    e.gaps.extend(gaps);
    // Everything the bundle holds, redacted once more as a whole: identifiers, and lines that
    // only show a secret when read together.
    crate::redact::scrub::evidence(&mut e);
    (e, stats)
}

fn record<T>(e: &mut Evidence, stats: &mut CallStats, r: Result<T, Gap>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(g) => {
            stats.failed += 1;
            e.gaps.push(g);
            None
        }
    }
}

/// The evidence the event alone carries.
fn seed(event: &FailureEvent) -> Evidence {
    let mut e = Evidence::new();
    e.pipeline = Some(event.pipeline.clone());
    e.execution_id = Some(event.execution_id.clone());
    e.attempt = Some(event.attempt);
    e.region = event.region.clone();
    e.trigger = event.trigger.clone();
    if let FailureScope::Action(a) = &event.scope {
        e.failure = Failure {
            stage: a.stage.clone(),
            action: a.action.clone(),
            provider: a.provider.clone(),
            action_category: a.category.clone(),
            error_code: a.error_code.clone(),
            message: a
                .external_execution_summary
                .clone()
                .map(|m| clean(&m))
                .unwrap_or_default(),
            external_execution_id: a.external_execution_id.clone(),
            external_execution_url: a.external_execution_url.clone(),
        };
    }
    e
}

/// The action the triage is about: the event's, else the first that failed.
fn failed_action<'a>(
    event: &FailureEvent,
    actions: &'a [ActionExecution],
) -> Option<&'a ActionExecution> {
    if let FailureScope::Action(a) = &event.scope {
        let named = actions
            .iter()
            .filter(|x| Some(&x.stage) == a.stage.as_ref() && Some(&x.action) == a.action.as_ref());
        // The latest attempt of that action.
        if let Some(x) = named.max_by(|l, r| l.start_time.cmp(&r.start_time)) {
            return Some(x);
        }
    }
    actions
        .iter()
        .filter(|x| x.status.eq_ignore_ascii_case("Failed"))
        .min_by(|l, r| l.start_time.cmp(&r.start_time))
}

fn apply_round_one(
    e: &mut Evidence,
    def: Option<&PipelineDef>,
    execution: Option<&ExecutionInfo>,
    failed: Option<&ActionExecution>,
) {
    if let Some(a) = failed {
        let f = &mut e.failure;
        f.stage.get_or_insert_with(|| a.stage.clone());
        f.action.get_or_insert_with(|| a.action.clone());
        if f.provider.is_none() && !a.provider.is_empty() {
            f.provider = Some(a.provider.clone());
        }
        if f.action_category.is_none() && !a.category.is_empty() {
            f.action_category = Some(a.category.clone());
        }
        if let Some(code) = &a.error_code {
            f.error_code = Some(code.clone());
        }
        // errorDetails.message is the fullest text; the summary is often "Build terminated...".
        let mut message = a.error_message.clone().unwrap_or_default();
        if let Some(summary) = a.summary.as_deref().filter(|s| !message.contains(*s)) {
            if !message.is_empty() {
                message.push('\n');
            }
            message.push_str(summary);
        }
        if !message.trim().is_empty() {
            f.message = clean(&message);
        }
        if f.external_execution_id.is_none() {
            f.external_execution_id = a.external_id.clone();
        }
        if f.external_execution_url.is_none() {
            f.external_execution_url = a.external_url.clone();
        }
        e.context.action_role = a.role_arn.clone();
        e.context.action_configuration = public_configuration(&a.configuration);
        if a.category.eq_ignore_ascii_case("Approval") {
            let timeout = def
                .and_then(|d| {
                    d.actions
                        .iter()
                        .find(|x| x.stage == a.stage && x.action == a.action)
                })
                .and_then(|x| x.timeout_minutes);
            if let Some(line) = approval_outcome(a, timeout) {
                e.logs.push(LogLine {
                    origin: Origin::ActionError,
                    line: None,
                    text: clean(&line),
                });
            }
        }
    }
    if let Some(d) = def {
        e.context.pipeline_role = d.role_arn.clone();
        e.context.artifact_bucket = d.artifact_bucket.clone();
        e.context.artifact_key = d.artifact_key.clone();
        if e.context.artifact_bucket.is_none() {
            // Cross-Region pipeline: the store of the pipeline's own Region.
            let own = d
                .regional_stores
                .iter()
                .find(|(region, _, _)| Some(region) == e.region.as_ref())
                .or_else(|| d.regional_stores.first());
            if let Some((_, bucket, key)) = own {
                e.context.artifact_bucket = Some(bucket.clone());
                e.context.artifact_key = key.clone();
            }
        }
        if let Some(adef) = d.actions.iter().find(|a| {
            Some(&a.stage) == e.failure.stage.as_ref()
                && Some(&a.action) == e.failure.action.as_ref()
        }) {
            if e.context.action_role.is_none() {
                e.context.action_role = adef.role_arn.clone();
            }
            if e.context.action_configuration.is_empty() {
                e.context.action_configuration = public_configuration(&adef.configuration);
            }
            if e.failure.provider.is_none() {
                e.failure.provider = Some(adef.provider.clone());
            }
            if e.failure.action_category.is_none() {
                e.failure.action_category = Some(adef.category.clone());
            }
        }
    }
    if let Some(x) = execution {
        e.context.pipeline_version = x.pipeline_version;
        e.context.execution_status = Some(x.status.clone()).filter(|s| !s.is_empty());
        let t = e.trigger.get_or_insert_with(Trigger::default);
        if t.trigger_type.is_none() {
            t.trigger_type = x.trigger.as_ref().map(|t| t.0.clone());
            t.detail = x.trigger.as_ref().map(|t| t.1.clone());
        }
        if let Some((_, rev, summary)) = x.revisions.first() {
            t.revision.get_or_insert_with(|| rev.clone());
            if t.revision_summary.is_none() {
                t.revision_summary = summary
                    .as_deref()
                    .map(|s| cut(&redact(bounded_word(s, 2_400)), 300));
            }
        }
        if e.failure.message.trim().is_empty()
            && let Some(s) = &x.summary
        {
            e.failure.message = clean(s);
        }
    }
}

/// What became of a failed manual approval, as a line the diagnosis reads: who rejected it
/// (with their comment), or that it expired unanswered. `None` when neither is shown (a
/// misconfigured approval fails fast with its own error message).
pub fn approval_outcome(a: &ActionExecution, timeout_minutes: Option<i32>) -> Option<String> {
    let when = a.last_update_time.as_deref();
    if let Some(who) = a.updated_by.as_deref().filter(|w| !w.trim().is_empty()) {
        let comment = a
            .summary
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| format!(": {s}"))
            .unwrap_or_default();
        return Some(format!(
            "Approval rejected by {who} at {}{comment}",
            when.unwrap_or("unknown")
        ));
    }
    let started = a
        .start_time
        .as_deref()
        .and_then(crate::approvals::parse_utc)?;
    let ended = when.and_then(crate::approvals::parse_utc)?;
    let timeout = timeout_minutes
        .filter(|m| *m > 0)
        .map_or(crate::approvals::DEFAULT_TIMEOUT.as_secs() as i64, |m| {
            i64::from(m) * 60
        });
    // Expired: it waited (about) its whole timeout.
    (ended - started >= timeout - 60).then(|| {
        format!(
            "Approval expired after {} unanswered (timeout {} minutes)",
            crate::report::approval::span(ended - started),
            timeout / 60
        )
    })
}

/// `arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:log-stream:STREAM` → (group, stream).
pub fn split_log_stream_arn(arn: &str) -> Option<(String, String)> {
    let rest = arn.split_once(":log-group:")?.1;
    let (group, stream) = rest.split_once(":log-stream:")?;
    (!group.is_empty() && !stream.is_empty()).then(|| (group.to_owned(), stream.to_owned()))
}

#[allow(clippy::too_many_arguments)]
async fn read_log(
    guard: &Guard,
    logs: &dyn LogPort,
    group: &str,
    stream: &str,
    origin: Origin,
    pages: u32,
    secrets: &[&str],
    lines: &mut Vec<LogLine>,
    gaps: &mut Vec<Gap>,
) {
    let mut digest = LogDigest::new(origin).with_secrets(secrets);
    // The log gets up to two call budgets of its own (it is the richest evidence), paged
    // inside that time; pages read before time runs out are kept.
    let deadline = guard.deadline.min(Instant::now() + guard.per_call * 2);
    let read = tokio::time::timeout_at(
        deadline + Duration::from_millis(200),
        logs.read_tail(group, stream, pages, deadline, &mut digest),
    )
    .await;
    match read {
        Ok(Ok(read)) => {
            if read.truncated {
                gaps.push(gap(
                    "logs:GetLogEvents",
                    GapReason::NotProvided,
                    fill(
                        guard.phrases.log_truncated,
                        &[
                            ("pages", &read.pages.to_string()),
                            ("events", &read.events.to_string()),
                            ("log", &format!("{group}/{stream}")),
                        ],
                    ),
                ));
            }
        }
        Ok(Err(PortError { reason, message })) => {
            gaps.push(gap("logs:GetLogEvents", reason, message))
        }
        Err(_) => gaps.push(gap(
            "logs:GetLogEvents",
            GapReason::Timeout,
            guard.phrases.no_answer_before_deadline,
        )),
    }
    // Whatever was read before a failure is kept.
    lines.extend(digest.finish().into_iter().map(|mut l| {
        l.text = redact_with(&l.text, secrets);
        l
    }));
}

fn changes_since_checked(
    green: &ExecutionInfo,
    failed: Option<&ExecutionInfo>,
    e: &Evidence,
    p: &Phrases,
) -> LastSuccess {
    let mut last = changes_since(green, failed, e, p);
    if failed.is_none() {
        last.changes.push(p.revisions_unknown.to_owned());
    }
    last
}

fn changes_since(
    green: &ExecutionInfo,
    failed: Option<&ExecutionInfo>,
    e: &Evidence,
    p: &Phrases,
) -> LastSuccess {
    let mut changes = Vec::new();
    // The failed action's configuration then and now (secret values are masked on both sides).
    if let (Some(stage), Some(action)) = (&e.failure.stage, &e.failure.action)
        && let Some((_, _, before)) = green
            .action_configurations
            .iter()
            .find(|(s, a, _)| s == stage && a == action)
    {
        let before = public_configuration(before);
        let now = &e.context.action_configuration;
        let place = format!("{stage}/{action}");
        let changed = |k: &str, b: &str, a: &str| {
            fill(
                p.changed_configuration,
                &[("place", &place), ("key", k), ("before", b), ("after", a)],
            )
        };
        for (k, v) in now {
            match before.iter().find(|(bk, _)| bk == k) {
                Some((_, bv)) if bv == v => {}
                Some((_, bv)) => changes.push(changed(k, bv, v)),
                None => changes.push(changed(k, p.unset, v)),
            }
        }
        for (k, bv) in &before {
            if !now.iter().any(|(nk, _)| nk == k) {
                changes.push(changed(k, bv, p.unset));
            }
        }
    }
    if let Some(f) = failed {
        for (artifact, rev, summary) in &f.revisions {
            let before = green
                .revisions
                .iter()
                .find(|g| &g.0 == artifact)
                .map(|g| g.1.as_str());
            if before != Some(rev.as_str()) {
                let s = summary
                    .as_deref()
                    .map(|s| {
                        // Redacted whole, then cut to its first line: a key split across the
                        // message's lines is found before the cut.
                        let clean = redact(bounded_word(s, 4_000));
                        format!(" ({})", cut(clean.lines().next().unwrap_or(""), 120))
                    })
                    .unwrap_or_default();
                changes.push(fill(
                    p.changed_revision,
                    &[
                        ("artifact", artifact),
                        ("before", before.unwrap_or("?")),
                        ("after", rev),
                        ("summary", &s),
                    ],
                ));
            }
        }
        if green.pipeline_version != f.pipeline_version
            && let (Some(a), Some(b)) = (green.pipeline_version, f.pipeline_version)
        {
            changes.push(fill(
                p.changed_version,
                &[("before", &a.to_string()), ("after", &b.to_string())],
            ));
        }
    }
    LastSuccess {
        execution_id: green.execution_id.clone(),
        time: green.start_time.clone(),
        changes,
    }
}

/// The actions a provider needs of the role that runs it, and the resource to simulate them on.
fn provider_needs(provider: &str, cfg: &[(String, String)]) -> Option<(Vec<String>, String)> {
    let any = || "*".to_owned();
    let list = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    Some(match provider {
        "CodeStarSourceConnection" => {
            let arn = config(cfg, "ConnectionArn").map_or_else(any, str::to_owned);
            // The action's prefix must match the ARN's service.
            let prefix = if arn.contains(":codeconnections:") {
                "codeconnections"
            } else {
                "codestar-connections"
            };
            (vec![format!("{prefix}:UseConnection")], arn)
        }
        "CodeCommit" => (
            list(&[
                "codecommit:GetBranch",
                "codecommit:GetCommit",
                "codecommit:UploadArchive",
                "codecommit:GetUploadArchiveStatus",
                "codecommit:CancelUploadArchive",
            ]),
            any(),
        ),
        "CodeBuild" => (
            list(&["codebuild:BatchGetBuilds", "codebuild:StartBuild"]),
            any(),
        ),
        "CodeDeploy" | "CodeDeployToECS" => (
            list(&[
                "codedeploy:CreateDeployment",
                "codedeploy:GetDeployment",
                "codedeploy:GetDeploymentConfig",
                "codedeploy:GetApplicationRevision",
                "codedeploy:RegisterApplicationRevision",
            ]),
            any(),
        ),
        "ECS" => (
            list(&[
                "ecs:RegisterTaskDefinition",
                "ecs:UpdateService",
                "ecs:DescribeServices",
                "iam:PassRole",
            ]),
            any(),
        ),
        "CloudFormation" => (
            list(&[
                "cloudformation:DescribeStacks",
                "cloudformation:CreateChangeSet",
                "cloudformation:ExecuteChangeSet",
                "cloudformation:DescribeChangeSet",
                "iam:PassRole",
            ]),
            any(),
        ),
        "S3" => (list(&["s3:PutObject"]), any()),
        "Lambda" => (list(&["lambda:InvokeFunction"]), any()),
        _ => return None,
    })
}

/// A check whose outcome is a yes/no observation: fine (pass) or broken (fail).
fn observed(kind: CheckKind, subject: String, fine: bool, pass: &str, fail: &str) -> Check {
    Check {
        kind,
        subject,
        outcome: if fine {
            CheckOutcome::Pass
        } else {
            CheckOutcome::Fail
        },
        detail: if fine { pass } else { fail }.to_owned(),
    }
}

/// `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION` → `arn:aws:iam::ACCOUNT:role/NAME`.
pub fn role_of_principal(principal: &str) -> Option<String> {
    if principal.contains(":iam::") && principal.contains(":role/") {
        return Some(principal.to_owned());
    }
    let (head, rest) = principal.split_once(":assumed-role/")?;
    let account = head.rsplit(':').next().filter(|a| !a.is_empty())?;
    let partition = head.split(':').nth(1).unwrap_or("aws");
    let name = rest.split('/').next().filter(|n| !n.is_empty())?;
    Some(format!("arn:{partition}:iam::{account}:role/{name}"))
}

async fn run_checks(
    e: &Evidence,
    guard: &Guard,
    ports: Ports<'_>,
    p: &Phrases,
) -> (Vec<Check>, Vec<Gap>, u32) {
    let preliminary = diagnose(e);
    // Checks are for hypotheses that are live: the leader, and alternatives with some weight.
    let wants = |c: Category| {
        preliminary.category == c
            || preliminary
                .candidates
                .iter()
                .any(|x| x.category == c && x.confidence >= 0.15)
    };
    let cfg = &e.context.action_configuration;
    let mut checks = Vec::new();
    let mut gaps = Vec::new();
    let mut calls = 0;

    // IAM: simulate the denied action for the role that acted.
    let iam = async {
        let family = Family::detect(
            e.failure.provider.as_deref(),
            e.failure.action_category.as_deref(),
            e.failure.stage.as_deref(),
        );
        let acting_role = || {
            let stack_role = (family == Family::CloudFormation)
                .then(|| config(cfg, "RoleArn").map(str::to_owned))
                .flatten();
            (if family == Family::Build {
                e.context.build_role.clone()
            } else {
                None
            })
            .or(stack_role)
            .or_else(|| e.context.action_role.clone())
            .or_else(|| e.context.pipeline_role.clone())
        };
        let (principal, actions, resource) = match preliminary.facts.access_denied.as_ref() {
            // The text names what was denied: simulate exactly that, for that principal. An
            // assumed-role ARN drops the role's path (service-role/...): prefer the known role
            // with that name. A denied user is not ours to simulate.
            Some(denial) if denial.action.is_some() => {
                let principal = match denial.principal.as_deref() {
                    Some(p) if p.contains(":user/") => return None,
                    Some(p) => match role_of_principal(p) {
                        Some(role) => {
                            let name = role.rsplit('/').next().unwrap_or("").to_owned();
                            [
                                e.context.build_role.clone(),
                                e.context.action_role.clone(),
                                e.context.pipeline_role.clone(),
                            ]
                            .into_iter()
                            .flatten()
                            .find(|known| known.rsplit('/').next() == Some(name.as_str()))
                            .unwrap_or(role)
                        }
                        None => acting_role()?,
                    },
                    None => acting_role()?,
                };
                (
                    principal,
                    vec![denial.action.clone()?],
                    denial.resource.clone().unwrap_or_else(|| "*".to_owned()),
                )
            }
            // A permission problem without the details: simulate what the provider needs.
            _ if wants(Category::IamPermission) => {
                let (actions, resource) =
                    provider_needs(e.failure.provider.as_deref().unwrap_or(""), cfg)?;
                (
                    e.context
                        .action_role
                        .clone()
                        .or_else(|| e.context.pipeline_role.clone())?,
                    actions,
                    resource,
                )
            }
            _ => return None,
        };
        let r = guard
            .call(
                "iam:SimulatePrincipalPolicy",
                ports.iam.simulate(&principal, &actions, &resource),
            )
            .await;
        Some((principal, actions.join(", "), resource, r))
    };
    // Source: the branch (CodeCommit) and the connection.
    let branch = async {
        if !wants(Category::SourceBranchNotFound) {
            return None;
        }
        let repo = config(cfg, "RepositoryName")?;
        let branch = config(cfg, "BranchName")?;
        Some((
            repo.to_owned(),
            branch.to_owned(),
            guard
                .call(
                    "codecommit:GetBranch",
                    ports.source.branch_exists(repo, branch),
                )
                .await,
        ))
    };
    let connection = async {
        if !(wants(Category::SourceConnectionUnavailable) || wants(Category::SourceBranchNotFound))
        {
            return None;
        }
        let arn = config(cfg, "ConnectionArn")?;
        Some((
            arn.to_owned(),
            guard
                .call(
                    "codeconnections:GetConnection",
                    ports.source.connection_status(arn),
                )
                .await,
        ))
    };
    // Artifact store: bucket Region and the key's state.
    let artifacts = async {
        if !(wants(Category::ArtifactStoreAccess) || wants(Category::ArtifactKms)) {
            return None;
        }
        let bucket = e.context.artifact_bucket.clone()?;
        let b = guard
            .call("s3:GetBucketLocation", ports.artifacts.bucket(&bucket))
            .await;
        let key = e
            .context
            .artifact_key
            .clone()
            .or_else(|| b.as_ref().ok().and_then(|i| i.kms_key.clone()));
        let k = match key {
            Some(k) => Some((
                k.clone(),
                guard
                    .call("kms:DescribeKey", ports.artifacts.key_state(&k))
                    .await,
            )),
            None => None,
        };
        Some((bucket, b, k))
    };
    let (iam, branch, connection, artifacts) = tokio::join!(iam, branch, connection, artifacts);

    if let Some(repo) = config(cfg, "FullRepositoryId") {
        let well_formed = repo.split('/').filter(|p| !p.is_empty()).count() >= 2;
        checks.push(observed(
            CheckKind::ConfiguredResourceExists,
            fill(p.repo_id_subject, &[("repo", repo)]),
            well_formed,
            p.repo_id_ok,
            p.repo_id_bad,
        ));
    }

    if let Some((principal, action, resource, r)) = iam {
        calls += 1;
        match r {
            Ok(results) => {
                let denied: Vec<_> = results.iter().filter(|x| x.decision != "allowed").collect();
                let outcome = if results.is_empty() {
                    CheckOutcome::Inconclusive
                } else if denied.is_empty() {
                    CheckOutcome::Pass
                } else {
                    CheckOutcome::Fail
                };
                let detail = if results.is_empty() {
                    p.simulation_empty.to_owned()
                } else if denied.is_empty() {
                    fill(p.simulation_allowed, &[("action", &action)])
                } else {
                    denied
                        .iter()
                        .map(|d| {
                            fill(
                                p.simulation_denied,
                                &[
                                    ("action", &d.action),
                                    ("resource", &d.resource),
                                    ("decision", &d.decision),
                                    (
                                        "detail",
                                        &d.detail
                                            .as_deref()
                                            .map(|x| format!(" ({x})"))
                                            .unwrap_or_default(),
                                    ),
                                ],
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                checks.push(Check {
                    kind: CheckKind::RolePermits,
                    subject: fill(
                        p.simulation_subject,
                        &[
                            ("principal", &principal),
                            ("action", &action),
                            ("resource", &resource),
                        ],
                    ),
                    outcome,
                    detail,
                });
            }
            Err(g) => gaps.push(g),
        }
    }
    if let Some((repo, branch, r)) = branch {
        calls += 1;
        match r {
            Ok(exists) => checks.push(observed(
                CheckKind::BranchExists,
                fill(p.branch_subject, &[("branch", &branch), ("repo", &repo)]),
                exists,
                p.branch_exists,
                p.branch_missing,
            )),
            Err(g) => gaps.push(g),
        }
    }
    if let Some((arn, r)) = connection {
        calls += 1;
        match r {
            Ok(status) => {
                let detail = fill(p.connection_status, &[("status", &status)]);
                checks.push(observed(
                    CheckKind::ConnectionAvailable,
                    fill(p.connection_subject, &[("arn", &arn)]),
                    status.eq_ignore_ascii_case("AVAILABLE"),
                    &detail,
                    &detail,
                ));
            }
            Err(g) => gaps.push(g),
        }
    }
    if let Some((bucket, b, k)) = artifacts {
        calls += 1;
        match b {
            Ok(info) => {
                let wrong_region =
                    matches!((&info.region, &e.region), (Some(b), Some(p)) if b != p);
                checks.push(Check {
                    kind: CheckKind::ArtifactBucketReachable,
                    subject: fill(p.bucket_subject, &[("bucket", &bucket)]),
                    outcome: if wrong_region {
                        CheckOutcome::Fail
                    } else {
                        CheckOutcome::Pass
                    },
                    detail: match (&info.region, wrong_region) {
                        (Some(r), true) => fill(
                            p.bucket_elsewhere,
                            &[
                                ("bucket_region", r),
                                ("region", e.region.as_deref().unwrap_or("?")),
                            ],
                        ),
                        (Some(r), false) => fill(p.bucket_in, &[("bucket_region", r)]),
                        (None, _) => p.bucket_exists.to_owned(),
                    },
                });
            }
            Err(g) => {
                if g.reason == GapReason::NotFound {
                    checks.push(Check {
                        kind: CheckKind::ArtifactBucketReachable,
                        subject: fill(p.bucket_subject, &[("bucket", &bucket)]),
                        outcome: CheckOutcome::Fail,
                        detail: p.bucket_missing.to_owned(),
                    });
                }
                gaps.push(g);
            }
        }
        if let Some((key, r)) = k {
            calls += 1;
            match r {
                Ok(state) => checks.push(Check {
                    kind: CheckKind::ArtifactKeyUsable,
                    subject: fill(p.key_subject, &[("key", &key)]),
                    outcome: if state == "Enabled" {
                        CheckOutcome::Inconclusive
                    } else {
                        CheckOutcome::Fail
                    },
                    detail: fill(p.key_state, &[("state", &state)]),
                }),
                Err(g) => gaps.push(g),
            }
        }
    }
    (checks, gaps, calls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_stream_arns_and_principals_are_taken_apart() {
        assert_eq!(
            split_log_stream_arn(
                "arn:aws:logs:us-east-1:111122223333:log-group:/aws/codepipeline/web:log-stream:abc/def"
            ),
            Some(("/aws/codepipeline/web".into(), "abc/def".into()))
        );
        assert_eq!(split_log_stream_arn("arn:aws:logs:x"), None);
        assert_eq!(
            role_of_principal("arn:aws:sts::111122223333:assumed-role/build-role/AWSCodeBuild-1")
                .as_deref(),
            Some("arn:aws:iam::111122223333:role/build-role")
        );
        assert_eq!(role_of_principal("username"), None);
    }

    #[test]
    fn plaintext_environment_variables_in_a_configuration_are_masked() {
        let env = r#"[{"name":"DB_PASSWORD","value":"hunter2hunter2","type":"PLAINTEXT"},{"name":"API_KEY","value":"/app/api-key","type":"PARAMETER_STORE"}]"#;
        let c = public_configuration(&[("EnvironmentVariables".into(), env.into())]);
        assert!(!c[0].1.contains("hunter2hunter2"), "{}", c[0].1);
        assert!(
            c[0].1.contains("/app/api-key"),
            "parameter names are not secrets: {}",
            c[0].1
        );
        assert_eq!(
            plaintext_values(&[("EnvironmentVariables".into(), env.into())]),
            vec!["hunter2hunter2".to_owned()]
        );
        let c = public_configuration(&[("EnvironmentVariables".into(), "not json".into())]);
        assert_eq!(c[0].1, crate::redact::MASK);
    }

    #[test]
    fn secret_configuration_values_are_never_kept() {
        let c = public_configuration(&[
            ("OAuthToken".into(), "ghp_x".into()),
            ("BranchName".into(), "main".into()),
        ]);
        assert_eq!(c[0].1, crate::redact::MASK);
        assert_eq!(c[1].1, "main");
    }
}
