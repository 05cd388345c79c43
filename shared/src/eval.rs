//! Accuracy of the engine on labelled cases (the corpus format).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::category::Category;
use crate::engine::diagnose;
use crate::redact::redact;

/// A labelled case: a classify case plus its expected root cause.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    /// The case.
    #[serde(flatten)]
    pub case: Case,
    /// The expected root cause.
    pub expected_category: Category,
}

/// Counts for one expected category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CategoryStats {
    /// Cases expecting it.
    pub cases: usize,
    /// Of those, first-ranked right.
    pub top1: usize,
    /// Of those, ranked in the top three.
    pub top3: usize,
}

/// One kind of mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// What the label says.
    pub expected: Category,
    /// What the engine ranked first.
    pub got: Category,
    /// The cases (their ids).
    pub ids: Vec<String>,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Cases evaluated.
    pub cases: usize,
    /// First-ranked right.
    pub top1: usize,
    /// Ranked in the top three.
    pub top3: usize,
    /// Per expected category.
    pub per_category: BTreeMap<Category, CategoryStats>,
    /// Mistakes, most frequent first.
    pub confusions: Vec<Confusion>,
    /// Lines that could not be read: (line number, reason).
    pub errors: Vec<(usize, String)>,
}

impl EvalReport {
    /// Top-1 accuracy, 0 to 1.
    pub fn top1_accuracy(&self) -> f64 {
        ratio(self.top1, self.cases)
    }

    /// Top-3 accuracy, 0 to 1.
    pub fn top3_accuracy(&self) -> f64 {
        ratio(self.top3, self.cases)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Evaluates the engine on labelled JSON Lines.
pub fn evaluate(jsonl: &str) -> EvalReport {
    let mut report = EvalReport::default();
    let mut confusions: BTreeMap<(Category, Category), Vec<String>> = BTreeMap::new();
    let jsonl = jsonl.strip_prefix('\u{feff}').unwrap_or(jsonl);
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let labelled: Labelled = match serde_json::from_str(line) {
            Ok(l) => l,
            Err(e) => {
                report
                    .errors
                    .push((i + 1, redact(&e.to_string()).into_owned()));
                continue;
            }
        };
        let id = labelled.case.id.as_ref().map_or_else(
            || format!("line {}", i + 1),
            |v| redact(&v.as_str().map_or_else(|| v.to_string(), str::to_owned)).into_owned(),
        );
        let expected = labelled.expected_category;
        let evidence = match labelled.case.into_evidence() {
            Ok(e) => e,
            Err(e) => {
                report
                    .errors
                    .push((i + 1, redact(&e.to_string()).into_owned()));
                continue;
            }
        };
        let d = diagnose(&evidence);
        let stats = report.per_category.entry(expected).or_default();
        stats.cases += 1;
        report.cases += 1;
        if d.category == expected {
            stats.top1 += 1;
            report.top1 += 1;
        } else {
            confusions
                .entry((expected, d.category))
                .or_default()
                .push(id);
        }
        if d.candidates.iter().any(|c| c.category == expected) {
            stats.top3 += 1;
            report.top3 += 1;
        }
    }
    report.confusions = confusions
        .into_iter()
        .map(|((expected, got), ids)| Confusion { expected, got, ids })
        .collect();
    report
        .confusions
        .sort_by_key(|c| std::cmp::Reverse(c.ids.len()));
    report
}
