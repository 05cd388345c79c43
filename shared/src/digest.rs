//! Bounded selection of log lines: read any size of log, keep what a diagnosis needs.
//!
//! A build log can run to millions of lines; the cause is near the first error-bearing lines
//! and in the tail. [`LogDigest`] takes lines one at a time (so callers can stream pages from
//! CloudWatch Logs or read a huge excerpt) and keeps, within fixed bounds:
//! - the first error-bearing lines (the first failure matters most),
//! - the last error-bearing lines,
//! - the last lines of the log (the tail),
//! - CodeBuild phase markers (which phase failed, and what came after it).
//!
//! Every line is normalised and redacted as it streams in (a secret split across two lines,
//! or a private key printed one line per line, is seen whole), and only then kept and cut, so
//! hostile text cannot break a report or leak through a cut.

use std::collections::VecDeque;

use crate::evidence::{LogLine, Origin};
use crate::redact::{LineRedactor, normalize};

/// Bounds of a [`LogDigest`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestLimits {
    /// Error-bearing lines kept from the start.
    pub first_errors: usize,
    /// Error-bearing lines kept from the end.
    pub last_errors: usize,
    /// Lines kept from the tail.
    pub tail: usize,
    /// Phase markers kept.
    pub markers: usize,
    /// Characters kept of one line.
    pub line_chars: usize,
}

impl Default for DigestLimits {
    fn default() -> Self {
        Self {
            first_errors: 120,
            last_errors: 60,
            tail: 60,
            markers: 40,
            line_chars: 1_000,
        }
    }
}

/// Lower-case keywords that make a line worth keeping.
const ERROR_WORDS: &[&str] = &[
    "error",
    "fail",
    "fatal",
    "denied",
    "exception",
    "killed",
    "timed out",
    "timeout",
    "toomanyrequests",
    "not found",
    "no such",
    "does not exist",
    "exit status",
    "exit code",
    "exited with",
    "unable to",
    "cannot",
    "can't",
    "could not",
    "couldn't",
    "invalid",
    "not authorized",
    "forbidden",
    "unauthorized",
    "rate limit",
    "rate exceeded",
    "throttl",
    "out of memory",
    "no space left",
    "panic",
    "assert",
    "✕",
    "✖",
    "●",
    "err!",
    "missing",
    "not set",
    "unbound variable",
    "rejected",
    "expired",
    "need to install",
    "unsupported",
    "incompatible",
    "conflict",
    "already exists",
    "rollback",
    "unhealthy",
    "circuit breaker",
    "limit",
    "quota",
    "vulnerab",
    "problems (",
    "would reformat",
];

/// Streaming, bounded selection of log lines.
#[derive(Debug)]
pub struct LogDigest {
    origin: Origin,
    limits: DigestLimits,
    seen: u64,
    first: Vec<(u64, String)>,
    last: VecDeque<(u64, String)>,
    tail: VecDeque<(u64, String)>,
    markers: Vec<(u64, String)>,
    lower: String,
    /// Every line goes through it before it is looked at.
    redactor: LineRedactor,
}

impl LogDigest {
    /// A digest of lines from `origin` with default bounds.
    pub fn new(origin: Origin) -> Self {
        Self::with_limits(origin, DigestLimits::default())
    }

    /// A digest with explicit bounds.
    pub fn with_limits(origin: Origin, limits: DigestLimits) -> Self {
        Self {
            origin,
            limits,
            seen: 0,
            first: Vec::new(),
            last: VecDeque::new(),
            tail: VecDeque::new(),
            markers: Vec::new(),
            lower: String::new(),
            redactor: LineRedactor::new(),
        }
    }

    /// Masks `values` (PLAINTEXT environment variable values) in every kept line, before any
    /// line is cut.
    pub fn with_secrets(mut self, values: &[&str]) -> Self {
        self.redactor = LineRedactor::with_values(values);
        self
    }

    /// How many lines were offered.
    pub fn lines_seen(&self) -> u64 {
        self.seen
    }

    /// Offers every line of a text block.
    pub fn push_text(&mut self, text: &str) {
        for line in text.split('\n') {
            self.push(line);
        }
    }

