//! What every Lambda's wiring shares: configuration errors that name the variable, and the
//! time left until an invocation's deadline.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

/// Time left until an invocation's deadline, given in milliseconds since the epoch (the
/// Lambda context's `deadline`).
pub fn remaining(deadline_ms: u64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0);
    Duration::from_millis(deadline_ms.saturating_sub(now))
}
