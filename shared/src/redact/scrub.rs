//! Redacting whole bundles where they enter: an [`Evidence`] from the collectors, a classify
//! case or a saved file, and the JSON values a command echoes. After this, every text the
//! diagnosis reads, quotes or captures is already free of secrets; the renderers redact again
//! as a second line of defence.

use serde_json::Value;

use super::{LineRedactor, has_secret, redact};
use crate::evidence::{Evidence, LogLine};

fn text(s: &mut String) {
    if let std::borrow::Cow::Owned(clean) = redact(s) {
        *s = clean;
    }
}

fn opt(s: &mut Option<String>) {
    if let Some(s) = s {
        text(s);
    }
}

/// A URL is kept only when nothing in it is a secret: a masked link would not open.
fn url(s: &mut Option<String>) {
    if s.as_deref()
        .is_some_and(|u| has_secret(u) || u.contains(super::MASK))
    {
        *s = None;
    }
}

/// Every text of `e` redacted: identifiers, the message, log lines (as sequences, so a key
/// printed line by line or a token split across lines is masked whole), checks, gaps, context
/// and changes. Links that carry a secret are dropped.
pub fn evidence(e: &mut Evidence) {
    if let Some(p) = &mut e.pipeline {
        text(&mut p.0);
    }
    if let Some(x) = &mut e.execution_id {
        text(&mut x.0);
    }
    opt(&mut e.region);
    if let Some(t) = &mut e.trigger {
        opt(&mut t.trigger_type);
        opt(&mut t.detail);
        opt(&mut t.revision);
        opt(&mut t.revision_summary);
        opt(&mut t.branch);
    }
    let f = &mut e.failure;
    for s in [
        &mut f.stage,
        &mut f.action,
        &mut f.provider,
        &mut f.action_category,
        &mut f.error_code,
        &mut f.external_execution_id,
    ] {
        opt(s);
    }
    text(&mut f.message);
    url(&mut f.external_execution_url);
    log_lines(&mut e.logs);
    for c in &mut e.checks {
        text(&mut c.subject);
        text(&mut c.detail);
    }
    let c = &mut e.context;
    for s in [
        &mut c.pipeline_role,
        &mut c.action_role,
        &mut c.artifact_bucket,
        &mut c.artifact_key,
        &mut c.execution_status,
        &mut c.build_role,
    ] {
        opt(s);
    }
    for (k, v) in &mut c.action_configuration {
        text(k);
        text(v);
    }
    c.links.retain_mut(|(name, link)| {
        text(name);
        let mut l = Some(std::mem::take(link));
        url(&mut l);
        match l {
            Some(l) => {
                *link = l;
                true
            }
            None => false,
        }
    });
    if let Some(s) = &mut e.last_success {
        text(&mut s.execution_id);
        opt(&mut s.time);
        s.changes.iter_mut().for_each(text);
    }
    for g in &mut e.gaps {
        text(&mut g.source);
        text(&mut g.detail);
    }
}

/// Log lines redacted as runs: lines of one origin with consecutive numbers (or none) are one
/// sequence.
pub fn log_lines(lines: &mut [LogLine]) {
    let mut start = 0;
    while start < lines.len() {
        let mut end = start + 1;
        while end < lines.len() && follows(&lines[end - 1], &lines[end]) {
            end += 1;
        }
        let run = &mut lines[start..end];
        let mut r = LineRedactor::new();
        let mut out: Vec<String> = Vec::with_capacity(run.len());
        for l in run.iter() {
            out.extend(r.push(&l.text));
        }
        out.extend(r.finish());
        for (l, t) in run.iter_mut().zip(out) {
            l.text = t;
        }
        start = end;
    }
}

fn follows(a: &LogLine, b: &LogLine) -> bool {
    a.origin == b.origin
        && match (a.line, b.line) {
            (Some(x), Some(y)) => y == x + 1,
            (None, None) => true,
            _ => false,
        }
}

/// Every string in a JSON value redacted, object keys too (an echoed `id`).
pub fn json(v: &mut Value) {
    match v {
        Value::String(s) => text(s),
        Value::Array(a) => a.iter_mut().for_each(json),
        Value::Object(o) => {
            let entries: Vec<(String, Value)> = std::mem::take(o).into_iter().collect();
            for (mut k, mut val) in entries {
                text(&mut k);
                json(&mut val);
                o.insert(k, val);
            }
        }
        _ => {}
    }
}
