//! The verdict: a pure function of the evidence.

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::evidence::{CheckKind, CheckOutcome, Origin};

/// The diagnosis of one failed execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// The primary root cause (equal to `candidates[0].category`).
    pub category: Category,
    /// Confidence in the primary category, 0 to 1.
    pub confidence: f32,
    /// Up to three ranked hypotheses, best first.
    pub candidates: Vec<Candidate>,
    /// One line a person reads first.
    pub summary: String,
    /// Concrete things to do, most useful first.
    pub remedies: Vec<String>,
    /// The quoted evidence behind the verdict, in the order it appeared.
    pub evidence: Vec<Quote>,
    /// Facts read out of the evidence (IAM denial parts, failed phase and command...).
    #[serde(default)]
    pub facts: Facts,
}

/// One ranked hypothesis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The root-cause category.
    pub category: Category,
    /// Confidence, 0 to 1.
    pub confidence: f32,
    /// The signature that raised it (a rule id), when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// Checks that would confirm or refute this hypothesis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirm_with: Vec<CheckKind>,
    /// What the checks that ran said about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
}

/// A check's word on a hypothesis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The check.
    pub kind: CheckKind,
    /// Its outcome: `fail` confirms the hypothesis, `pass` refutes it.
    pub outcome: CheckOutcome,
    /// The subject and what was observed.
    pub detail: String,
}

/// A quoted fragment of the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The exact text (a whole line, or a window of a long line).
    pub text: String,
    /// Where it came from.
    pub origin: Origin,
    /// Its line number in that source, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// Facts read out of the evidence that the report and the live checks use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Facts {
    /// The IAM denial, when the text carries one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_denied: Option<AccessDenial>,
    /// The first CodeBuild phase that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_phase: Option<String>,
    /// The CodeBuild phase status code (`COMMAND_EXECUTION_ERROR`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    /// The command that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_command: Option<String>,
    /// Its exit status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
}

/// The parts of an IAM AccessDenied text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessDenial {
    /// The principal that was denied (role or assumed-role ARN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The API action, e.g. `cloudformation:GetTemplate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The resource ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Why: no identity-based policy, explicit deny, boundary, SCP...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
