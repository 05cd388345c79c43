//! `triage`: the evidence model and the diagnosis engine of CodePipeline Triage.
//!
//! Data flows one way: collectors fill an [`Evidence`] bundle (live from AWS, from a classify
//! case, or from a saved file), [`diagnose`] turns it into a [`Diagnosis`] with no I/O and no
//! clock, and renderers turn that into reports. See the README for the whole picture.

pub mod approvals;
pub mod case;
pub mod category;
pub mod collect;
pub mod config;
pub mod dedupe;
pub mod diagnosis;
pub mod digest;
pub mod engine;
pub mod eval;
pub mod event;
pub mod evidence;
pub mod logging;
pub mod ports;
pub mod redact;
pub mod report;
pub mod text;

#[cfg(feature = "aws")]
pub mod aws;

pub use case::{Case, Classification};
pub use category::Category;
pub use diagnosis::{AccessDenial, Candidate, Diagnosis, Facts, Quote, Verdict};
pub use engine::{diagnose, diagnose_in};
pub use evidence::{
    Check, CheckKind, CheckOutcome, Evidence, Failure, Gap, GapReason, LogLine, Origin,
};
