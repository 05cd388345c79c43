//! Accuracy floors on real failure texts: a regression in the rules fails CI.

use triage::eval::evaluate;

const DEV: &str = include_str!("../data/dev.jsonl");
const HOLDOUT: &str = include_str!("../data/holdout.jsonl");
const HOLDOUT2: &str = include_str!("../data/holdout2.jsonl");
const HOLDOUT3: &str = include_str!("../data/holdout3.jsonl");
const HOLDOUT4: &str = include_str!("../data/holdout4.jsonl");

#[test]
fn dev_corpus_meets_the_accuracy_floor() {
    let r = evaluate(DEV);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.cases, 78);
    assert!(
        r.top1_accuracy() >= 0.90,
        "top-1 {:.3}: {:#?}",
        r.top1_accuracy(),
        r.confusions
    );
    assert!(
        r.top3_accuracy() >= 0.97,
        "top-3 {:.3}: {:#?}",
        r.top3_accuracy(),
        r.confusions
    );
}

/// Real texts that are not in the development corpus (four independent sets): rules that
/// memorised the corpus sentences would fail here.
#[test]
fn held_out_texts_meet_the_accuracy_floor() {
    for (name, data, cases) in [
        ("holdout", HOLDOUT, 45),
        ("holdout2", HOLDOUT2, 28),
        ("holdout3", HOLDOUT3, 58),
        ("holdout4", HOLDOUT4, 59),
    ] {
        let r = evaluate(data);
        assert!(r.errors.is_empty(), "{name}: {:?}", r.errors);
        assert_eq!(r.cases, cases, "{name}");
        assert!(
            r.top1_accuracy() >= 0.85,
            "{name} top-1 {:.3}: {:#?}",
            r.top1_accuracy(),
            r.confusions
        );
        assert!(
            r.top3_accuracy() >= 0.95,
            "{name} top-3 {:.3}: {:#?}",
            r.top3_accuracy(),
            r.confusions
        );
    }
}

#[test]
fn corpus_files_keep_their_provenance() {
    for (name, data) in [
        ("dev", DEV),
        ("holdout", HOLDOUT),
        ("holdout2", HOLDOUT2),
        ("holdout3", HOLDOUT3),
        ("holdout4", HOLDOUT4),
    ] {
        for (i, line) in data.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let source = v["source"].as_str().unwrap_or("");
            assert!(
                !source.is_empty(),
                "{name}.jsonl line {} has no source",
                i + 1
            );
        }
    }
}
