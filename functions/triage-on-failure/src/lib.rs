//! `triage-on-failure`: the logic behind the Lambda. `main.rs` only wires it.
//!
//! event → intake (skip with one log line, or a failure) → already published? (skip) → collect
//! (ports, bounded by the invocation deadline) → diagnose → claim the failure (one report per
//! pipeline, execution and attempt) → render → publish → mark published. A failed evidence
//! source is a gap in the report; only a failed publish (or a claim still held by another
//! invocation at the deadline) is an error, so the asynchronous invocation is retried.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use tokio::time::Instant;
use triage::collect::{CallStats, Limits, Ports, collect};
use triage::dedupe::{Dedupe, Gate};
use triage::event::{FailureScope, Intake, intake};
use triage::ports::{ClaimStore, PortError, Publisher};
use triage::report::prepare;
use triage::text::Lang;
use triage::{Category, diagnose_in};

/// Configuration, read once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `REPORT_TOPIC_ARN`: where reports go.
    pub topic_arn: String,
    /// `CALL_TIMEOUT_MS`: longest single AWS call (default 5000).
    pub call_timeout: Duration,
    /// `LOG_PAGES`: CloudWatch Logs pages read at most per stream (default 10, at most 20).
    pub log_pages: u32,
    /// `PUBLISH_RESERVE_MS`: time kept back from the deadline to publish (default 3000).
    pub publish_reserve: Duration,
    /// `REPORT_LANGUAGE`: `en` (default) or `ja`.
    pub lang: Lang,
    /// `DEDUPE_TABLE_NAME`: the de-duplication table; unset or empty turns de-duplication off.
    pub dedupe_table: Option<String>,
    /// `DEDUPE_TTL_HOURS`: how long a failure's record is kept (default 48, 1 to 720).
    pub dedupe_ttl: Duration,
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
        let number = |name: &'static str, default: u64, min: u64, max: u64| {
            env.number(name, default, min..=max, "a whole number in range")
        };
        Ok(Self {
            topic_arn: env.required("REPORT_TOPIC_ARN")?,
            call_timeout: Duration::from_millis(number("CALL_TIMEOUT_MS", 5_000, 100, 60_000)?),
            // Pages are held until digested (about 1 MB each): 20 keeps a 128 MB function safe.
            log_pages: u32::try_from(number("LOG_PAGES", 10, 1, 20)?).unwrap_or(10),
            publish_reserve: Duration::from_millis(number(
                "PUBLISH_RESERVE_MS",
                3_000,
                100,
                60_000,
            )?),
            lang: env.lang("REPORT_LANGUAGE")?,
            dedupe_table: env.text("DEDUPE_TABLE_NAME"),
            dedupe_ttl: Duration::from_secs(3_600 * number("DEDUPE_TTL_HOURS", 48, 1, 720)?),
        })
    }
}

/// What an invocation did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// The event was not a failure to triage.
    Skipped {
        /// Why.
        reason: String,
    },
    /// Another invocation already published this failure's report.
    Duplicate {
        /// The failure's key (pipeline#execution#attempt).
        key: String,
        /// The report's SNS message id.
        message_id: String,
    },
    /// A report was published.
    Published {
        /// SNS message id.
        message_id: String,
        /// Root cause.
        category: Category,
        /// Evidence sources that could not be read.
        gaps: usize,
        /// AWS calls made.
        calls: u32,
        /// Bytes of the publish (all bodies and attributes).
        bytes: usize,
    },
}

/// The invocation failed: only publishing can fail it.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// The report could not be published.
    #[error("publishing the report failed")]
    Publish(#[source] PortError),
    /// Another invocation was still publishing this failure at the deadline: a retry finds it
    /// published (and stops) or its lease lapsed (and publishes).
    #[error("another invocation holds the report of {0}; retry later")]
    Busy(String),
}

/// Where the report goes, and how duplicates are caught.
#[derive(Clone, Copy)]
#[allow(missing_debug_implementations)] // holds trait objects (SNS and DynamoDB adapters)
pub struct Delivery<'a> {
    /// SNS.
    pub publisher: &'a dyn Publisher,
    /// The de-duplication table, when configured.
    pub claims: Option<&'a dyn ClaimStore>,
    /// This invocation's identity (the Lambda request id).
    pub owner: &'a str,
}

