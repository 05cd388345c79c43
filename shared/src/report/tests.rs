//! Report tests: size for any input, no secret in any body, harmless chat, both languages.

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::digest::LogDigest;
use crate::evidence::{
    Check, ExecutionId, Failure, Gap, LastSuccess, LogLine, PipelineName, Trigger,
};
use crate::report::publish::MAX_ATTRIBUTES;

/// Secret samples, one per redaction pattern: `{"pattern", "text", "secret"}`.
const SECRETS: &str = include_str!("../../../tests/data/secrets.jsonl");

fn secrets() -> Vec<(String, String, String)> {
    SECRETS
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["pattern"].as_str().unwrap().to_owned(),
                v["text"].as_str().unwrap().to_owned(),
                v["secret"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The 8-character windows of a secret: none may appear in an output.
fn fragments(secret: &str) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .windows(8.min(chars.len()))
        .map(|w| w.iter().collect())
        .collect()
}

fn base_evidence() -> Evidence {
    let mut e = Evidence::new();
    e.pipeline = Some(PipelineName::new("web-app"));
    e.execution_id = Some(ExecutionId::new("4f2d9a1c-0000-4000-8000-000000000001"));
    e.attempt = Some(1);
    e.region = Some("us-east-1".into());
    e.failure = Failure {
        stage: Some("Build".into()),
        action: Some("Compile".into()),
        provider: Some("CodeBuild".into()),
        action_category: Some("Build".into()),
        error_code: Some("JobFailed".into()),
        message: "Build terminated with state: FAILED".into(),
        external_execution_id: Some("web-build:1234".into()),
        external_execution_url: None,
    };
    e
}

/// Every text a publication sends: subject, each body, each attribute.
fn everything(p: &Publication) -> String {
    let bodies: Value = serde_json::from_str(&p.message).unwrap();
    let mut all = p.subject.clone();
    for (_, body) in bodies.as_object().unwrap() {
        all.push('\n');
        all.push_str(body.as_str().unwrap());
    }
    for (k, v) in &p.attributes {
        all.push_str(&format!("\n{k}={v}"));
    }
    all
}

fn publish_of(e: &Evidence, lang: Lang) -> (Report, Publication) {
    let d = crate::diagnose_in(e, lang);
    publish::prepare(e, &d, lang, false)
}

#[test]
fn a_log_full_of_secrets_publishes_none_in_any_body_or_language() {
    let mut e = base_evidence();
    let mut digest = LogDigest::new(Origin::BuildLog);
    for (_, text, _) in secrets() {
        // As written, JSON-escaped (a log line that is itself JSON), and straddling the
        // digest's 1,000-character cut at several offsets.
        digest.push(&format!("error: {text}"));
        let escaped = serde_json::to_string(&text).unwrap();
        digest.push(&format!("error: {{\"log\": {escaped}}}"));
        for offset in [2, 5, 9, 17] {
            let pad = 1_000 - offset;
            digest.push_text(&format!("error {}{text}", "x ".repeat(pad / 2)));
        }
    }
    e.logs = digest.finish();
    // The action's message and check texts carry them too (they are cut at other lengths).
    e.failure.message = secrets()
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" | ");
    for (_, text, _) in secrets() {
        e.gaps.push(Gap {
            source: "logs:GetLogEvents".into(),
            reason: GapReason::Other,
            detail: text.clone(),
        });
        e.checks.push(Check {
            kind: CheckKind::RolePermits,
            subject: format!("role for {text}"),
            outcome: CheckOutcome::Inconclusive,
            detail: text.clone(),
        });
    }
    for lang in Lang::ALL {
        let (r, p) = publish_of(&e, lang);
        let all = everything(&p);
        let trimmed = render_text(&r);
        for (pattern, _, secret) in secrets() {
            for f in fragments(&secret) {
                assert!(!all.contains(&f), "{pattern}: {f:?} published ({lang:?})");
                assert!(!trimmed.contains(&f), "{pattern}: {f:?} in text");
            }
        }
    }
}

#[test]
fn a_secret_split_by_any_trimming_cut_leaves_no_part() {
    for (pattern, text, secret) in secrets() {
        let line = format!("prefix {text} suffix");
        for max in 8..line.chars().count() {
            let out = safe::clean(&line, max);
            for f in fragments(&secret) {
                assert!(!out.contains(&f), "{pattern} cut at {max}: {out}");
            }
            // And a cut of the already-clean text (what `fit` does) keeps nothing either.
            let mut c = safe::clean(&line, 10_000);
            safe::shorten(&mut c, max);
            for f in fragments(&secret) {
                assert!(!c.contains(&f), "{pattern} shortened at {max}: {c}");
            }
        }
    }
}

