//! The first step of every untrusted text: one spelling for what a reader would see.
//!
//! A secret can hide from a pattern behind characters nobody sees (ANSI colours from
//! `grep --color` or `jq -C`, zero-width spaces, bidirectional controls, soft hyphens) or
//! behind escapes that the reader decodes in their head (`\u0041`, `%3D`, `&#61;`). Any of
//! them inside a token splits it for a regex, and a later step that removed them would join
//! the secret again after the redactor had looked. So they are resolved here, first, until
//! nothing changes: what the redactor sees is what is shown.
//!
//! Line breaks are kept (`\r\n` becomes `\n`; U+2028 and U+2029 become `\n`), tabs and other
//! spaces become a plain space, and fullwidth ASCII becomes ASCII (`ｐａｓｓｗｏｒｄ：` is
//! `password:`).

use std::borrow::Cow;

/// Rounds of decoding at most: each round that changes something shortens the text, and an
/// escape nested eight times deep is not an accident.
const MAX_ROUNDS: usize = 8;

/// `text` as it reads: invisible and control characters removed, escapes decoded.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if is_plain(text) {
        return Cow::Borrowed(text);
    }
    let mut current = strip(text);
    for _ in 0..MAX_ROUNDS {
        let decoded = decode(&current);
        let Some(decoded) = decoded else { break };
        current = strip(&decoded);
    }
    Cow::Owned(current)
}

/// Printable ASCII and line feeds, and nothing that could start an escape: already normal.
fn is_plain(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'%' | b'\\' | b'&') || b == b'\n')
}

/// Removes escape sequences, control and invisible characters; maps spaces and fullwidth forms.
fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI: the one-character form of ESC [.
            '\u{9b}' => skip_csi(&mut chars),
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            // Before `\n` it ends the line; alone it overwrites the line on a terminal, and
            // joining what it separates keeps the redactor's view whole.
            '\r' => {}
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ')
            }
            c if c.is_control() || is_invisible(c) => {}
            // Combining marks on ASCII (a token spelled `g\u{301}hp_`) read as the letter.
            '\u{300}'..='\u{36f}' if out.chars().next_back().is_some_and(|p| p.is_ascii()) => {}
            '\u{ff01}'..='\u{ff5e}' => {
                out.push(char::from_u32(c as u32 - 0xfee0).unwrap_or(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Format characters that render as nothing: zero-width spaces and joiners, bidirectional
/// marks, embeddings, overrides and isolates, word joiners and invisible operators, the byte
/// order mark, soft hyphens, fillers, variation selectors, tags, and noncharacters that SNS and
/// SQS attributes refuse.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff0}'..='\u{fffb}'
        | '\u{fffe}' | '\u{ffff}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}'
    )
}

/// After ESC: CSI (`[` params final), OSC/DCS/APC/PM/SOS (to BEL or ESC `\`), or ESC with
/// intermediate bytes and one final byte (`ESC ( B`).
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            while let Some(d) = chars.next() {
                if d == '\u{7}' || d == '\u{9c}' {
                    break;
                }
                if d == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            while chars.peek().is_some_and(|d| (' '..='/').contains(d)) {
                chars.next();
            }
            chars.next();
        }
        None => {}
    }
}

/// CSI parameters and intermediates up to the final byte (`@` to `~`); a sequence cut short
/// ends at the first character that cannot belong to it.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&d) = chars.peek() {
        chars.next();
        if ('@'..='~').contains(&d) || !(' '..='?').contains(&d) {
            break;
        }
    }
}

