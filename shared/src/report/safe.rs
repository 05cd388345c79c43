//! Making untrusted text safe to show: secrets masked, escapes and control characters gone,
//! length bounded, and (for chat) no mentions, no markup and no links it did not come with.
//!
//! Every text that reaches a report went through [`clean`] when the report was built; the chat
//! renderer adds [`md_text`] or [`md_code`] on top.

use crate::digest::{bounded_word, cut};
use crate::redact::{MASK, has_secret, redact};

/// `s` normalised and redacted (see [`crate::redact`]), on one line (line breaks become
/// spaces), at most `max` characters. Redaction runs on the whole text before any cut, and a
/// cut never keeps part of a token.
pub fn clean(s: &str, max: usize) -> String {
    // Only a bounded prefix can be shown: redact that (with room for a token that straddles
    // the cut, and for escapes and invisible characters), not a megabyte that is cut away
    // anyway. The bound falls between words.
    let s = bounded_word(s, max.saturating_add(256).saturating_mul(8));
    let redacted = redact(s);
    let flat: String = redacted
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    collapse_spaces(&cut(&flat, max))
}

/// An already clean text cut to `max` characters (a no-op when it fits).
pub fn shorten(s: &mut String, max: usize) -> bool {
    if s.chars().count() <= max {
        return false;
    }
    *s = cut(s, max);
    true
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c == ' ' {
            if !space {
                out.push(c);
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Breaks what a chat client would act on: mentions (`@channel`, `@here`, `@user`) get a
/// zero-width space after the `@`; Slack and Teams control sequences (`<!channel>`, `<@U…>`,
/// `<at>`, `<url|text>`) lose their angle brackets to look-alikes; scheme separators (`://`)
/// are broken so no link appears that the report did not make.
fn defuse(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push('‹'),
            '>' => out.push('›'),
            '@' if chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                out.push('@');
                out.push('\u{200b}');
            }
            ':' if chars.peek() == Some(&'/') => {
                out.push(':');
                out.push('\u{200b}');
            }
            c => out.push(c),
        }
    }
}

/// Untrusted text for chat fields that are not markdown (metadata): mentions, control
/// sequences and links defused.
pub fn defused(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    defuse(s, &mut out);
    out
}

/// Untrusted text for chat prose: defused, and markdown punctuation escaped so it cannot open
/// a link, an image, emphasis, a heading or a code span.
pub fn md_text(s: &str) -> String {
    let mut defused = String::with_capacity(s.len() + 8);
    defuse(s, &mut defused);
    let mut out = String::with_capacity(defused.len() + 8);
    for c in defused.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '|' | '~' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Untrusted text for inside a chat code span or block: defused, and backticks replaced so it
/// cannot close the span.
pub fn md_code(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    defuse(&s.replace('`', "ˋ"), &mut out);
    out
}

/// Percent-encodes one URL path or query component.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A URL fit to be a link: `https`, no spaces, quotes, angle brackets or parentheses (which
/// would end a markdown link), bounded length.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let authority = url
        .strip_prefix("https://")
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let ok = authority.is_some_and(|a| !a.is_empty() && !a.contains('@'))
        && url.len() <= 2_000
        // A URL that carries a recognisable secret (a token parameter) is not shown.
        && !has_secret(url)
        && !url.contains(MASK)
        && url.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '(' | ')' | '`' | '\\')
        });
    ok.then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_flattens_strips_redacts_and_bounds() {
        assert_eq!(
            clean(
                "a\r\nb\u{1b}[31m red\u{1b}[0m  ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                200
            ),
            "a b red [REDACTED]"
        );
        assert_eq!(clean("word ".repeat(100).as_str(), 12), "word word…");
    }

    #[test]
    fn chat_text_cannot_mention_link_or_format() {
        let hostile =
            "<!channel> @here <@U123ABC> [click](https://evil.example/x) `x` *b* <at>Bob</at>";
        let t = md_text(hostile);
        for bad in ["<!", "<@", "@here", "](", "https://", "<at>", "`x`", "*b*"] {
            assert!(!t.contains(bad), "{bad} in {t}");
        }
        let c = md_code("```\n<!here> @channel https://x");
        assert!(!c.contains('`') && !c.contains("<!") && !c.contains("@channel"));
        assert!(!c.contains("https://"), "{c}");
        // An e-mail address stays readable.
        assert!(md_text("ops@example.com").starts_with("ops@"));
    }

    #[test]
    fn urls_and_components() {
        assert_eq!(encode_component("a b/c:d"), "a%20b%2Fc%3Ad");
        assert!(safe_url("https://x.example/a?b=c").is_some());
        for bad in [
            "http://x",
            "javascript:alert(1)",
            "https://x/a b",
            "https://x/(a)",
        ] {
            assert!(safe_url(bad).is_none(), "{bad}");
        }
    }
}
