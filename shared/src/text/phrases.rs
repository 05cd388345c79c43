//! What the collectors write into the evidence for people: check subjects and observations, and
//! the changes since the last successful execution. Placeholders are filled with
//! [`super::fill`]; a test checks both languages use the same ones.

use super::Lang;

/// Observation templates.
#[derive(Debug, Clone, Copy)]
pub struct Phrases {
    /// `{repo}`.
    pub repo_id_subject: &'static str,
    /// FullRepositoryId is `owner/repository`.
    pub repo_id_ok: &'static str,
    /// FullRepositoryId is not `owner/repository`.
    pub repo_id_bad: &'static str,
    /// `{principal}`, `{action}`, `{resource}`.
    pub simulation_subject: &'static str,
    /// The simulation answered nothing.
    pub simulation_empty: &'static str,
    /// `{action}` is allowed.
    pub simulation_allowed: &'static str,
    /// `{branch}`, `{repo}`.
    pub branch_subject: &'static str,
    /// The branch exists.
    pub branch_exists: &'static str,
    /// The branch does not exist.
    pub branch_missing: &'static str,
    /// `{arn}`.
    pub connection_subject: &'static str,
    /// `{status}`.
    pub connection_status: &'static str,
    /// `{bucket}`.
    pub bucket_subject: &'static str,
    /// `{bucket_region}`, `{region}`.
    pub bucket_elsewhere: &'static str,
    /// `{bucket_region}`.
    pub bucket_in: &'static str,
    /// The bucket exists (Region unknown).
    pub bucket_exists: &'static str,
    /// The bucket does not exist.
    pub bucket_missing: &'static str,
    /// `{key}`.
    pub key_subject: &'static str,
    /// `{state}`.
    pub key_state: &'static str,
    /// `{place}`, `{key}`, `{before}`, `{after}`.
    pub changed_configuration: &'static str,
    /// A configuration value that was not set.
    pub unset: &'static str,
    /// `{artifact}`, `{before}`, `{after}`, `{summary}` (may be empty).
    pub changed_revision: &'static str,
    /// `{before}`, `{after}`.
    pub changed_version: &'static str,
    /// The failed execution's revisions were not read.
    pub revisions_unknown: &'static str,
    /// A denied simulation result: `{action}`, `{resource}`, `{decision}`, `{detail}`.
    pub simulation_denied: &'static str,
    /// Gap: the deadline had passed before the call.
    pub no_time_left: &'static str,
    /// Gap: `{ms}`.
    pub no_answer_within: &'static str,
    /// Gap: the log read did not finish.
    pub no_answer_before_deadline: &'static str,
    /// Gap: the build has no log stream.
    pub no_log_stream: &'static str,
    /// Gap: `{pages}`, `{events}`, `{log}`.
    pub log_truncated: &'static str,
}

const EN: Phrases = Phrases {
    repo_id_subject: "FullRepositoryId {repo}",
    repo_id_ok: "in owner/repository form",
    repo_id_bad: "not in owner/repository form",
    simulation_subject: "{principal} for {action} on {resource}",
    simulation_empty: "the simulation returned no result",
    simulation_allowed: "{action} is allowed by the role's identity policies (an SCP, boundary or resource policy may still deny it)",
    branch_subject: "branch {branch} in {repo}",
    branch_exists: "the branch exists",
    branch_missing: "the branch does not exist",
    connection_subject: "connection {arn}",
    connection_status: "connection is {status}",
    bucket_subject: "artifact bucket {bucket}",
    bucket_elsewhere: "bucket is in {bucket_region}, the pipeline in {region}",
    bucket_in: "bucket exists in {bucket_region}",
    bucket_exists: "bucket exists",
    bucket_missing: "bucket does not exist",
    key_subject: "artifact key {key}",
    key_state: "key state is {state}",
    changed_configuration: "{place} configuration {key}: {before} -> {after}",
    unset: "(unset)",
    changed_revision: "{artifact}: revision {before} -> {after}{summary}",
    changed_version: "pipeline definition: version {before} -> {after}",
    revisions_unknown: "could not compare source revisions: the failed execution's details were not read",
    simulation_denied: "{action} on {resource}: {decision}{detail}",
    no_time_left: "no time left before the deadline",
    no_answer_within: "no answer within {ms} ms",
    no_answer_before_deadline: "no answer before the deadline",
    no_log_stream: "the build has no CloudWatch Logs stream",
    log_truncated: "read the last {pages} pages ({events} events) of {log}; earlier lines not read",
};

const JA: Phrases = Phrases {
    repo_id_subject: "FullRepositoryId {repo}",
    repo_id_ok: "owner/repository 形式",
    repo_id_bad: "owner/repository 形式ではない",
    simulation_subject: "{principal} による {resource} への {action}",
    simulation_empty: "シミュレーションの結果が返らなかった",
    simulation_allowed: "{action} はロールのアイデンティティポリシーで許可されている（SCP、アクセス許可の境界、リソースポリシーによる拒否はあり得る）",
    branch_subject: "{repo} のブランチ {branch}",
    branch_exists: "ブランチは存在する",
    branch_missing: "ブランチが存在しない",
    connection_subject: "接続 {arn}",
    connection_status: "接続の状態は {status}",
    bucket_subject: "アーティファクトバケット {bucket}",
    bucket_elsewhere: "バケットは {bucket_region}、パイプラインは {region} にある",
    bucket_in: "バケットは {bucket_region} に存在する",
    bucket_exists: "バケットは存在する",
    bucket_missing: "バケットが存在しない",
    key_subject: "アーティファクトキー {key}",
    key_state: "キーの状態は {state}",
    changed_configuration: "{place} の設定 {key}: {before} -> {after}",
    unset: "（未設定）",
    changed_revision: "{artifact}: リビジョン {before} -> {after}{summary}",
    changed_version: "パイプライン定義: バージョン {before} -> {after}",
    revisions_unknown: "失敗した実行の詳細を読めなかったため、ソースリビジョンを比較できない",
    simulation_denied: "{resource} への {action}: {decision}{detail}",
    no_time_left: "期限までに時間が残っていなかった",
    no_answer_within: "{ms} ms 以内に応答がなかった",
    no_answer_before_deadline: "期限までに応答がなかった",
    no_log_stream: "このビルドには CloudWatch Logs のストリームがない",
    log_truncated: "{log} の最後の {pages} ページ（{events} イベント）を読んだ。それより前の行は読んでいない",
};

/// The observation templates of `lang`.
pub fn phrases(lang: Lang) -> &'static Phrases {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn all(p: &Phrases) -> Vec<&'static str> {
        vec![
            p.repo_id_subject,
            p.simulation_subject,
            p.simulation_allowed,
            p.branch_subject,
            p.connection_subject,
            p.connection_status,
            p.bucket_subject,
            p.bucket_elsewhere,
            p.bucket_in,
            p.key_subject,
            p.key_state,
            p.changed_configuration,
            p.changed_revision,
            p.changed_version,
            p.simulation_denied,
            p.no_answer_within,
            p.log_truncated,
        ]
    }

    fn placeholders(s: &str) -> BTreeSet<&str> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect()
    }

    #[test]
    fn both_languages_fill_the_same_placeholders() {
        for (en, ja) in all(phrases(Lang::En))
            .into_iter()
            .zip(all(phrases(Lang::Ja)))
        {
            assert_eq!(placeholders(en), placeholders(ja), "{ja}");
        }
    }
}
