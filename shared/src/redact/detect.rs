//! Finding secrets in one normalised line: the rules compiled once, a keyword pass that picks
//! the rules worth running, and the checks each kind of finding needs.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::names::{Strength, strength};
use super::rules::{Find, RULES, Rule};

/// A byte range of a line to mask, and what to put there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start (inclusive).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The replacement.
    pub mask: &'static str,
}

/// Rules without keywords look for long runs of token characters: texts without one skip them.
const RUN_RULES_MIN: usize = 20;

struct Compiled {
    regexes: Vec<Option<Regex>>,
    /// `None` only if the automaton could not be built: then every rule runs.
    keywords: Option<AhoCorasick>,
    /// For each keyword pattern, the rule it belongs to.
    keyword_rule: Vec<usize>,
    /// Rules that run on every text with a long token run.
    unkeyed: Vec<usize>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let regexes = RULES.iter().map(|r| Regex::new(r.pattern).ok()).collect();
    let mut patterns: Vec<&str> = Vec::new();
    let mut keyword_rule = Vec::new();
    let mut unkeyed = Vec::new();
    for (i, r) in RULES.iter().enumerate() {
        if r.keywords.is_empty() {
            unkeyed.push(i);
        }
        for k in r.keywords {
            patterns.push(k);
            keyword_rule.push(i);
        }
    }
    let keywords = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .ok();
    Compiled {
        regexes,
        keywords,
        keyword_rule,
        unkeyed,
    }
});

/// Compiles the rules now.
pub fn warm_up() {
    LazyLock::force(&COMPILED);
}

/// Whether every rule compiled (tests).
#[cfg(test)]
pub fn all_compile() -> bool {
    COMPILED.regexes.iter().all(Option::is_some)
}

/// Every secret span in `line` (already normalised), unsorted.
pub fn find(line: &str, out: &mut Vec<Span>) {
    if line.is_empty() {
        return;
    }
    let c = &*COMPILED;
    let mut active = [false; RULES.len()];
    match &c.keywords {
        Some(ac) => {
            for m in ac.find_overlapping_iter(line) {
                if let Some(&r) = c.keyword_rule.get(m.pattern().as_usize()) {
                    active[r] = true;
                }
            }
        }
        None => active = [true; RULES.len()],
    }
    if longest_token_run(line) >= RUN_RULES_MIN {
        for &i in &c.unkeyed {
            active[i] = true;
        }
    }
    for (i, on) in active.iter().enumerate() {
        if *on {
            find_with(i, line, out);
        }
    }
}

/// The spans rule `i` alone finds in `line`.
pub fn find_with(i: usize, line: &str, out: &mut Vec<Span>) {
    let (Some(rule), Some(Some(re))) = (RULES.get(i), COMPILED.regexes.get(i)) else {
        return;
    };
    match rule.find {
        Find::Group(g) | Find::Standalone(g) | Find::Random(g, _) | Find::Mixed(g, _) => {
            for caps in re.captures_iter(line) {
                let (Some(whole), Some(m)) = (caps.get(0), caps.get(g)) else {
                    continue;
                };
                let hashed = !matches!(rule.find, Find::Group(_) | Find::Standalone(_))
                    && (hash_label(&line[whole.start()..m.start()])
                        || hash_label(&line[..whole.start()])
                        || hash_label_start(m.as_str()));
                if !hashed && accepts(rule, line, m.start(), m.end()) {
                    out.push(span(rule, m.start(), m.end()));
                }
            }
        }
        Find::Run { .. } => {
            for m in re.find_iter(line) {
                let content = line[..m.start()].ends_with("base64,");
                if !content
                    && !hash_label(&line[..m.start()])
                    && accepts(rule, line, m.start(), m.end())
                {
                    out.push(span(rule, m.start(), m.end()));
                }
            }
        }
        Find::NamedValue | Find::LabelledValue => {
            for caps in re.captures_iter(line) {
                let Some(whole) = caps.get(0) else { continue };
                let name_at = caps.get(1).map_or(whole.start(), |m| m.start());
                let name = caps.get(1).map_or(whole.as_str(), |m| m.as_str());
                // `arn:aws:secretsmanager:…:secret:prod/db` names a secret; it is not one.
                if in_arn(&line[..name_at]) {
                    continue;
                }
                let labelled = rule.find == Find::LabelledValue;
                let Some((start, end)) = value_at(line, whole.end(), labelled) else {
                    continue;
                };
                let value = &line[start..end];
                // `name: word` and `--flag word` in prose (`Using --password via the CLI`) are
                // sentences; a secret has more to it than a short lower-case word.
                let spaced = line[..start].ends_with(' ') && !whole.as_str().contains('=');
                if spaced && value.len() < 12 && value.bytes().all(|b| b.is_ascii_lowercase()) {
                    continue;
                }
                let secret = if labelled {
                    !is_placeholder(value)
                } else {
                    match strength(name) {
                        Strength::Secret => !is_placeholder(value) && !is_path_for(name, value),
                        Strength::Maybe => looks_random(value),
                        Strength::No => false,
                    }
                };
                if secret {
                    out.push(span(rule, start, end));
                }
            }
        }
    }
}

