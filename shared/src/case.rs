//! The failure case `pipeline-triage classify` reads, and the line it writes.

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::diagnosis::Diagnosis;
use crate::digest::LogDigest;
use crate::evidence::{Evidence, Failure, Origin};
use crate::redact::redact;

/// One failure case (a line of the classify input; unknown fields are ignored).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Case {
    /// Copied to the output.
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    /// The failure text (required).
    #[serde(default)]
    pub message: Option<String>,
    /// Stage name as the user sees it.
    #[serde(default)]
    pub stage: Option<String>,
    /// Action provider as the user sees it.
    #[serde(default)]
    pub provider: Option<String>,
    /// Log lines, newline-separated.
    #[serde(default)]
    pub log_excerpt: Option<String>,
    /// CodePipeline error code.
    #[serde(default)]
    pub error_code: Option<String>,
}

/// Why a case cannot be classified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// The case has no `message` string.
    #[error("missing required field `message`")]
    MissingMessage,
}

impl Case {
    /// The evidence bundle of this case: the message, and a bounded digest of the excerpt.
    pub fn into_evidence(self) -> Result<Evidence, CaseError> {
        let message = self.message.ok_or(CaseError::MissingMessage)?;
        let mut evidence = Evidence::new();
        if let Some(log) = self.log_excerpt {
            let mut digest = LogDigest::new(Origin::Excerpt);
            digest.push_text(&log);
            drop(log);
            evidence.logs = digest.finish();
        }
        evidence.failure = Failure {
            stage: self.stage,
            provider: self.provider,
            error_code: self.error_code,
            message,
            ..Failure::default()
        };
        crate::redact::scrub::evidence(&mut evidence);
        Ok(evidence)
    }
}

/// A ranked category in the classify output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedCategory {
    /// The category id.
    pub category: Category,
    /// Confidence, 0 to 1.
    pub confidence: f32,
}

/// One line of the classify output (the contract's shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The input's `id`, or null.
    pub id: serde_json::Value,
    /// The primary category.
    pub category: Category,
    /// Its confidence.
    pub confidence: f32,
    /// Up to three ranked categories, the first equal to `category`.
    pub candidates: Vec<RankedCategory>,
    /// One line for people.
    pub summary: String,
    /// What to do.
    pub remedies: Vec<String>,
    /// Quoted fragments of the message or log, secrets removed.
    pub evidence: Vec<String>,
}

impl Classification {
    /// The classify line for a diagnosis, with every text redacted.
    pub fn new(id: Option<serde_json::Value>, d: &Diagnosis) -> Self {
        let mut id = id.unwrap_or(serde_json::Value::Null);
        crate::redact::scrub::json(&mut id);
        Self {
            id,
            category: d.category,
            confidence: d.confidence,
            candidates: d
                .candidates
                .iter()
                .map(|c| RankedCategory {
                    category: c.category,
                    confidence: c.confidence,
                })
                .collect(),
            summary: redact(&d.summary).into_owned(),
            remedies: d.remedies.iter().map(|r| redact(r).into_owned()).collect(),
            evidence: d
                .evidence
                .iter()
                .map(|q| redact(&q.text).into_owned())
                .collect(),
        }
    }
}
