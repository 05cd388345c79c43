//! The function's policy in template.yaml lists exactly the API actions its adapters call.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `get_bucket_encryption` → `GetBucketEncryption`, with the few operations whose IAM action is
/// named differently.
fn action_name(prefix: &str, method: &str) -> String {
    let pascal: String = method
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    let action = match (prefix, pascal.as_str()) {
        ("s3", "GetBucketEncryption") => "GetEncryptionConfiguration".to_owned(),
        _ => pascal,
    };
    format!("{prefix}:{action}")
}

/// The API actions each port method of the adapters in shared/src/aws calls, by
/// (trait, method).
fn calls_by_method() -> BTreeMap<(String, String), BTreeSet<String>> {
    // Method chains are split over lines by rustfmt: match across whitespace.
    let call =
        Regex::new(r"\.\s*(client|s3|kms|codecommit|connections)\s*\.\s*([a-z_]+)\(\)").unwrap();
    let owner = Regex::new(r"impl (?:(\w+) for )?(\w+) \{").unwrap();
    let method = Regex::new(r"\n    (?:async )?fn (\w+)").unwrap();
    let mut by_method: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in [
        "codepipeline",
        "codebuild",
        "logs",
        "codedeploy",
        "others",
        "dynamodb",
    ] {
        let src = read(&format!("shared/src/aws/{file}.rs"));
        let owners: Vec<(usize, String, String)> = owner
            .captures_iter(&src)
            .map(|c| {
                (
                    c.get(0).unwrap().start(),
                    c.get(1).map_or("", |m| m.as_str()).to_owned(),
                    c[2].to_owned(),
                )
            })
            .collect();
        let methods: Vec<(usize, String)> = method
            .captures_iter(&src)
            .map(|c| (c.get(0).unwrap().start(), c[1].to_owned()))
            .collect();
        for c in call.captures_iter(&src) {
            let at = c.get(0).unwrap().start();
            // Attribute each call to the impl block and the method it is in.
            let (_, port, ty) = owners
                .iter()
                .rev()
                .find(|(start, _, _)| *start < at)
                .cloned()
                .unwrap_or_default();
            let (_, m) = methods
                .iter()
                .rev()
                .find(|(start, _)| *start < at)
                .cloned()
                .unwrap_or_default();
            assert!(
                !port.is_empty(),
                "{file}.rs: an SDK call outside a port impl"
            );
            let prefix = match (ty.as_str(), &c[1]) {
                ("CodePipelineAdapter", "client") => "codepipeline",
                ("CodeBuildAdapter", "client") => "codebuild",
                ("LogsAdapter", "client") => "logs",
                ("CodeDeployAdapter", "client") => "codedeploy",
                ("StackAdapter", "client") => "cloudformation",
                ("IamAdapter", "client") => "iam",
                ("SnsPublisher", "client") => "sns",
                ("DynamoClaims", "client") => "dynamodb",
                (_, "s3") => "s3",
                (_, "kms") => "kms",
                (_, "codecommit") => "codecommit",
                (_, "connections") => "codestar-connections",
                (owner, field) => panic!("unmapped client {field} in {owner} ({file}.rs)"),
            };
            by_method
                .entry((port, m))
                .or_default()
                .insert(action_name(prefix, &c[2]));
        }
    }
    by_method
}

/// The actions behind the port methods a function uses (`keep` says which).
fn called_actions(keep: impl Fn(&str, &str) -> bool) -> BTreeSet<String> {
    calls_by_method()
        .into_iter()
        .filter(|((port, method), _)| keep(port, method))
        .flat_map(|(_, actions)| actions)
        .collect()
}

fn compare(function: &str, needed: &BTreeSet<String>) {
    let granted = template_actions(function);
    let missing: Vec<_> = needed.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(needed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{function}: missing from the template: {missing:?}; granted but never called: {extra:?}"
    );
}

/// The actions a function's `Policies` grant in template.yaml.
fn template_actions(function: &str) -> BTreeSet<String> {
    let template = read("template.yaml");
    let start = template
        .find(&format!("  {function}:"))
        .expect("function in template");
    let rest = &template[start + 1..];
    let end = rest.find("\n  ").and_then(|_| {
        // The next top-level resource (two-space indent, then a name and a colon).
        Regex::new(r"\n  [A-Za-z0-9]+:\n")
            .unwrap()
            .find(rest)
            .map(|m| m.start())
    });
    let block = &rest[..end.unwrap_or(rest.len())];
    let token = Regex::new(r"\b([a-z0-9-]+:[A-Z][A-Za-z0-9*]+)").unwrap();
    let mut actions = BTreeSet::new();
    let mut in_list = false;
    for line in block.lines() {
        let t = line.trim();
        if let Some(v) = t.strip_prefix("Action:") {
            in_list = v.trim().is_empty();
            for c in token.captures_iter(v) {
                actions.insert(c[1].to_owned());
            }
        } else if in_list && t.starts_with("- ") {
            for c in token.captures_iter(t) {
                actions.insert(c[1].to_owned());
            }
        } else {
            in_list = false;
        }
    }
    actions
}

#[test]
fn the_triage_function_is_granted_exactly_what_its_adapters_call() {
    // Every port but the approval scan's.
    let mut needed = called_actions(|port, _| port != "ApprovalPort");
    assert!(
        needed.contains("codepipeline:ListActionExecutions")
            && needed.contains("logs:GetLogEvents")
            && needed.contains("dynamodb:PutItem"),
        "{needed:?}"
    );
    // Publishing to the KMS-encrypted topic needs the key, though no adapter calls KMS for it.
    needed.insert("kms:GenerateDataKey*".to_owned());
    needed.insert("kms:Decrypt".to_owned());
    // Connections created since 2024 have codeconnections ARNs: the same API is authorized
    // under that prefix.
    let aliases: Vec<String> = needed
        .iter()
        .filter_map(|a| {
            a.strip_prefix("codestar-connections:")
                .map(|op| format!("codeconnections:{op}"))
        })
        .collect();
    needed.extend(aliases);
    compare("TriageOnFailureFunction", &needed);
}

#[test]
fn the_reminder_function_is_granted_exactly_what_its_adapters_call() {
    // The port methods the scan and the handler call, found in their code.
    let code = read("shared/src/approvals.rs") + &read("functions/approval-reminder/src/lib.rs");
    let used = [
        ("ApprovalPort", "pipelines"),
        ("ApprovalPort", "waiting"),
        ("PipelinePort", "pipeline"),
        ("PipelinePort", "execution"),
        ("Publisher", "publish"),
    ];
    for (_, m) in used {
        assert!(code.contains(&format!(".{m}(")), "{m} is not called");
    }
    for m in ["action_executions", "last_success"] {
        assert!(!code.contains(&format!(".{m}(")), "{m} is called: add it");
    }
    let mut needed = called_actions(|port, method| used.contains(&(port, method)));
    needed.insert("kms:GenerateDataKey*".to_owned());
    needed.insert("kms:Decrypt".to_owned());
    assert!(
        needed.contains("codepipeline:GetPipelineState"),
        "{needed:?}"
    );
    compare("ApprovalReminderFunction", &needed);
}

#[test]
fn no_statement_grants_a_wildcard_action() {
    let template = read("template.yaml");
    for line in template.lines() {
        let t = line.trim();
        if t.starts_with("Action:") || t.starts_with("- ") {
            assert!(
                !t.contains(":*") || t.contains("kms:*"),
                "wildcard action: {t}"
            );
        }
    }
}
