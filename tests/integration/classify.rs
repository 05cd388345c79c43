//! `classify` in-process: one answer per line, in order, whatever the input.

use pipeline_triage::classify;
use serde_json::Value;

fn run(input: &[u8]) -> (Vec<Value>, u8) {
    let mut out = Vec::new();
    let outcome = classify(input, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    (
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        outcome.exit_code(),
    )
}

#[test]
fn the_corpus_round_trips_through_classify_in_order() {
    let dev = include_str!("../data/dev.jsonl");
    let (out, code) = run(dev.as_bytes());
    assert_eq!(code, 0);
    let ids: Vec<Value> = dev
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
        .collect();
    let got: Vec<Value> = out.iter().map(|o| o["id"].clone()).collect();
    assert_eq!(ids, got);
}

#[test]
fn a_missing_final_newline_and_crlf_line_ends_are_accepted() {
    let (out, code) = run(b"{\"message\": \"BUILD_TIMED_OUT\"}\r\n{\"message\": \"ALARM_ACTIVE\"}");
    assert_eq!(code, 0);
    assert_eq!(out.len(), 2);
    assert_eq!(out[1]["category"], "deploy_alarm_rollback");
}

#[test]
fn evidence_quotes_exact_fragments_of_the_input() {
    let log = "Step 3/7 : RUN pip install -r requirements.txt\n\
        ERROR: Could not find a version that satisfies the requirement torch==9.9.9 (from versions: 2.1.0, 2.2.0)\n\
        ERROR: No matching distribution found for torch==9.9.9";
    let case = serde_json::json!({"message": "Build terminated with state: FAILED", "provider": "CodeBuild", "log_excerpt": log});
    let (out, _) = run(format!("{case}\n").as_bytes());
    assert_eq!(out[0]["category"], "build_dependency_error");
    for e in out[0]["evidence"].as_array().unwrap() {
        let e = e.as_str().unwrap();
        assert!(
            log.contains(e) || case["message"].as_str().unwrap().contains(e),
            "not a quote: {e}"
        );
    }
}

#[test]
fn no_secret_survives_in_classify_output() {
    let secrets: Vec<Value> = include_str!("../data/secrets.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut input = String::new();
    for s in &secrets {
        let text = s["text"].as_str().unwrap();
        // As written, JSON-escaped inside a JSON log line, and deep in long lines so that the
        // quote window (320 bytes) cuts near it on either side.
        let escaped = serde_json::to_string(text).unwrap();
        let mut messages = vec![
            format!("toomanyrequests: rate limit; {text}"),
            format!("AccessDenied: {{\"detail\": {escaped}}}"),
        ];
        for pad in (60usize..140).step_by(3) {
            messages.push(format!(
                "{} {text} {}toomanyrequests: You have reached your pull rate limit",
                "a ".repeat(200),
                "b ".repeat(pad / 2)
            ));
            messages.push(format!(
                "toomanyrequests: You have reached your pull rate limit {}{text} {}",
                "c ".repeat(pad / 2),
                "d ".repeat(200)
            ));
        }
        for m in messages {
            let case =
                serde_json::json!({"message": m, "log_excerpt": format!("ERROR {m}\n{text}")});
            input.push_str(&case.to_string());
            input.push('\n');
        }
    }
    let (out, code) = run(input.as_bytes());
    assert_eq!(code, 0);
    let all = out
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    for s in &secrets {
        let secret: Vec<char> = s["secret"].as_str().unwrap().chars().collect();
        for w in secret.windows(8) {
            let fragment: String = w.iter().collect();
            // Compare in the output's JSON escaping.
            let escaped = serde_json::to_string(&fragment).unwrap();
            let escaped = &escaped[1..escaped.len() - 1];
            assert!(
                !all.contains(escaped),
                "{}: {fragment:?} in classify output",
                s["pattern"]
            );
        }
    }
}
