//! Which kind of action failed, read from the free-text provider, category and stage.

/// The family of the failed action: it decides which signatures apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// CodeBuild, the V2 Commands action, or another build service.
    Build,
    /// CodeDeploy to EC2/on-premises or Lambda.
    CodeDeploy,
    /// CodeDeployToECS (ECS blue/green).
    EcsBlueGreen,
    /// The standard ECS deploy action.
    Ecs,
    /// CloudFormation actions.
    CloudFormation,
    /// Lambda invoke actions.
    Lambda,
    /// Manual approval.
    Approval,
    /// Source actions: CodeCommit, CodeConnections, GitHub, S3, ECR.
    Source,
    /// The S3 deploy action.
    S3Deploy,
    /// Not known.
    Unknown,
}

impl Family {
    /// Reads the family from the provider, the action category and the stage name.
    pub fn detect(
        provider: Option<&str>,
        action_category: Option<&str>,
        stage: Option<&str>,
    ) -> Self {
        let p = provider.unwrap_or("").to_ascii_lowercase();
        let has = |w: &str| p.contains(w);
        if !p.is_empty() {
            if has("manual") || has("approval") {
                return Family::Approval;
            }
            if has("codedeploytoecs") || has("blue/green") || has("blue-green") {
                return Family::EcsBlueGreen;
            }
            if has("codedeploy") {
                return Family::CodeDeploy;
            }
            if has("cloudformation") {
                return Family::CloudFormation;
            }
            if has("codebuild") || has("commands") || has("amplify") || has("jenkins") {
                return Family::Build;
            }
            if has("ecs") {
                return Family::Ecs;
            }
            if has("lambda") {
                return Family::Lambda;
            }
            if has("codestar")
                || has("connection")
                || has("codecommit")
                || has("github")
                || has("bitbucket")
                || has("gitlab")
                || has("ecr")
            {
                return Family::Source;
            }
            if p.trim() == "s3" || has("s3 deploy") {
                return Family::S3Deploy;
            }
        }
        let c = action_category.unwrap_or("").to_ascii_lowercase();
        match c.as_str() {
            "approval" => return Family::Approval,
            "source" => return Family::Source,
            "build" | "test" => return Family::Build,
            "invoke" => return Family::Lambda,
            _ => {}
        }
        let s = stage.unwrap_or("").to_ascii_lowercase();
        if s.contains("approv") {
            Family::Approval
        } else if s == "source" {
            Family::Source
        } else {
            Family::Unknown
        }
    }

    /// True for the families whose failures are build failures.
    pub fn is_build(self) -> bool {
        matches!(self, Family::Build)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_free_text_providers() {
        let f = |p: &str| Family::detect(Some(p), None, None);
        assert_eq!(f("CodeBuild (CDK Pipelines ShellStep)"), Family::Build);
        assert_eq!(f("CodeDeploy (EC2)"), Family::CodeDeploy);
        assert_eq!(f("CodeDeployToECS (ECS blue/green)"), Family::EcsBlueGreen);
        assert_eq!(f("ECS"), Family::Ecs);
        assert_eq!(f("CodeStarSourceConnection (GitHub)"), Family::Source);
        assert_eq!(
            f("CloudFormation (Copilot pipeline, ECS service stack)"),
            Family::CloudFormation
        );
        assert_eq!(f("Manual"), Family::Approval);
        assert_eq!(f("Lambda"), Family::Lambda);
        assert_eq!(f("S3"), Family::S3Deploy);
        assert_eq!(
            Family::detect(None, None, Some("ApproveProd")),
            Family::Approval
        );
        assert_eq!(Family::detect(None, None, None), Family::Unknown);
    }
}
