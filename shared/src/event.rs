//! Event intake: which EventBridge events start a triage, read tolerantly.
//!
//! CodePipeline's events vary in the wild: `detail.version` arrives as `1` or `2.0`,
//! `pipeline-execution-attempt` as `1.0` (or `0.0` on stage events), `type.version` as a string,
//! `execution-result` and `execution-trigger` may be absent, and new states and fields appear.
//! Reading from a JSON value with lenient accessors makes every one of those a non-event: only
//! the fields a triage needs are required, and a missing one is a named skip, never a panic.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::evidence::{ExecutionId, PipelineName, Trigger};

/// The three CodePipeline detail-types.
pub const PIPELINE_DETAIL: &str = "CodePipeline Pipeline Execution State Change";
/// Stage events.
pub const STAGE_DETAIL: &str = "CodePipeline Stage Execution State Change";
/// Action events.
pub const ACTION_DETAIL: &str = "CodePipeline Action Execution State Change";

/// What to do with an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Intake {
    /// A failure to triage.
    Triage(Box<FailureEvent>),
    /// Not ours to triage, and why.
    Skip(Skip),
}

/// Why an event is skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Skip {
    /// The payload is not a JSON object, or lacks a field every event has.
    Malformed {
        /// What is wrong.
        detail: String,
    },
    /// Not from `aws.codepipeline`.
    OtherSource {
        /// The event's `source`.
        source: String,
    },
    /// A CodePipeline detail-type we do not know.
    UnknownDetailType {
        /// The detail-type.
        detail_type: String,
    },
    /// Stage events duplicate the pipeline and action events.
    StageEvent {
        /// The stage state.
        state: String,
    },
    /// Not a failure (STARTED, SUCCEEDED, CANCELED, ...).
    NotAFailure {
        /// The detail-type.
        detail_type: String,
        /// The state.
        state: String,
    },
}

impl Skip {
    /// A one-line description for logs and the CLI.
    pub fn describe(&self) -> String {
        match self {
            Skip::Malformed { detail } => format!("malformed event: {detail}"),
            Skip::OtherSource { source } => format!("not a CodePipeline event (source {source})"),
            Skip::UnknownDetailType { detail_type } => {
                format!("unknown detail-type {detail_type:?}")
            }
            Skip::StageEvent { state } => {
                format!("stage event ({state}): the pipeline and action events carry the failure")
            }
            Skip::NotAFailure { detail_type, state } => {
                format!("{detail_type} is {state}, not FAILED")
            }
        }
    }
}

/// A failed execution (pipeline FAILED) or action (action FAILED) to triage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureEvent {
    /// The pipeline.
    pub pipeline: PipelineName,
    /// The execution.
    pub execution_id: ExecutionId,
    /// `pipeline-execution-attempt` (1 when absent).
    pub attempt: u32,
    /// The event's account.
    pub account: Option<String>,
    /// The pipeline's Region (the event's `region`).
    pub region: Option<String>,
    /// When the event was emitted.
    pub time: Option<String>,
    /// What failed.
    pub scope: FailureScope,
    /// The execution trigger, when the event carries it.
    pub trigger: Option<Trigger>,
}

impl FailureEvent {
    /// The idempotency key: pipeline, execution and attempt (not the event id, which differs
    /// between the pipeline and action events of one failure and between duplicates).
    pub fn dedupe_key(&self) -> String {
        format!("{}#{}#{}", self.pipeline, self.execution_id, self.attempt)
    }
}

/// What the event says failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FailureScope {
    /// The whole execution failed.
    Pipeline,
    /// One action failed.
    Action(Box<FailedActionEvent>),
}

/// The action part of an action FAILED event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedActionEvent {
    /// Stage name.
    pub stage: Option<String>,
    /// Action name.
    pub action: Option<String>,
    /// `action-execution-id`.
    pub action_execution_id: Option<String>,
    /// `type.owner`.
    pub owner: Option<String>,
    /// `type.category`.
    pub category: Option<String>,
    /// `type.provider`.
    pub provider: Option<String>,
    /// The action's Region.
    pub region: Option<String>,
    /// `execution-result.external-execution-id`.
    pub external_execution_id: Option<String>,
    /// `execution-result.external-execution-url`.
    pub external_execution_url: Option<String>,
    /// `execution-result.external-execution-summary`.
    pub external_execution_summary: Option<String>,
    /// `execution-result.error-code`.
    pub error_code: Option<String>,
}

