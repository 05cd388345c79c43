//! One redactor for every path that leaves the process: build logs, configurations and error
//! texts carry tokens, keys and passwords, and a report, a log line or a saved bundle must
//! never publish one, however it is spelled.
//!
//! Every untrusted text goes through the same three steps, in this order:
//! 1. **normalise** ([`normalize`]): invisible and control characters removed, JSON, URL and
//!    HTML escapes decoded, fullwidth forms read as ASCII, until nothing changes;
//! 2. **redact**: every rule of [`rules::RULES`] runs on the normalised line (a keyword pass
//!    picks the few worth running), and the spans they find are masked. Lines are redacted as
//!    a sequence ([`LineRedactor`]): a private key printed one line per log line is masked to
//!    its end, and a secret split across two lines is found in the two lines joined;
//! 3. only then is the text cut or rendered, by steps that never join what the redactor saw
//!    apart (see [`crate::digest::cut`]).

mod detect;
mod names;
mod normalize;
pub mod rules;
pub mod scrub;

use std::borrow::Cow;

pub use detect::{entropy, looks_random};
pub use normalize::normalize;
pub use rules::{KEY_MASK, MASK, RULES};

use detect::Span;

/// Compiles the rules now rather than on first use.
pub fn warm_up() {
    detect::warm_up();
}

/// `text` normalised, with every secret it holds replaced (borrowed when there was nothing to
/// change).
pub fn redact(text: &str) -> Cow<'_, str> {
    let norm = normalize(text);
    if !norm.contains('\n') {
        let mut spans = Vec::new();
        detect::find(&norm, &mut spans);
        if spans.is_empty() {
            return norm;
        }
        return Cow::Owned(apply(&norm, spans));
    }
    Cow::Owned(redact_lines(&norm, &[]))
}

/// Whether `text` holds anything the rules recognise as a secret (read normalised; the text
/// itself may stay as it is, a percent-encoded URL for instance).
pub fn has_secret(text: &str) -> bool {
    let norm = normalize(text);
    if norm.contains('\n') {
        // Read as lines, so that a secret split across a break counts.
        return redact_lines(&norm, &[]) != *norm;
    }
    let mut spans = Vec::new();
    detect::find(&norm, &mut spans);
    !spans.is_empty()
}

/// Which rule masks what in `text` (normalised), in order: for a maintainer asking why a
/// line came out masked.
pub fn explain(text: &str) -> Vec<(&'static str, String)> {
    let norm = normalize(text);
    let mut out = Vec::new();
    for line in norm.split('\n') {
        for (i, rule) in RULES.iter().enumerate() {
            let mut spans = Vec::new();
            detect::find_with(i, line, &mut spans);
            for s in spans {
                out.push((rule.id, line[s.start..s.end].to_owned()));
            }
        }
    }
    out
}

/// `text` redacted, and each of `values` (the plaintext environment variables of a build)
/// masked wherever it stands as a whole token. Values shorter than 8 characters are left
/// alone: `test` or `main` would mask half the log and tell nothing.
pub fn redact_with(text: &str, values: &[&str]) -> String {
    let norm = normalize(text);
    redact_lines(&norm, values)
}

fn redact_lines(norm: &str, values: &[&str]) -> String {
    let mut r = LineRedactor::with_values(values);
    let mut out = String::with_capacity(norm.len());
    for line in norm.split('\n') {
        if let Some(done) = r.push(line) {
            out.push_str(&done);
            out.push('\n');
        }
    }
    if let Some(done) = r.finish() {
        out.push_str(&done);
    }
    out
}

/// Lines in, redacted lines out, one line behind: the line after a line can still show that
/// its end was the start of a secret.
#[derive(Debug, Default)]
pub struct LineRedactor {
    values: Vec<String>,
    pending: Option<(String, Vec<Span>)>,
    block: Option<Block>,
    /// Redacted physical lines not yet handed back.
    ready: Vec<String>,
    /// Physical lines of each text offered and not yet handed back (a text may hold line
    /// breaks, or gain them when normalised: `\u000a`, U+2028).
    counts: std::collections::VecDeque<usize>,
}

