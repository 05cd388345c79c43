//! Reports: one [`Report`] built from a [`Diagnosis`] and its [`Evidence`], rendered for
//! people (plain text for email), for chat (Amazon Q Developer custom notifications) and for
//! machines (JSON), and packed into one SNS publish that fits the size limit.
//!
//! Building the report is where untrusted text is made safe, once: every string is redacted,
//! flattened to one line, stripped of escapes and bounded ([`safe::clean`]). The renderers only
//! arrange it (and the chat renderer escapes markdown). [`Report::fit`] then trims evidence by
//! priority until the whole publish fits, and the report says what it cut.

pub mod approval;
pub mod chat;
pub mod json;
pub mod links;
pub mod publish;
pub mod safe;
pub mod text;

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::diagnosis::{AccessDenial, Diagnosis, Facts};
use crate::engine::{Family, check_category};
use crate::evidence::{CheckKind, CheckOutcome, Evidence, GapReason, Origin};
use crate::text::{Lang, labels};
pub use chat::render_chat;
pub use json::{REPORT_SCHEMA_VERSION, render_json};
pub use links::{Link, LinkKind};
pub use publish::{Publication, SNS_MAX_BYTES, prepare, publication};
use safe::{clean, shorten};
pub use text::{SUBJECT_MAX, render_subject, render_text};

/// How urgent a failure is, for filter policies and paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A stage whose name says production failed.
    Critical,
    /// A deployment failed.
    High,
    /// A source, build, test or other action failed.
    Medium,
    /// Someone rejected an approval: a decision, not a fault.
    Low,
}

impl Severity {
    /// The severity of a failure: where it happened and what it was.
    pub fn of(category: Category, stage: Option<&str>, family: Family) -> Severity {
        if category == Category::ApprovalRejected {
            return Severity::Low;
        }
        if names_production(stage.unwrap_or("")) {
            return Severity::Critical;
        }
        match family {
            Family::CodeDeploy
            | Family::EcsBlueGreen
            | Family::Ecs
            | Family::CloudFormation
            | Family::S3Deploy => Severity::High,
            _ => Severity::Medium,
        }
    }

    /// A stable lower-case name.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// True when a stage name says production: a word `prod`, `prd` or `production` (words split
/// at punctuation and camel case), and no `non`/`pre` word (`NonProd`, `pre-prod`, `Product`
/// are not production).
pub fn names_production(stage: &str) -> bool {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in stage.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    let has = |w: &str| words.iter().any(|x| x == w);
    (has("prod") || has("prd") || has("production"))
        && !has("non")
        && !has("pre")
        && !words.iter().any(|x| x == "preprod" || x == "nonprod")
}

/// A ranked hypothesis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCause {
    /// Root-cause category.
    pub category: Category,
    /// Confidence, 0 to 1.
    pub confidence: f32,
    /// The signature that raised it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// A quoted line with its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotedLine {
    /// Where it came from.
    pub origin: Origin,
    /// Line number in that source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The text (clean).
    pub text: String,
}

/// A live check and the hypothesis it bears on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckLine {
    /// What was checked.
    pub kind: CheckKind,
    /// Its outcome: `fail` confirms the hypothesis, `pass` argues against it.
    pub outcome: CheckOutcome,
    /// The hypothesis it bears on.
    pub bears_on: Category,
    /// The subject checked.
    pub subject: String,
    /// What was observed.
    pub detail: String,
}

/// An evidence source that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapLine {
    /// The source (`service:Operation`).
    pub source: String,
    /// Why.
    pub reason: GapReason,
    /// The error as observed.
    pub detail: String,
}

/// The execution's source revision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// Commit id or object version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Commit message's first line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Branch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// What started the execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
}

/// What changed since the last successful execution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SinceSuccess {
    /// That execution.
    pub execution_id: String,
    /// When it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The differences, one line each.
    pub changes: Vec<String>,
}

/// What [`Report::fit`] (or the bounds of [`Report::build`]) left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trimmed {
    /// Log-excerpt lines left out.
    pub log_lines: usize,
    /// Quoted evidence lines left out.
    pub quotes: usize,
    /// Checks left out.
    pub checks: usize,
    /// Changes since the last success left out.
    pub changes: usize,
    /// Gaps left out.
    pub gaps: usize,
    /// Remedies left out.
    pub remedies: usize,
    /// Texts shortened.
    pub texts: usize,
}

impl Trimmed {
    /// Anything cut at all.
    pub fn any(&self) -> bool {
        self.counts().iter().any(|n| *n > 0) || self.texts > 0
    }

    /// Counts in [`crate::text::Labels::trimmed_items`] order.
    pub fn counts(&self) -> [usize; 6] {
        [
            self.log_lines,
            self.quotes,
            self.checks,
            self.changes,
            self.gaps,
            self.remedies,
        ]
    }
}

