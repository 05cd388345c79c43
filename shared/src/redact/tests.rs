//! Every rule proves itself on its own samples; the whole redactor on spellings, splits and
//! the non-secret text of real build logs.

use super::*;
use crate::redact::detect::{all_compile, find_with};

/// A sample's text without the `«»` marks, and the secret they marked.
fn unmark(sample: &str) -> (String, String) {
    let start = sample.find('«').unwrap_or(0);
    let end = sample.find('»').unwrap_or(sample.len());
    let secret = sample[start + '«'.len_utf8()..end].to_owned();
    let text = sample.replace(['«', '»'], "");
    (text, secret)
}

/// The 8-character windows of a secret: none may appear in an output.
pub(crate) fn fragments(secret: &str) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .windows(8.min(chars.len()).max(1))
        .map(|w| w.iter().collect())
        .collect()
}

fn leaks(out: &str, secret: &str) -> Option<String> {
    fragments(secret).into_iter().find(|f| out.contains(f))
}

#[test]
fn every_rule_compiles_and_is_complete() {
    assert!(all_compile());
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len(), "rule ids are unique");
    for r in RULES {
        assert!(!r.must_mask.is_empty(), "{}: no sample to mask", r.id);
        assert!(!r.must_keep.is_empty(), "{}: no sample to keep", r.id);
        assert!(!r.what.is_empty());
        for k in r.keywords {
            assert_eq!(*k, k.to_lowercase(), "{}: keywords are lower case", r.id);
        }
    }
}