/// One round of decoding, or `None` when there was nothing to decode: JSON `\uXXXX`
/// (surrogate pairs too) and `\/`, percent escapes that form UTF-8, HTML numeric entities.
fn decode(text: &str) -> Option<String> {
    if !text.contains(['\\', '%', '&']) {
        return None;
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    let mut plain_from = 0;
    while i < b.len() {
        let decoded = match b[i] {
            b'\\' => json_escape(text, i),
            b'%' => percent_run(b, i),
            b'&' => html_entity(text, i),
            _ => None,
        };
        match decoded {
            Some((s, len)) => {
                out.push_str(&text[plain_from..i]);
                out.push_str(&s);
                i += len;
                plain_from = i;
                changed = true;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[plain_from..]);
    changed.then_some(out)
}

fn hex4(text: &str, at: usize) -> Option<u32> {
    let s = text.get(at..at + 4)?;
    if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

/// `\uXXXX` (a pair for astral characters; a lone surrogate is dropped) or `\/`.
fn json_escape(text: &str, at: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    match b.get(at + 1)? {
        b'/' => Some(("/".to_owned(), 2)),
        b'u' | b'U' => {
            let hi = hex4(text, at + 2)?;
            if (0xd800..0xdc00).contains(&hi) {
                if b.get(at + 6) == Some(&b'\\')
                    && b.get(at + 7) == Some(&b'u')
                    && let Some(lo) = hex4(text, at + 8)
                    && (0xdc00..0xe000).contains(&lo)
                {
                    let c = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                    return Some((char::from_u32(c).map(String::from).unwrap_or_default(), 12));
                }
                return Some((String::new(), 6));
            }
            Some((char::from_u32(hi).map(String::from).unwrap_or_default(), 6))
        }
        _ => None,
    }
}

/// A run of `%XX` escapes that decodes to UTF-8 (a lone `%41` too); anything else stays.
fn percent_run(b: &[u8], at: usize) -> Option<(String, usize)> {
    let mut bytes = Vec::new();
    let mut i = at;
    while i < b.len() && b[i] == b'%' {
        let (Some(h), Some(l)) = (b.get(i + 1), b.get(i + 2)) else {
            break;
        };
        let (Some(h), Some(l)) = ((*h as char).to_digit(16), (*l as char).to_digit(16)) else {
            break;
        };
        bytes.push((h * 16 + l) as u8);
        i += 3;
    }
    if bytes.is_empty() {
        return None;
    }
    // The longest prefix of the run that is valid UTF-8 (a multibyte character needs all of
    // its escapes).
    let valid = match std::str::from_utf8(&bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    if valid == 0 {
        return None;
    }
    let s = std::str::from_utf8(&bytes[..valid]).ok()?.to_owned();
    Some((s, valid * 3))
}

/// `&#NN;` or `&#xHH;`.
fn html_entity(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text.get(at + 1..)?;
    let body = rest.strip_prefix('#')?;
    let end = body.find(';')?;
    if end == 0 || end > 8 {
        return None;
    }
    let digits = &body[..end];
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<u32>().ok()?,
    };
    let c = char::from_u32(code)?;
    Some((c.to_string(), 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s).into_owned()
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            normalize("npm ERR! code E404\nnext line"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn colours_and_invisible_characters_inside_a_token_are_removed() {
        assert_eq!(n("gh\u{1b}[01;31m\u{1b}[Kp_abc\u{1b}[m\u{1b}[K"), "ghp_abc");
        assert_eq!(
            n("AKIA\u{200b}IOSF\u{2060}ODNN\u{feff}7EX\u{ad}AMPLE"),
            "AKIAIOSFODNN7EXAMPLE"
        );
        assert_eq!(n("x\u{202e}y\u{2066}z"), "xyz");
        assert_eq!(n("\u{1b}]0;title\u{7}ok \u{1b}(Bdone"), "ok done");
        assert_eq!(n("a\u{0}b\u{7}c\td"), "abc d");
        assert_eq!(n("line\r\nnext\rover"), "line\nnextover");
        assert_eq!(n("\u{9b}31mred"), "red");
    }

    #[test]
    fn escapes_are_seen_through_until_nothing_changes() {
        assert_eq!(n(r"\u0041KIA\u0049OSFODNN7EXAMPLE"), "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(n("password%3Dhunter2%2Fx"), "password=hunter2/x");
        assert_eq!(n("%2541"), "A");
        assert_eq!(n(r"a\/b"), "a/b");
        assert_eq!(n("&#112;&#x61;ss"), "pass");
        assert_eq!(n(r"\ud83d\ude00"), "😀");
        // An escaped colour code is decoded, then removed.
        assert_eq!(n(r"gh\u001b[31mp_x"), "ghp_x");
        // What is not an escape stays.
        assert_eq!(n("100% done, 50%ZZ, %"), "100% done, 50%ZZ, %");
        assert_eq!(n(r"C:\path\uXYZ"), r"C:\path\uXYZ");
        assert_eq!(n("a &amp; b"), "a &amp; b");
    }

    #[test]
    fn fullwidth_forms_and_spaces_read_as_ascii() {
        assert_eq!(n("パスワード：ｈｕｎｔｅｒ２"), "パスワード:hunter2");
        assert_eq!(n("a\u{3000}b\u{a0}c"), "a b c");
        assert_eq!(n("e\u{301}"), "e");
        assert_eq!(n("ガ"), "ガ");
    }

    #[test]
    fn normal_text_is_a_fixed_point() {
        for s in [
            "%2541%41",
            r"\u005cu0041",
            "&#38;#65;",
            "a\u{1b}[31m%41\u{200b}",
        ] {
            let once = n(s);
            assert_eq!(n(&once), once, "{s:?}");
        }
    }
}