/// A report, language resolved and every text clean. Renderers read it; [`Report::fit`] trims it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Language of its texts.
    pub lang: Lang,
    /// The pipeline (or `pipeline` when unknown).
    pub pipeline: String,
    /// The execution.
    pub execution_id: Option<String>,
    /// The execution attempt.
    pub attempt: u32,
    /// The pipeline's Region.
    pub region: Option<String>,
    /// Failed stage.
    pub stage: Option<String>,
    /// Failed action.
    pub action: Option<String>,
    /// The failed action's provider.
    pub provider: Option<String>,
    /// CodePipeline's error code.
    pub error_code: Option<String>,
    /// The root cause.
    pub category: Category,
    /// Confidence in it.
    pub confidence: f32,
    /// Severity.
    pub severity: Severity,
    /// One line a person reads first.
    pub summary: String,
    /// All hypotheses, best first.
    pub candidates: Vec<RankedCause>,
    /// The execution's source revision.
    pub revision: Option<Revision>,
    /// The quoted evidence behind the verdict.
    pub evidence: Vec<QuotedLine>,
    /// Facts read out of the evidence (denial, failed phase, command).
    pub facts: Facts,
    /// Live checks.
    pub checks: Vec<CheckLine>,
    /// What to do.
    pub remedies: Vec<String>,
    /// What changed since the last success.
    pub since_success: Option<SinceSuccess>,
    /// The last log lines before the failure.
    pub log_excerpt: Vec<QuotedLine>,
    /// What could not be read.
    pub gaps: Vec<GapLine>,
    /// Console links.
    pub links: Vec<Link>,
    /// The publish may be a duplicate (de-duplication was unavailable).
    pub maybe_duplicate: bool,
    /// What was cut to fit.
    pub trimmed: Trimmed,
}

/// Bounds of one trimming level: items kept and characters per text.
#[derive(Debug, Clone, Copy)]
struct Level {
    log_lines: usize,
    quotes: usize,
    quote_chars: usize,
    checks: usize,
    check_chars: usize,
    changes: usize,
    gaps: usize,
    gap_chars: usize,
    remedies: usize,
    remedy_chars: usize,
    candidates: usize,
    links: usize,
    ident_chars: usize,
    summary_chars: usize,
}

/// Level 0 bounds every report (fixed bounds, not counted as cuts).
const L0: Level = Level {
    log_lines: 30,
    quotes: 30,
    quote_chars: 1_000,
    checks: 50,
    check_chars: 500,
    changes: 50,
    gaps: 50,
    gap_chars: 500,
    remedies: 12,
    remedy_chars: 1_000,
    candidates: 3,
    links: 10,
    ident_chars: 200,
    summary_chars: 1_000,
};
const L1: Level = Level {
    log_lines: 10,
    ..L0
};
const L2: Level = Level { log_lines: 0, ..L1 };
const L3: Level = Level {
    gaps: 10,
    gap_chars: 200,
    ..L2
};
const L4: Level = Level { changes: 10, ..L3 };
const L5: Level = Level {
    checks: 10,
    check_chars: 200,
    ..L4
};
const L6: Level = Level {
    quotes: 10,
    quote_chars: 400,
    ..L5
};
const L7: Level = Level {
    gaps: 3,
    gap_chars: 160,
    changes: 3,
    checks: 3,
    check_chars: 160,
    ..L6
};
const L8: Level = Level {
    quotes: 5,
    quote_chars: 300,
    remedies: 5,
    remedy_chars: 300,
    links: 6,
    ident_chars: 150,
    summary_chars: 600,
    ..L7
};
const L9: Level = Level {
    gaps: 0,
    changes: 0,
    checks: 0,
    quotes: 2,
    quote_chars: 200,
    remedies: 3,
    remedy_chars: 200,
    candidates: 2,
    links: 3,
    ident_chars: 100,
    summary_chars: 300,
    ..L8
};
const L10: Level = Level {
    quotes: 0,
    remedies: 1,
    remedy_chars: 120,
    candidates: 1,
    links: 1,
    ident_chars: 64,
    summary_chars: 160,
    ..L9
};

/// Each level after the first tightens one kind of content, lowest priority first: the log
/// excerpt, then gaps, changes, checks, quoted evidence, and last the remedies and names. The
/// last level is small enough for any input (a few kilobytes per body).
const LEVELS: [Level; 11] = [L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10];

