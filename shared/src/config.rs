//! What every Lambda's wiring shares: reading settings from the environment (or any lookup)
//! with errors that name the variable, and the time left until an invocation's deadline.

use std::ops::RangeInclusive;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::text::Lang;

/// Invalid configuration: the message names the variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required variable is unset or empty.
    #[error("environment variable {0} is required")]
    Missing(&'static str),
    /// A variable does not parse.
    #[error("environment variable {name} must be {expected}, got {value:?}")]
    Invalid {
        /// The variable.
        name: &'static str,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        value: String,
    },
}

/// Settings read through a lookup (`std::env::var` in a function, a map in tests). A value
/// that is unset, empty or only whitespace counts as unset; values are trimmed.
pub struct Settings<F> {
    get: F,
}

impl<F> std::fmt::Debug for Settings<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Settings")
    }
}

impl<F: Fn(&str) -> Option<String>> Settings<F> {
    /// Settings read through `get`.
    pub fn new(get: F) -> Self {
        Self { get }
    }

    /// The trimmed value, or `None` when unset or blank.
    pub fn text(&self, name: &str) -> Option<String> {
        (self.get)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// The trimmed value of a setting that must be present.
    pub fn required(&self, name: &'static str) -> Result<String, ConfigError> {
        self.text(name).ok_or(ConfigError::Missing(name))
    }

    /// A number within `range` (`default` when unset); `expected` says what it must be.
    pub fn number<T: FromStr + PartialOrd>(
        &self,
        name: &'static str,
        default: T,
        range: RangeInclusive<T>,
        expected: &'static str,
    ) -> Result<T, ConfigError> {
        match self.text(name) {
            None => Ok(default),
            Some(value) => {
                value
                    .parse::<T>()
                    .ok()
                    .filter(|n| range.contains(n))
                    .ok_or(ConfigError::Invalid {
                        name,
                        expected,
                        value,
                    })
            }
        }
    }

    /// A report language code (`en` when unset).
    pub fn lang(&self, name: &'static str) -> Result<Lang, ConfigError> {
        match self.text(name) {
            None => Ok(Lang::En),
            Some(value) => Lang::from_code(&value).ok_or(ConfigError::Invalid {
                name,
                expected: "en or ja",
                value,
            }),
        }
    }
}

/// Time left until an invocation's deadline, given in milliseconds since the epoch (the
/// Lambda context's `deadline`).
pub fn remaining(deadline_ms: u64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0);
    Duration::from_millis(deadline_ms.saturating_sub(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Settings<impl Fn(&str) -> Option<String>> {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Settings::new(move |k: &str| map.get(k).cloned())
    }

    #[test]
    fn blank_is_unset_and_values_are_trimmed() {
        let s = settings(&[("A", "  x  "), ("B", "   "), ("N", " 7 ")]);
        assert_eq!(s.text("A").as_deref(), Some("x"));
        assert_eq!(s.text("B"), None);
        assert_eq!(s.required("B"), Err(ConfigError::Missing("B")));
        assert_eq!(s.number("N", 1_u64, 1..=10, "1 to 10"), Ok(7));
        assert_eq!(s.number("B", 3_u64, 1..=10, "1 to 10"), Ok(3));
    }

    #[test]
    fn out_of_range_or_unparsable_numbers_name_the_variable_and_the_value() {
        let s = settings(&[("N", "11"), ("F", "soon"), ("L", "fr")]);
        let err = s.number("N", 1_u64, 1..=10, "1 to 10").unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable N must be 1 to 10, got \"11\""
        );
        assert!(s.number("F", 1.0_f64, 0.0..=2.0, "hours").is_err());
        assert_eq!(
            s.lang("L").unwrap_err().to_string(),
            "environment variable L must be en or ja, got \"fr\""
        );
        assert_eq!(s.lang("unset"), Ok(Lang::En));
    }
}