    /// Offers one line.
    pub fn push(&mut self, raw: &str) {
        self.seen += 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // Look at a bounded prefix only: a 10 MB single line must not cost 10 MB here. The cut
        // falls between words, so no part of a token is left for the redactor to miss.
        let probe = bounded_word(raw, self.limits.line_chars * 8);
        // The redactor answers one line behind: the next line may show that this one ended
        // with the start of a secret.
        if let Some(done) = self.redactor.push(probe) {
            self.keep(self.seen - 1, done);
        }
    }

    /// Keeps line `n` (redacted) where it belongs.
    fn keep(&mut self, n: u64, text: String) {
        let text = cut(&text, self.limits.line_chars);
        self.lower.clear();
        self.lower.push_str(&text);
        self.lower.make_ascii_lowercase();
        let is_marker = is_phase_marker(&text);
        let is_error = !is_marker && ERROR_WORDS.iter().any(|w| self.lower.contains(w));

        if self.limits.tail > 0 {
            if self.tail.len() == self.limits.tail {
                self.tail.pop_front();
            }
            self.tail.push_back((n, text.clone()));
        }
        if is_marker && self.markers.len() < self.limits.markers {
            self.markers.push((n, text));
        } else if is_error {
            if self.first.len() < self.limits.first_errors {
                self.first.push((n, text));
            } else if self.limits.last_errors > 0 {
                if self.last.len() == self.limits.last_errors {
                    self.last.pop_front();
                }
                self.last.push_back((n, text));
            }
        }
    }

    /// The kept lines in their original order, without duplicates or blank lines.
    pub fn finish(mut self) -> Vec<LogLine> {
        let redactor = std::mem::take(&mut self.redactor);
        if let Some(done) = redactor.finish() {
            self.keep(self.seen, done);
        }
        let mut all: Vec<(u64, String)> = self
            .first
            .into_iter()
            .chain(self.last)
            .chain(self.tail)
            .chain(self.markers)
            .collect();
        all.sort_by_key(|(n, _)| *n);
        all.dedup_by_key(|(n, _)| *n);
        let origin = self.origin;
        all.into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(n, text)| LogLine {
                origin,
                line: Some(n),
                text,
            })
            .collect()
    }
}

/// CodeBuild's structural lines: they tell which phase failed and what followed.
fn is_phase_marker(line: &str) -> bool {
    line.contains("Phase complete:")
        || line.contains("Entering phase")
        || line.contains("Phase context status code:")
        || line.contains("Running command")
        || line.contains("Command did not exit successfully")
}

/// [`bounded`], without the start of a token the cut falls inside (see [`sanitize`]).
pub fn bounded_token(s: &str, max: usize) -> &str {
    let b = bounded(s, max);
    if b.len() == s.len() {
        return b;
    }
    let next_is_token = s[b.len()..].chars().next().is_some_and(is_token_char);
    if !next_is_token {
        return b;
    }
    let run: usize = b
        .chars()
        .rev()
        .take_while(|c| is_token_char(*c))
        .map(char::len_utf8)
        .sum();
    &b[..b.len() - run]
}

/// [`bounded`], cut back to the last white space when the cut falls inside a word: no part of
/// a token survives a cut, whatever invisible characters or escapes it is written with.
pub fn bounded_word(s: &str, max: usize) -> &str {
    let b = bounded(s, max);
    if b.len() == s.len() || s[b.len()..].starts_with(char::is_whitespace) {
        return b;
    }
    b.trim_end_matches(|c: char| !c.is_whitespace())
}

/// The longest prefix of `s` with at most `max` bytes that ends on a character boundary.
pub fn bounded(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Characters a token (key, password, base64 blob) is made of.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '/' | '=' | '.' | '%')
}

/// At a cut in the middle of a run of token characters, drops the run's start: a key cut in
/// two is no longer recognisable by the redactor, so no part of it may be kept.
fn drop_partial_token(out: &mut String, cut_mid_token: bool) {
    if !cut_mid_token {
        return;
    }
    let run: usize = out
        .chars()
        .rev()
        .take_while(|c| is_token_char(*c))
        .map(char::len_utf8)
        .sum();
    out.truncate(out.len() - run);
    let kept = out.trim_end().len();
    out.truncate(kept);
}