fn span(rule: &Rule, start: usize, end: usize) -> Span {
    Span {
        start,
        end,
        mask: rule.mask,
    }
}

fn accepts(rule: &Rule, line: &str, start: usize, end: usize) -> bool {
    let s = &line[start..end];
    match rule.find {
        Find::Group(_) | Find::NamedValue | Find::LabelledValue => !s.is_empty(),
        Find::Standalone(_) => {
            let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            !alnum(line[..start].chars().next_back()) && !alnum(line[end..].chars().next())
        }
        Find::Random(_, bits) => looks_random(s) && entropy(s) >= floor(s, bits),
        Find::Mixed(_, bits) => mixed(s) && entropy(s) >= bits && !(s.len() < 24 && wordy(s)),
        Find::Run { min, max, bits } => {
            let body = s.trim_end_matches('=');
            let n = body.len();
            let run_char = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '_' | '-'))
            };
            // A path of words (`assumed-role/app-CodeBuildRole-Y46R/AWSCodeBuild-dc7e…`) mixes
            // `/` and `-`; base64 uses one alphabet or the other.
            let path = body.contains('/') && body.contains(['-', '_']);
            (min..=max).contains(&n)
                && !path
                && !run_char(line[..start].chars().next_back())
                && !run_char(line[end..].chars().next())
                && mixed(body)
                && entropy(body) >= bits
        }
    }
}

/// Labels of checksums and digests (`sha512-…` integrity, `h1:…` Go sums, `sha256:…`): what
/// follows them is random by design and public.
const HASH_LABELS: &[&str] = &[
    "sha1", "sha224", "sha256", "sha384", "sha512", "sha3", "md5", "h1", "blake2b", "blake3",
    "crc32", "xxh64", "sha",
];

/// Whether `before` ends with a hash label and its separator (compared as bytes: `before`
/// may end in any script).
fn hash_label(before: &str) -> bool {
    let b = before.as_bytes();
    let Some((&sep, label)) = b.split_last() else {
        return false;
    };
    if !matches!(sep, b'-' | b':' | b'=' | b'_') {
        return false;
    }
    HASH_LABELS.iter().any(|h| {
        let h = h.as_bytes();
        label.len() >= h.len()
            && label[label.len() - h.len()..].eq_ignore_ascii_case(h)
            && !label[..label.len() - h.len()]
                .last()
                .is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// Whether a token starts with a hash label (`sha256-…`).
fn hash_label_start(token: &str) -> bool {
    token
        .char_indices()
        .take(8)
        .any(|(i, c)| matches!(c, '-' | ':' | '=' | '_') && hash_label(&token[..=i]))
}

/// Whether the word that `before` ends in is an ARN (`arn:aws:…:`).
fn in_arn(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '='))
        .map_or(0, |i| i + 1);
    before.ends_with(':') && before[word_start..].starts_with("arn:")
}

/// A short value made of words (`Building_Version_2.3.1`, `MyApp-1.2.3-SNAPSHOT`): a
/// segment between separators that is four letters or more.
fn wordy(s: &str) -> bool {
    s.split(['_', '-', '.', '/', ':'])
        .any(|seg| seg.len() >= 4 && seg.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Letters in both cases and digits.
fn mixed(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_uppercase())
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && s.bytes().any(|b| b.is_ascii_digit())
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f32 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = n as f32;
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f32 / n;
            -p * p.log2()
        })
        .sum()
}

/// A value that could be a generated secret: long enough, letters and digits, not a word or a
/// path, with the entropy of random text.
pub fn looks_random(v: &str) -> bool {
    let n = v.chars().count();
    if n < 12 {
        return false;
    }
    let letters = v.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    if letters == 0 || digits == 0 {
        return false;
    }
    // A path or file name (`artifacts/app-1.2.zip`) reads as one unless it mixes cases.
    if v.contains(['/', '.']) && !mixed(v) {
        return false;
    }
    entropy(v) >= floor(v, if n < 24 { 3.2 } else { 3.5 })
}

