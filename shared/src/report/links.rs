//! Console links to the pages an engineer opens next: the execution, the build and its log, the
//! deployment, the stack, the role, and the provider's own page for the failed action.

use serde::{Deserialize, Serialize};

use super::safe::{encode_component, safe_url};
use crate::evidence::Evidence;

/// What a link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The pipeline execution.
    Execution,
    /// The CodeBuild build.
    Build,
    /// The build's log in CloudWatch Logs.
    BuildLog,
    /// The CodeDeploy deployment.
    Deployment,
    /// The CloudFormation stack.
    Stack,
    /// The IAM role that acted.
    Role,
    /// The URL CodePipeline reported for the failed action.
    Provider,
}

impl LinkKind {
    /// Index into [`crate::text::Labels::link_names`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A console link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// What it opens.
    pub kind: LinkKind,
    /// The URL (https, percent-encoded parts).
    pub url: String,
}

/// The console host of a Region's partition.
fn console(region: &str) -> String {
    if region.starts_with("cn-") {
        format!("https://{region}.console.amazonaws.cn")
    } else if region.starts_with("us-gov-") {
        format!("https://{region}.console.amazonaws-us-gov.com")
    } else {
        format!("https://{region}.console.aws.amazon.com")
    }
}

fn is_region(r: &str) -> bool {
    !r.is_empty()
        && r.len() <= 30
        && r.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The links the evidence allows, in reading order, without duplicates.
pub fn links(e: &Evidence) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    let mut push = |kind: LinkKind, url: Option<String>| {
        // A link that is a prefix of another (or extends one) opens the same page.
        if let Some(url) = url.as_deref().and_then(safe_url)
            && !out
                .iter()
                .any(|l| l.url.starts_with(&url) || url.starts_with(&l.url))
        {
            out.push(Link { kind, url });
        }
    };
    let region = e.region.as_deref().filter(|r| is_region(r));
    let config = |key: &str| {
        e.context
            .action_configuration
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    if let Some(r) = region {
        let host = console(r);
        if let (Some(p), Some(x)) = (&e.pipeline, &e.execution_id) {
            push(
                LinkKind::Execution,
                Some(format!(
                    "{host}/codesuite/codepipeline/pipelines/{}/executions/{}/timeline?region={r}",
                    encode_component(p.as_str()),
                    encode_component(x.as_str())
                )),
            );
        }
        let provider = e.failure.provider.as_deref().unwrap_or("");
        if let Some(id) = e.failure.external_execution_id.as_deref() {
            if provider.contains("CodeBuild")
                && let Some((project, _)) = id.split_once(':')
            {
                push(
                    LinkKind::Build,
                    Some(format!(
                        "{host}/codesuite/codebuild/projects/{}/build/{}/?region={r}",
                        encode_component(project),
                        encode_component(id)
                    )),
                );
            }
            if (provider.contains("CodeDeploy") || provider.contains("ECS")) && id.starts_with("d-")
            {
                push(
                    LinkKind::Deployment,
                    Some(format!(
                        "{host}/codesuite/codedeploy/deployments/{}?region={r}",
                        encode_component(id)
                    )),
                );
            }
        }
        if let Some(stack) = config("StackName") {
            push(
                LinkKind::Stack,
                Some(format!(
                    "{host}/cloudformation/home?region={r}#/stacks?filteringText={}",
                    encode_component(stack)
                )),
            );
        }
    }
    for (kind, url) in &e.context.links {
        if kind == "build_log" {
            push(LinkKind::BuildLog, Some(url.clone()));
        }
    }
    let role = e
        .context
        .build_role
        .as_deref()
        .filter(|_| e.failure.provider.as_deref() == Some("CodeBuild"))
        .or(e.context.action_role.as_deref())
        .or(e.context.pipeline_role.as_deref());
    if let Some(arn) = role
        && let Some(name) = arn.rsplit('/').next().filter(|n| !n.is_empty())
    {
        let host = if arn.starts_with("arn:aws-cn:") {
            "https://console.amazonaws.cn"
        } else if arn.starts_with("arn:aws-us-gov:") {
            "https://console.amazonaws-us-gov.com"
        } else {
            "https://console.aws.amazon.com"
        };
        push(
            LinkKind::Role,
            Some(format!(
                "{host}/iam/home#/roles/details/{}",
                encode_component(name)
            )),
        );
    }
    push(LinkKind::Provider, e.failure.external_execution_url.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{ExecutionId, Failure, PipelineName};

    #[test]
    fn links_for_a_failed_build() {
        let mut e = Evidence::new();
        e.region = Some("eu-west-1".into());
        e.pipeline = Some(PipelineName::new("web app"));
        e.execution_id = Some(ExecutionId::new("0f1e"));
        e.failure = Failure {
            provider: Some("CodeBuild".into()),
            external_execution_id: Some("web-build:1234-abcd".into()),
            external_execution_url: Some("javascript:alert(1)".into()),
            ..Failure::default()
        };
        e.context.build_role = Some("arn:aws:iam::111122223333:role/service-role/build".into());
        e.context.links.push((
            "build_log".into(),
            "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logEvent:group=/aws/codebuild/web-build".into(),
        ));
        let l = links(&e);
        let kinds: Vec<LinkKind> = l.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LinkKind::Execution,
                LinkKind::Build,
                LinkKind::BuildLog,
                LinkKind::Role
            ]
        );
        assert_eq!(
            l[0].url,
            "https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/web%20app/executions/0f1e/timeline?region=eu-west-1"
        );
        assert!(l[1].url.contains("/build/web-build%3A1234-abcd/"));
        assert!(l[3].url.ends_with("/roles/details/build"));
    }
}
