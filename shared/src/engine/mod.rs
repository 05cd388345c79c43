//! The diagnosis engine: a pure function from [`Evidence`] to [`Diagnosis`].
//!
//! 1. The evidence becomes a list of *segments*: the error code, the message lines, the log
//!    lines, each with its origin and whether it is a cascade of an earlier failure.
//! 2. Every signature of the catalog ([`rules`]) that applies to the failed action's family is
//!    matched against every segment (one `RegexSet` pass per segment).
//! 3. Hits become scores per category: the strongest hit counts, more distinct signatures add a
//!    little, cascades count a quarter, umbrella texts step back when a specific one fired, and
//!    ambiguous signatures raise their alternatives.
//! 4. Live checks confirm (a failed check) or refute (a passed check) the hypotheses they test.
//! 5. The top three become the candidates; the best hit gives the summary, the remedies and the
//!    quoted evidence.

mod codebuild;
mod family;
mod iam;
pub(crate) mod rules;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

pub use family::Family;

use crate::category::Category;
use crate::diagnosis::{Candidate, Diagnosis, Facts, Quote, Verdict};
use crate::evidence::{CheckKind, CheckOutcome, Evidence, Origin};
use crate::text::{self, Lang};
use rules::{SIGNATURES, Scope, Sig};

/// Weight of a cascade line relative to the first failure.
const CASCADE_FACTOR: f32 = 0.25;
/// What an umbrella text keeps of its weight when a specific signature fired.
const GENERIC_FACTOR: f32 = 0.35;
/// A hit at least this strong makes umbrella texts step back.
const SPECIFIC_THRESHOLD: f32 = 0.5;
/// Below this best score nothing supports any category.
const UNKNOWN_THRESHOLD: f32 = 0.12;
/// Added to the denominator of confidences: a lone weak hit is not certain.
const CONFIDENCE_PRIOR: f32 = 0.1;
/// Longest quote taken from one line, in bytes.
const QUOTE_MAX: usize = 320;

struct Compiled {
    set: RegexSet,
    /// Each signature's own regex, for captures and quotes: compiled on first use, since
    /// only the few signatures that hit a failure need one.
    each: Vec<std::sync::OnceLock<Option<Regex>>>,
    patterns: Vec<String>,
}

/// The pattern as compiled. Failure texts are ASCII where it matters, so patterns run in
/// ASCII mode (`\\b`, `\\w`, `\\d`, `\\s` and case folding are ASCII): the automata are four
/// times smaller and the set stays on its fast DFA. The parts that must accept any character
/// (`.`, `\\S`, negated classes) keep Unicode so a match never splits a character.
fn pattern_of(sig: &Sig) -> String {
    let mut p = String::with_capacity(sig.pattern.len() + 48);
    p.push_str(if sig.case_sensitive {
        "(?-u)"
    } else {
        "(?i-u)"
    });
    // For each open class: does it need a closing `)` (a negated class wrapped in `(?u:`)?
    let mut classes: Vec<bool> = Vec::new();
    let mut chars = sig.pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('S') if classes.is_empty() => p.push_str("(?u:\\S)"),
                Some(k) => {
                    p.push('\\');
                    p.push(k);
                }
                None => p.push('\\'),
            },
            '.' if classes.is_empty() => p.push_str("(?u:.)"),
            '[' => {
                let negated = chars.peek() == Some(&'^');
                let wrap = negated && classes.is_empty();
                if wrap {
                    p.push_str("(?u:");
                }
                p.push('[');
                classes.push(wrap);
            }
            ']' if !classes.is_empty() => {
                p.push(']');
                if classes.pop() == Some(true) {
                    p.push(')');
                }
            }
            _ => p.push(c),
        }
    }
    p
}

static COMPILED: LazyLock<Option<Compiled>> = LazyLock::new(|| {
    let patterns: Vec<String> = SIGNATURES.iter().map(pattern_of).collect();
    let set = RegexSetBuilder::new(&patterns)
        .size_limit(64 << 20)
        .dfa_size_limit(32 << 20)
        .build()
        .ok()?;
    let each = patterns
        .iter()
        .map(|_| std::sync::OnceLock::new())
        .collect();
    Some(Compiled {
        set,
        each,
        patterns,
    })
});