/// A multi-line secret being masked line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// Inside `-----BEGIN … PRIVATE KEY-----`, this many lines in.
    Key(u32),
    /// Inside a PuTTY key's `Private-Lines`.
    Putty(u32),
}

/// Lines a key block runs at most (a 16,384-bit RSA key is about 200 lines of base64).
const BLOCK_MAX_LINES: u32 = 260;
/// How much of each side of a line break is looked at for a secret split across it.
const JOIN_WINDOW: usize = 256;

impl LineRedactor {
    /// A redactor of the rules alone.
    pub fn new() -> Self {
        Self::default()
    }

    /// A redactor that also masks `values` (at least 8 characters) as whole tokens.
    pub fn with_values(values: &[&str]) -> Self {
        Self {
            values: values
                .iter()
                .filter(|v| v.chars().count() >= 8)
                .map(|v| normalize(v).into_owned())
                .collect(),
            ..Self::default()
        }
    }

    /// Offers the next line; returns the line before it, redacted. A line that holds line
    /// breaks (as it is, or once normalised) is read as the lines it holds.
    pub fn push(&mut self, line: &str) -> Option<String> {
        let norm = normalize(line);
        let mut n = 0;
        for physical in norm.split('\n') {
            if let Some(done) = self.push_physical(physical) {
                self.ready.push(done);
            }
            n += 1;
        }
        self.counts.push_back(n);
        self.take_ready()
    }

    /// The last line, redacted.
    pub fn finish(mut self) -> Option<String> {
        if let Some((t, s)) = self.pending.take() {
            self.ready.push(apply(&t, s));
        }
        self.take_ready()
    }

    /// The oldest text offered, once all of its lines are redacted.
    fn take_ready(&mut self) -> Option<String> {
        let n = *self.counts.front()?;
        if self.ready.len() < n {
            return None;
        }
        self.counts.pop_front();
        let mut lines = self.ready.drain(..n);
        let first = lines.next().unwrap_or_default();
        Some(lines.fold(first, |mut text, line| {
            text.push('\n');
            text.push_str(&line);
            text
        }))
    }

    /// One physical line (normalised, no line break in it); returns the one before it.
    fn push_physical(&mut self, line: &str) -> Option<String> {
        let line = line.to_owned();
        let mut spans = Vec::new();
        let split_key = self
            .pending
            .as_ref()
            .filter(|_| self.block.is_none())
            .and_then(|(prev, _)| armor_split(prev, &line));
        if let (Some(from), Some((prev, prev_spans))) = (split_key, &mut self.pending) {
            prev_spans.push(Span {
                start: from,
                end: prev.len(),
                mask: KEY_MASK,
            });
            spans.push(Span {
                start: 0,
                end: line.len(),
                mask: KEY_MASK,
            });
            let ends = line.contains("-----END") && line.contains("PRIVATE KEY");
            self.block = (!ends).then_some(Block::Key(0));
        } else {
            self.find(&line, &mut spans);
            if let Some((prev, prev_spans)) = &mut self.pending {
                join(prev, &line, &self.values, prev_spans, &mut spans);
            }
        }
        let done = self.pending.take().map(|(t, s)| apply(&t, s));
        self.pending = Some((line, spans));
        done
    }

