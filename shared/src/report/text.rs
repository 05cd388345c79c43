//! The plain-text report, for email and terminals: the headline, then why we think so, what to
//! do, what changed since the last green run, what could not be read, and links.

use std::fmt::Write as _;

use super::{Report, fill, gap_reason, link_name, severity_name};
use crate::evidence::CheckOutcome;
use crate::text::labels;

/// SNS subjects must be under 100 characters, on one line.
pub const SUBJECT_MAX: usize = 99;

/// The subject: one line, at most [`SUBJECT_MAX`] characters (SNS: "UTF-8 text with no line
/// breaks or control characters, and less than 100 characters long").
pub fn render_subject(r: &Report) -> String {
    let l = labels(r.lang);
    let s = fill(
        l.subject,
        &[
            ("pipeline", &r.pipeline),
            ("place", &r.place()),
            ("category", r.category.id()),
        ],
    );
    subject_line(&s)
}

/// `s` as an SNS subject: control characters and line breaks become spaces, spaces collapse,
/// at most [`SUBJECT_MAX`] characters.
pub fn subject_line(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SUBJECT_MAX {
        flat
    } else {
        let mut t: String = flat.chars().take(SUBJECT_MAX - 3).collect();
        t.push_str("...");
        t
    }
}

/// The plain-text body.
pub fn render_text(r: &Report) -> String {
    let l = labels(r.lang);
    let mut b = String::new();
    let _ = writeln!(b, "{}", r.summary);
    if r.maybe_duplicate {
        let _ = writeln!(b, "({})", l.maybe_duplicate);
    }
    let _ = writeln!(b);
    let _ = writeln!(b, "{}: {}", l.pipeline, r.pipeline);
    if let Some(x) = &r.execution_id {
        let _ = writeln!(
            b,
            "{}",
            fill(
                l.execution,
                &[("id", x), ("attempt", &r.attempt.to_string())]
            )
        );
    }
    let provider = r
        .provider
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let code = r
        .error_code
        .as_deref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    let _ = writeln!(b, "{}: {}{provider}{code}", l.failed_at, r.place());
    let _ = writeln!(
        b,
        "{}: {} ({})",
        l.root_cause,
        r.category,
        fill(l.confidence, &[("percent", &percent(r.confidence))])
    );
    let _ = writeln!(b, "{}: {}", l.severity, severity_name(r.lang, r.severity));
    if r.candidates.len() > 1 {
        let others: Vec<String> = r.candidates[1..]
            .iter()
            .map(|c| format!("{} {}%", c.category, percent(c.confidence)))
            .collect();
        let _ = writeln!(b, "{}: {}", l.also_possible, others.join(", "));
    }
    if let Some(rev) = &r.revision {
        let parts: Vec<&str> = [
            rev.id.as_deref(),
            rev.branch.as_deref(),
            rev.summary.as_deref(),
            rev.trigger.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let _ = writeln!(b, "{}: {}", l.revision, parts.join(" | "));
    }
    if !r.evidence.is_empty() {
        let _ = writeln!(b, "\n{}:", l.why);
        for q in &r.evidence {
            let line = q.line.map(|n| format!(":{n}")).unwrap_or_default();
            let _ = writeln!(b, "  [{}{line}] {}", q.origin.id(), q.text);
        }
    }
    if let Some(a) = &r.facts.access_denied {
        let reason = a
            .reason
            .as_deref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default();
        let _ = writeln!(
            b,
            "\n{}{reason}",
            fill(
                l.denied,
                &[
                    ("action", a.action.as_deref().unwrap_or("?")),
                    ("resource", a.resource.as_deref().unwrap_or("?")),
                    ("principal", a.principal.as_deref().unwrap_or("?")),
                ]
            )
        );
    }
    if !r.checks.is_empty() {
        let _ = writeln!(b, "\n{}:", l.checks);
        for c in &r.checks {
            let verdict = match c.outcome {
                CheckOutcome::Fail => l.confirms,
                CheckOutcome::Pass => l.argues_against,
                CheckOutcome::Inconclusive => l.undecided,
            };
            let verdict = fill(verdict, &[("category", c.bears_on.id())]);
            let _ = writeln!(b, "  - {}: {} ({verdict})", c.subject, c.detail);
        }
    }
    let _ = writeln!(b, "\n{}:", l.what_to_do);
    for x in &r.remedies {
        let _ = writeln!(b, "  - {x}");
    }
    if let Some(s) = &r.since_success {
        let _ = writeln!(
            b,
            "\n{}:",
            fill(l.since_last_success, &[("id", &s.execution_id)])
        );
        if s.changes.is_empty() && r.trimmed.changes == 0 {
            let _ = writeln!(b, "  {}", l.no_change);
        }
        for c in &s.changes {
            let _ = writeln!(b, "  - {c}");
        }
    }
    if !r.log_excerpt.is_empty() {
        let _ = writeln!(b, "\n{}:", l.log_excerpt);
        for q in &r.log_excerpt {
            let line = q.line.map(|n| format!("{n:>6} ")).unwrap_or_default();
            let _ = writeln!(b, "  {line}{}", q.text);
        }
    }
    if !r.gaps.is_empty() {
        let _ = writeln!(b, "\n{}:", l.not_read);
        for g in &r.gaps {
            let _ = writeln!(
                b,
                "  - {} ({}): {}",
                g.source,
                gap_reason(r.lang, g.reason),
                g.detail
            );
        }
    }
    if !r.links.is_empty() {
        let _ = writeln!(b, "\n{}:", l.links);
        for k in &r.links {
            let _ = writeln!(b, "  {}: {}", link_name(r.lang, k.kind), k.url);
        }
    }
    if r.trimmed.any() {
        let _ = writeln!(b, "\n({}: {})", l.trimmed, trimmed_list(r));
    }
    b
}

/// What was cut, in words: "12 log lines, 3 checks, 40 texts shortened".
pub fn trimmed_list(r: &Report) -> String {
    let l = labels(r.lang);
    let mut parts: Vec<String> = r
        .trimmed
        .counts()
        .iter()
        .zip(l.trimmed_items)
        .filter(|(n, _)| **n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if r.trimmed.texts > 0 {
        parts.push(fill(
            l.trimmed_texts,
            &[("count", &r.trimmed.texts.to_string())],
        ));
    }
    parts.join(", ")
}

/// A confidence as a whole percentage.
pub fn percent(c: f32) -> String {
    format!("{:.0}", (c * 100.0).clamp(0.0, 100.0))
}
