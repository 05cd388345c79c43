//! The function's policy in template.yaml lists exactly the API actions its adapters call.

use std::collections::BTreeSet;

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

/// Every API action the adapters in shared/src/aws call.
fn called_actions() -> BTreeSet<String> {
    // Method chains are split over lines by rustfmt: match across whitespace.
    let call =
        Regex::new(r"\.\s*(client|s3|kms|codecommit|connections)\s*\.\s*([a-z_]+)\(\)").unwrap();
    let owner = Regex::new(r"impl (?:\w+ for )?(\w+) \{").unwrap();
    let mut actions = BTreeSet::new();
    for file in [
        "codepipeline",
        "codebuild",
        "logs",
        "codedeploy",
        "others",
        "dynamodb",
    ] {
        let src = read(&format!("shared/src/aws/{file}.rs"));
        let owners: Vec<(usize, String)> = owner
            .captures_iter(&src)
            .map(|c| (c.get(0).unwrap().start(), c[1].to_owned()))
            .collect();
        for c in call.captures_iter(&src) {
            let at = c.get(0).unwrap().start();
            // Attribute each call to the type whose impl block it is in.
            let current = owners
                .iter()
                .rev()
                .find(|(start, _)| *start < at)
                .map_or("", |(_, o)| o.as_str());
            let prefix = match (current, &c[1]) {
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
            actions.insert(action_name(prefix, &c[2]));
        }
    }
    actions
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
    let mut needed = called_actions();
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
    let granted = template_actions("TriageOnFailureFunction");
    let missing: Vec<_> = needed.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&needed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the template: {missing:?}; granted but never called: {extra:?}"
    );
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
