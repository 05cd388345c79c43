//! Properties that hold for any input: no panic, bounded output, a pure function.

use proptest::prelude::*;
use triage::case::Case;
use triage::{Category, Evidence, diagnose};

fn case(message: String, provider: Option<String>, log: Option<String>) -> Evidence {
    Case {
        message: Some(message),
        provider,
        log_excerpt: log,
        ..Case::default()
    }
    .into_evidence()
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_gets_a_well_formed_diagnosis(
        message in ".{0,400}",
        provider in proptest::option::of("(CodeBuild|CodeDeploy|Manual|Lambda|ECS|CloudFormation|.{0,20})"),
        log in proptest::option::of(prop::collection::vec(".{0,200}", 0..40).prop_map(|v| v.join("\n"))),
    ) {
        let e = case(message, provider, log);
        let d = diagnose(&e);
        prop_assert!(!d.candidates.is_empty() && d.candidates.len() <= 3);
        prop_assert_eq!(d.candidates[0].category, d.category);
        prop_assert!((0.0..=1.0).contains(&d.confidence));
        prop_assert!(!d.summary.is_empty());
        // Pure: the same evidence gives the same diagnosis.
        prop_assert_eq!(diagnose(&e), d);
    }

    #[test]
    fn signature_words_in_noise_never_panic(
        words in prop::collection::vec(prop::sample::select(vec![
            "Phase complete: BUILD State: FAILED", "Entering phase POST_BUILD", "exit status 137",
            "Error while executing command:", ". Reason: exit status", "No Branch [", "] found for FullRepositoryName [",
            "is not authorized to perform:", "on resource:", "toomanyrequests", "\u{1b}[0m", "\u{0}", "é", "\n",
            "BUILD | Failed |", "Script at specified location:", "failed with exit code", "HEALTH_CONSTRAINTS",
        ]), 0..60),
    ) {
        let text: String = words.concat();
        let d = diagnose(&case(text.clone(), Some("CodeBuild".into()), Some(text)));
        prop_assert!(d.candidates.len() <= 3);
    }

    #[test]
    fn arbitrary_bytes_never_break_classify(input in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut out = Vec::new();
        let outcome = pipeline_triage::classify(&input[..], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        prop_assert_eq!(text.lines().count(), outcome.classified + outcome.rejected);
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            prop_assert!(v.get("category").is_some() || v.get("error").is_some());
        }
    }
}

#[test]
fn evidence_and_diagnosis_round_trip_through_json() {
    let e = case(
        "[GitHub] No Branch [main] found for FullRepositoryName [acme/app]".into(),
        Some("CodeStarSourceConnection (GitHub)".into()),
        Some("line one\nline two error".into()),
    );
    let saved = serde_json::to_string(&e).unwrap();
    let replayed: Evidence = serde_json::from_str(&saved).unwrap();
    assert_eq!(replayed, e);
    let d = diagnose(&replayed);
    assert_eq!(d.category, Category::SourceBranchNotFound);
    let d2: triage::Diagnosis = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(d2, d);
    // A bundle from an older or newer writer with unknown fields still loads.
    let v: Evidence = serde_json::from_str(
        r#"{"schema_version": 1, "failure": {"message": "x", "future": 1}, "later": []}"#,
    )
    .unwrap();
    assert_eq!(v.failure.message, "x");
}
