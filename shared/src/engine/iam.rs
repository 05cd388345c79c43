//! The parts of IAM AccessDenied texts: principal, action, resource and the reason.
//!
//! Formats handled (as AWS services print them):
//! - `User: <arn> is not authorized to perform: <svc:Action> on resource: <arn> because no
//!   identity-based policy allows the <svc:Action> action` (and `with an explicit deny in a
//!   service control policy`, `... permissions boundary ...`);
//! - `... is not authorized to perform: <svc:Action>` without principal or resource;
//! - `no identity-based policy allows the <svc:Action> action` alone;
//! - `CodePipeline is not authorized to perform AssumeRole on role <arn>`.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnosis::AccessDenial;
use crate::digest::sanitize;
use crate::evidence::LogLine;

static FULL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:User|Principal|[Rr]ole):?\s*(?P<principal>\S+)\s+)?is not authorized to perform:?\s+(?P<action>[A-Za-z0-9-]+:[A-Za-z0-9*]+)(?:\s+on resource:?\s+(?P<resource>[^\s,;()]+))?(?:\s+(?:because|with) (?P<reason>no [\w -]+? allows the [A-Za-z0-9-]+:[A-Za-z0-9*]+ action|an explicit deny in an? [\w -]+? policy|an explicit deny))?",
    )
    .ok()
});
static POLICY_ONLY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?P<reason>no identity-based policy|no permissions boundary|no service control policy|no resource-based policy|no session policy) allows the (?P<action>[A-Za-z0-9-]+:[A-Za-z0-9*]+) action").ok()
});
static ASSUME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"not authorized to perform AssumeRole on role (?P<resource>arn:\S+?)\.?(?:\s|$)")
        .ok()
});

fn part(c: &regex::Captures<'_>, name: &str) -> Option<String> {
    c.name(name)
        .map(|m| m.as_str().trim().trim_end_matches(['.', ',']))
        .filter(|s| !s.is_empty())
        .map(|s| sanitize(s, 300))
}

fn from_text(text: &str) -> Option<AccessDenial> {
    if let Some(c) = FULL.as_ref().and_then(|r| r.captures(text)) {
        return Some(AccessDenial {
            principal: part(&c, "principal"),
            action: part(&c, "action"),
            resource: part(&c, "resource"),
            reason: part(&c, "reason"),
        });
    }
    if let Some(c) = POLICY_ONLY.as_ref().and_then(|r| r.captures(text)) {
        return Some(AccessDenial {
            action: part(&c, "action"),
            reason: part(&c, "reason").map(|r| format!("{r} allows it")),
            ..AccessDenial::default()
        });
    }
    if let Some(c) = ASSUME.as_ref().and_then(|r| r.captures(text)) {
        return Some(AccessDenial {
            action: Some("sts:AssumeRole".to_owned()),
            resource: part(&c, "resource"),
            ..AccessDenial::default()
        });
    }
    None
}

/// The first IAM denial in the message (lines joined) or in a log line (joined with the line
/// before it, since tools wrap `User: <arn>` onto its own line).
pub(crate) fn extract(message: &str, logs: &[LogLine]) -> Option<AccessDenial> {
    let joined = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(d) = from_text(&joined) {
        return Some(d);
    }
    let mut previous = "";
    for line in logs {
        if line.text.contains("authorized") || line.text.contains("allows the") {
            let pair = format!("{} {}", previous.trim(), line.text.trim());
            if let Some(d) = from_text(&pair) {
                return Some(d);
            }
        }
        previous = &line.text;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Origin;

    #[test]
    fn full_denial_with_reason() {
        let d = extract(
            "AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/build-role/AWSCodeBuild-1 is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:eu-west-1:111122223333:parameter/app/db because no identity-based policy allows the ssm:GetParameters action\n\tstatus code: 400",
            &[],
        )
        .unwrap();
        assert_eq!(
            d.principal.as_deref(),
            Some("arn:aws:sts::111122223333:assumed-role/build-role/AWSCodeBuild-1")
        );
        assert_eq!(d.action.as_deref(), Some("ssm:GetParameters"));
        assert_eq!(
            d.resource.as_deref(),
            Some("arn:aws:ssm:eu-west-1:111122223333:parameter/app/db")
        );
        assert_eq!(
            d.reason.as_deref(),
            Some("no identity-based policy allows the ssm:GetParameters action")
        );
    }

    #[test]
    fn explicit_deny_and_wrapped_log_lines() {
        let logs = vec![
            LogLine { origin: Origin::BuildLog, line: Some(1), text: "User: arn:aws:iam::111122223333:role/deployer".into() },
            LogLine {
                origin: Origin::BuildLog,
                line: Some(2),
                text: "is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::bucket/key with an explicit deny in a service control policy".into(),
            },
        ];
        let d = extract("Build terminated with state: FAILED", &logs).unwrap();
        assert_eq!(
            d.principal.as_deref(),
            Some("arn:aws:iam::111122223333:role/deployer")
        );
        assert_eq!(d.action.as_deref(), Some("s3:PutObject"));
        assert_eq!(
            d.reason.as_deref(),
            Some("an explicit deny in a service control policy")
        );
    }

    #[test]
    fn fragments_and_assume_role() {
        let d = extract(
            "no identity-based policy allows the codedeploy:CreateDeployment action",
            &[],
        )
        .unwrap();
        assert_eq!(d.action.as_deref(), Some("codedeploy:CreateDeployment"));
        assert!(d.principal.is_none());
        let d = extract("CodePipeline is not authorized to perform AssumeRole on role arn:aws:iam::111122223333:role/pipe", &[]).unwrap();
        assert_eq!(d.action.as_deref(), Some("sts:AssumeRole"));
        assert_eq!(
            d.resource.as_deref(),
            Some("arn:aws:iam::111122223333:role/pipe")
        );
        assert!(extract("Build terminated with state: FAILED", &[]).is_none());
    }
}