/// Handles one event. `deadline` is when the invocation must have returned.
pub async fn handle(
    event: &Value,
    ports: Ports<'_>,
    delivery: Delivery<'_>,
    config: &Config,
    deadline: Instant,
) -> Result<Outcome, HandlerError> {
    let failure = match intake(event) {
        Intake::Triage(f) => f,
        Intake::Skip(s) => {
            let reason = s.describe();
            tracing::info!(reason = %reason, "event skipped");
            return Ok(Outcome::Skipped { reason });
        }
    };
    let key = failure.dedupe_key();
    tracing::info!(pipeline = %failure.pipeline, execution_id = %failure.execution_id, attempt = failure.attempt, "triage started");
    let dedupe = delivery
        .claims
        .map(|c| Dedupe::new(c, delivery.owner, config.dedupe_ttl));
    if let Some(d) = &dedupe
        && let Some(message_id) = d.published(&key).await
    {
        tracing::info!(key = %key, message_id = %message_id, "already reported");
        return Ok(Outcome::Duplicate { key, message_id });
    }
    let collect_deadline = deadline
        .checked_sub(config.publish_reserve)
        .unwrap_or_else(Instant::now);
    let limits = Limits {
        call_timeout: config.call_timeout,
        log_pages: config.log_pages,
        lang: config.lang,
    };
    let (evidence, stats): (_, CallStats) =
        collect(&failure, ports, collect_deadline, limits).await;
    // An action can fail while its execution goes on (a stage retry, parallel actions, a
    // rollback): an action event reports only an execution that has failed; otherwise the
    // pipeline event (which always follows a real failure) reports it.
    if matches!(failure.scope, FailureScope::Action(_))
        && let Some(status) = evidence.context.execution_status.as_deref()
        && !status.eq_ignore_ascii_case("Failed")
    {
        let reason = format!(
            "the action failed but the execution is {status}; the pipeline event reports a failed execution"
        );
        tracing::info!(key = %key, reason = %reason, "event skipped");
        return Ok(Outcome::Skipped { reason });
    }
    let diagnosis = diagnose_in(&evidence, config.lang);
    for g in &evidence.gaps {
        tracing::warn!(source = %g.source, reason = ?g.reason, detail = %g.detail, "evidence gap");
    }
    // Claim the failure just before publishing: the lease then only has to cover the publish.
    let publish_deadline = deadline
        .checked_sub(Duration::from_millis(200))
        .unwrap_or(deadline);
    let mut maybe_duplicate = false;
    if let Some(d) = &dedupe {
        match d.acquire(&key, publish_deadline).await {
            Gate::Publish => {}
            Gate::Duplicate { message_id } => {
                tracing::info!(key = %key, message_id = %message_id, "already reported");
                return Ok(Outcome::Duplicate { key, message_id });
            }
            Gate::Busy => {
                tracing::warn!(key = %key, "another invocation holds this failure");
                return Err(HandlerError::Busy(key));
            }
            Gate::Unavailable(e) => {
                tracing::warn!(key = %key, error = %e, "de-duplication unavailable; publishing anyway");
                maybe_duplicate = true;
            }
        }
    }
    let (report, publication) = prepare(&evidence, &diagnosis, config.lang, maybe_duplicate);
    if report.trimmed.any() {
        tracing::info!(trimmed = ?report.trimmed, "report trimmed to fit SNS");
    }
    // The publish may not outlive the invocation: a timed-out publish is retried as a whole.
    let published =
        match tokio::time::timeout_at(deadline, delivery.publisher.publish(&publication)).await {
            Ok(r) => r,
            Err(_) => Err(PortError::new(
                triage::evidence::GapReason::Timeout,
                "the invocation's deadline passed before SNS answered",
            )),
        };
    let message_id = match published {
        Ok(id) => id,
        Err(e) => {
            // A refused publish releases the claim so the retry publishes at once. A publish
            // that timed out may still have been accepted: its claim is kept until the lease
            // lapses, which makes a duplicate from the retry less likely.
            if let Some(d) = &dedupe
                && !maybe_duplicate
                && e.reason != triage::evidence::GapReason::Timeout
            {
                d.release(&key).await;
            }
            return Err(HandlerError::Publish(e));
        }
    };
    if let Some(d) = &dedupe
        && !maybe_duplicate
    {
        d.complete(&key, &message_id).await;
    }
    tracing::info!(
        pipeline = %failure.pipeline,
        execution_id = %failure.execution_id,
        category = %diagnosis.category,
        confidence = diagnosis.confidence,
        gaps = evidence.gaps.len(),
        calls = stats.calls,
        bytes = publication.size(),
        message_id = %message_id,
        "report published"
    );
    Ok(Outcome::Published {
        message_id,
        category: diagnosis.category,
        gaps: evidence.gaps.len(),
        calls: stats.calls,
        bytes: publication.size(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn config_requires_the_topic_and_names_bad_variables() {
        assert_eq!(
            Config::from_lookup(lookup(&[])),
            Err(ConfigError::Missing("REPORT_TOPIC_ARN"))
        );
        let c = Config::from_lookup(lookup(&[("REPORT_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t")]))
            .unwrap();
        assert_eq!(c.call_timeout, Duration::from_secs(5));
        assert_eq!(c.log_pages, 10);
        let e = Config::from_lookup(lookup(&[("REPORT_TOPIC_ARN", "t"), ("LOG_PAGES", "lots")]))
            .unwrap_err();
        assert!(e.to_string().contains("LOG_PAGES"), "{e}");
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.dedupe_table, None);
        let ja = Config::from_lookup(lookup(&[
            ("REPORT_TOPIC_ARN", "t"),
            ("REPORT_LANGUAGE", "ja"),
            ("DEDUPE_TABLE_NAME", "claims"),
        ]))
        .unwrap();
        assert_eq!(
            (ja.lang, ja.dedupe_table.as_deref()),
            (Lang::Ja, Some("claims"))
        );
        assert_eq!(ja.dedupe_ttl, Duration::from_secs(48 * 3_600));
        let e = Config::from_lookup(lookup(&[
            ("REPORT_TOPIC_ARN", "t"),
            ("REPORT_LANGUAGE", "fr"),
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("REPORT_LANGUAGE"), "{e}");
    }
}
