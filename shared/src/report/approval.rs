//! Approval notices: "approval needed", reminders and escalations, rendered like failure
//! reports (plain text, chat, JSON in one SNS publish; every text clean; English or Japanese).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::publish::{Publication, envelope};
use super::safe::{clean, defused, encode_component, md_code, md_text, safe_url};
use crate::approvals::{NoticeKind, PendingApproval};
use crate::text::{Lang, fill};

/// Version of the JSON approval notice's form.
pub const APPROVAL_SCHEMA_VERSION: u32 = 1;

/// One notice about one waiting approval, every text clean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalNotice {
    /// Language.
    pub lang: Lang,
    /// Needed, reminder or escalation.
    pub kind: NoticeKind,
    /// The pipeline.
    pub pipeline: String,
    /// The stage.
    pub stage: String,
    /// The approval action.
    pub action: String,
    /// The execution waiting.
    pub execution_id: Option<String>,
    /// The pipeline's Region.
    pub region: Option<String>,
    /// Waiting since (epoch seconds).
    pub since: Option<i64>,
    /// Expires at (epoch seconds).
    pub expires: Option<i64>,
    /// When the notice was made (epoch seconds).
    pub now: i64,
    /// The approval token.
    pub token: String,
    /// The action's CustomData.
    pub custom_data: Option<String>,
    /// The action's ExternalEntityLink (https only).
    pub external_link: Option<String>,
    /// The revision being approved: id and summary.
    pub revision: Option<(String, Option<String>)>,
}