#[test]
fn chat_renders_mentions_and_links_from_logs_harmless() {
    let mut e = base_evidence();
    let hostile = "npm ERR! <!channel> @here <@U024BE7LH> see [the fix](https://evil.example/x) \u{1b}[31m`rm -rf`\r\nInjected: line";
    e.failure.message = format!("toomanyrequests: {hostile}");
    e.logs.push(LogLine {
        origin: Origin::BuildLog,
        line: Some(7),
        text: hostile.into(),
    });
    e.failure.stage = Some("Build <!here>".into());
    let (r, p) = publish_of(&e, Lang::En);
    let chat = render_chat(&r);
    let c = chat.to_string();
    for bad in [
        "<!channel>",
        "<!here>",
        "@here",
        "<@U024",
        "](https://evil",
        "https://evil",
        "\u{1b}",
    ] {
        assert!(!c.contains(bad), "{bad} in chat: {c}");
    }
    // Console links the report made are real links.
    assert!(c.contains("](https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/"));
    assert_eq!(chat["version"], "1.0");
    assert_eq!(chat["source"], "custom");
    assert_eq!(chat["content"]["textType"], "client-markdown");
    assert_eq!(chat["metadata"]["threadId"], r.thread_id());
    // No body carries a raw line break from the log or an escape sequence.
    let text = render_text(&r);
    assert!(!text.contains('\r') && !text.contains('\u{1b}'));
    assert!(text.lines().all(|l| !l.starts_with("Injected")), "{text}");
    assert!(!p.subject.contains('\n'));
}

#[test]
fn one_publish_serves_every_subscriber_kind() {
    let e = base_evidence();
    let (r, p) = publish_of(&e, Lang::En);
    let bodies: Value = serde_json::from_str(&p.message).unwrap();
    let text = bodies["default"].as_str().unwrap();
    assert!(text.contains("Root cause: "), "{text}");
    let json: Value = serde_json::from_str(bodies["sqs"].as_str().unwrap()).unwrap();
    assert_eq!(bodies["sqs"], bodies["lambda"]);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["pipeline"], "web-app");
    assert_eq!(json["failed"]["stage"], "Build");
    assert_eq!(json["category"], r.category.id());
    assert_eq!(json["links"][0]["kind"], "execution");
    let chat: Value = serde_json::from_str(bodies["https"].as_str().unwrap()).unwrap();
    assert_eq!(chat["source"], "custom");
    assert_eq!(bodies["sms"], p.subject);
    let names: Vec<&str> = p.attributes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "report_type",
            "pipeline",
            "category",
            "severity",
            "language",
            "stage",
            "action",
            "provider"
        ]
    );
    assert!(p.attributes.len() <= MAX_ATTRIBUTES);
}

#[test]
fn japanese_reports_use_japanese_words_and_the_same_shape() {
    let mut e = base_evidence();
    e.failure.message = "toomanyrequests: You have reached your pull rate limit".into();
    let (en, pe) = publish_of(&e, Lang::En);
    let (ja, pj) = publish_of(&e, Lang::Ja);
    assert_eq!(en.category, ja.category);
    let text = render_text(&ja);
    assert!(text.contains("根本原因") && text.contains("対処"), "{text}");
    assert!(ja.summary.chars().any(|c| c > '\u{3000}'), "{}", ja.summary);
    assert_ne!(en.summary, ja.summary);
    // Machines read the same ids in both languages.
    let (a, b): (Value, Value) = (
        serde_json::from_str(&pe.message).unwrap(),
        serde_json::from_str(&pj.message).unwrap(),
    );
    let (a, b): (Value, Value) = (
        serde_json::from_str(a["sqs"].as_str().unwrap()).unwrap(),
        serde_json::from_str(b["sqs"].as_str().unwrap()).unwrap(),
    );
    assert_eq!(a["category"], b["category"]);
    assert_eq!(b["language"], "ja");
    assert!(pj.subject.contains("失敗"), "{}", pj.subject);
    assert!(pe.subject.ends_with(pj.subject.rsplit(' ').next().unwrap()));
}