/// Text of a field that may be a string or a number.
fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A non-negative whole number from `1`, `1.0` or `"1"`.
fn whole(v: &Value, key: &str) -> Option<u32> {
    let f = match v.get(key)? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (f.is_finite() && f >= 0.0 && f <= f64::from(u32::MAX)).then_some(f as u32)
}

/// Reads an EventBridge event.
pub fn intake(event: &Value) -> Intake {
    let skip = |s: Skip| Intake::Skip(s);
    if !event.is_object() {
        return skip(Skip::Malformed {
            detail: "the event is not a JSON object".into(),
        });
    }
    let source = text(event, "source").unwrap_or_default();
    if source != "aws.codepipeline" {
        return skip(Skip::OtherSource {
            source: if source.is_empty() {
                "none".into()
            } else {
                source
            },
        });
    }
    let Some(detail_type) = text(event, "detail-type") else {
        return skip(Skip::Malformed {
            detail: "no detail-type".into(),
        });
    };
    let Some(detail) = event.get("detail").filter(|d| d.is_object()) else {
        return skip(Skip::Malformed {
            detail: "no detail object".into(),
        });
    };
    let state = text(detail, "state")
        .unwrap_or_else(|| "UNKNOWN".into())
        .to_ascii_uppercase();
    let scope = match detail_type.as_str() {
        PIPELINE_DETAIL => FailureScope::Pipeline,
        ACTION_DETAIL => FailureScope::Action(Box::new(action_part(detail))),
        STAGE_DETAIL => return skip(Skip::StageEvent { state }),
        _ => return skip(Skip::UnknownDetailType { detail_type }),
    };
    if state != "FAILED" {
        return skip(Skip::NotAFailure { detail_type, state });
    }
    let Some(pipeline) = text(detail, "pipeline") else {
        return skip(Skip::Malformed {
            detail: "no detail.pipeline".into(),
        });
    };
    let Some(execution_id) = text(detail, "execution-id") else {
        return skip(Skip::Malformed {
            detail: "no detail.execution-id".into(),
        });
    };
    Intake::Triage(Box::new(FailureEvent {
        pipeline: PipelineName::new(pipeline),
        execution_id: ExecutionId::new(execution_id),
        attempt: whole(detail, "pipeline-execution-attempt")
            .filter(|a| *a > 0)
            .unwrap_or(1),
        account: text(event, "account"),
        region: text(event, "region"),
        time: text(event, "time"),
        scope,
        trigger: detail.get("execution-trigger").and_then(trigger),
    }))
}

/// Reads an EventBridge event from JSON text.
pub fn intake_str(json: &str) -> Intake {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => intake(&v),
        Err(e) => Intake::Skip(Skip::Malformed {
            detail: format!("not JSON: {e}"),
        }),
    }
}

fn action_part(detail: &Value) -> FailedActionEvent {
    let empty = Value::Null;
    let ty = detail.get("type").unwrap_or(&empty);
    let result = detail.get("execution-result").unwrap_or(&empty);
    FailedActionEvent {
        stage: text(detail, "stage"),
        action: text(detail, "action"),
        action_execution_id: text(detail, "action-execution-id"),
        owner: text(ty, "owner"),
        category: text(ty, "category"),
        provider: text(ty, "provider"),
        region: text(detail, "region"),
        external_execution_id: text(result, "external-execution-id"),
        external_execution_url: text(result, "external-execution-url"),
        external_execution_summary: text(result, "external-execution-summary"),
        error_code: text(result, "error-code"),
    }
}

