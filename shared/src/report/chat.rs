//! The chat body: an Amazon Q Developer in chat applications *custom notification*
//! (`version` 1.0, `source` custom, `client-markdown`), threaded per pipeline execution.
//!
//! Every untrusted text goes through [`md_text`] (prose) or [`md_code`] (inside code), so a
//! log line cannot mention `@channel`, open a link, or break out of its code block. Links are
//! only the console links the report made.

use serde_json::{Value, json};

use super::safe::{defused, md_code, md_text};
use super::text::{percent, trimmed_list};
use super::{Report, fill, gap_reason, link_name, severity_name};
use crate::evidence::CheckOutcome;
use crate::text::labels;

/// The notification's `metadata.eventType`.
pub const EVENT_TYPE: &str = "CodePipelineFailureTriage";

/// Renders the custom notification.
pub fn render_chat(r: &Report) -> Value {
    let l = labels(r.lang);
    let title = format!(
        ":rotating_light: {}",
        md_text(&fill(
            l.title,
            &[("pipeline", &r.pipeline), ("place", &r.place())]
        ))
    );
    let mut d: Vec<String> = Vec::new();
    d.push(format!(
        "*{}:* `{}` ({}, {}) {}",
        l.root_cause,
        r.category,
        fill(l.confidence, &[("percent", &percent(r.confidence))]),
        severity_name(r.lang, r.severity),
        md_text(&r.summary)
    ));
    if r.maybe_duplicate {
        d.push(format!("_{}_", md_text(l.maybe_duplicate)));
    }
    let mut ids = vec![format!("*{}:* {}", l.pipeline, md_text(&r.pipeline))];
    if let Some(x) = &r.execution_id {
        ids.push(md_text(&fill(
            l.execution,
            &[("id", x), ("attempt", &r.attempt.to_string())],
        )));
    }
    if let Some(p) = &r.provider {
        ids.push(md_text(p));
    }
    d.push(ids.join(" · "));
    if r.candidates.len() > 1 {
        let others: Vec<String> = r.candidates[1..]
            .iter()
            .map(|c| format!("`{}` {}%", c.category, percent(c.confidence)))
            .collect();
        d.push(format!("*{}:* {}", l.also_possible, others.join(", ")));
    }
    if let Some(rev) = &r.revision {
        let parts: Vec<String> = [
            rev.id.as_deref(),
            rev.branch.as_deref(),
            rev.summary.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(md_text)
        .collect();
        if !parts.is_empty() {
            d.push(format!("*{}:* {}", l.revision, parts.join(" · ")));
        }
    }
    if !r.evidence.is_empty() {
        let lines: Vec<String> = r
            .evidence
            .iter()
            .map(|q| {
                let n = q.line.map(|n| format!(":{n}")).unwrap_or_default();
                format!("[{}{n}] {}", q.origin.id(), md_code(&q.text))
            })
            .collect();
        d.push(format!("*{}:*\n```\n{}\n```", l.why, lines.join("\n")));
    }
    if let Some(a) = &r.facts.access_denied {
        d.push(md_text(&fill(
            l.denied,
            &[
                ("action", a.action.as_deref().unwrap_or("?")),
                ("resource", a.resource.as_deref().unwrap_or("?")),
                ("principal", a.principal.as_deref().unwrap_or("?")),
            ],
        )));
    }
    if !r.checks.is_empty() {
        let lines: Vec<String> = r
            .checks
            .iter()
            .map(|c| {
                let (mark, verdict) = match c.outcome {
                    CheckOutcome::Fail => (":x:", l.confirms),
                    CheckOutcome::Pass => (":white_check_mark:", l.argues_against),
                    CheckOutcome::Inconclusive => (":grey_question:", l.undecided),
                };
                format!(
                    "{mark} {}: {} ({})",
                    md_text(&c.subject),
                    md_text(&c.detail),
                    md_text(&fill(verdict, &[("category", c.bears_on.id())]))
                )
            })
            .collect();
        d.push(format!("*{}:*\n{}", l.checks, lines.join("\n")));
    }
    if let Some(s) = &r.since_success {
        let mut lines = vec![format!(
            "*{}:*",
            md_text(&fill(l.since_last_success, &[("id", &s.execution_id)]))
        )];
        if s.changes.is_empty() && r.trimmed.changes == 0 {
            lines.push(md_text(l.no_change));
        }
        lines.extend(s.changes.iter().map(|c| format!("• {}", md_text(c))));
        d.push(lines.join("\n"));
    }
    if !r.log_excerpt.is_empty() {
        let lines: Vec<String> = r.log_excerpt.iter().map(|q| md_code(&q.text)).collect();
        d.push(format!(
            "*{}:*\n```\n{}\n```",
            l.log_excerpt,
            lines.join("\n")
        ));
    }
    if !r.gaps.is_empty() {
        let lines: Vec<String> = r
            .gaps
            .iter()
            .map(|g| {
                format!(
                    "• `{}` ({}): {}",
                    md_code(&g.source),
                    gap_reason(r.lang, g.reason),
                    md_text(&g.detail)
                )
            })
            .collect();
        d.push(format!("*{}:*\n{}", l.not_read, lines.join("\n")));
    }
    if !r.links.is_empty() {
        let links: Vec<String> = r
            .links
            .iter()
            .map(|k| format!("[{}]({})", link_name(r.lang, k.kind), k.url))
            .collect();
        d.push(format!("*{}:* {}", l.links, links.join(" · ")));
    }
    if r.trimmed.any() {
        d.push(format!("_{}: {}_", l.trimmed, md_text(&trimmed_list(r))));
    }

    let mut keywords = vec![
        r.category.id().to_owned(),
        severity_name(r.lang, r.severity).to_owned(),
        md_text(&r.pipeline),
    ];
    if let Some(s) = &r.stage {
        keywords.push(md_text(s));
    }
    let mut context = serde_json::Map::new();
    context.insert("pipeline".into(), json!(defused(&r.pipeline)));
    if let Some(x) = &r.execution_id {
        context.insert("executionId".into(), json!(defused(x)));
    }
    context.insert("attempt".into(), json!(r.attempt.to_string()));
    context.insert("category".into(), json!(r.category.id()));
    context.insert("severity".into(), json!(r.severity.id()));
    if let Some(s) = &r.stage {
        context.insert("stage".into(), json!(defused(s)));
    }
    if let Some(a) = &r.action {
        context.insert("action".into(), json!(defused(a)));
    }
    let related: Vec<String> = r.links.iter().map(|k| k.url.clone()).collect();
    json!({
        "version": "1.0",
        "source": "custom",
        "id": defused(&r.notification_id()),
        "content": {
            "textType": "client-markdown",
            "title": title,
            "description": d.join("\n\n"),
            "nextSteps": r.remedies.iter().map(|x| md_text(x)).collect::<Vec<_>>(),
            "keywords": keywords,
        },
        "metadata": {
            "threadId": defused(&r.thread_id()),
            "summary": md_text(&format!("{}: {} ({})", r.pipeline, r.category, r.place())),
            "eventType": EVENT_TYPE,
            "relatedResources": related,
            "additionalContext": context,
        }
    })
}
