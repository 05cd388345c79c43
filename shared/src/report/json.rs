//! The machine-readable report (for SQS, Lambda and ticketing hooks). Its fields are documented
//! in the README; `schema_version` changes when a field is removed or changes meaning (added
//! fields do not change it).

use serde::Serialize;
use serde_json::Value;

use super::text::render_subject;
use super::{
    CheckLine, GapLine, Link, QuotedLine, RankedCause, Report, Revision, SinceSuccess, Trimmed,
};
use crate::category::Category;
use crate::diagnosis::Facts;

/// Version of the JSON report's form.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Failed<'a> {
    stage: Option<&'a str>,
    action: Option<&'a str>,
    provider: Option<&'a str>,
    error_code: Option<&'a str>,
}

#[derive(Serialize)]
struct MachineReport<'a> {
    schema_version: u32,
    kind: &'static str,
    language: &'static str,
    subject: String,
    pipeline: &'a str,
    execution_id: Option<&'a str>,
    attempt: u32,
    region: Option<&'a str>,
    failed: Failed<'a>,
    category: Category,
    confidence: f32,
    severity: &'static str,
    summary: &'a str,
    candidates: &'a [RankedCause],
    revision: Option<&'a Revision>,
    evidence: &'a [QuotedLine],
    facts: &'a Facts,
    checks: &'a [CheckLine],
    remedies: &'a [String],
    since_last_success: Option<&'a SinceSuccess>,
    log_excerpt: &'a [QuotedLine],
    gaps: &'a [GapLine],
    links: &'a [Link],
    maybe_duplicate: bool,
    trimmed: &'a Trimmed,
}

/// Renders the JSON report.
pub fn render_json(r: &Report) -> Value {
    let m = MachineReport {
        schema_version: REPORT_SCHEMA_VERSION,
        kind: "pipeline_failure",
        language: r.lang.code(),
        subject: render_subject(r),
        pipeline: &r.pipeline,
        execution_id: r.execution_id.as_deref(),
        attempt: r.attempt,
        region: r.region.as_deref(),
        failed: Failed {
            stage: r.stage.as_deref(),
            action: r.action.as_deref(),
            provider: r.provider.as_deref(),
            error_code: r.error_code.as_deref(),
        },
        category: r.category,
        confidence: (r.confidence * 1000.0).round() / 1000.0,
        severity: r.severity.id(),
        summary: &r.summary,
        candidates: &r.candidates,
        revision: r.revision.as_ref(),
        evidence: &r.evidence,
        facts: &r.facts,
        checks: &r.checks,
        remedies: &r.remedies,
        since_last_success: r.since_success.as_ref(),
        log_excerpt: &r.log_excerpt,
        gaps: &r.gaps,
        links: &r.links,
        maybe_duplicate: r.maybe_duplicate,
        trimmed: &r.trimmed,
    };
    serde_json::to_value(m).unwrap_or(Value::Null)
}
