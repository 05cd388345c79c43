//! The words around a report: headings, field names, verdicts, link names.
//!
//! Placeholders in braces are filled by the renderers; a test checks that both languages use
//! the same placeholders in each template.

use super::Lang;

/// Every fixed string a report renderer prints.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    /// Subject: `{pipeline}`, `{place}`, `{category}` (one line, under 100 characters).
    pub subject: &'static str,
    /// Chat title: `{pipeline}`, `{place}`.
    pub title: &'static str,
    /// Where nothing more precise is known.
    pub place_execution: &'static str,
    /// Field names of the header block.
    pub pipeline: &'static str,
    /// Execution field, `{id}` and `{attempt}`.
    pub execution: &'static str,
    /// Failed-at field.
    pub failed_at: &'static str,
    /// Root-cause field.
    pub root_cause: &'static str,
    /// `{percent}` confidence.
    pub confidence: &'static str,
    /// Severity field.
    pub severity: &'static str,
    /// Other candidates.
    pub also_possible: &'static str,
    /// Source revision.
    pub revision: &'static str,
    /// Section: quoted evidence.
    pub why: &'static str,
    /// Section: live checks.
    pub checks: &'static str,
    /// A failed check confirms `{category}`.
    pub confirms: &'static str,
    /// A passed check argues against `{category}`.
    pub argues_against: &'static str,
    /// An inconclusive check on `{category}`.
    pub undecided: &'static str,
    /// The IAM denial: `{action}`, `{resource}`, `{principal}`.
    pub denied: &'static str,
    /// Section: remedies.
    pub what_to_do: &'static str,
    /// Section: changes since the last success, `{id}`.
    pub since_last_success: &'static str,
    /// Nothing changed since the last success.
    pub no_change: &'static str,
    /// No successful execution in the history read.
    pub never_succeeded: &'static str,
    /// Section: log lines around the failure.
    pub log_excerpt: &'static str,
    /// Section: gaps.
    pub not_read: &'static str,
    /// Section: links.
    pub links: &'static str,
    /// Section: what the size limit cut, followed by the counts.
    pub trimmed: &'static str,
    /// Counted items that were cut: log lines, quotes, checks, changes, gaps, remedies.
    pub trimmed_items: [&'static str; 6],
    /// Shortened texts, `{count}`.
    pub trimmed_texts: &'static str,
    /// Gap reasons, in [`crate::evidence::GapReason`] order.
    pub gap_reasons: [&'static str; 8],
    /// Severity names: critical, high, medium, low.
    pub severities: [&'static str; 4],
    /// Link names: execution, build, build log, deployment, stack, role, provider page.
    pub link_names: [&'static str; 7],
    /// The report could not be de-duplicated: it may arrive twice.
    pub maybe_duplicate: &'static str,
}

const EN: Labels = Labels {
    subject: "{pipeline} failed at {place}: {category}",
    title: "{pipeline} failed at {place}",
    place_execution: "execution",
    pipeline: "Pipeline",
    execution: "{id} (attempt {attempt})",
    failed_at: "Failed at",
    root_cause: "Root cause",
    confidence: "confidence {percent}%",
    severity: "Severity",
    also_possible: "Also possible",
    revision: "Revision",
    why: "Why we think so",
    checks: "Checks",
    confirms: "confirms {category}",
    argues_against: "argues against {category}",
    undecided: "does not decide {category}",
    denied: "Denied: {action} on {resource} for {principal}",
    what_to_do: "What to do",
    since_last_success: "Since the last successful execution ({id})",
    no_change: "no change in source revisions, pipeline version or the action's configuration",
    never_succeeded: "No successful execution found in the pipeline's history",
    log_excerpt: "Log lines before the failure",
    not_read: "Not read (the diagnosis is built without these)",
    links: "Links",
    trimmed: "Left out to fit (SNS accepts at most 256 KiB)",
    trimmed_items: [
        "log lines",
        "quoted lines",
        "checks",
        "changes",
        "gaps",
        "remedies",
    ],
    trimmed_texts: "{count} texts shortened",
    gap_reasons: [
        "access denied to this function's role",
        "throttled",
        "timed out",
        "not found",
        "not in the input",
        "unreadable answer",
        "endpoint unreachable from this function",
        "failed",
    ],
    severities: ["critical", "high", "medium", "low"],
    link_names: [
        "Execution",
        "Build",
        "Build log",
        "Deployment",
        "Stack",
        "Role",
        "Provider page",
    ],
    maybe_duplicate: "The de-duplication table could not be used: this report may arrive more than once",
};

const JA: Labels = Labels {
    subject: "{pipeline} が {place} で失敗: {category}",
    title: "{pipeline} が {place} で失敗",
    place_execution: "実行",
    pipeline: "パイプライン",
    execution: "{id}（試行 {attempt}）",
    failed_at: "失敗箇所",
    root_cause: "根本原因",
    confidence: "確度 {percent}%",
    severity: "重大度",
    also_possible: "他の可能性",
    revision: "リビジョン",
    why: "根拠",
    checks: "確認結果",
    confirms: "{category} を裏付ける",
    argues_against: "{category} を否定する",
    undecided: "{category} を判断できない",
    denied: "拒否: {principal} による {resource} への {action}",
    what_to_do: "対処",
    since_last_success: "最後に成功した実行（{id}）からの変更",
    no_change: "ソースリビジョン、パイプラインのバージョン、アクションの設定に変更なし",
    never_succeeded: "パイプラインの履歴に成功した実行が見つからない",
    log_excerpt: "失敗直前のログ",
    not_read: "読めなかった情報（診断はこれらなしで行った）",
    links: "リンク",
    trimmed: "上限に収めるため省略（SNS は最大 256 KiB）",
    trimmed_items: [
        "ログ行",
        "引用行",
        "確認結果",
        "変更",
        "読めなかった情報",
        "対処",
    ],
    trimmed_texts: "{count} 件のテキストを短縮",
    gap_reasons: [
        "この関数のロールにアクセス権がない",
        "スロットリング",
        "タイムアウト",
        "見つからない",
        "入力に含まれない",
        "応答を解釈できない",
        "この関数からエンドポイントに接続できない",
        "失敗",
    ],
    severities: ["緊急", "高", "中", "低"],
    link_names: [
        "実行",
        "ビルド",
        "ビルドログ",
        "デプロイ",
        "スタック",
        "ロール",
        "プロバイダのページ",
    ],
    maybe_duplicate: "重複排除テーブルを使えなかったため、このレポートが複数回届く可能性がある",
};

/// The labels of `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_owned()))
            .collect()
    }

    #[test]
    fn every_language_fills_the_same_placeholders() {
        let pairs = |l: &Labels| {
            vec![
                l.subject,
                l.title,
                l.execution,
                l.confidence,
                l.confirms,
                l.argues_against,
                l.undecided,
                l.denied,
                l.since_last_success,
                l.trimmed_texts,
            ]
        };
        for lang in Lang::ALL {
            let l = labels(lang);
            for (en, other) in pairs(labels(Lang::En)).into_iter().zip(pairs(l)) {
                assert_eq!(placeholders(en), placeholders(other), "{lang:?}: {other}");
            }
        }
    }
}
