//! Every user-facing string of the diagnosis, in one place per language.
//!
//! Rules and code refer to texts by key (a signature's `text` key, a category, a check kind);
//! a second language is a second module with the same tables. A test checks that every key
//! the catalog uses has its text.

mod en;
mod ja;
mod labels;
mod phrases;

pub use labels::{Labels, labels};
pub use phrases::{Phrases, phrases};

use crate::category::Category;
use crate::engine::Family;
use crate::evidence::CheckKind;

/// A language for user-facing text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Every language, in a stable order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The language's code (`en`, `ja`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language of a code such as `en`, `ja`, `ja-JP` or `EN_us`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(base))
    }
}

/// A summary (may hold `{capture}` placeholders) and remedies.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// One line a person reads first.
    pub summary: &'static str,
    /// Concrete things to do.
    pub remedies: &'static [&'static str],
}

/// The text of a signature, by its text key.
pub fn signature(lang: Lang, key: &str) -> Option<Text> {
    match lang {
        Lang::En => en::signature(key),
        Lang::Ja => ja::signature(key),
    }
}

/// The text of a category, used when no signature text applies.
pub fn category(lang: Lang, c: Category) -> Text {
    match lang {
        Lang::En => en::category(c),
        Lang::Ja => ja::category(c),
    }
}

/// How a check confirms a hypothesis, for people.
pub fn check(lang: Lang, kind: CheckKind) -> &'static str {
    match lang {
        Lang::En => en::check(kind),
        Lang::Ja => ja::check(kind),
    }
}

/// Prefix of a summary's confirmation by a check.
pub fn confirmed_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "confirmed:",
        Lang::Ja => "確認済み:",
    }
}

/// What to provide when there are no log lines, by the failed action's family.
pub fn missing_logs(lang: Lang, family: Family) -> &'static str {
    match lang {
        Lang::En => en::missing_logs(family),
        Lang::Ja => ja::missing_logs(family),
    }
}

/// Fills `{name}` placeholders of a template in one pass (a value holding `{x}` stays as is).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hit = after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|(_, v)| (close, *v))
        });
        match hit {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