impl Compiled {
    /// The regex of signature `i` (compiled once, on first use).
    fn regex(&self, i: usize) -> Option<&Regex> {
        self.each
            .get(i)?
            .get_or_init(|| {
                let p = self.patterns.get(i)?;
                RegexBuilder::new(p).size_limit(16 << 20).build().ok()
            })
            .as_ref()
    }
}

/// One piece of text the signatures are matched against.
#[derive(Debug)]
struct Segment<'e> {
    text: &'e str,
    origin: Origin,
    line: Option<u64>,
    cascade: bool,
}

/// A signature that matched a segment.
#[derive(Debug, Clone, Copy)]
struct Hit {
    sig: usize,
    seg: usize,
}

/// Support for one category.
#[derive(Debug, Default)]
struct Support {
    best: f32,
    best_hit: Option<Hit>,
    best_is_primary: bool,
    first_pos: usize,
    distinct: Vec<usize>,
    hits: Vec<Hit>,
    verdicts: Vec<Verdict>,
    confirmed_by: Option<String>,
}

impl Support {
    fn add(&mut self, weight: f32, hit: Option<Hit>, primary: bool, pos: usize) {
        if weight > self.best || (weight == self.best && pos < self.first_pos) {
            self.best = weight;
            self.best_hit = hit;
            self.best_is_primary = primary;
            self.first_pos = pos;
        }
        if let Some(h) = hit {
            if primary && !self.distinct.contains(&h.sig) && weight >= SPECIFIC_THRESHOLD {
                self.distinct.push(h.sig);
            }
            self.hits.push(h);
        }
    }

    fn score(&self) -> f32 {
        let extra = self.distinct.len().saturating_sub(1).min(2) as f32 * 0.08;
        if self.best > 0.0 {
            self.best + extra
        } else {
            0.0
        }
    }
}

/// Compiles the signature set and the redactor now instead of in the first diagnosis: about
/// 60 ms of CPU and 13 MiB, once per process, the bulk of a first diagnosis's cost (what is
/// left for first use: the few per-signature regexes that hit, and the set's lazy DFA states).
/// The failure function runs it on a thread at start-up, so the compile overlaps the first
/// invocation's AWS calls.
pub fn warm_up() {
    LazyLock::force(&COMPILED);
    crate::redact::warm_up();
}

/// Diagnoses a failure in English.
pub fn diagnose(evidence: &Evidence) -> Diagnosis {
    diagnose_in(evidence, Lang::En)
}

