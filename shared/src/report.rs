//! The plain-text report: what a person reads first, then why, what to do, what changed, what
//! could not be read. Every text passes through the redactor.

use std::fmt::Write as _;

use crate::diagnosis::Diagnosis;
use crate::digest::sanitize;
use crate::engine::check_category;
use crate::evidence::{CheckOutcome, Evidence};
use crate::redact::redact;

/// SNS subjects must be under 100 characters, on one line.
pub const SUBJECT_MAX: usize = 99;

/// A rendered report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One line, at most [`SUBJECT_MAX`] characters.
    pub subject: String,
    /// The body.
    pub body: String,
}

/// Renders the plain-text report of a diagnosis.
pub fn render_text(e: &Evidence, d: &Diagnosis) -> Report {
    let pipeline = e.pipeline.as_ref().map_or("pipeline", |p| p.as_str());
    let place = match (&e.failure.stage, &e.failure.action) {
        (Some(s), Some(a)) => format!("{s}/{a}"),
        (Some(s), None) => s.clone(),
        _ => "execution".to_owned(),
    };
    let subject = one_line(
        &redact(&format!("{pipeline} failed at {place}: {}", d.category)),
        SUBJECT_MAX,
    );

    let mut b = String::new();
    let _ = writeln!(b, "{}", redact(&d.summary));
    let _ = writeln!(b);
    let _ = writeln!(b, "Pipeline:   {pipeline}");
    if let Some(x) = &e.execution_id {
        let _ = writeln!(b, "Execution:  {x} (attempt {})", e.attempt.unwrap_or(1));
    }
    let _ = writeln!(
        b,
        "Failed at:  {place}{}",
        e.failure
            .provider
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        b,
        "Root cause: {} (confidence {:.0}%)",
        d.category,
        d.confidence * 100.0
    );
    if d.candidates.len() > 1 {
        let others: Vec<String> = d.candidates[1..]
            .iter()
            .map(|c| format!("{} {:.0}%", c.category, c.confidence * 100.0))
            .collect();
        let _ = writeln!(b, "Also possible: {}", others.join(", "));
    }
    if let Some(t) = &e.trigger
        && let Some(rev) = &t.revision
    {
        let summary = t
            .revision_summary
            .as_deref()
            .map(|s| format!(" {}", one_line(s, 80)))
            .unwrap_or_default();
        let _ = writeln!(b, "Revision:   {}{}", rev, redact(&summary));
    }

    if !d.evidence.is_empty() {
        let _ = writeln!(b, "\nWhy we think so:");
        for q in &d.evidence {
            let line = q.line.map(|l| format!(" line {l}")).unwrap_or_default();
            let _ = writeln!(b, "  [{}{line}] {}", q.origin.id(), redact(&q.text));
        }
    }
    // Every check that ran, with the hypothesis it bears on: a refuted hypothesis may have left
    // the candidates, and that is worth reading too.
    let checks: Vec<String> = e
        .checks
        .iter()
        .map(|c| {
            let verdict = match c.outcome {
                CheckOutcome::Fail => "confirms",
                CheckOutcome::Pass => "argues against",
                CheckOutcome::Inconclusive => "does not decide",
            };
            format!(
                "  {}: {} ({verdict} {})",
                redact(&c.subject),
                redact(&c.detail),
                check_category(c.kind)
            )
        })
        .collect();
    if !checks.is_empty() {
        let _ = writeln!(b, "\nChecks:");
        for c in checks {
            let _ = writeln!(b, "{c}");
        }
    }
    if let Some(a) = &d.facts.access_denied {
        let _ = writeln!(
            b,
            "\nDenied: {} on {} for {}{}",
            a.action.as_deref().unwrap_or("?"),
            a.resource.as_deref().unwrap_or("?"),
            a.principal.as_deref().unwrap_or("?"),
            a.reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(b, "\nWhat to do:");
    for r in &d.remedies {
        let _ = writeln!(b, "  - {}", redact(r));
    }
    if let Some(g) = &e.last_success {
        let _ = writeln!(
            b,
            "\nSince the last successful execution ({}):",
            g.execution_id
        );
        if g.changes.is_empty() {
            let _ = writeln!(b, "  no change in source revisions or pipeline version");
        }
        for c in &g.changes {
            let _ = writeln!(b, "  - {}", redact(c));
        }
    }
    if !e.gaps.is_empty() {
        let _ = writeln!(b, "\nNot read (the diagnosis is built without these):");
        for g in &e.gaps {
            let _ = writeln!(
                b,
                "  - {} ({:?}): {}",
                g.source,
                g.reason,
                redact(&g.detail)
            );
        }
    }
    if let Some(url) = &e.failure.external_execution_url {
        let _ = writeln!(b, "\nDetails: {}", sanitize(url, 500));
    }
    Report { subject, body: b }
}

fn one_line(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut t: String = flat.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{Failure, Gap, GapReason, PipelineName};

    #[test]
    fn subject_is_one_short_line_and_body_names_cause_gaps_and_no_secret() {
        let mut e = Evidence::new();
        e.pipeline = Some(PipelineName::new("p".repeat(150)));
        e.failure = Failure {
            stage: Some("Build\nStage".into()),
            message: "toomanyrequests: You have reached your pull rate limit token=ghp_abcdefghijklmnopqrstuvwxyz0123456789".into(),
            provider: Some("CodeBuild".into()),
            ..Failure::default()
        };
        e.gaps.push(Gap {
            source: "logs:GetLogEvents".into(),
            reason: GapReason::AccessDenied,
            detail: "not authorized".into(),
        });
        let d = crate::diagnose(&e);
        let r = render_text(&e, &d);
        assert!(r.subject.chars().count() <= SUBJECT_MAX && !r.subject.contains('\n'));
        assert!(r.body.contains("build_environment"));
        assert!(r.body.contains("logs:GetLogEvents (AccessDenied)"));
        assert!(!r.body.contains("ghp_abcdefghij"));
    }
}