/// `s` normalised ([`normalize`]: escapes, control and invisible characters gone) and cut to
/// `max_chars` characters (see [`cut`]). For text that is not redacted; redacted text is
/// already normal and only needs [`cut`].
pub fn sanitize(s: &str, max_chars: usize) -> String {
    cut(
        &normalize(bounded_word(s, max_chars.saturating_mul(8))),
        max_chars,
    )
}

/// `s` (already normalised) bounded to `max_chars` characters, a cut marked with `…`. A cut
/// never keeps the start of a token (a run of key-like characters) it falls inside, and
/// nothing is removed from the text, so nothing the redactor saw apart is joined.
pub fn cut(s: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max_chars + 4));
    for (count, c) in s.chars().enumerate() {
        if count == max_chars {
            drop_partial_token(&mut out, is_token_char(c));
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_errors_tail_and_markers_of_a_huge_log() {
        let mut d = LogDigest::new(Origin::BuildLog);
        d.push("[Container] 2024/01/01 Entering phase BUILD");
        d.push("npm ERR! code ERESOLVE");
        for i in 0..200_000 {
            d.push(&format!("noise line {i}"));
        }
        d.push("[Container] 2024/01/01 Phase complete: BUILD State: FAILED");
        d.push("the very last line");
        assert_eq!(d.lines_seen(), 200_004);
        let lines = d.finish();
        assert!(lines.len() <= 300, "kept {}", lines.len());
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"npm ERR! code ERESOLVE"));
        assert!(texts.contains(&"the very last line"));
        assert!(texts.iter().any(|t| t.contains("State: FAILED")));
        assert_eq!(lines[1].line, Some(2));
        assert!(lines.windows(2).all(|w| w[0].line < w[1].line));
    }

    #[test]
    fn sanitize_strips_escapes_controls_and_bounds_length() {
        assert_eq!(sanitize("\u{1b}[31mred\u{1b}[0m text", 100), "red text");
        assert_eq!(sanitize("a\u{0}b\u{7}c\td", 100), "abc d");
        assert_eq!(sanitize("\u{1b}]0;title\u{7}ok", 100), "ok");
        assert_eq!(sanitize("x\u{202e}y", 100), "xy");
        assert_eq!(sanitize("ééééé", 3), "ééé…");
        // A cut inside a long token drops the token's start; a cut between words does not.
        assert_eq!(sanitize("key ghp_abcdefghijklmnop", 14), "key…");
        assert_eq!(sanitize("one two three", 7), "one two…");
    }

    #[test]
    fn a_private_key_printed_line_by_line_and_plaintext_values_are_masked() {
        let mut d = LogDigest::new(Origin::BuildLog).with_secrets(&["s3cr3t!P@ssw0rd-value"]);
        d.limits.line_chars = 40;
        for l in [
            "error: cat id_rsa",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
            "AAAAC3NzaC1lZDI1NTE5AAAAIOu3example",
            "-----END OPENSSH PRIVATE KEY-----",
            "error: login with xxxxxxxxxxxxxxxxxxxx s3cr3t!P@ssw0rd-value failed",
            "the end",
        ] {
            d.push(l);
        }
        let all: Vec<String> = d.finish().into_iter().map(|l| l.text).collect();
        let joined = all.join("\n");
        for leaked in ["b3BlbnNz", "AAAAC3Nz", "s3cr3t"] {
            assert!(!joined.contains(leaked), "{leaked}: {joined}");
        }
        assert!(joined.contains("the end"));
    }

    #[test]
    fn a_secret_straddling_the_line_cut_is_redacted_whole() {
        let secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        let mut d = LogDigest::new(Origin::BuildLog);
        d.limits.line_chars = 100;
        d.push(&format!("{} error token {secret} tail", "x ".repeat(40)));
        let text = &d.finish()[0].text;
        assert!(!text.contains("ghp_abcdefgh"), "{text}");
        assert!(text.chars().count() <= 101, "{text}");
    }

    #[test]
    fn a_single_enormous_line_is_bounded() {
        let line = "xy ".repeat(2_000_000) + " error";
        let mut d = LogDigest::new(Origin::Excerpt);
        d.push(&line);
        let lines = d.finish();
        assert_eq!(lines.len(), 1);
        assert!(lines[0].text.chars().count() <= 1_001);
    }

    #[test]
    fn bounded_respects_char_boundaries() {
        assert_eq!(bounded("aé", 2), "a");
        assert_eq!(bounded("abc", 10), "abc");
    }
}