struct Words {
    subject: [&'static str; 3],
    headline: [&'static str; 3],
    pipeline: &'static str,
    waiting: &'static str,
    since: &'static str,
    expires: &'static str,
    revision: &'static str,
    custom_data: &'static str,
    review: &'static str,
    approve_here: &'static str,
    approve_cli: &'static str,
    reject_cli: &'static str,
    unknown: &'static str,
}

const EN: Words = Words {
    subject: [
        "Approval needed: {pipeline} {place}",
        "Approval waiting {waited}: {pipeline} {place}",
        "Approval expires in {left}: {pipeline} {place}",
    ],
    headline: [
        "{place} of {pipeline} waits for your approval",
        "{place} of {pipeline} has waited {waited} for approval",
        "{place} of {pipeline} expires in {left}: approve or reject it, or the release fails",
    ],
    pipeline: "Pipeline",
    waiting: "Waiting",
    since: "since",
    expires: "Expires",
    revision: "Revision",
    custom_data: "What to review",
    review: "Review at",
    approve_here: "Approve or reject in the console",
    approve_cli: "Approve with the CLI",
    reject_cli: "Reject with the CLI",
    unknown: "unknown",
};

const JA: Words = Words {
    subject: [
        "承認待ち: {pipeline} {place}",
        "承認待ち {waited}: {pipeline} {place}",
        "承認期限まで {left}: {pipeline} {place}",
    ],
    headline: [
        "{pipeline} の {place} が承認を待っている",
        "{pipeline} の {place} が {waited} 承認を待っている",
        "{pipeline} の {place} はあと {left} で期限切れになる: 承認か却下をしないとリリースが失敗する",
    ],
    pipeline: "パイプライン",
    waiting: "待機",
    since: "開始",
    expires: "期限",
    revision: "リビジョン",
    custom_data: "確認してほしい内容",
    review: "確認先",
    approve_here: "コンソールで承認または却下する",
    approve_cli: "CLI で承認する",
    reject_cli: "CLI で却下する",
    unknown: "不明",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

fn kind_index(k: NoticeKind) -> usize {
    match k {
        NoticeKind::Needed => 0,
        NoticeKind::Reminder => 1,
        NoticeKind::Escalation => 2,
    }
}

/// `2026-11-26 10:00 UTC` from epoch seconds.
pub fn utc(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let rem = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3_600,
        (rem % 3_600) / 60
    )
}

/// `3d 4h`, `5h 12m`, `40m` (ASCII, for subjects too).
pub fn span(seconds: i64) -> String {
    let s = seconds.max(0);
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60);
    match (d, h) {
        (0, 0) => format!("{m}m"),
        (0, _) => format!("{h}h {m}m"),
        _ => format!("{d}d {h}h"),
    }
}

/// A shell word: as is when it is plainly safe, else single-quoted.
fn sh(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@/:".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

impl ApprovalNotice {
    /// The notice `kind` about `p`, made at `now`.
    pub fn build(
        p: &PendingApproval,
        kind: NoticeKind,
        region: Option<&str>,
        revision: Option<(String, Option<String>)>,
        lang: Lang,
        now: i64,
    ) -> ApprovalNotice {
        let ident = |s: &str| clean(s, 200);
        ApprovalNotice {
            lang,
            kind,
            pipeline: ident(p.pipeline.as_str()),
            stage: ident(&p.waiting.stage),
            action: ident(&p.waiting.action),
            execution_id: p.waiting.execution_id.as_deref().map(ident),
            region: region
                .filter(|r| {
                    r.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                })
                .map(str::to_owned),
            since: p.waiting.since,
            expires: p.expires,
            now,
            token: ident(&p.waiting.token),
            custom_data: p.custom_data.as_deref().map(|c| clean(c, 1_000)),
            external_link: p.external_link.as_deref().and_then(safe_url),
            revision: revision.map(|(id, s)| (ident(&id), s.map(|s| clean(&s, 200)))),
        }
    }

    fn place(&self) -> String {
        format!("{}/{}", self.stage, self.action)
    }

    fn waited(&self) -> Option<i64> {
        self.since.map(|s| self.now - s)
    }

    fn left(&self) -> Option<i64> {
        self.expires.map(|e| e - self.now)
    }

    fn fill(&self, template: &str) -> String {
        let unknown = words(self.lang).unknown;
        let waited = self.waited().map_or_else(|| unknown.to_owned(), span);
        let left = self.left().map_or_else(|| unknown.to_owned(), span);
        fill(
            template,
            &[
                ("pipeline", &self.pipeline),
                ("place", &self.place()),
                ("waited", &waited),
                ("left", &left),
            ],
        )
    }

    /// The console page where the approval is answered.
    pub fn console_url(&self) -> Option<String> {
        let r = self.region.as_deref()?;
        Some(format!(
            "https://{r}.console.aws.amazon.com/codesuite/codepipeline/pipelines/{}/view?region={r}",
            encode_component(&self.pipeline)
        ))
    }

    /// `aws codepipeline put-approval-result ...` with `status` Approved or Rejected.
    pub fn command(&self, status: &str) -> String {
        let region = self
            .region
            .as_deref()
            .map(|r| format!(" --region {r}"))
            .unwrap_or_default();
        format!(
            "aws codepipeline put-approval-result --pipeline-name {} --stage-name {} --action-name {} --token {} --result {}{region}",
            sh(&self.pipeline),
            sh(&self.stage),
            sh(&self.action),
            sh(&self.token),
            sh(&format!(
                "summary=\"{status} from the reminder\",status={status}"
            ))
        )
    }

    /// One line, under 100 characters.
    pub fn subject(&self) -> String {
        super::text::subject_line(&self.fill(words(self.lang).subject[kind_index(self.kind)]))
    }

    /// The plain-text notice.
    pub fn text(&self) -> String {
        let w = words(self.lang);
        let mut b = String::new();
        let _ = writeln!(b, "{}\n", self.fill(w.headline[kind_index(self.kind)]));
        let _ = writeln!(b, "{}: {} ({})", w.pipeline, self.pipeline, self.place());
        if let (Some(since), Some(waited)) = (self.since, self.waited()) {
            let _ = writeln!(
                b,
                "{}: {} ({} {})",
                w.waiting,
                span(waited),
                w.since,
                utc(since)
            );
        }
        if let (Some(exp), Some(left)) = (self.expires, self.left()) {
            let _ = writeln!(b, "{}: {} ({})", w.expires, utc(exp), span(left));
        }
        if let Some((id, summary)) = &self.revision {
            let _ = writeln!(
                b,
                "{}: {id}{}",
                w.revision,
                summary
                    .as_deref()
                    .map(|s| format!(" {s}"))
                    .unwrap_or_default()
            );
        }
        if let Some(c) = &self.custom_data {
            let _ = writeln!(b, "{}: {c}", w.custom_data);
        }
        if let Some(l) = &self.external_link {
            let _ = writeln!(b, "{}: {l}", w.review);
        }
        if let Some(u) = self.console_url() {
            let _ = writeln!(b, "\n{}: {u}", w.approve_here);
        }
        let _ = writeln!(b, "\n{}:\n  {}", w.approve_cli, self.command("Approved"));
        let _ = writeln!(b, "{}:\n  {}", w.reject_cli, self.command("Rejected"));
        b
    }

    /// The JSON notice.
    pub fn json(&self) -> Value {
        json!({
            "schema_version": APPROVAL_SCHEMA_VERSION,
            "kind": "approval_reminder",
            "notice": self.kind,
            "language": self.lang.code(),
            "subject": self.subject(),
            "pipeline": self.pipeline,
            "stage": self.stage,
            "action": self.action,
            "execution_id": self.execution_id,
            "region": self.region,
            "waiting_since": self.since.map(utc),
            "waited_seconds": self.waited(),
            "expires_at": self.expires.map(utc),
            "expires_in_seconds": self.left(),
            "revision": self.revision.as_ref().map(|(id, s)| json!({"id": id, "summary": s})),
            "custom_data": self.custom_data,
            "external_link": self.external_link,
            "console_url": self.console_url(),
            "token": self.token,
            "commands": {"approve": self.command("Approved"), "reject": self.command("Rejected")},
        })
    }

    /// The chat notification (Amazon Q Developer custom notification).
    pub fn chat(&self) -> Value {
        let w = words(self.lang);
        let icon = match self.kind {
            NoticeKind::Needed => ":raised_hand:",
            NoticeKind::Reminder => ":hourglass_flowing_sand:",
            NoticeKind::Escalation => ":warning:",
        };
        let mut d = vec![format!(
            "*{}:* {} · {}",
            w.pipeline,
            md_text(&self.pipeline),
            md_text(&self.place())
        )];
        if let (Some(since), Some(waited)) = (self.since, self.waited()) {
            d.push(format!(
                "*{}:* {} ({} {})",
                w.waiting,
                span(waited),
                w.since,
                utc(since)
            ));
        }
        if let (Some(exp), Some(left)) = (self.expires, self.left()) {
            d.push(format!("*{}:* {} ({})", w.expires, utc(exp), span(left)));
        }
        if let Some((id, summary)) = &self.revision {
            d.push(format!(
                "*{}:* `{}` {}",
                w.revision,
                md_code(id),
                summary.as_deref().map(md_text).unwrap_or_default()
            ));
        }
        if let Some(c) = &self.custom_data {
            d.push(format!("*{}:* {}", w.custom_data, md_text(c)));
        }
        if let Some(l) = &self.external_link {
            d.push(format!("*{}:* [{}]({l})", w.review, md_text(w.review)));
        }
        if let Some(u) = self.console_url() {
            d.push(format!("[{}]({u})", w.approve_here));
        }
        let thread = defused(&format!(
            "{}/{}/{}",
            self.pipeline,
            self.execution_id.as_deref().unwrap_or("-"),
            self.place()
        ));
        json!({
            "version": "1.0",
            "source": "custom",
            "id": thread,
            "content": {
                "textType": "client-markdown",
                "title": format!("{icon} {}", md_text(&self.fill(w.headline[kind_index(self.kind)]))),
                "description": d.join("\n"),
                "nextSteps": [
                    format!("{}: `{}`", w.approve_cli, md_code(&self.command("Approved"))),
                    format!("{}: `{}`", w.reject_cli, md_code(&self.command("Rejected"))),
                ],
                "keywords": [md_text(&self.pipeline), md_text(&self.stage), "approval".to_owned()],
            },
            "metadata": {
                "threadId": thread,
                "summary": md_text(&self.subject()),
                "eventType": "CodePipelineApprovalReminder",
                "relatedResources": self.console_url().into_iter().collect::<Vec<_>>(),
                "additionalContext": {
                    "pipeline": defused(&self.pipeline),
                    "stage": defused(&self.stage),
                    "action": defused(&self.action),
                    "notice": match self.kind {
                        NoticeKind::Needed => "needed",
                        NoticeKind::Reminder => "reminder",
                        NoticeKind::Escalation => "escalation",
                    },
                },
            }
        })
    }

    /// The one SNS publish of this notice.
    pub fn publication(&self) -> Publication {
        let notice = match self.kind {
            NoticeKind::Needed => "needed",
            NoticeKind::Reminder => "reminder",
            NoticeKind::Escalation => "escalation",
        };
        let severity = match self.kind {
            NoticeKind::Needed => "low",
            NoticeKind::Reminder => "medium",
            NoticeKind::Escalation => "high",
        };
        let attributes = vec![
            ("report_type".to_owned(), "approval_reminder".to_owned()),
            ("pipeline".to_owned(), self.pipeline.clone()),
            ("stage".to_owned(), self.stage.clone()),
            ("action".to_owned(), self.action.clone()),
            ("notice".to_owned(), notice.to_owned()),
            ("severity".to_owned(), severity.to_owned()),
            ("language".to_owned(), self.lang.code().to_owned()),
        ];
        envelope(
            self.subject(),
            self.text(),
            &self.json(),
            &self.chat(),
            attributes,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::PipelineName;
    use crate::ports::WaitingApproval;
    use crate::report::SNS_MAX_BYTES;
    use proptest::prelude::*;

    fn pending() -> PendingApproval {
        PendingApproval {
            pipeline: PipelineName::new("web"),
            waiting: WaitingApproval {
                stage: "Prod".into(),
                action: "Approve".into(),
                execution_id: Some("x-1".into()),
                token: "0a1b2c3d-0000-4000-8000-000000000000".into(),
                since: Some(1_764_144_000),
            },
            expires: Some(1_764_144_000 + 7 * 86_400),
            timeout_minutes: None,
            custom_data: Some(
                "Check the canary <!channel> @here [x](https://evil.example) password=hunter2xyz"
                    .into(),
            ),
            external_link: Some("https://jira.example/REL-1".into()),
        }
    }

    #[test]
    fn a_reminder_says_what_when_and_how_to_answer_in_both_languages() {
        let now = 1_764_144_000 + 5 * 3_600;
        let rev = Some(("9b2e4f1".to_owned(), Some("Release 2026.11".to_owned())));
        let n = ApprovalNotice::build(
            &pending(),
            NoticeKind::Reminder,
            Some("eu-west-1"),
            rev.clone(),
            Lang::En,
            now,
        );
        assert_eq!(n.subject(), "Approval waiting 5h 0m: web Prod/Approve");
        let t = n.text();
        for want in [
            "Waiting: 5h 0m (since 2025-11-26 08:00 UTC)",
            "Expires: 2025-12-03 08:00 UTC (6d 19h)",
            "Revision: 9b2e4f1 Release 2026.11",
            "Review at: https://jira.example/REL-1",
            "aws codepipeline put-approval-result --pipeline-name web --stage-name Prod --action-name Approve --token 0a1b2c3d-0000-4000-8000-000000000000 --result 'summary=\"Approved from the reminder\",status=Approved' --region eu-west-1",
            "https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/web/view?region=eu-west-1",
        ] {
            assert!(t.contains(want), "{want}\n{t}");
        }
        assert!(!t.contains("hunter2xyz"));
        let chat = n.chat().to_string();
        assert!(
            !chat.contains("<!channel>")
                && !chat.contains("@here")
                && !chat.contains("](https://evil")
        );
        let ja = ApprovalNotice::build(
            &pending(),
            NoticeKind::Escalation,
            Some("eu-west-1"),
            rev,
            Lang::Ja,
            now,
        );
        assert!(ja.text().contains("期限切れ"), "{}", ja.text());
        assert!(ja.subject().starts_with("承認期限まで"), "{}", ja.subject());
        let p = ja.publication();
        assert!(p.size() < SNS_MAX_BYTES);
        assert!(
            p.attributes
                .iter()
                .any(|(k, v)| k == "notice" && v == "escalation")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any names, data and times: one short subject line, a publish within SNS's limit,
        /// nothing a chat client acts on.
        #[test]
        fn any_approval_makes_a_bounded_safe_notice(
            name in any::<String>(),
            stage in "\\PC{0,300}",
            data in prop_oneof![
                any::<String>(),
                (0usize..50_000).prop_map(|n| "<!here> 界".repeat(n)),
            ],
            since in -4_000_000_000i64..4_000_000_000,
            left in -1_000_000i64..10_000_000,
            ja in any::<bool>(),
        ) {
            let mut p = pending();
            p.pipeline = PipelineName::new(name);
            p.waiting.stage = stage;
            p.waiting.since = Some(since);
            p.expires = Some(since.saturating_add(left));
            p.custom_data = Some(data);
            let lang = if ja { Lang::Ja } else { Lang::En };
            for kind in [NoticeKind::Needed, NoticeKind::Reminder, NoticeKind::Escalation] {
                let n = ApprovalNotice::build(&p, kind, Some("us-east-1"), None, lang, since + 3_600);
                let publication = n.publication();
                prop_assert!(publication.size() <= SNS_MAX_BYTES);
                prop_assert!(publication.subject.chars().count() <= 99);
                prop_assert!(!publication.subject.chars().any(char::is_control));
                prop_assert!(!n.chat().to_string().contains("<!here>"));
            }
        }
    }

    #[test]
    fn dates_and_spans() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(span(59), "0m");
        assert_eq!(span(3 * 86_400 + 4 * 3_600 + 59), "3d 4h");
        assert_eq!(sh("it's"), "'it'\\''s'");
    }
}
