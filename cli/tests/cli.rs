//! The `pipeline-triage` binary as a user runs it: exit codes, standard streams, memory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;
use support::ten_megabyte_case;

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_pipeline-triage");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    max_rss_kib: u64,
}

/// Runs the binary with `input` on standard input; it reports its own peak RSS.
fn run(args: &[&str], input: &[u8]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .env("PIPELINE_TRIAGE_STATS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let max_rss_kib = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak_rss_kib="))
        .map_or(0, |v| v.parse().unwrap());
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr,
        max_rss_kib,
    }
}

fn lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn classify_answers_each_line_in_order_in_the_contract_shape() {
    let input = concat!(
        r#"{"id": "a", "message": "COMMAND_EXECUTION_ERROR: Error while executing command: docker build -t app .. Reason: exit status 1", "stage": "Build", "provider": "CodeBuild", "log_excerpt": "Step 1/9 : FROM node:20\ntoomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading"}"#,
        "\n",
        r#"{"id": 7, "message": "YAML_FILE_ERROR Message: did not find expected key at line 12", "extra": {"ignored": true}}"#,
        "\n",
        r#"{"message": "Script at specified location: scripts/start.sh run as user root failed with exit code 1", "provider": "CodeDeploy (EC2)"}"#,
        "\n"
    );
    let r = run(&["classify"], input.as_bytes());
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let out = lines(&r.stdout);
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[0]["category"], "build_environment");
    assert_eq!(out[1]["id"], 7);
    assert_eq!(out[1]["category"], "buildspec_error");
    assert_eq!(out[2]["id"], Value::Null);
    assert_eq!(out[2]["category"], "deploy_script_failed");
    for o in &out {
        let keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "candidates",
                "category",
                "confidence",
                "evidence",
                "id",
                "remedies",
                "summary"
            ]
        );
        let candidates = o["candidates"].as_array().unwrap();
        assert!(!candidates.is_empty() && candidates.len() <= 3);
        assert_eq!(candidates[0]["category"], o["category"]);
        assert_eq!(candidates[0]["confidence"], o["confidence"]);
        assert!(o["confidence"].as_f64().unwrap() > 0.0);
        assert!(!o["summary"].as_str().unwrap().is_empty());
        assert!(!o["remedies"].as_array().unwrap().is_empty());
    }
    let evidence: Vec<&str> = out[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        evidence
            .iter()
            .any(|e| e.starts_with("toomanyrequests: You have reached your pull rate limit")),
        "{evidence:?}"
    );
    assert!(out[0]["summary"].as_str().unwrap().contains("rate limit"));
}

#[test]
fn bad_lines_are_answered_in_place_and_the_rest_processed() {
    let input = "{\"message\": \"BUILD_TIMED_OUT\", \"provider\": \"CodeBuild\"}\n\
        {not json\n\
        {\"id\": \"no-message\", \"stage\": \"Build\"}\n\
        [1, 2]\n\
        {\"message\": 42}\n\
        \n\
        {\"message\": \"ALARM_ACTIVE\", \"provider\": \"CodeDeploy\"}\n";
    let r = run(&["classify"], input.as_bytes());
    assert_eq!(r.code, 2);
    let out = lines(&r.stdout);
    assert_eq!(
        out.len(),
        6,
        "one output per non-blank input line: {}",
        r.stdout
    );
    assert_eq!(out[0]["category"], "build_timeout");
    for (o, line) in out[1..5].iter().zip([2, 3, 4, 5]) {
        assert_eq!(o["line"], line, "{o}");
        assert!(!o["error"].as_str().unwrap().is_empty());
        assert_eq!(o.as_object().unwrap().len(), 2);
    }
    assert!(out[2]["error"].as_str().unwrap().contains("message"));
    assert_eq!(out[5]["category"], "deploy_alarm_rollback");
}

#[test]
fn invalid_utf8_is_a_bad_line_not_a_crash() {
    let mut input = b"{\"message\": \"x\xff\xfe\"}\n".to_vec();
    input.extend_from_slice(b"{\"message\": \"BUILD_TIMED_OUT\"}\n");
    let r = run(&["classify"], &input);
    assert_eq!(r.code, 2);
    let out = lines(&r.stdout);
    assert_eq!(out[0]["line"], 1);
    assert_eq!(out[1]["category"], "build_timeout");
}

#[test]
fn empty_input_gives_no_output_and_exit_zero() {
    let r = run(&["classify"], b"");
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn a_file_argument_is_read_and_a_missing_file_is_reported() {
    let dir = std::env::temp_dir().join(format!("triage-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cases.jsonl");
    std::fs::write(&path, "{\"message\": \"InternalError\"}\n").unwrap();
    let r = run(&["classify", path.to_str().unwrap()], b"");
    assert_eq!(r.code, 0);
    assert_eq!(lines(&r.stdout)[0]["category"], "artifact_store_access");
    let r = run(
        &["classify", dir.join("missing.jsonl").to_str().unwrap()],
        b"",
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_ten_megabyte_excerpt_is_answered_correctly_in_bounded_memory() {
    let case = ten_megabyte_case();
    assert!(case.len() >= 10 << 20);
    let r = run(&["classify"], format!("{case}\n").as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = lines(&r.stdout);
    assert_eq!(out[0]["category"], "build_environment");
    assert!(out[0]["evidence"].to_string().contains("toomanyrequests"));
    // The line itself (10 MB) and its decoded string must fit; nothing may scale beyond that.
    assert!(r.max_rss_kib > 0, "no peak RSS reported");
    assert!(r.max_rss_kib < 64 * 1024, "peak RSS {} KiB", r.max_rss_kib);
}

#[test]
fn classify_output_carries_no_secret_from_the_log() {
    let case = serde_json::json!({
        "message": "Error while executing command: git clone https://deploy:hunter2hunter2@github.com/acme/app.git. Reason: exit status 128",
        "provider": "CodeBuild",
        "log_excerpt": "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nfatal: Authentication failed for 'https://deploy:hunter2hunter2@github.com/acme/app.git' token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    });
    let r = run(&["classify"], format!("{case}\n").as_bytes());
    assert_eq!(r.code, 0);
    for secret in [
        "hunter2hunter2",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI",
        "ghp_abcdefghij",
    ] {
        assert!(!r.stdout.contains(secret), "{secret} leaked: {}", r.stdout);
    }
    assert_eq!(
        lines(&r.stdout)[0]["category"],
        "source_repo_not_found_or_access"
    );
}

#[test]
fn eval_prints_accuracy_and_enforces_a_floor() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/dev.jsonl");
    let r = run(&["eval", data], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("cases: 78\ntop-1: "), "{}", r.stdout);
    assert!(r.stdout.contains("per category"));
    let r = run(&["eval", data, "--min-top1", "1.01"], b"");
    assert_eq!(r.code, 1);
    let r = run(&["eval", data, "--json"], b"");
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["cases"], 78);
}
