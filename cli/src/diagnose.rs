//! `pipeline-triage diagnose`: the live triage from a laptop, or the replay of a saved bundle.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;
use triage::collect::{Limits, collect};
use triage::event::{FailureEvent, FailureScope, Intake, Skip, intake};
use triage::evidence::{EVIDENCE_SCHEMA_VERSION, ExecutionId, PipelineName};
use triage::report::{Report, render_chat, render_json, render_subject, render_text};
use triage::text::Lang;
use triage::{Evidence, diagnose_in};

/// Where the failure comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An EventBridge event in a file.
    Event(PathBuf),
    /// A live execution.
    Execution {
        /// The pipeline.
        pipeline: String,
        /// The execution id.
        execution_id: String,
    },
    /// A saved evidence bundle (offline).
    Evidence(PathBuf),
}

/// Output format: the bodies SNS subscribers receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The plain-text report (subject line, blank line, body): what email receives.
    #[default]
    Text,
    /// The JSON report (documented in the README): what SQS and Lambda receive.
    Json,
    /// The Amazon Q Developer custom notification: what chat receives.
    Chat,
}

/// Options of one run.
#[derive(Debug, Clone)]
pub struct Options {
    /// What to diagnose.
    pub source: Source,
    /// Write the collected evidence here.
    pub save_evidence: Option<PathBuf>,
    /// Output format.
    pub format: Format,
    /// Language of the report.
    pub lang: Lang,
    /// Budget of the whole collection.
    pub timeout: Duration,
    /// Budget of one AWS call.
    pub call_timeout: Duration,
    /// Log pages read at most.
    pub log_pages: u32,
}

/// Why `diagnose` could not produce a report.
#[derive(Debug, thiserror::Error)]
pub enum DiagnoseError {
    /// The input is unusable (exit 2).
    #[error("{0}")]
    Invalid(String),
    /// Anything else (exit 1).
    #[error("{0}")]
    Failed(String),
}

/// What a run produced.
#[derive(Debug)]
pub enum Produced {
    /// A report, as printed.
    Report(String),
    /// The event is not a failure; why.
    Skipped(String),
}

/// A file's text, without a UTF-8 byte-order mark.
fn read(path: &Path) -> Result<String, DiagnoseError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| DiagnoseError::Invalid(format!("cannot read {}: {e}", path.display())))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// A saved bundle, checked and redacted (a replayed bundle may be hand-made).
fn load_evidence(path: &Path) -> Result<Evidence, DiagnoseError> {
    let text = read(path)?;
    if !text.trim_start().starts_with('{') {
        return Err(DiagnoseError::Invalid(format!(
            "{} is not an evidence bundle: expected a JSON object",
            path.display()
        )));
    }
    let mut evidence: Evidence = serde_json::from_str(&text).map_err(|e| {
        DiagnoseError::Invalid(format!("{} is not an evidence bundle: {e}", path.display()))
    })?;
    // 0: a hand-made bundle that does not say; anything else must be a version we read.
    if ![0, EVIDENCE_SCHEMA_VERSION].contains(&evidence.schema_version) {
        return Err(DiagnoseError::Invalid(format!(
            "{} has schema_version {}; this version reads {EVIDENCE_SCHEMA_VERSION}",
            path.display(),
            evidence.schema_version
        )));
    }
    evidence.schema_version = EVIDENCE_SCHEMA_VERSION;
    triage::redact::scrub::evidence(&mut evidence);
    Ok(evidence)
}

/// Runs one diagnosis.
pub async fn run(opts: &Options) -> Result<Produced, DiagnoseError> {
    let evidence = match &opts.source {
        Source::Evidence(path) => load_evidence(path)?,
        Source::Event(path) => {
            let value: Value = serde_json::from_str(&read(path)?).map_err(|e| {
                DiagnoseError::Invalid(format!("{} is not JSON: {e}", path.display()))
            })?;
            match intake(&value) {
                // Not a CodePipeline event at all: the input is wrong.
                Intake::Skip(s @ (Skip::Malformed { .. } | Skip::OtherSource { .. })) => {
                    return Err(DiagnoseError::Invalid(format!(
                        "{} is not a CodePipeline event: {}",
                        path.display(),
                        s.describe()
                    )));
                }
                // A CodePipeline event that is not a failure: nothing to diagnose.
                Intake::Skip(s) => return Ok(Produced::Skipped(s.describe())),
                Intake::Triage(f) => live(&f, opts).await,
            }
        }
        Source::Execution {
            pipeline,
            execution_id,
        } => {
            if pipeline.trim().is_empty() || execution_id.trim().is_empty() {
                return Err(DiagnoseError::Invalid(
                    "--pipeline and --execution-id must not be empty".into(),
                ));
            }
            let event = FailureEvent {
                pipeline: PipelineName::new(pipeline.trim()),
                execution_id: ExecutionId::new(execution_id.trim()),
                attempt: 1,
                account: None,
                region: None,
                time: None,
                scope: FailureScope::Pipeline,
                trigger: None,
            };
            live(&event, opts).await
        }
    };
    if let Some(path) = &opts.save_evidence {
        let json = serde_json::to_string_pretty(&evidence)
            .map_err(|e| DiagnoseError::Failed(e.to_string()))?;
        std::fs::write(path, json + "\n")
            .map_err(|e| DiagnoseError::Failed(format!("cannot write {}: {e}", path.display())))?;
    }
    let diagnosis = diagnose_in(&evidence, opts.lang);
    // Built (and so redacted once more) whatever the bundle holds.
    let report = Report::build(&evidence, &diagnosis, opts.lang);
    let out = match opts.format {
        Format::Text => format!("{}\n\n{}", render_subject(&report), render_text(&report)),
        Format::Json => pretty(&render_json(&report))?,
        Format::Chat => pretty(&render_chat(&report))?,
    };
    Ok(Produced::Report(out))
}

fn pretty(v: &Value) -> Result<String, DiagnoseError> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| DiagnoseError::Failed(e.to_string()))
}

async fn live(event: &FailureEvent, opts: &Options) -> Evidence {
    let start = Instant::now();
    let sdk = triage::aws::load_config(opts.call_timeout).await;
    let aws = triage::aws::AwsPorts::new(&sdk);
    let mut event = event.clone();
    if event.region.is_none() {
        event.region = sdk.region().map(|r| r.to_string());
    }
    let limits = Limits {
        call_timeout: opts.call_timeout,
        log_pages: opts.log_pages,
        lang: opts.lang,
    };
    let (evidence, _) = collect(&event, aws.ports(), start + opts.timeout, limits).await;
    evidence
}
