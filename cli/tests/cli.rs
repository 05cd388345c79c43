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
        // Sorted: whether serde_json keeps insertion order depends on the features the
        // workspace unifies.
        let mut keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
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
    let r = run(&["eval", data, "--min-top1", "0.999"], b"");
    assert_eq!(r.code, 1);
    for bad in ["NaN", "inf", "1.01"] {
        let r = run(&["eval", data, "--min-top1", bad], b"");
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
    }
    let r = run(&["eval", data, "--json"], b"");
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["cases"], 78);
}

fn repo(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn diagnose_replays_each_bundled_evidence_file_offline() {
    for (file, category) in [
        ("docker-hub-rate-limit", "build_environment"),
        ("missing-branch", "source_branch_not_found"),
        ("pending-connection", "source_connection_unavailable"),
        ("kms-artifact-denied", "artifact_kms"),
        ("codedeploy-script-failed", "deploy_script_failed"),
    ] {
        let path = repo(&format!("examples/evidence/{file}.json"));
        let r = run(&["diagnose", "--evidence", &path], b"");
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        assert!(
            r.stdout.lines().next().unwrap().ends_with(category),
            "{file}: {}",
            r.stdout
        );
        let r = run(&["diagnose", "--evidence", &path, "--format", "json"], b"");
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["category"], category, "{file}");
        assert_eq!(v["schema_version"], 1);
        assert!(v["evidence"][0]["origin"].is_string(), "{file}: {v}");
        let r = run(
            &[
                "diagnose",
                "--evidence",
                &path,
                "--format",
                "chat",
                "--lang",
                "ja",
            ],
            b"",
        );
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["source"], "custom");
        assert!(
            v["content"]["description"]
                .as_str()
                .unwrap()
                .contains("根本原因"),
            "{file}"
        );
    }
}

#[test]
fn diagnose_rejects_bad_input_with_one_line_and_exit_2() {
    let r = run(&["diagnose", "--evidence", &repo("Cargo.toml")], b"");
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr
            .lines()
            .filter(|l| !l.starts_with("peak_rss"))
            .count(),
        1,
        "{}",
        r.stderr
    );
    let r = run(&["diagnose", "--event", &repo("no-such-file.json")], b"");
    assert_eq!(r.code, 2);
}

