//! Adapter tests with `aws-smithy-mocks`: pagination, empty pages, page budgets, error mapping.

use aws_sdk_cloudwatchlogs::operation::get_log_events::{GetLogEventsError, GetLogEventsOutput};
use aws_sdk_cloudwatchlogs::types::OutputLogEvent;
use aws_sdk_codecommit::operation::get_branch::{GetBranchError, GetBranchOutput};
use aws_sdk_codepipeline::operation::list_action_executions::ListActionExecutionsOutput;
use aws_sdk_codepipeline::types::{ActionExecutionDetail, ActionExecutionStatus};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_types::error::ErrorMetadata;

use super::*;
use crate::digest::LogDigest;
use crate::evidence::{ExecutionId, Origin, PipelineName};
use crate::ports::{LogPort, PipelinePort, SourcePort};

fn far() -> tokio::time::Instant {
    tokio::time::Instant::now() + std::time::Duration::from_secs(60)
}

fn page(lines: &[&str], backward: &str) -> GetLogEventsOutput {
    GetLogEventsOutput::builder()
        .set_events(Some(
            lines
                .iter()
                .map(|l| OutputLogEvent::builder().message(*l).build())
                .collect(),
        ))
        .next_backward_token(backward)
        .next_forward_token("f")
        .build()
}

#[tokio::test]
async fn logs_are_read_backwards_across_empty_pages_and_offered_in_order() {
    let rule = mock!(aws_sdk_cloudwatchlogs::Client::get_log_events)
        .sequence()
        .output(|| page(&["step 3", "error: step 4 failed"], "b1"))
        .output(|| page(&[], "b2"))
        .output(|| page(&["step 1", "step 2"], "b3"))
        .output(|| page(&[], "b3"))
        .build();
    let client = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::Sequential, [&rule]);
    let mut digest = LogDigest::new(Origin::BuildLog);
    let read = LogsAdapter::new(client)
        .read_tail("g", "s", 10, far(), &mut digest)
        .await
        .unwrap();
    assert_eq!((read.pages, read.events, read.truncated), (4, 4, false));
    let texts: Vec<String> = digest.finish().into_iter().map(|l| l.text).collect();
    assert_eq!(
        texts,
        ["step 1", "step 2", "step 3", "error: step 4 failed"]
    );
}

#[tokio::test]
async fn a_log_longer_than_the_page_budget_is_cut_and_says_so() {
    let rule = mock!(aws_sdk_cloudwatchlogs::Client::get_log_events)
        .sequence()
        .output(|| page(&["newest"], "b1"))
        .output(|| page(&["older"], "b2"))
        .output(|| page(&["oldest"], "b3"))
        .repeatedly()
        .build();
    let client = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::Sequential, [&rule]);
    let mut digest = LogDigest::new(Origin::BuildLog);
    let read = LogsAdapter::new(client)
        .read_tail("g", "s", 2, far(), &mut digest)
        .await
        .unwrap();
    assert_eq!((read.pages, read.truncated), (2, true));
    assert_eq!(rule.num_calls(), 2);
}

#[tokio::test]
async fn log_errors_map_to_gap_reasons() {
    let denied = mock!(aws_sdk_cloudwatchlogs::Client::get_log_events).then_error(|| {
        GetLogEventsError::generic(
            ErrorMetadata::builder()
                .code("AccessDeniedException")
                .message("not authorized")
                .build(),
        )
    });
    let client = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::Sequential, [&denied]);
    let mut digest = LogDigest::new(Origin::BuildLog);
    let e = LogsAdapter::new(client)
        .read_tail("g", "s", 10, far(), &mut digest)
        .await
        .unwrap_err();
    assert_eq!(e.reason, GapReason::AccessDenied);
    assert!(e.message.contains("AccessDeniedException"), "{}", e.message);

    let missing = mock!(aws_sdk_cloudwatchlogs::Client::get_log_events).then_error(|| {
        GetLogEventsError::ResourceNotFoundException(
            aws_sdk_cloudwatchlogs::types::error::ResourceNotFoundException::builder()
                .message("gone")
                .build(),
        )
    });
    let client = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::Sequential, [&missing]);
    let e = LogsAdapter::new(client)
        .read_tail("g", "s", 10, far(), &mut digest)
        .await
        .unwrap_err();
    assert_eq!(e.reason, GapReason::NotFound);
}

#[tokio::test]
async fn a_failure_after_some_pages_keeps_what_was_read() {
    let rule = mock!(aws_sdk_cloudwatchlogs::Client::get_log_events)
        .sequence()
        .output(|| page(&["error: the real failure"], "b1"))
        .error(|| {
            GetLogEventsError::generic(ErrorMetadata::builder().code("ThrottlingException").build())
        })
        .repeatedly()
        .build();
    let client = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::Sequential, [&rule]);
    let mut digest = LogDigest::new(Origin::BuildLog);
    let read = LogsAdapter::new(client)
        .read_tail("g", "s", 10, far(), &mut digest)
        .await
        .unwrap();
    assert!(read.truncated);
    assert_eq!(digest.finish()[0].text, "error: the real failure");
}