fn trigger(t: &Value) -> Option<Trigger> {
    if !t.is_object() {
        return None;
    }
    Some(Trigger {
        trigger_type: text(t, "trigger-type"),
        detail: text(t, "trigger-detail"),
        revision: text(t, "commit-id"),
        revision_summary: text(t, "commit-message"),
        branch: text(t, "branch-name").or_else(|| text(t, "tag-name")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn action_failed() -> Value {
        json!({"version":"0","id":"01234567-0000-0000-0000-000000000000","detail-type":"CodePipeline Action Execution State Change",
          "source":"aws.codepipeline","account":"123456789012","time":"2020-01-31T18:55:43Z","region":"us-west-2",
          "resources":["arn:aws:codepipeline:us-west-2:123456789012:myPipeline"],
          "detail":{"pipeline":"myPipeline","execution-id":"12345678-1234-5678-abcd-12345678abcd","start-time":"2023-10-26T13:51:09.981Z",
            "stage":"Deploy","action":"Deploy","state":"FAILED","region":"us-west-2","action-execution-id":"47f821c5-a902-44b2-ae61-b878d31ecd21",
            "execution-result":{"external-execution-url":"https://us-west-2.console.aws.amazon.com/codedeploy/home?#/deployments/d-ABC",
              "external-execution-summary":"Deployment d-ABC failed","external-execution-id":"d-ABC","error-code":"JobFailed"},
            "type":{"owner":"AWS","provider":"CodeDeploy","category":"Deploy","version":"1"},"version":4.0,"pipeline-execution-attempt":1.0}})
    }

    #[test]
    fn an_action_failure_with_float_versions_is_triaged() {
        let Intake::Triage(f) = intake(&action_failed()) else {
            panic!("skipped")
        };
        assert_eq!(f.pipeline.as_str(), "myPipeline");
        assert_eq!(f.attempt, 1);
        assert_eq!(
            f.dedupe_key(),
            "myPipeline#12345678-1234-5678-abcd-12345678abcd#1"
        );
        let FailureScope::Action(a) = f.scope else {
            panic!("not an action")
        };
        assert_eq!(a.provider.as_deref(), Some("CodeDeploy"));
        assert_eq!(a.external_execution_id.as_deref(), Some("d-ABC"));
        assert_eq!(a.error_code.as_deref(), Some("JobFailed"));
    }

    #[test]
    fn missing_execution_result_unknown_fields_and_string_numbers_are_fine() {
        let mut e = action_failed();
        e["detail"]
            .as_object_mut()
            .unwrap()
            .remove("execution-result");
        e["detail"]["pipeline-execution-attempt"] = json!("2");
        e["detail"]["type"]["version"] = json!(1);
        e["detail"]["brand-new-field"] = json!({"x": [1, 2]});
        let Intake::Triage(f) = intake(&e) else {
            panic!("skipped")
        };
        assert_eq!(f.attempt, 2);
        let FailureScope::Action(a) = f.scope else {
            panic!()
        };
        assert_eq!(a.external_execution_id, None);
    }

    #[test]
    fn only_failures_of_pipelines_and_actions_start_a_triage() {
        let mut e = action_failed();
        e["detail"]["state"] = json!("SUCCEEDED");
        assert!(matches!(intake(&e), Intake::Skip(Skip::NotAFailure { .. })));
        e["detail"]["state"] = json!("SOME_FUTURE_STATE");
        assert!(matches!(intake(&e), Intake::Skip(Skip::NotAFailure { .. })));
        e["detail-type"] = json!(STAGE_DETAIL);
        e["detail"]["state"] = json!("FAILED");
        assert!(matches!(intake(&e), Intake::Skip(Skip::StageEvent { .. })));
        e["detail-type"] = json!("CodePipeline Something New");
        assert!(matches!(
            intake(&e),
            Intake::Skip(Skip::UnknownDetailType { .. })
        ));
        e["source"] = json!("aws.codebuild");
        assert!(matches!(intake(&e), Intake::Skip(Skip::OtherSource { .. })));
        assert!(matches!(
            intake(&json!([1])),
            Intake::Skip(Skip::Malformed { .. })
        ));
        assert!(matches!(
            intake_str("{"),
            Intake::Skip(Skip::Malformed { .. })
        ));
        let mut e = action_failed();
        e["detail"].as_object_mut().unwrap().remove("execution-id");
        assert!(matches!(intake(&e), Intake::Skip(Skip::Malformed { .. })));
    }

    #[test]
    fn a_pipeline_failure_carries_its_trigger() {
        let e = json!({"version":"0","id":"x","detail-type":PIPELINE_DETAIL,"source":"aws.codepipeline","account":"111122223333",
            "time":"2024-05-01T10:00:00Z","region":"eu-west-1","resources":[],
            "detail":{"pipeline":"web","execution-id":"e-1","state":"FAILED","version":2,"pipeline-execution-attempt":0.0,
              "execution-trigger":{"trigger-type":"Webhook","trigger-detail":"arn:aws:codeconnections:eu-west-1:111122223333:connection/x",
                "commit-id":"abc123","branch-name":"main","commit-message":"Fix cart"}}});
        let Intake::Triage(f) = intake(&e) else {
            panic!()
        };
        assert_eq!(f.scope, FailureScope::Pipeline);
        assert_eq!(f.attempt, 1, "attempt 0.0 means the first attempt");
        let t = f.trigger.unwrap();
        assert_eq!(t.branch.as_deref(), Some("main"));
        assert_eq!(t.revision.as_deref(), Some("abc123"));
    }
}