#[test]
fn diagnose_says_why_an_event_is_skipped() {
    let dir = std::env::temp_dir().join(format!("triage-skip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("started.json");
    std::fs::write(
        &path,
        r#"{"source":"aws.codepipeline","detail-type":"CodePipeline Pipeline Execution State Change","detail":{"pipeline":"p","execution-id":"e","state":"STARTED"}}"#,
    )
    .unwrap();
    let r = run(&["diagnose", "--event", path.to_str().unwrap()], b"");
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("skipped: "), "{}", r.stdout);
    assert!(r.stdout.contains("STARTED"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn with_every_endpoint_unreachable_the_event_alone_makes_a_report_in_time() {
    let dir = std::env::temp_dir().join(format!("triage-down-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let event = dir.join("failed.json");
    std::fs::write(
        &event,
        r#"{"version":"0","id":"e1","detail-type":"CodePipeline Action Execution State Change","source":"aws.codepipeline","account":"111122223333","time":"2026-11-20T08:15:00Z","region":"eu-west-1","resources":[],"detail":{"pipeline":"web","execution-id":"exec-1","stage":"Build","action":"Image","state":"FAILED","type":{"owner":"AWS","category":"Build","provider":"CodeBuild","version":"1"},"execution-result":{"external-execution-id":"web:1","external-execution-summary":"Build terminated with state: FAILED","error-code":"JobFailed"},"version":1,"pipeline-execution-attempt":1.0}}"#,
    )
    .unwrap();
    let saved = dir.join("evidence.json");
    let start = std::time::Instant::now();
    let out = Command::new(BIN)
        .args([
            "diagnose",
            "--event",
            event.to_str().unwrap(),
            "--save-evidence",
            saved.to_str().unwrap(),
            "--timeout",
            "4",
            "--call-timeout",
            "1",
        ])
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        // One attempt: the SDK's retries of a refused connection (up to 3 s of backoff) would
        // otherwise race the 1 s call budget, and a call cut short is a `timeout` gap.
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(elapsed < std::time::Duration::from_secs(15), "{elapsed:?}");
    assert!(
        stdout.starts_with("web failed at Build/Image: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("codepipeline:ListActionExecutions"),
        "{stdout}"
    );
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    let gaps = bundle["gaps"].as_array().unwrap();
    assert!(gaps.len() >= 4, "{gaps:?}");
    // Nothing listens on port 9: every read is a network gap, named as such.
    assert!(
        gaps.iter().all(|g| g["reason"] == "unreachable"),
        "{gaps:?}"
    );
    assert!(
        stdout.contains("endpoint unreachable from this function"),
        "{stdout}"
    );
    // The saved bundle replays offline to the same verdict.
    let replay = run(&["diagnose", "--evidence", saved.to_str().unwrap()], b"");
    assert_eq!(replay.stdout.lines().next(), stdout.lines().next());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[path = "../../tests/integration/emulator.rs"]
#[allow(dead_code)]
mod emulator;

/// `pipeline-triage approvals` against the double (moto behind it), as a user runs it.
fn approvals(em: &emulator::Emulator, args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .arg("approvals")
        .args(args)
        // Nothing from the machine's own AWS set-up may point elsewhere.
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_ENDPOINT_URL", &em.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        max_rss_kib: 0,
    }
}

#[test]
fn approvals_lists_those_waiting_longer_than_asked_and_names_what_it_could_not_read() {
    let em = emulator::Emulator::start();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let waiting = |name: &str, hours: i64| {
        serde_json::json!({"op": "GetPipelineState", "match": format!("\"{name}\""), "body": {"pipelineName": name, "stageStates": [
            {"stageName": "Prod", "latestExecution": {"pipelineExecutionId": format!("{name}-x"), "status": "InProgress"},
             "actionStates": [{"actionName": "Approve", "latestExecution": {"status": "InProgress", "token": format!("tok-{name}"),
                "lastStatusChange": (now - hours * 3_600) as f64}}]}]}})
    };
    em.answer(serde_json::json!([
        {"op": "ListPipelines", "body": {"pipelines": [{"name": "web"}, {"name": "new"}, {"name": "idle"}, {"name": "locked"}]}},
        waiting("web", 5),
        waiting("new", 1),
        {"op": "GetPipelineState", "match": "\"locked\"", "status": 400,
         "body": {"__type": "AccessDeniedException", "message": "not authorized to perform codepipeline:GetPipelineState"}},
        {"op": "GetPipelineState", "body": {"pipelineName": "idle", "stageStates": []}},
        {"op": "GetPipeline", "body": {"pipeline": {"name": "any", "roleArn": "arn:aws:iam::123456789012:role/p",
            "artifactStore": {"type": "S3", "location": "b"},
            "stages": [{"name": "Prod", "actions": [{"name": "Approve",
                "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"},
                "timeoutInMinutes": 1440}]}]}}}
    ]));

    let json = approvals(
        &em,
        &["--older-than", "4h", "--format", "json", "--rate", "50"],
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let rows: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows.len(), 1, "only the approval older than 4 h: {rows:?}");
    let row = &rows[0];
    assert_eq!(
        (
            &row["pipeline"],
            &row["stage"],
            &row["action"],
            &row["token"]
        ),
        (
            &Value::from("web"),
            &Value::from("Prod"),
            &Value::from("Approve"),
            &Value::from("tok-web")
        )
    );
    let waited = row["waited_seconds"].as_i64().unwrap();
    assert!((5 * 3_600..5 * 3_600 + 60).contains(&waited), "{row}");
    // A 24-hour timeout, 5 h in.
    let left = row["expires_in_seconds"].as_i64().unwrap();
    assert!((19 * 3_600 - 60..=19 * 3_600).contains(&left), "{row}");
    assert!(
        json.stderr.contains("not read") && json.stderr.contains("locked"),
        "the unreadable pipeline is named: {}",
        json.stderr
    );

    let table = approvals(&em, &["--format", "table", "--rate", "50"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "a header and both approvals: {}",
        table.stdout
    );
    assert!(lines[0].starts_with("PIPELINE") && lines[0].contains("EXPIRES IN"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("web ") && l.contains("Prod/Approve") && l.contains("5h"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("new ") && l.contains("1h"))
    );

    let bad = approvals(&em, &["--older-than", "soon"]);
    assert_eq!((bad.code, bad.stdout.as_str()), (2, ""));
    assert!(bad.stderr.contains("--older-than"), "{}", bad.stderr);

    emulator::http(&em.url, "POST", "/_double/reset", "");
    em.answer(serde_json::json!([{"op": "ListPipelines", "status": 400,
        "body": {"__type": "AccessDeniedException", "message": "not authorized to perform codepipeline:ListPipelines"}}]));
    let denied = approvals(&em, &["--format", "json"]);
    assert_eq!(
        denied.code, 1,
        "pipelines that cannot be listed are an error"
    );
    assert!(denied.stderr.contains("ListPipelines"), "{}", denied.stderr);
}

#[test]
fn the_inputs_contract_holds_exactly() {
    let dir = std::env::temp_dir().join(format!("pt-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A byte-order mark and an unknown field holding a number no float can hold are ignored.
    let r = run(
        &["classify"],
        b"\xEF\xBB\xBF{\"id\": \"a\", \"message\": \"toomanyrequests: You have reached your pull rate limit\", \"future\": 1e400}\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(lines(&r.stdout)[0]["id"], "a");
    // A directory is named, with exit 2.
    let r = run(&["classify", dir.to_str().unwrap()], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(dir.to_str().unwrap()), "{}", r.stderr);
    // eval fails when a line cannot be read.
    let bad = dir.join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"message\": \"x\", \"expected_category\": \"unknown\"}\nnot json\n",
    )
    .unwrap();
    assert_eq!(run(&["eval", bad.to_str().unwrap()], b"").code, 2);
    // Not a CodePipeline event at all: exit 2 with the reason; a non-failure event: skipped, 0.
    let not_event = dir.join("not-event.json");
    std::fs::write(&not_event, "[1, 2]").unwrap();
    let r = run(&["diagnose", "--event", not_event.to_str().unwrap()], b"");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("not a CodePipeline event"),
        "{}",
        r.stderr
    );
    let succeeded = dir.join("succeeded.json");
    std::fs::write(&succeeded, r#"{"source": "aws.codepipeline", "detail-type": "CodePipeline Pipeline Execution State Change", "detail": {"pipeline": "p", "execution-id": "e", "state": "SUCCEEDED"}}"#).unwrap();
    let r = run(&["diagnose", "--event", succeeded.to_str().unwrap()], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("skipped:"), "{}", r.stdout);
    // An evidence bundle of an unknown schema version, or not an object, is refused.
    for (name, body) in [
        (
            "v9.json",
            r#"{"schema_version": 9, "failure": {"message": "x"}}"#,
        ),
        ("arr.json", "[]"),
    ] {
        let f = dir.join(name);
        std::fs::write(&f, body).unwrap();
        let r = run(&["diagnose", "--evidence", f.to_str().unwrap()], b"");
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_secret_in_any_spelling_in_a_classify_case_or_a_bundle_is_never_printed() {
    // Colour codes and zero-width characters inside, JSON and URL escapes, split across lines.
    let secret = "ghp_oMPKhCt62fgPs4jXYQJhsuZIhP3LR8zSgvsO";
    let coloured = r"ghp_oMPKhCt62\u001b[31m\u001b[Kfg\u200bPs4jXYQJhsuZIhP3LR8zSgvsO";
    let url: String = secret.bytes().map(|b| format!("%{b:02X}")).collect();
    let case = format!(
        "{{\"id\": \"{secret}\", \"message\": \"fatal: token {coloured} rejected\", \"stage\": \"{url}\", \"log_excerpt\": \"error: auth ghp_oMPKhCt62fgPs4jX\\nYQJhsuZIhP3LR8zSgvsO failed\"}}\n"
    );
    let r = run(&["classify"], case.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bundle = std::env::temp_dir().join(format!("pt-secret-{}.json", std::process::id()));
    std::fs::write(
        &bundle,
        format!(
            r#"{{"schema_version": 1, "pipeline": "{secret}", "failure": {{"stage": "Build", "provider": "CodeBuild", "message": "denied {coloured}"}},
               "logs": [{{"origin": "build_log", "line": 1, "text": "error: login ghp_oMPKhCt62fgPs4j"}}, {{"origin": "build_log", "line": 2, "text": "XYQJhsuZIhP3LR8zSgvsO failed"}}],
               "gaps": [{{"source": "logs:GetLogEvents", "reason": "other", "detail": "{url}"}}]}}"#
        ),
    )
    .unwrap();
    let mut outputs = vec![r.stdout, r.stderr];
    for format in ["text", "json", "chat"] {
        for lang in ["en", "ja"] {
            let r = run(
                &[
                    "diagnose",
                    "--evidence",
                    bundle.to_str().unwrap(),
                    "--format",
                    format,
                    "--lang",
                    lang,
                ],
                b"",
            );
            assert_eq!(r.code, 0, "{}", r.stderr);
            outputs.push(r.stdout);
            outputs.push(r.stderr);
        }
    }
    std::fs::remove_file(&bundle).ok();
    let chars: Vec<char> = secret.chars().collect();
    for out in &outputs {
        for w in chars.windows(8) {
            let piece: String = w.iter().collect();
            assert!(!out.contains(&piece), "{piece} in {out}");
        }
    }
}