#[test]
fn every_rule_masks_its_own_samples_alone() {
    let mut bad = Vec::new();
    for (i, r) in RULES.iter().enumerate() {
        for sample in r.must_mask {
            let (text, secret) = unmark(sample);
            let (text, secret) = (
                normalize(&text).into_owned(),
                normalize(&secret).into_owned(),
            );
            let at = text.find(&secret).unwrap_or(0);
            let mut spans = Vec::new();
            find_with(i, &text, &mut spans);
            let covered =
                (at..at + secret.len()).all(|b| spans.iter().any(|s| s.start <= b && b < s.end));
            if !covered {
                bad.push(format!("{}: {sample:?} not covered by {spans:?}", r.id));
            }
            let out = redact(&text);
            if leaks(&out, &secret).is_some() {
                bad.push(format!("{}: {out}", r.id));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn no_rule_touches_what_it_must_keep() {
    let mut bad = Vec::new();
    for (i, r) in RULES.iter().enumerate() {
        for text in r.must_keep {
            let mut spans = Vec::new();
            find_with(i, &normalize(text), &mut spans);
            if !spans.is_empty() {
                bad.push(format!("{}: masked {text:?}: {spans:?}", r.id));
            }
            if redact(text) != normalize(text) {
                bad.push(format!(
                    "{}: the redactor masked {text:?}: {}",
                    r.id,
                    redact(text)
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every secret of every sample, alone on a line.
fn all_secrets() -> Vec<(String, String)> {
    RULES
        .iter()
        .flat_map(|r| r.must_mask.iter().map(|s| (r.id.to_owned(), unmark(s).0)))
        .collect()
}

fn sample_secrets() -> Vec<(&'static str, String, String)> {
    RULES
        .iter()
        .flat_map(|r| {
            r.must_mask.iter().map(|s| {
                let (t, sec) = unmark(s);
                (r.id, t, sec)
            })
        })
        .collect()
}

#[test]
fn colours_and_invisible_characters_inside_a_secret_do_not_hide_it() {
    let mut bad = Vec::new();
    for (id, text, secret) in sample_secrets() {
        if secret.contains('\n') {
            continue;
        }
        let mid = secret
            .char_indices()
            .nth(secret.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        for wrap in [
            "\u{1b}[01;31m\u{1b}[K",
            "\u{200b}",
            "\u{2060}",
            "\u{feff}",
            "\u{ad}",
            "\u{202e}",
        ] {
            let hidden = format!("{}{wrap}{}", &secret[..mid], &secret[mid..]);
            let t = text.replacen(&secret, &hidden, 1);
            let out = redact(&t);
            if leaks(&out, &secret).is_some() {
                bad.push(format!("{id} with {wrap:?}: {out}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn escaped_spellings_are_seen_through() {
    let mut bad = Vec::new();
    for (id, text, secret) in sample_secrets() {
        if secret.contains('\n') || text.contains('\\') {
            continue;
        }
        // JSON \u escapes of every character of the secret, and URL escapes of it.
        let json: String = secret
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        let url: String = secret.bytes().map(|b| format!("%{b:02X}")).collect();
        for spelled in [json, url] {
            let t = text.replacen(&secret, &spelled, 1);
            let out = redact(&t);
            if leaks(&out, &secret).is_some() {
                bad.push(format!("{id}: {out}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_secret_split_across_two_lines_at_any_point_leaves_no_piece() {
    let mut bad = Vec::new();
    for (id, text, secret) in sample_secrets() {
        if secret.contains('\n') || secret.contains("\\n") {
            continue;
        }
        let at = text.find(&secret).unwrap_or(0);
        for (cut, _) in secret.char_indices().skip(1) {
            let split = format!(
                "{}{}\n{}{}",
                &text[..at],
                &secret[..cut],
                &secret[cut..],
                &text[at + secret.len()..]
            );
            let out = redact(&split);
            if leaks(&out, &secret).is_some() {
                bad.push(format!("{id} cut at {cut}: {out:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_private_key_printed_one_line_per_log_line_is_masked_to_its_end() {
    let mut r = LineRedactor::new();
    let mut out = Vec::new();
    for l in [
        "[Container] 2026/11/20 08:14:04 cat deploy_key",
        "[Container] 2026/11/20 08:14:04 -----BEGIN OPENSSH PRIVATE KEY-----",
        "[Container] 2026/11/20 08:14:04 b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB",
        "[Container] 2026/11/20 08:14:04 AAAAC3NzaC1lZDI1NTE5AAAAIOu3c2VjcmV0",
        "[Container] 2026/11/20 08:14:04 Lw==",
        "[Container] 2026/11/20 08:14:04 -----END OPENSSH PRIVATE KEY-----",
        "[Container] 2026/11/20 08:14:05 Running command ssh -i deploy_key git@host",
    ] {
        out.extend(r.push(l));
    }
    out.extend(r.finish());
    let all = out.join("\n");
    for piece in ["b3BlbnNz", "AAAAC3Nz", "Lw==", "c2VjcmV0"] {
        assert!(!all.contains(piece), "{piece}: {all}");
    }
    assert!(out[0].ends_with("cat deploy_key"));
    assert!(out[6].contains("Running command ssh"), "{all}");

    // A line that only talks about keys does not mask the log after it.
    let text = "error: expected -----BEGIN RSA PRIVATE KEY-----\nnpm ERR! code E404\nnext";
    let out = redact(text);
    assert!(out.contains("npm ERR! code E404"), "{out}");
}

#[test]
fn plaintext_values_are_masked_as_whole_tokens_only() {
    assert_eq!(
        redact_with("value hunter22xy here, hunter22xyz", &["hunter22xy", "ab"]),
        "value [REDACTED] here, hunter22xyz"
    );
}

#[test]
fn ordinary_text_is_borrowed() {
    let s = "npm ERR! code ERESOLVE while resolving token-handler@1.0.0";
    assert!(matches!(redact(s), Cow::Borrowed(_)));
}

#[test]
fn samples_are_redacted_in_every_catalog_entry() {
    // The whole catalog on every sample at once (one text, many kinds): no piece survives.
    let joined: Vec<String> = all_secrets().into_iter().map(|(_, t)| t).collect();
    let text = joined.join("\n");
    let out = redact(&text);
    let mut bad = Vec::new();
    for (id, _, secret) in sample_secrets() {
        // A piece that other samples print in the open (`https://`) is not this secret's.
        let elsewhere = text.replace(&secret, "\u{0}");
        let leaked = fragments(&secret)
            .into_iter()
            .find(|f| out.contains(f) && !elsewhere.contains(f));
        if let Some(f) = leaked {
            bad.push(format!("{id}: {f:?} of {secret}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Real build output full of digests, commit ids, ARNs, request ids and secret *words*
/// (`tests/data/nonsecrets.jsonl`, gathered from public logs, each line with its source).
const NONSECRETS: &str = include_str!("../../../tests/data/nonsecrets.jsonl");
/// Secrets of 200+ kinds and spellings in log lines, and split across two lines
/// (`tests/data/secrets-holdout.jsonl`, generated to the scanners' documented formats).
const HELD_OUT: &str = include_str!("../../../tests/data/secrets-holdout.jsonl");

fn field(line: &str, name: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    v[name].as_str().unwrap().to_owned()
}

#[test]
fn real_build_output_comes_out_unmasked() {
    let mut masked = Vec::new();
    for line in NONSECRETS.lines() {
        let text = field(line, "text");
        if redact(&text) != normalize(&text) {
            masked.push(format!("{}: {}", field(line, "id"), redact(&text)));
        }
    }
    assert!(masked.is_empty(), "{}", masked.join("\n"));
}

#[test]
fn every_held_out_secret_is_masked_whole() {
    let mut leaked = Vec::new();
    for line in HELD_OUT.lines() {
        let (text, secret) = (field(line, "text"), field(line, "secret"));
        let out = redact(&text);
        if let Some(f) = leaks(&out, &secret) {
            leaked.push(format!("{}: {f:?} in {out}", field(line, "id")));
        }
    }
    assert!(leaked.is_empty(), "{}", leaked.join("\n"));
}