fn detail(action: &str) -> ActionExecutionDetail {
    ActionExecutionDetail::builder()
        .stage_name("Build")
        .action_name(action)
        .status(ActionExecutionStatus::Failed)
        .build()
}

#[tokio::test]
async fn action_executions_follow_every_page() {
    let rule = mock!(aws_sdk_codepipeline::Client::list_action_executions)
        .sequence()
        .output(|| {
            ListActionExecutionsOutput::builder()
                .action_execution_details(detail("A"))
                .next_token("t1")
                .build()
        })
        .output(|| {
            ListActionExecutionsOutput::builder()
                .action_execution_details(detail("B"))
                .build()
        })
        .build();
    let client = mock_client!(aws_sdk_codepipeline, RuleMode::Sequential, [&rule]);
    let all = CodePipelineAdapter::new(client)
        .action_executions(&PipelineName::new("p"), &ExecutionId::new("e"))
        .await
        .unwrap();
    let names: Vec<&str> = all.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
    assert_eq!(all[0].status, "Failed");
}

#[tokio::test]
async fn a_missing_branch_is_an_answer_and_throttling_is_a_gap() {
    let rules = [
        mock!(aws_sdk_codecommit::Client::get_branch)
            .match_requests(|r| r.branch_name() == Some("gone"))
            .then_error(|| {
                GetBranchError::BranchDoesNotExistException(
                    aws_sdk_codecommit::types::error::BranchDoesNotExistException::builder()
                        .build(),
                )
            }),
        mock!(aws_sdk_codecommit::Client::get_branch)
            .match_requests(|r| r.branch_name() == Some("main"))
            .then_output(|| GetBranchOutput::builder().build()),
        mock!(aws_sdk_codecommit::Client::get_branch)
            .match_requests(|r| r.branch_name() == Some("busy"))
            .then_error(|| {
                GetBranchError::generic(
                    ErrorMetadata::builder().code("ThrottlingException").build(),
                )
            }),
    ];
    let codecommit = mock_client!(aws_sdk_codecommit, RuleMode::MatchAny, &rules);
    let connections = aws_sdk_codestarconnections::Client::from_conf(
        aws_sdk_codestarconnections::Config::builder()
            .behavior_version_latest()
            .build(),
    );
    let source = SourceAdapter::new(codecommit, connections);
    assert!(!source.branch_exists("repo", "gone").await.unwrap());
    assert!(source.branch_exists("repo", "main").await.unwrap());
    assert_eq!(
        source
            .branch_exists("repo", "busy")
            .await
            .unwrap_err()
            .reason,
        GapReason::Throttled
    );
}

#[tokio::test]
async fn the_last_success_is_one_that_ran_before_the_failure() {
    use aws_sdk_codepipeline::operation::get_pipeline_execution::GetPipelineExecutionOutput;
    use aws_sdk_codepipeline::operation::list_pipeline_executions::ListPipelineExecutionsOutput;
    use aws_sdk_codepipeline::types::{
        PipelineExecution, PipelineExecutionStatus, PipelineExecutionSummary,
    };
    let summary = |id: &str, status: PipelineExecutionStatus| {
        PipelineExecutionSummary::builder()
            .pipeline_execution_id(id)
            .status(status)
            .build()
    };
    let list =
        mock!(aws_sdk_codepipeline::Client::list_pipeline_executions).then_output(move || {
            ListPipelineExecutionsOutput::builder()
                .pipeline_execution_summaries(summary(
                    "later-green",
                    PipelineExecutionStatus::Succeeded,
                ))
                .pipeline_execution_summaries(summary("failed", PipelineExecutionStatus::Failed))
                .pipeline_execution_summaries(summary(
                    "earlier-green",
                    PipelineExecutionStatus::Succeeded,
                ))
                .build()
        });
    let get = mock!(aws_sdk_codepipeline::Client::get_pipeline_execution)
        .match_requests(|r| r.pipeline_execution_id() == Some("earlier-green"))
        .then_output(|| {
            GetPipelineExecutionOutput::builder()
                .pipeline_execution(
                    PipelineExecution::builder()
                        .pipeline_execution_id("earlier-green")
                        .build(),
                )
                .build()
        });
    let actions = mock!(aws_sdk_codepipeline::Client::list_action_executions)
        .then_output(|| ListActionExecutionsOutput::builder().build());
    let client = mock_client!(
        aws_sdk_codepipeline,
        RuleMode::MatchAny,
        [&list, &get, &actions]
    );
    let green = CodePipelineAdapter::new(client)
        .last_success(&PipelineName::new("p"), &ExecutionId::new("failed"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(green.execution_id, "earlier-green");
}
