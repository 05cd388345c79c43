//! One SNS publish for every subscriber kind: `MessageStructure=json` with a body per protocol,
//! message attributes for subscription filter policies, and the whole within SNS's limit.
//!
//! | key | body | who gets it |
//! |---|---|---|
//! | `default` | plain text | email, email-json, http, and any protocol without its own key |
//! | `sqs`, `lambda` | JSON report | queues, functions, ticketing hooks |
//! | `https` | chat custom notification | Amazon Q Developer in chat applications (and other https endpoints) |
//! | `sms` | the subject | SMS |

use serde_json::json;

use super::Report;
use super::chat::render_chat;
use super::json::render_json;
use super::text::{render_subject, render_text};
use crate::diagnosis::Diagnosis;
use crate::evidence::Evidence;
use crate::text::Lang;

/// SNS's limit for one publish: all bodies and attributes, in bytes.
pub const SNS_MAX_BYTES: usize = 262_144;

/// SQS raw message delivery drops messages with more than 10 attributes.
pub const MAX_ATTRIBUTES: usize = 10;

/// Everything one `sns:Publish` sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    /// One line, at most 99 characters.
    pub subject: String,
    /// The `MessageStructure=json` message: a JSON object of bodies by protocol.
    pub message: String,
    /// String message attributes (name, value), at most [`MAX_ATTRIBUTES`].
    pub attributes: Vec<(String, String)>,
}

impl Publication {
    /// Bytes SNS counts: the message, every attribute's name, type and value, and (to be safe)
    /// the subject.
    pub fn size(&self) -> usize {
        self.message.len()
            + self.subject.len()
            + self
                .attributes
                .iter()
                .map(|(k, v)| k.len() + "String".len() + v.len())
                .sum::<usize>()
    }
}

/// The message attributes of a report, for filter policies such as
/// `{"severity": ["critical", "high"]}` or `{"category": ["iam_permission"]}`.
pub fn attributes(r: &Report) -> Vec<(String, String)> {
    let cut = |s: &str| s.chars().take(256).collect::<String>();
    let mut a = Vec::with_capacity(MAX_ATTRIBUTES);
    for (name, value) in [
        ("report_type", Some("pipeline_failure")),
        ("pipeline", Some(r.pipeline.as_str())),
        ("category", Some(r.category.id())),
        ("severity", Some(r.severity.id())),
        ("language", Some(r.lang.code())),
        ("stage", r.stage.as_deref()),
        ("action", r.action.as_deref()),
        ("provider", r.provider.as_deref()),
    ] {
        // SNS rejects empty attribute values.
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            a.push((name.to_owned(), cut(v)));
        }
    }
    a.truncate(MAX_ATTRIBUTES);
    a
}

/// Renders every body of `r` into one publication.
pub fn publication(r: &Report) -> Publication {
    envelope(
        render_subject(r),
        render_text(r),
        &render_json(r),
        &render_chat(r),
        attributes(r),
    )
}

/// One publication from its bodies: text for `default`, the JSON report for `sqs` and
/// `lambda`, the chat notification for `https`, the subject for `sms`.
pub fn envelope(
    subject: String,
    text: String,
    json: &serde_json::Value,
    chat: &serde_json::Value,
    mut attributes: Vec<(String, String)>,
) -> Publication {
    let json = json.to_string();
    let message = json!({
        "default": text,
        "sqs": json,
        "lambda": json,
        "https": chat.to_string(),
        "sms": subject,
    });
    attributes.retain(|(_, v)| !v.trim().is_empty());
    attributes.truncate(MAX_ATTRIBUTES);
    Publication {
        subject,
        message: message.to_string(),
        attributes,
    }
}

/// Builds, fits and renders the report of a diagnosis: the publication is within
/// [`SNS_MAX_BYTES`] for any evidence. `maybe_duplicate` says de-duplication was unavailable.
pub fn prepare(
    e: &Evidence,
    d: &Diagnosis,
    lang: Lang,
    maybe_duplicate: bool,
) -> (Report, Publication) {
    let mut r = Report::build(e, d, lang);
    r.maybe_duplicate = maybe_duplicate;
    if r.fit(SNS_MAX_BYTES, |r| publication(r).size()) {
        let p = publication(&r);
        return (r, p);
    }
    // Not reachable with the trimming levels (their last level is a few KB); kept so that no
    // input can make a publish fail: the headline alone.
    tracing::warn!("report did not fit after every trimming level; sending the headline only");
    let subject = render_subject(&r);
    let message = json!({ "default": format!("{subject}\n\n{}", r.summary.chars().take(500).collect::<String>()) });
    let p = Publication {
        subject,
        message: message.to_string(),
        attributes: attributes(&r),
    };
    (r, p)
}
