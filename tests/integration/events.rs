//! Event intake on real event samples, and on anything at all.

use proptest::prelude::*;
use serde_json::Value;
use triage::event::{FailureScope, Intake, Skip, intake};

fn fixture(name: &str) -> Value {
    let path = format!("{}/data/events/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn real_samples_are_triaged_or_skipped_for_the_right_reason() {
    assert!(matches!(
        intake(&fixture("action-started-fixture.json")),
        Intake::Skip(Skip::NotAFailure { .. })
    ));
    assert!(matches!(
        intake(&fixture("pipeline-started-fixture.json")),
        Intake::Skip(Skip::NotAFailure { .. })
    ));
    assert!(matches!(
        intake(&fixture("stage-started-fixture.json")),
        Intake::Skip(Skip::StageEvent { .. })
    ));
    assert!(matches!(
        intake(&fixture("stage-failed-retry.json")),
        Intake::Skip(Skip::StageEvent { .. })
    ));

    let Intake::Triage(f) = intake(&fixture("action-failed-codedeploy.json")) else {
        panic!()
    };
    assert_eq!(
        f.execution_id.as_str(),
        "12345678-1234-5678-abcd-12345678abcd"
    );
    let FailureScope::Action(a) = &f.scope else {
        panic!()
    };
    assert_eq!(
        (a.stage.as_deref(), a.provider.as_deref()),
        (Some("Deploy"), Some("CodeDeploy"))
    );
    assert_eq!(a.external_execution_id.as_deref(), Some("d-ABC"));

    let Intake::Triage(p) = intake(&fixture("pipeline-failed-with-trigger.json")) else {
        panic!()
    };
    assert_eq!(p.scope, FailureScope::Pipeline);
    assert_eq!(
        p.trigger.unwrap().trigger_type.as_deref(),
        Some("StartPipelineExecution")
    );
}

#[test]
fn intake_outcomes_round_trip_through_json() {
    for name in [
        "action-failed-codedeploy.json",
        "pipeline-failed-with-trigger.json",
        "stage-started-fixture.json",
    ] {
        let i = intake(&fixture(name));
        let back: Intake = serde_json::from_str(&serde_json::to_string(&i).unwrap()).unwrap();
        assert_eq!(back, i, "{name}");
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        prop_oneof![
            ".{0,20}",
            Just("aws.codepipeline".to_owned()),
            Just("FAILED".to_owned()),
            Just("CodePipeline Action Execution State Change".to_owned())
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        ".{0,10}",
                        Just("detail".to_owned()),
                        Just("source".to_owned()),
                        Just("detail-type".to_owned()),
                        Just("state".to_owned()),
                        Just("pipeline".to_owned()),
                        Just("execution-id".to_owned()),
                        Just("type".to_owned()),
                        Just("execution-result".to_owned()),
                        Just("pipeline-execution-attempt".to_owned())
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_json_never_panics_the_event_parser(v in any_json()) {
        let _ = intake(&v);
    }

    #[test]
    fn a_real_event_with_any_field_replaced_never_panics(key in prop::sample::select(vec![
        "pipeline", "execution-id", "state", "type", "execution-result", "pipeline-execution-attempt", "version", "stage", "action",
    ]), replacement in any_json()) {
        let mut e = fixture("action-failed-codedeploy.json");
        e["detail"][key] = replacement;
        if let Intake::Triage(f) = intake(&e) {
            prop_assert!(!f.pipeline.as_str().is_empty());
            prop_assert!(f.attempt >= 1);
        }
    }
}