impl Report {
    /// Builds the report of `d` (diagnosed in `lang`) from `e`. Every text is cleaned here.
    pub fn build(e: &Evidence, d: &Diagnosis, lang: Lang) -> Report {
        let b = &LEVELS[0];
        let mut trimmed = Trimmed::default();
        let ident = |s: &str| clean(s, b.ident_chars);
        let f = &e.failure;
        let family = Family::detect(
            f.provider.as_deref(),
            f.action_category.as_deref(),
            f.stage.as_deref(),
        );
        let quote = |origin: Origin, line: Option<u64>, text: &str| QuotedLine {
            origin,
            line,
            text: clean(text, b.quote_chars),
        };
        let evidence: Vec<QuotedLine> = d
            .evidence
            .iter()
            .map(|q| quote(q.origin, q.line, &q.text))
            .collect();
        // The log excerpt: the last lines of the logs that are not already quoted.
        let mut log_excerpt: Vec<QuotedLine> = e
            .logs
            .iter()
            .filter(|l| {
                !d.evidence
                    .iter()
                    .any(|q| q.origin == l.origin && q.line == l.line && l.line.is_some())
            })
            .rev()
            .take(b.log_lines)
            .map(|l| quote(l.origin, l.line, &l.text))
            .collect();
        log_excerpt.reverse();
        let checks = e
            .checks
            .iter()
            .map(|c| CheckLine {
                kind: c.kind,
                outcome: c.outcome,
                bears_on: check_category(c.kind),
                subject: clean(&c.subject, b.check_chars),
                detail: clean(&c.detail, b.check_chars),
            })
            .collect();
        let gaps = e
            .gaps
            .iter()
            .map(|g| GapLine {
                source: ident(&g.source),
                reason: g.reason,
                detail: clean(&g.detail, b.gap_chars),
            })
            .collect();
        let since_success = e.last_success.as_ref().map(|s| SinceSuccess {
            execution_id: ident(&s.execution_id),
            time: s.time.as_deref().map(ident),
            changes: s.changes.iter().map(|c| clean(c, b.check_chars)).collect(),
        });
        let revision = e.trigger.as_ref().and_then(|t| {
            let r = Revision {
                id: t.revision.as_deref().map(ident),
                summary: t.revision_summary.as_deref().map(|s| clean(s, 200)),
                branch: t.branch.as_deref().map(ident),
                trigger: t
                    .trigger_type
                    .as_deref()
                    .map(|tt| match t.detail.as_deref() {
                        Some(who) => clean(&format!("{tt} {who}"), b.ident_chars),
                        None => ident(tt),
                    }),
            };
            (r != Revision::default()).then_some(r)
        });
        let facts = Facts {
            access_denied: d.facts.access_denied.as_ref().map(|a| AccessDenial {
                principal: a.principal.as_deref().map(ident),
                action: a.action.as_deref().map(ident),
                resource: a.resource.as_deref().map(ident),
                reason: a.reason.as_deref().map(ident),
            }),
            failed_phase: d.facts.failed_phase.as_deref().map(ident),
            status_code: d.facts.status_code.as_deref().map(ident),
            failed_command: d.facts.failed_command.as_deref().map(|c| clean(c, 500)),
            exit_code: d.facts.exit_code,
        };
        let mut r = Report {
            lang,
            pipeline: e
                .pipeline
                .as_ref()
                .map(|p| ident(p.as_str()))
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "pipeline".to_owned()),
            execution_id: e.execution_id.as_ref().map(|x| ident(x.as_str())),
            attempt: e.attempt.unwrap_or(1),
            region: e.region.as_deref().map(ident),
            stage: f.stage.as_deref().map(ident),
            action: f.action.as_deref().map(ident),
            provider: f.provider.as_deref().map(ident),
            error_code: f.error_code.as_deref().map(ident),
            category: d.category,
            confidence: d.confidence,
            severity: Severity::of(d.category, f.stage.as_deref(), family),
            summary: clean(&d.summary, b.summary_chars),
            candidates: d
                .candidates
                .iter()
                .map(|c| RankedCause {
                    category: c.category,
                    confidence: c.confidence,
                    signature: c.signature.clone(),
                })
                .collect(),
            revision,
            evidence,
            facts,
            checks,
            remedies: d
                .remedies
                .iter()
                .map(|r| clean(r, b.remedy_chars))
                .collect(),
            since_success,
            log_excerpt,
            gaps,
            links: links::links(e),
            maybe_duplicate: false,
            trimmed,
        };
        // Items beyond the fixed bounds are counted as left out; the excerpt's selection (the
        // last lines by design) and the bounds on single texts are not.
        r.apply(b, &mut trimmed);
        trimmed.log_lines = 0;
        trimmed.texts = 0;
        r.trimmed = trimmed;
        r
    }

    /// Applies one level's bounds, counting what goes.
    fn apply(&mut self, l: &Level, t: &mut Trimmed) {
        fn keep<T>(v: &mut Vec<T>, n: usize) -> usize {
            let cut = v.len().saturating_sub(n);
            v.truncate(n);
            cut
        }
        fn short(s: &mut String, n: usize, t: &mut Trimmed) {
            if shorten(s, n) {
                t.texts += 1;
            }
        }
        // The excerpt keeps its last lines: they are nearest the failure.
        let cut = self.log_excerpt.len().saturating_sub(l.log_lines);
        self.log_excerpt.drain(..cut);
        t.log_lines += cut;
        t.quotes += keep(&mut self.evidence, l.quotes);
        t.checks += keep(&mut self.checks, l.checks);
        t.gaps += keep(&mut self.gaps, l.gaps);
        t.remedies += keep(&mut self.remedies, l.remedies);
        if let Some(s) = &mut self.since_success {
            t.changes += keep(&mut s.changes, l.changes);
            for c in &mut s.changes {
                short(c, l.check_chars, t);
            }
        }
        self.candidates.truncate(l.candidates.max(1));
        self.links.truncate(l.links);
        for q in self.evidence.iter_mut().chain(self.log_excerpt.iter_mut()) {
            short(&mut q.text, l.quote_chars, t);
        }
        for c in &mut self.checks {
            short(&mut c.subject, l.check_chars, t);
            short(&mut c.detail, l.check_chars, t);
        }
        for g in &mut self.gaps {
            short(&mut g.detail, l.gap_chars, t);
        }
        for r in &mut self.remedies {
            short(r, l.remedy_chars, t);
        }
        short(&mut self.summary, l.summary_chars, t);
        let idents = [
            Some(&mut self.pipeline),
            self.execution_id.as_mut(),
            self.stage.as_mut(),
            self.action.as_mut(),
            self.provider.as_mut(),
            self.error_code.as_mut(),
            self.region.as_mut(),
        ];
        for s in idents.into_iter().flatten() {
            short(s, l.ident_chars, t);
        }
        if let Some(rev) = &mut self.revision {
            for s in [
                rev.id.as_mut(),
                rev.summary.as_mut(),
                rev.branch.as_mut(),
                rev.trigger.as_mut(),
            ]
            .into_iter()
            .flatten()
            {
                short(s, l.ident_chars, t);
            }
        }
        let facts = &mut self.facts;
        if let Some(a) = &mut facts.access_denied {
            for s in [
                a.principal.as_mut(),
                a.action.as_mut(),
                a.resource.as_mut(),
                a.reason.as_mut(),
            ]
            .into_iter()
            .flatten()
            {
                short(s, l.ident_chars, t);
            }
        }
        for s in [
            facts.failed_phase.as_mut(),
            facts.status_code.as_mut(),
            facts.failed_command.as_mut(),
        ]
        .into_iter()
        .flatten()
        {
            short(s, l.ident_chars, t);
        }
    }

    /// Trims the report by priority until `size(report)` is at most `limit`. Returns false
    /// when even the smallest level does not fit (the caller then has a tiny fallback).
    pub fn fit(&mut self, limit: usize, size: impl Fn(&Report) -> usize) -> bool {
        if size(self) <= limit {
            return true;
        }
        let mut t = self.trimmed;
        for l in &LEVELS[1..] {
            // Texts shortened again at a later level are counted once.
            let texts = t.texts;
            t.texts = 0;
            self.apply(l, &mut t);
            t.texts = t.texts.max(texts);
            self.trimmed = t;
            if size(self) <= limit {
                return true;
            }
        }
        false
    }

    /// Where it failed, as `stage/action`.
    pub fn place(&self) -> String {
        match (&self.stage, &self.action) {
            (Some(s), Some(a)) => format!("{s}/{a}"),
            (Some(s), None) => s.clone(),
            _ => labels(self.lang).place_execution.to_owned(),
        }
    }

    /// The chat thread: one per pipeline execution (every attempt's report threads together).
    pub fn thread_id(&self) -> String {
        format!(
            "{}/{}",
            self.pipeline,
            self.execution_id.as_deref().unwrap_or("-")
        )
    }

    /// The notification id: one per pipeline execution attempt.
    pub fn notification_id(&self) -> String {
        format!("{}/{}", self.thread_id(), self.attempt)
    }
}

/// The gap-reason words of `lang`.
pub fn gap_reason(lang: Lang, r: GapReason) -> &'static str {
    let i = match r {
        GapReason::AccessDenied => 0,
        GapReason::Throttled => 1,
        GapReason::Timeout => 2,
        GapReason::NotFound => 3,
        GapReason::NotProvided => 4,
        GapReason::Malformed => 5,
        GapReason::Unreachable => 6,
        GapReason::Other => 7,
    };
    labels(lang).gap_reasons[i]
}

/// The severity word of `lang`.
pub fn severity_name(lang: Lang, s: Severity) -> &'static str {
    labels(lang).severities[s.index()]
}

/// The link name of `lang`.
pub fn link_name(lang: Lang, k: LinkKind) -> &'static str {
    labels(lang).link_names[k.index()]
}

pub use crate::text::fill;

#[cfg(test)]
mod tests;
