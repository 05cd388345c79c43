//! Every user-facing string of the diagnosis, in one place per language.
//!
//! Rules and code refer to texts by key (a signature's `text` key, a category, a check kind);
//! a second language is a second module with the same tables. A test checks that every key
//! the catalog uses has its text.

mod en;

use crate::category::Category;
use crate::engine::Family;
use crate::evidence::CheckKind;

/// A language for user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
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
    }
}

/// The text of a category, used when no signature text applies.
pub fn category(lang: Lang, c: Category) -> Text {
    match lang {
        Lang::En => en::category(c),
    }
}

/// How a check confirms a hypothesis, for people.
pub fn check(lang: Lang, kind: CheckKind) -> &'static str {
    match lang {
        Lang::En => en::check(kind),
    }
}

/// Prefix of a summary's confirmation by a check.
pub fn confirmed_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "confirmed:",
    }
}

/// What to provide when there are no log lines, by the failed action's family.
pub fn missing_logs(lang: Lang, family: Family) -> &'static str {
    match lang {
        Lang::En => en::missing_logs(family),
    }
}