    fn find(&mut self, line: &str, spans: &mut Vec<Span>) {
        if let Some(block) = self.block {
            let (ends, n) = match block {
                Block::Key(n) => (line.contains("-----END") && line.contains("PRIVATE KEY"), n),
                Block::Putty(n) => (line.contains("Private-MAC:"), n),
            };
            if ends || (n < BLOCK_MAX_LINES && key_like(line)) {
                spans.push(Span {
                    start: 0,
                    end: line.len(),
                    mask: KEY_MASK,
                });
                self.block = match block {
                    _ if ends => None,
                    Block::Key(n) => Some(Block::Key(n + 1)),
                    Block::Putty(n) => Some(Block::Putty(n + 1)),
                };
                return;
            }
            self.block = None;
            // The armour's line was cut: the line that continues it starts with the rest of
            // the body before other text follows (`…KEY----- b` / `2BkbqTgf… attempt=1`).
            if let Block::Key(_) = block {
                let skip = log_prefix_len(line);
                let run = line[skip..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
                    .count();
                let piece = &line[skip..skip + run];
                let shaped = run >= 8
                    || run >= 4
                        && piece
                            .bytes()
                            .any(|b| b.is_ascii_digit() || b"+/=".contains(&b));
                if shaped {
                    spans.push(Span {
                        start: skip,
                        end: skip + run,
                        mask: KEY_MASK,
                    });
                }
            }
        }
        detect::find(line, spans);
        find_values(line, &self.values, spans);
        if let Some(begin) = line.find("-----BEGIN")
            && line[begin..].contains("PRIVATE KEY")
            && !line[begin..].contains("-----END")
        {
            self.block = Some(Block::Key(0));
        } else if line.contains("Private-Lines:") && !line.contains("Private-MAC:") {
            self.block = Some(Block::Putty(0));
        }
    }
}

/// A line that can be part of an armoured key: blank, a header (`Proc-Type: 4,ENCRYPTED`), or
/// ending in base64.
fn key_like(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return true;
    }
    if let Some((name, _)) = t.split_once(": ")
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
    {
        return true;
    }
    let mut words: Vec<&str> = t.split_whitespace().collect();
    let Some(last) = words.pop() else {
        return true;
    };
    let base64 = last
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    if words.is_empty() {
        // A line of base64 alone, however short (the last line of a body).
        return base64;
    }
    let shaped = last.len() >= 16
        || last.contains(['+', '/', '='])
        || (last.bytes().any(|b| b.is_ascii_digit()) && last.len() >= 4);
    // What comes before is a log prefix (`[Container] 2026/11/20 08:14:04.117`), not prose.
    let prefix = words.iter().all(|w| {
        (w.starts_with('[') && w.ends_with(']'))
            || !w
                .as_bytes()
                .windows(3)
                .any(|x| x.iter().all(u8::is_ascii_alphabetic))
    });
    base64 && shaped && prefix
}

/// Where `prev` ends with the start of a private key's armour that `cur` completes
/// (`-----BEGIN OPENSSH PRIV` / `ATE KEY-----`): the offset in `prev` it starts at.
fn armor_split(prev: &str, cur: &str) -> Option<usize> {
    let mut from = prev.len().saturating_sub(48);
    while !prev.is_char_boundary(from) {
        from += 1;
    }
    let mut to = cur.len().min(48);
    while !cur.is_char_boundary(to) {
        to -= 1;
    }
    let window = format!("{}{}", &prev[from..], &cur[..to]);
    let at = prev.len() - from;
    let begin = window
        .find("-----BEGIN")
        .or_else(|| window.find("BEGIN "))?;
    let key = window[begin..].find("PRIVATE KEY")? + begin;
    // The armour must cross the join, and not be whole on either side.
    (begin < at && key + "PRIVATE KEY".len() > at).then_some(from + begin)
}

/// Whole-token occurrences of `values` in `line`.
fn find_values(line: &str, values: &[String], spans: &mut Vec<Span>) {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    for v in values {
        let mut from = 0;
        while let Some(at) = line[from..].find(v.as_str()) {
            let start = from + at;
            let end = start + v.len();
            if !is_word(line[..start].chars().next_back()) && !is_word(line[end..].chars().next()) {
                spans.push(Span {
                    start,
                    end,
                    mask: MASK,
                });
            }
            from = end;
        }
    }
}