#[test]
fn a_huge_report_is_trimmed_by_priority_and_says_so() {
    let mut e = base_evidence();
    e.failure.message = "toomanyrequests: You have reached your pull rate limit".into();
    for i in 0..5_000u64 {
        e.logs.push(LogLine {
            origin: Origin::BuildLog,
            line: Some(i),
            text: format!("error {i} ") + &"日本語のログ ".repeat(150),
        });
        e.checks.push(Check {
            kind: CheckKind::BranchExists,
            subject: format!("branch b{i} ") + &"x".repeat(400),
            outcome: CheckOutcome::Pass,
            detail: "\"quoted\" \\ text ".repeat(40),
        });
        e.gaps.push(Gap {
            source: format!("logs:GetLogEvents#{i}"),
            reason: GapReason::Throttled,
            detail: "😀".repeat(600),
        });
    }
    e.last_success = Some(LastSuccess {
        execution_id: "prev".into(),
        time: None,
        changes: (0..3_000)
            .map(|i| format!("change {i} {}", "é".repeat(300)))
            .collect(),
    });
    let (r, p) = publish_of(&e, Lang::En);
    assert!(p.size() <= SNS_MAX_BYTES, "{}", p.size());
    assert!(r.trimmed.any());
    assert!(r.trimmed.checks >= 4_950 && r.trimmed.gaps >= 4_950);
    // The verdict survives the cut; the low-priority excerpt goes first.
    assert_eq!(r.category, Category::BuildEnvironment);
    assert!(!r.remedies.is_empty());
    let text = render_text(&r);
    assert!(
        text.contains("Left out to fit (SNS accepts at most 256 KiB)"),
        "{text}"
    );
}

#[test]
fn severity_follows_the_stage_and_the_kind_of_action() {
    use crate::engine::Family;
    let s = |c, stage, f| Severity::of(c, Some(stage), f);
    assert_eq!(
        s(Category::BuildCommandFailed, "Prod", Family::Build),
        Severity::Critical
    );
    assert_eq!(
        s(Category::DeployScriptFailed, "PreProd", Family::CodeDeploy),
        Severity::High
    );
    assert_eq!(
        s(Category::BuildCommandFailed, "Build", Family::Build),
        Severity::Medium
    );
    assert_eq!(
        s(Category::ApprovalRejected, "Production", Family::Approval),
        Severity::Low
    );
    for (stage, prod) in [
        ("Prod", true),
        ("prod-eu-west-1", true),
        ("DeployToProduction", true),
        ("PRD", true),
        ("NonProd", false),
        ("non-prod", false),
        ("Pre-Prod", false),
        ("preprod", false),
        ("Product", false),
        ("Reproduce", false),
    ] {
        assert_eq!(names_production(stage), prod, "{stage}");
    }
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,200}",
        any::<String>(),
        ("[a-z]{1,5}", 0usize..30_000).prop_map(|(s, n)| s.repeat(n)),
        (0usize..20_000).prop_map(|n| "\"\\\u{1b}\n".repeat(n)),
        (0usize..20_000).prop_map(|n| "界😀".repeat(n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Any evidence (huge texts, thousands of lines, checks and actions, any Unicode): every
    /// publish fits SNS, its subject is one short ASCII line, its bodies parse, and its
    /// attributes respect the SQS raw-delivery limit.
    #[test]
    fn every_publish_fits_sns(
        pipeline in arb_text(),
        stage in arb_text(),
        message in arb_text(),
        huge in arb_text(),
        item in prop_oneof!["\\PC{0,400}", any::<String>()],
        lines in 0usize..3_000,
        actions in 0usize..3_000,
        ja in any::<bool>(),
    ) {
        let mut e = base_evidence();
        e.pipeline = Some(PipelineName::new(pipeline));
        e.failure.stage = Some(stage);
        e.failure.message = message;
        e.trigger = Some(Trigger { revision_summary: Some(huge.clone()), ..Trigger::default() });
        e.logs.push(LogLine { origin: Origin::BuildLog, line: Some(0), text: huge });
        for i in 0..lines {
            e.logs.push(LogLine { origin: Origin::BuildLog, line: Some(i as u64 + 1), text: item.clone() });
        }
        for i in 0..actions {
            e.context.action_configuration.push((format!("Key{i}"), item.clone()));
            e.checks.push(Check {
                kind: CheckKind::ConfiguredResourceExists,
                subject: format!("action {i}"),
                outcome: CheckOutcome::Fail,
                detail: item.clone(),
            });
            e.gaps.push(Gap { source: format!("codepipeline:Action{i}"), reason: GapReason::Other, detail: item.clone() });
        }
        let lang = if ja { Lang::Ja } else { Lang::En };
        let (_, p) = publish_of(&e, lang);
        prop_assert!(p.size() <= SNS_MAX_BYTES, "size {}", p.size());
        prop_assert!(p.subject.chars().count() <= SUBJECT_MAX);
        prop_assert!(!p.subject.chars().any(char::is_control));
        let bodies: Value = serde_json::from_str(&p.message).unwrap();
        prop_assert!(bodies["default"].is_string());
        let json: Value = serde_json::from_str(bodies["sqs"].as_str().unwrap()).unwrap();
        prop_assert_eq!(json["schema_version"].as_u64(), Some(1));
        let chat: Value = serde_json::from_str(bodies["https"].as_str().unwrap()).unwrap();
        prop_assert_eq!(chat["source"].as_str(), Some("custom"));
        prop_assert!(p.attributes.iter().all(|(_, v)| !v.trim().is_empty() && v.chars().count() <= 256));
    }
}