/// The entropy a random value must reach, given the floor for mixed-case letters and digits:
/// a value of a smaller alphabet tops out lower, so its floor is lower. Hex draws from 16
/// symbols (a random 32-digit hex token averages 3.6 bits; one in five falls under 3.5), one
/// case of letters and digits from 36 (a random 24-character one averages 4.0 bits, and one in
/// four of 12 characters falls under 3.2).
fn floor(v: &str, bits: f32) -> f32 {
    let all = |of: fn(&u8) -> bool| v.bytes().all(|b| b.is_ascii_digit() || of(&b));
    if all(|b| (b'a'..=b'f').contains(b)) || all(|b| (b'A'..=b'F').contains(b)) {
        bits * 0.85
    } else if all(u8::is_ascii_lowercase) || all(u8::is_ascii_uppercase) {
        bits * 0.93
    } else {
        bits
    }
}

/// Values that stand for a secret without being one.
fn is_placeholder(v: &str) -> bool {
    let v = v.trim();
    if v.is_empty() {
        return true;
    }
    let first = v.chars().next().unwrap_or(' ');
    if matches!(
        first,
        '$' | '%' | '<' | '[' | '(' | '{' | '!' | '*' | '#' | '…'
    ) {
        return true;
    }
    if v.chars()
        .all(|c| matches!(c, '*' | 'x' | 'X' | '.' | '•' | '·' | '-' | '_' | '?' | '#'))
    {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "null"
            | "none"
            | "nil"
            | "true"
            | "false"
            | "undefined"
            | "required"
            | "optional"
            | "string"
            | "str"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "hidden"
            | "redacted"
            | "masked"
            | "sensitive"
            | "n/a"
            | "na"
            | "tbd"
            | "todo"
            | "empty"
            | "unset"
            | "not"
            | "is"
            | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "from"
            | "for"
            | "with"
            | "in"
    )
}

/// `PWD=/codebuild/output/...`: the shell's working directory, not a password.
fn is_path_for(name: &str, value: &str) -> bool {
    name.eq_ignore_ascii_case("pwd") && value.starts_with(['/', '~', '.'])
}

/// The value after a name and its separator at `at`: a quoted string's content, or a run of
/// characters up to a space, quote or delimiter. Labelled values are ASCII only (the label's
/// sentence goes on in its own script).
fn value_at(line: &str, at: usize, labelled: bool) -> Option<(usize, usize)> {
    let rest = &line[at..];
    for (open, close) in [
        ("\\\"", "\\\""),
        ("\"", "\""),
        ("'", "'"),
        ("「", "」"),
        ("『", "』"),
    ] {
        if let Some(body) = rest.strip_prefix(open) {
            let start = at + open.len();
            let len = body.find(close).unwrap_or(body.len()).min(1_024);
            let mut end = start + len;
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            return (end > start).then_some((start, end));
        }
    }
    let len: usize = rest
        .chars()
        .take_while(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '"' | '\''
                        | ','
                        | ';'
                        | '&'
                        | '<'
                        | '>'
                        | '('
                        | ')'
                        | '{'
                        | '}'
                        | '['
                        | ']'
                        | '\\'
                        | '|'
                )
                && (!labelled || c.is_ascii())
                && !matches!(c, '」' | '』' | '、' | '。' | '，')
        })
        .map(char::len_utf8)
        .sum();
    let mut end = at + len;
    // In a `;`-separated connection string an `&` belongs to the password; in a query it
    // starts the next `name=`.
    while line[end..].starts_with('&') && !starts_parameter(&line[end + 1..]) {
        let more: usize = line[end + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | ';' | '&' | '\\'))
            .map(char::len_utf8)
            .sum();
        if more == 0 {
            break;
        }
        end += 1 + more;
    }
    // A call or an index (`client.get_secret_value(…)`, `os.environ['X']`) is code that
    // fetches the secret, not the secret.
    if line[end..].starts_with(['(', '[']) {
        return None;
    }
    // Sentence punctuation after a value is not part of it.
    while end > at && line[..end].ends_with(['.', ':']) {
        end -= 1;
    }
    (end > at).then_some((at, end))
}

/// `name=` at the start of `s`: a query parameter.
fn starts_parameter(s: &str) -> bool {
    let name = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'[' | b']'))
        .count();
    name > 0 && s[name..].starts_with('=')
}

/// The longest run of characters a token is made of.
pub fn longest_token_run(s: &str) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'_' | b'-' | b'=' | b'.') {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}
