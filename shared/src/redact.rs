//! One redactor for every path that leaves the process: build logs and configurations carry
//! tokens and keys, and a report must never publish one.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// What a secret is replaced with.
pub const MASK: &str = "[REDACTED]";

/// (pattern, replacement) in application order; `$1`... keep the non-secret prefix.
///
/// Word boundaries are ASCII (`(?-u:\b)`): secrets are ASCII, and a Unicode boundary makes the
/// regex engine leave its DFA on non-ASCII text (seconds on a large CJK log instead of
/// milliseconds).
const RULES: &[(&str, &str)] = &[
    // Private key blocks, whole or cut (a line-bounded excerpt may hold only the start).
    (
        r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
        "[REDACTED PRIVATE KEY]",
    ),
    // AWS access key ids.
    (
        r"(?-u:\b)(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}(?-u:\b)",
        MASK,
    ),
    // AWS secret keys and session tokens next to their names.
    (
        r#"(?i)((?:aws_?)?(?:secret_?access_?key|secret_?key|session_?token|security_?token)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[A-Za-z0-9/+=]{16,}"#,
        "${1}[REDACTED]",
    ),
    (
        r"(?i)(x-amz-security-token[=:]\s*)[A-Za-z0-9/+=%]{16,}",
        "${1}[REDACTED]",
    ),
    // Source-host, chat and registry tokens.
    (r"(?-u:\b)gh[pousr]_[A-Za-z0-9]{30,}(?-u:\b)", MASK),
    (r"(?-u:\b)github_pat_[A-Za-z0-9_]{22,}(?-u:\b)", MASK),
    (
        r"(?-u:\b)gl(?:pat|ptt|dt|rt|cbt|imt|oas|ft|soat|agent)-[A-Za-z0-9_-]{20,}",
        MASK,
    ),
    (r"(?-u:\b)(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}", MASK),
    (
        r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]+",
        "https://hooks.slack.com/[REDACTED]",
    ),
    (r"(?-u:\b)npm_[A-Za-z0-9]{36}(?-u:\b)", MASK),
    (r"(?-u:\b)pypi-[A-Za-z0-9_-]{40,}(?-u:\b)", MASK),
    // JSON Web Tokens.
    (
        r"(?-u:\b)eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?-u:\b)",
        MASK,
    ),
    // Authorization headers.
    (
        r"(?i)(authorization(?:\\?\x22)?\s*[:=]\s*(?:\\?\x22)?(?:bearer|basic|token|aws4-hmac-sha256)?\s*)[^\s\x22,;\\]+(?:[^\n\x22\\]*)",
        "${1}[REDACTED]",
    ),
    // Passwords in URLs and connection strings.
    (
        r"([a-zA-Z][a-zA-Z0-9+.-]*://[^:/?#\s@]+:)[^@/\s]+@",
        "${1}[REDACTED]@",
    ),
    (
        r"(?i)(?-u:\b)((?:password|passwd|pwd)=)[^;&\s\x22'\\]+",
        "${1}[REDACTED]",
    ),
    // name=value and name: value pairs whose name says secret.
    (
        r#"(?i)(?-u:\b)([A-Z0-9_]*?(?:password|passwd|secret|token|api_?key|apikey|private_?key|client_?secret|access_?key)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[^\s"',;\\]{4,}"#,
        "${1}[REDACTED]",
    ),
];

static COMPILED: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    RULES
        .iter()
        .filter_map(|(p, r)| Regex::new(p).ok().map(|re| (re, *r)))
        .collect()
});

/// Compiles the patterns now rather than on first use.
pub fn warm_up() {
    LazyLock::force(&COMPILED);
}

/// `text` with every secret it recognises replaced.
pub fn redact(text: &str) -> Cow<'_, str> {
    let mut out: Cow<'_, str> = Cow::Borrowed(text);
    for (re, replacement) in COMPILED.iter() {
        if re.is_match(&out) {
            out = Cow::Owned(re.replace_all(&out, *replacement).into_owned());
        }
    }
    out
}

/// `text` with each of `values` (e.g. plaintext environment variable values) masked where it
/// stands as a whole token, then with every recognised secret replaced. Values shorter than 8
/// characters are left alone: `test` or `main` would mask half the log and tell nothing.
pub fn redact_with(text: &str, values: &[&str]) -> String {
    let mut s = text.to_owned();
    for v in values.iter().filter(|v| v.chars().count() >= 8) {
        s = mask_token(&s, v);
    }
    redact(&s).into_owned()
}

/// Replaces whole-token occurrences of `value` (not inside a longer word).
fn mask_token(text: &str, value: &str) -> String {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(value) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + value.len()..].chars().next();
        out.push_str(&rest[..at]);
        if is_word(before) || is_word(after) {
            out.push_str(value);
        } else {
            out.push_str(MASK);
        }
        rest = &rest[at + value.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        redact(s).into_owned()
    }

    #[test]
    fn all_rules_compile() {
        assert_eq!(COMPILED.len(), RULES.len());
    }

    #[test]
    fn aws_keys_and_tokens() {
        assert_eq!(
            clean("key AKIAIOSFODNN7EXAMPLE used"),
            "key [REDACTED] used"
        );
        assert_eq!(
            clean("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            "AWS_SECRET_ACCESS_KEY=[REDACTED]"
        );
        assert!(
            !clean(
                "\"aws_session_token\": \"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ\""
            )
            .contains("IQoJ")
        );
        assert!(!clean("X-Amz-Security-Token=FwoGZXIvYXdzEBYaDHqa0AP").contains("FwoG"));
    }

    #[test]
    fn host_and_registry_tokens() {
        for secret in [
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
            "glpat-abcdefghij0123456789",
            "xoxb-123456789012-abcdefghijkl",
            "npm_abcdefghijklmnopqrstuvwxyz0123456789",
            "pypi-AgEIcHlwaS5vcmcCJDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMAACKlsz",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        ] {
            let out = clean(&format!("token in log: {secret} end"));
            assert!(!out.contains(secret), "{secret} survived: {out}");
        }
        assert_eq!(
            clean("POST https://hooks.slack.com/services/T000/B000/XXXXXXXX"),
            "POST https://hooks.slack.com/[REDACTED]"
        );
    }

    #[test]
    fn private_keys_passwords_and_headers() {
        let key =
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assert_eq!(clean(key), "[REDACTED PRIVATE KEY]");
        assert_eq!(
            clean("-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXk"),
            "[REDACTED PRIVATE KEY]"
        );
        assert_eq!(
            clean("git clone https://user:s3cr3tpass@github.com/org/repo.git"),
            "git clone https://user:[REDACTED]@github.com/org/repo.git"
        );
        assert!(!clean("Server=db;User Id=sa;Password=Hunter2!;").contains("Hunter2"));
        assert_eq!(
            clean("Authorization: Bearer abc.def.ghi"),
            "Authorization: Bearer [REDACTED]"
        );
        assert!(!clean("DB_PASSWORD=correcthorse").contains("correcthorse"));
        assert!(!clean("\"api_key\": \"sk_live_1234567890\"").contains("sk_live"));
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "npm ERR! code ERESOLVE while resolving token-handler@1.0.0";
        assert!(matches!(redact(s), Cow::Borrowed(_)));
        assert_eq!(
            redact_with("value hunter22 here", &["hunter22", "ab"]),
            "value [REDACTED] here"
        );
    }
}