/// Diagnoses a failure, with user-facing text in `lang`.
pub fn diagnose_in(evidence: &Evidence, lang: Lang) -> Diagnosis {
    let f = &evidence.failure;
    let family = Family::detect(
        f.provider.as_deref(),
        f.action_category.as_deref(),
        f.stage.as_deref(),
    );
    let cross_account = [f.provider.as_deref(), f.stage.as_deref()]
        .iter()
        .flatten()
        .any(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("cross-account") || t.contains("cross account")
        });

    // 1. Segments, with the CodeBuild structure of each source.
    let mut segments: Vec<Segment<'_>> = Vec::new();
    if let Some(code) = f.error_code.as_deref().filter(|c| !c.trim().is_empty()) {
        segments.push(Segment {
            text: code,
            origin: Origin::ActionError,
            line: None,
            cascade: false,
        });
    }
    let message_lines: Vec<&str> = f.message.lines().collect();
    let message_structure = codebuild::analyse(&message_lines);
    let message_start = segments.len();
    for (i, l) in message_lines.iter().enumerate() {
        let cascade = message_structure.cascade_from.is_some_and(|c| i >= c);
        segments.push(Segment {
            text: l,
            origin: Origin::ActionError,
            line: None,
            cascade,
        });
    }
    let log_start = segments.len();
    let log_lines: Vec<&str> = evidence.logs.iter().map(|l| l.text.as_str()).collect();
    let log_structure = codebuild::analyse(&log_lines);
    for (i, l) in evidence.logs.iter().enumerate() {
        let cascade = log_structure.cascade_from.is_some_and(|c| i >= c);
        segments.push(Segment {
            text: &l.text,
            origin: l.origin,
            line: l.line,
            cascade,
        });
    }

    // 2. Matches.
    let mut hits: Vec<Hit> = Vec::new();
    if let Some(c) = COMPILED.as_ref() {
        for (si, seg) in segments.iter().enumerate() {
            let is_message = si < log_start;
            for idx in c.set.matches(seg.text).iter() {
                let sig = &SIGNATURES[idx];
                if sig.scope == Scope::Message && !is_message {
                    continue;
                }
                if !sig.families.is_empty() && !sig.families.contains(&family) {
                    continue;
                }
                hits.push(Hit { sig: idx, seg: si });
            }
        }
    }

    // 3. Scores.
    let effective = |h: &Hit| -> f32 {
        let w = SIGNATURES[h.sig].weight;
        if segments[h.seg].cascade {
            w * CASCADE_FACTOR
        } else {
            w
        }
    };
    let specific_fired = hits
        .iter()
        .any(|h| !SIGNATURES[h.sig].generic && effective(h) >= SPECIFIC_THRESHOLD);
    let mut support: HashMap<Category, Support> = HashMap::new();
    for h in &hits {
        let sig = &SIGNATURES[h.sig];
        let mut w = effective(h);
        if sig.generic && specific_fired {
            w *= GENERIC_FACTOR;
        }
        let kms_boost = |c: Category| {
            if cross_account && c == Category::ArtifactKms {
                1.25
            } else {
                1.0
            }
        };
        support
            .entry(sig.cat)
            .or_default()
            .add(w * kms_boost(sig.cat), Some(*h), true, h.seg);
        for (alt, share) in sig.also {
            support.entry(*alt).or_default().add(
                w * share * kms_boost(*alt),
                Some(*h),
                false,
                h.seg,
            );
        }
    }

    // Structure hints: the failed phase and the failing command's tool.
    let structure =
        if log_structure.failed_phase.is_some() || log_structure.failed_command.is_some() {
            merge(&message_structure, &log_structure, message_start, log_start)
        } else {
            merge(&log_structure, &message_structure, log_start, message_start)
        };
    if family.is_build() || family == Family::Unknown {
        // A command killed by a signal (exit status 128+N) did not fail on its own: its tool
        // says nothing about the cause.
        let signalled = structure.exit_code.is_some_and(|c| c >= 128);
        if let Some((cmd, seg)) = &structure.failed_command
            && !signalled
            && let Some((cat, w)) = codebuild::command_hint(cmd)
        {
            let hit = command_hit(&segments, *seg);
            support.entry(cat).or_default().add(w, hit, false, *seg);
        }
        if let Some((cat, w)) = structure
            .failed_phase
            .as_deref()
            .and_then(codebuild::phase_hint)
        {
            support
                .entry(cat)
                .or_default()
                .add(w, None, false, usize::MAX);
        }
    }
    for (cat, w) in family_priors(family) {
        support
            .entry(*cat)
            .or_default()
            .add(*w, None, false, usize::MAX);
    }

    // 4. Checks.
    for check in &evidence.checks {
        let cat = check_category(check.kind);
        let entry = support.entry(cat).or_default();
        let verdict = Verdict {
            kind: check.kind,
            outcome: check.outcome,
            detail: format!("{}: {}", check.subject, check.detail),
        };
        match check.outcome {
            CheckOutcome::Fail => {
                let w = if entry.best > 0.0 { 1.3 } else { 0.7 };
                entry.add(w, None, true, 0);
                entry.confirmed_by = Some(verdict.detail.clone());
            }
            CheckOutcome::Pass => {
                // An IAM simulation covers identity policies only: when it allows what the
                // service denied, an SCP, a boundary or a resource policy still can deny. The
                // other checks observe the thing itself.
                entry.best *= if check.kind == CheckKind::RolePermits {
                    0.5
                } else {
                    0.15
                };
            }
            CheckOutcome::Inconclusive => {}
        }
        entry.verdicts.push(verdict);
    }

    // 5. Ranking.
    let mut ranked: Vec<(Category, f32, usize)> = support
        .iter()
        .map(|(c, s)| (*c, s.score(), s.first_pos))
        .filter(|(_, s, _)| *s > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));

    let facts = Facts {
        access_denied: iam::extract(&f.message, &evidence.logs),
        failed_phase: structure.failed_phase.clone(),
        status_code: structure.status_code.clone(),
        failed_command: structure
            .failed_command
            .as_ref()
            .map(|c| crate::digest::sanitize(&c.0, 300)),
        exit_code: structure.exit_code,
    };

    let top_score = ranked.first().map_or(0.0, |r| r.1);
    if top_score < UNKNOWN_THRESHOLD {
        return unknown(evidence, family, lang, facts, top_score);
    }
    // Confidence shares are taken on squared scores: a decisive signature is not diluted by the
    // weak alternatives an umbrella line raises beside it, while two comparable hypotheses still
    // split the confidence.
    let total: f32 = ranked.iter().map(|r| r.1 * r.1).sum::<f32>() + CONFIDENCE_PRIOR;
    let candidates: Vec<Candidate> = ranked
        .iter()
        .take(3)
        .map(|(c, s, _)| {
            let sup = support.get(c);
            Candidate {
                category: *c,
                confidence: round2(s * s / total),
                signature: sup
                    .and_then(|s| s.best_hit.filter(|_| s.best_is_primary))
                    .map(|h| SIGNATURES[h.sig].id.to_owned()),
                confirm_with: confirming_checks(*c).to_vec(),
                verdicts: sup.map(|s| s.verdicts.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let top = ranked[0].0;
    let top_support = support.get(&top);

    // Summary and remedies: the best primary hit's text, else the category's.
    let best_sig = top_support
        .and_then(|s| s.best_hit.filter(|_| s.best_is_primary))
        .or_else(|| {
            top_support.and_then(|s| {
                s.hits
                    .iter()
                    .copied()
                    .filter(|h| SIGNATURES[h.sig].cat == top)
                    .max_by(|a, b| effective(a).total_cmp(&effective(b)))
            })
        });
    let cat_text = text::category(lang, top);
    let mut summary = cat_text.summary.to_owned();
    let mut remedies: Vec<String> = Vec::new();
    if let Some(h) = best_sig {
        let sig = &SIGNATURES[h.sig];
        if let Some(t) = text::signature(lang, sig.text) {
            if let Some(filled) = fill(
                t.summary,
                COMPILED.as_ref().and_then(|c| c.regex(h.sig)),
                segments[h.seg].text,
            ) {
                summary = filled;
            }
            let re = COMPILED.as_ref().and_then(|c| c.regex(h.sig));
            remedies.extend(
                t.remedies
                    .iter()
                    .filter_map(|r| fill(r, re, segments[h.seg].text)),
            );
        }
    }
    if let Some(detail) = top_support.and_then(|s| s.confirmed_by.as_deref()) {
        summary = format!("{summary} ({} {detail})", text::confirmed_label(lang));
    }
    if remedies.is_empty() {
        remedies.extend(cat_text.remedies.iter().map(|r| (*r).to_owned()));
    }

    // Quoted evidence: the top category's hits, first failures first, then in order.
    let mut quote_hits: Vec<Hit> = top_support.map(|s| s.hits.clone()).unwrap_or_default();
    quote_hits.sort_by_key(|h| (segments[h.seg].cascade, h.seg));
    let mut evidence_quotes: Vec<Quote> = Vec::new();
    for h in quote_hits {
        if evidence_quotes.len() >= 4 {
            break;
        }
        let seg = &segments[h.seg];
        let re = COMPILED.as_ref().and_then(|c| c.regex(h.sig));
        let text = quote_window(seg.text, re);
        if text.is_empty() || evidence_quotes.iter().any(|q| q.text == text) {
            continue;
        }
        evidence_quotes.push(Quote {
            text,
            origin: seg.origin,
            line: seg.line,
        });
    }
    if evidence_quotes.is_empty() {
        if let Some(detail) = top_support.and_then(|s| s.confirmed_by.clone()) {
            evidence_quotes.push(Quote {
                text: detail,
                origin: Origin::ActionError,
                line: None,
            });
        } else if let Some(first) = segments.iter().find(|s| !s.text.trim().is_empty()) {
            evidence_quotes.push(Quote {
                text: quote_window(first.text, None),
                origin: first.origin,
                line: first.line,
            });
        }
    }
    evidence_quotes.sort_by_key(|q| (q.origin != Origin::ActionError, q.line));

    Diagnosis {
        category: top,
        confidence: candidates.first().map_or(0.0, |c| c.confidence),
        candidates,
        summary,
        remedies,
        evidence: evidence_quotes,
        facts,
    }
}

fn unknown(
    evidence: &Evidence,
    family: Family,
    lang: Lang,
    facts: Facts,
    top_score: f32,
) -> Diagnosis {
    let t = text::category(lang, Category::Unknown);
    let mut remedies: Vec<String> = Vec::new();
    if evidence.logs.is_empty() {
        remedies.push(text::missing_logs(lang, family).to_owned());
    }
    remedies.extend(t.remedies.iter().map(|r| (*r).to_owned()));
    let quote = evidence
        .failure
        .message
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| Quote {
            text: quote_window(l, None),
            origin: Origin::ActionError,
            line: None,
        });
    let confidence = round2(1.0 - top_score.min(0.5));
    Diagnosis {
        category: Category::Unknown,
        confidence,
        candidates: vec![Candidate {
            category: Category::Unknown,
            confidence,
            signature: None,
            confirm_with: Vec::new(),
            verdicts: Vec::new(),
        }],
        summary: t.summary.to_owned(),
        remedies,
        evidence: quote.into_iter().collect(),
        facts,
    }
}

/// The structure of the primary source, completed by the secondary one. Segment positions are
/// shifted to the segment list.
fn merge(
    primary: &codebuild::Structure,
    secondary: &codebuild::Structure,
    primary_start: usize,
    secondary_start: usize,
) -> codebuild::Structure {
    let shift =
        |c: &Option<(String, usize)>, start: usize| c.as_ref().map(|(s, i)| (s.clone(), i + start));
    codebuild::Structure {
        failed_phase: primary
            .failed_phase
            .clone()
            .or_else(|| secondary.failed_phase.clone()),
        status_code: primary
            .status_code
            .clone()
            .or_else(|| secondary.status_code.clone()),
        cascade_from: None,
        failed_command: shift(&primary.failed_command, primary_start)
            .or_else(|| shift(&secondary.failed_command, secondary_start)),
        exit_code: primary.exit_code.or(secondary.exit_code),
    }
}

/// A pseudo-hit on the segment naming the failed command, for quoting.
fn command_hit(segments: &[Segment<'_>], pos: usize) -> Option<Hit> {
    let idx = SIGNATURES.iter().position(|s| s.id == "command_failed")?;
    (pos < segments.len()).then_some(Hit { sig: idx, seg: pos })
}

fn family_priors(family: Family) -> &'static [(Category, f32)] {
    match family {
        Family::Approval => &[
            (Category::ApprovalRejected, 0.45),
            (Category::ApprovalTimeout, 0.35),
            (Category::ActionConfigInvalid, 0.12),
        ],
        // Whatever went wrong inside the function, the action's failure is the function's.
        Family::Lambda => &[(Category::LambdaActionError, 0.5)],
        Family::CloudFormation => &[(Category::CloudformationStackFailure, 0.2)],
        Family::Build => &[(Category::BuildCommandFailed, 0.15)],
        Family::Ecs => &[(Category::DeployHealth, 0.12)],
        _ => &[],
    }
}

/// The category a check tests.
pub fn check_category(kind: CheckKind) -> Category {
    match kind {
        CheckKind::BranchExists => Category::SourceBranchNotFound,
        CheckKind::RepositoryReadable => Category::SourceRepoNotFoundOrAccess,
        CheckKind::ConnectionAvailable => Category::SourceConnectionUnavailable,
        CheckKind::RolePermits => Category::IamPermission,
        CheckKind::ArtifactBucketReachable => Category::ArtifactStoreAccess,
        CheckKind::ArtifactKeyUsable => Category::ArtifactKms,
        CheckKind::ArtifactWithinSizeLimit => Category::QuotaOrLimit,
        CheckKind::ConfiguredResourceExists => Category::ActionConfigInvalid,
        CheckKind::DeploymentAgentReachable => Category::DeployAgent,
        CheckKind::TargetsHealthy => Category::DeployHealth,
    }
}

/// The checks that would confirm or refute a category.
pub fn confirming_checks(category: Category) -> &'static [CheckKind] {
    match category {
        Category::SourceBranchNotFound => &[CheckKind::BranchExists],
        Category::SourceRepoNotFoundOrAccess => &[CheckKind::RepositoryReadable],
        Category::SourceConnectionUnavailable => &[CheckKind::ConnectionAvailable],
        Category::IamPermission => &[CheckKind::RolePermits],
        Category::ArtifactStoreAccess => &[CheckKind::ArtifactBucketReachable],
        Category::ArtifactKms => &[CheckKind::ArtifactKeyUsable],
        Category::QuotaOrLimit => &[CheckKind::ArtifactWithinSizeLimit],
        Category::ActionConfigInvalid => &[CheckKind::ConfiguredResourceExists],
        Category::DeployAgent => &[CheckKind::DeploymentAgentReachable],
        Category::DeployHealth => &[CheckKind::TargetsHealthy],
        _ => &[],
    }
}

/// Fills `{name}` placeholders from the named captures of `re` in `text`; `None` when a
/// placeholder has no value.
fn fill(template: &str, re: Option<&Regex>, text: &str) -> Option<String> {
    if !template.contains('{') {
        return Some(template.to_owned());
    }
    // A line can match an alternative without the names first ("ScriptFailed Script at ..."):
    // take the first match that has every name the template wants.
    re?.captures_iter(text).find_map(|caps| {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}')?;
            let name = &after[..close];
            let value = caps
                .name(name)
                .map(|m| m.as_str().trim())
                .filter(|v| !v.is_empty())?;
            out.push_str(&crate::digest::sanitize(value, 200));
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Some(out)
    })
}