/// A secret split by a line break: the end of `prev` and the start of `cur`, joined, are
/// searched too; what crosses the join is masked on both sides.
fn join(prev: &str, cur: &str, values: &[String], ps: &mut Vec<Span>, cs: &mut Vec<Span>) {
    let tail_run = prev
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    // The next line may carry a log prefix (`[Container] 2026/11/20 08:14:44.911 `) or an
    // indent before the rest of the secret.
    let skip = log_prefix_len(cur);
    let cur = &cur[skip..];
    let head_run = cur
        .chars()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    if tail_run == 0 || head_run == 0 || tail_run + head_run < 8 {
        return;
    }
    let mut from = prev
        .len()
        .saturating_sub(JOIN_WINDOW.max(tail_run).min(16 * JOIN_WINDOW));
    while !prev.is_char_boundary(from) {
        from += 1;
    }
    let mut to = cur
        .len()
        .min(JOIN_WINDOW.max(head_run).min(16 * JOIN_WINDOW));
    while !cur.is_char_boundary(to) {
        to -= 1;
    }
    let window = format!("{}{}", &prev[from..], &cur[..to]);
    let at = prev.len() - from;
    let mut found = Vec::new();
    detect::find(&window, &mut found);
    find_values(&window, values, &mut found);
    // Armour split across the break is `armor_split`'s; a whole one runs to the end of the
    // window and would mask the next line for no reason.
    // When the line already ends in a recognised secret, the next line continues it only if
    // what follows reads as token, not as a word (`…API_TOKEN=x` then `toomanyrequests: …`).
    let prev_done = ps.iter().any(|s| s.end >= prev.len());
    for s in found
        .into_iter()
        .filter(|s| s.start < at && s.end > at && s.mask != KEY_MASK)
    {
        let piece = &window[at..s.end];
        let wordlike = piece.bytes().all(|b| b.is_ascii_lowercase())
            || piece.ends_with(':')
            || piece.bytes().all(|b| b.is_ascii_alphabetic()) && piece.len() > 3 && {
                let w = piece.as_bytes();
                w[0].is_ascii_uppercase() && w[1..].iter().all(u8::is_ascii_lowercase)
            };
        if prev_done && wordlike {
            continue;
        }
        ps.push(Span {
            start: from + s.start,
            end: prev.len(),
            mask: s.mask,
        });
        cs.push(Span {
            start: skip,
            end: skip + s.end - at,
            mask: s.mask,
        });
    }
}

/// Bytes of a log prefix at the start of `line`: an indent, a `[Container]`-style tag, and
/// date and time words (`2026/11/20`, `08:14:44.911`, `2026-11-20T08:14:44Z`).
fn log_prefix_len(line: &str) -> usize {
    let mut at = line.len() - line.trim_start().len();
    let rest = &line[at..];
    if rest.starts_with('[')
        && let Some(close) = rest.find(']').filter(|c| *c <= 24)
    {
        let after = &rest[close + 1..];
        at += close + 1 + (after.len() - after.trim_start().len());
    }
    // Docker BuildKit's step and seconds (`#12 0.345 `).
    let rest = &line[at..];
    if let Some(step) = rest.strip_prefix('#') {
        let digits = step.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && step[digits..].starts_with(' ') {
            at += 1 + digits + 1;
        }
    }
    for _ in 0..3 {
        let rest = &line[at..];
        let word = rest.split(' ').next().unwrap_or("");
        let stamp = word.len() >= 5
            && word.bytes().any(|b| b.is_ascii_digit())
            && word.bytes().all(|b| {
                b.is_ascii_digit()
                    || matches!(b, b'/' | b':' | b'.' | b'-' | b'T' | b'Z' | b'+' | b',')
            });
        if !stamp || word.len() == rest.len() {
            break;
        }
        at += word.len();
        at += line[at..].len() - line[at..].trim_start().len();
    }
    at
}

/// `text` with `spans` (merged where they touch) replaced.
fn apply(text: &str, mut spans: Vec<Span>) -> String {
    if spans.is_empty() {
        return text.to_owned();
    }
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut i = 0;
    while i < spans.len() {
        let start = spans[i].start.max(at);
        let mut end = spans[i].end;
        let mut mask = spans[i].mask;
        i += 1;
        while i < spans.len() && spans[i].start <= end {
            end = end.max(spans[i].end);
            if spans[i].mask == KEY_MASK {
                mask = KEY_MASK;
            }
            i += 1;
        }
        let (Some(before), true) = (text.get(at..start), text.is_char_boundary(end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(mask);
        at = end.max(at);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests;