/// An exact fragment of `line` (redacted) around the match of `re`, at most [`QUOTE_MAX`]
/// bytes. The line is redacted before it is cut, and a cut never falls inside a token: a
/// secret whose name is outside the window would otherwise be quoted without it, unrecognised.
fn quote_window(line: &str, re: Option<&Regex>) -> String {
    let redacted = crate::redact::redact(line.trim());
    let line = redacted.as_ref();
    if line.len() <= QUOTE_MAX {
        return line.to_owned();
    }
    let (start, end) = re
        .and_then(|r| r.find(line))
        .map_or((0, 0), |m| (m.start(), m.end()));
    let half = QUOTE_MAX.saturating_sub(end - start) / 2;
    let mut from = start.saturating_sub(half);
    let mut to = (end + half)
        .min(line.len())
        .max((from + QUOTE_MAX).min(line.len()));
    if to - from > QUOTE_MAX {
        to = from + QUOTE_MAX;
    }
    while from > 0 && !line.is_char_boundary(from) {
        from -= 1;
    }
    while to < line.len() && !line.is_char_boundary(to) {
        to += 1;
    }
    // Off a token's middle at both ends (never into the match itself).
    let token = |c: char| c.is_ascii_alphanumeric() || "_-+/=.%".contains(c);
    let ends_in_token = |at: usize| {
        line[..at].chars().next_back().is_some_and(token)
            && line[at..].chars().next().is_some_and(token)
    };
    while from > 0 && from < start && ends_in_token(from) {
        from += line[from..].chars().next().map_or(1, char::len_utf8);
    }
    while to < line.len() && to > end && ends_in_token(to) {
        to -= line[..to].chars().next_back().map_or(1, char::len_utf8);
    }
    line[from..to].trim().to_owned()
}

fn round2(x: f32) -> f32 {
    (x.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
