//! Exactly one report per failure.
//!
//! Delivery is at least once at three layers (CodePipeline emission, EventBridge retries,
//! Lambda async retries), and a failed execution emits both a pipeline FAILED and an action
//! FAILED event. Every invocation for one failure shares a key (pipeline, execution, attempt).
//!
//! The protocol, on a [`ClaimStore`] (a DynamoDB table with TTL):
//! 1. Before collecting: if the key is already *done*, stop (a duplicate).
//! 2. Before publishing: claim the key with a conditional write and a short lease (the
//!    invocation's remaining time plus a margin). Only one invocation wins.
//! 3. The loser reads the record: *done* → stop; *held* → wait for the holder to finish or its
//!    lease to lapse, then claim again; past its own deadline → fail, so Lambda retries later.
//! 4. The winner publishes, then marks the key *done*; a failed publish releases the claim.
//!
//! A crash between claim and publish loses nothing: the lease lapses and the retried (or the
//! duplicate) invocation claims the key. If the store itself fails, the report goes out anyway
//! (a possible duplicate is better than a lost report) and says so.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use crate::ports::{ClaimStatus, ClaimStore, PortError};

/// Seconds since the Unix epoch.
pub fn epoch_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// How a claim attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// This invocation holds the key and publishes.
    Publish,
    /// Another invocation published this failure's report.
    Duplicate {
        /// Its message id.
        message_id: String,
    },
    /// Another invocation still holds the key at this invocation's deadline: fail and let
    /// Lambda retry.
    Busy,
    /// The store failed: publish anyway, flagged as a possible duplicate.
    Unavailable(PortError),
}

/// De-duplication on a claim store.
pub struct Dedupe<'a> {
    store: &'a dyn ClaimStore,
    /// This invocation's identity (e.g. the Lambda request id).
    owner: String,
    /// How long a record is kept.
    ttl: Duration,
    /// Added to the remaining time for the lease.
    lease_margin: Duration,
    /// Pause between reads while another invocation holds the key.
    poll: Duration,
}

impl std::fmt::Debug for Dedupe<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dedupe")
            .field("owner", &self.owner)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl<'a> Dedupe<'a> {
    /// De-duplication on `store` for the invocation `owner`, keeping records for `ttl`.
    pub fn new(store: &'a dyn ClaimStore, owner: impl Into<String>, ttl: Duration) -> Self {
        Self {
            store,
            owner: owner.into(),
            ttl,
            lease_margin: Duration::from_secs(5),
            poll: Duration::from_millis(500),
        }
    }

    /// Sets the pause between reads while another invocation holds the key.
    pub fn with_poll(mut self, poll: Duration) -> Self {
        self.poll = poll;
        self
    }

    fn expires_at(&self, now: i64) -> i64 {
        now.saturating_add(i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX / 2))
    }

    /// The message id, when this failure's report was already published. A store error is
    /// logged and treated as "not published" (the claim decides later).
    pub async fn published(&self, key: &str) -> Option<String> {
        match self.store.record(key).await {
            Ok(Some(r)) if r.expires_at > epoch_seconds() => match r.status {
                ClaimStatus::Done { message_id } => Some(message_id),
                ClaimStatus::Held { .. } => None,
            },
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(key = %key, error = %e, "de-duplication record unreadable");
                None
            }
        }
    }

    /// Claims `key` for publishing, waiting (until `deadline`) while another invocation holds it.
    pub async fn acquire(&self, key: &str, deadline: Instant) -> Gate {
        loop {
            let now = epoch_seconds();
            let remaining = deadline.saturating_duration_since(Instant::now());
            let lease_until = now
                .saturating_add(
                    i64::try_from((remaining + self.lease_margin).as_secs()).unwrap_or(0),
                )
                .saturating_add(1);
            match self
                .store
                .claim(key, &self.owner, now, lease_until, self.expires_at(now))
                .await
            {
                Ok(true) => return Gate::Publish,
                Ok(false) => {}
                Err(e) => return Gate::Unavailable(e),
            }
            let wait = match self.store.record(key).await {
                Err(e) => return Gate::Unavailable(e),
                Ok(Some(r)) => match r.status {
                    ClaimStatus::Done { message_id } if r.expires_at > now => {
                        return Gate::Duplicate { message_id };
                    }
                    ClaimStatus::Held { lease_until, .. } if lease_until >= now => {
                        let lapse =
                            Duration::from_secs(u64::try_from(lease_until - now + 1).unwrap_or(1));
                        self.poll.min(lapse)
                    }
                    // Lapsed or expired between the claim and the read: claim again.
                    _ => Duration::ZERO,
                },
                // Released between the claim and the read: claim again.
                Ok(None) => Duration::ZERO,
            };
            if Instant::now() + wait >= deadline {
                return Gate::Busy;
            }
            tokio::time::sleep(wait.max(Duration::from_millis(20))).await;
        }
    }

    /// Marks `key` published. A failure is logged: the lease lapses, and a later duplicate
    /// within the record's life could publish again.
    pub async fn complete(&self, key: &str, message_id: &str) {
        let expires_at = self.expires_at(epoch_seconds());
        if let Err(e) = self
            .store
            .complete(key, &self.owner, message_id, expires_at)
            .await
        {
            tracing::warn!(key = %key, error = %e, "could not mark the report published");
        }
    }

    /// Gives `key` up after a failed publish, so the retry can claim it at once.
    pub async fn release(&self, key: &str) {
        if let Err(e) = self.store.release(key, &self.owner).await {
            tracing::warn!(key = %key, error = %e, "could not release the claim; it lapses with its lease");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::GapReason;
    use crate::ports::{ClaimRecord, PortResult};
    use async_trait::async_trait;
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// The conditional-write semantics of the DynamoDB adapter, in memory.
    #[derive(Default)]
    struct Memory {
        items: Mutex<HashMap<String, (ClaimRecord, String)>>,
        fail: bool,
    }

    #[async_trait]
    impl ClaimStore for Memory {
        async fn record(&self, key: &str) -> PortResult<Option<ClaimRecord>> {
            if self.fail {
                return Err(PortError::new(GapReason::AccessDenied, "denied"));
            }
            Ok(self.items.lock().unwrap().get(key).map(|(r, _)| r.clone()))
        }
        async fn claim(
            &self,
            key: &str,
            owner: &str,
            now: i64,
            lease_until: i64,
            expires_at: i64,
        ) -> PortResult<bool> {
            if self.fail {
                return Err(PortError::new(GapReason::AccessDenied, "denied"));
            }
            let mut items = self.items.lock().unwrap();
            let free = match items.get(key) {
                None => true,
                Some((r, _)) => {
                    r.expires_at < now
                        || matches!(r.status, ClaimStatus::Held { lease_until, .. } if lease_until < now)
                }
            };
            if free {
                items.insert(
                    key.to_owned(),
                    (
                        ClaimRecord {
                            status: ClaimStatus::Held {
                                owner: owner.to_owned(),
                                lease_until,
                            },
                            expires_at,
                        },
                        owner.to_owned(),
                    ),
                );
            }
            Ok(free)
        }
        async fn complete(
            &self,
            key: &str,
            owner: &str,
            message_id: &str,
            expires_at: i64,
        ) -> PortResult<()> {
            let mut items = self.items.lock().unwrap();
            if let Some((r, o)) = items.get_mut(key)
                && o == owner
            {
                r.status = ClaimStatus::Done {
                    message_id: message_id.to_owned(),
                };
                r.expires_at = expires_at;
            }
            Ok(())
        }
        async fn release(&self, key: &str, owner: &str) -> PortResult<()> {
            let mut items = self.items.lock().unwrap();
            if items.get(key).is_some_and(|(_, o)| o == owner) {
                items.remove(key);
            }
            Ok(())
        }
    }

    const DAY: Duration = Duration::from_secs(86_400);

    fn soon(ms: u64) -> Instant {
        Instant::now() + Duration::from_millis(ms)
    }

    #[tokio::test]
    async fn one_claimant_publishes_and_the_other_sees_a_duplicate() {
        let store = Memory::default();
        let a = Dedupe::new(&store, "a", DAY);
        let b = Dedupe::new(&store, "b", DAY).with_poll(Duration::from_millis(10));
        assert_eq!(a.acquire("k", soon(5_000)).await, Gate::Publish);
        // b waits while a holds the key, then sees a's message.
        let (gate, ()) = tokio::join!(b.acquire("k", soon(5_000)), async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            a.complete("k", "m-1").await;
        });
        assert_eq!(
            gate,
            Gate::Duplicate {
                message_id: "m-1".into()
            }
        );
        assert_eq!(b.published("k").await.as_deref(), Some("m-1"));
    }

    #[tokio::test]
    async fn a_holder_that_never_finishes_makes_the_other_busy_then_its_lease_lapses() {
        let store = Memory::default();
        let now = epoch_seconds();
        assert!(
            store
                .claim("k", "crashed", now, now + 2, now + 100)
                .await
                .unwrap()
        );
        let b = Dedupe::new(&store, "b", DAY).with_poll(Duration::from_millis(50));
        // Its own deadline comes first: busy (Lambda retries later).
        assert_eq!(b.acquire("k", soon(100)).await, Gate::Busy);
        // Given time, the crashed holder's lease lapses and b publishes.
        assert_eq!(b.acquire("k", soon(5_000)).await, Gate::Publish);
    }

    #[tokio::test]
    async fn a_released_claim_is_free_at_once_and_a_broken_store_is_reported() {
        let store = Memory::default();
        let a = Dedupe::new(&store, "a", DAY);
        assert_eq!(a.acquire("k", soon(1_000)).await, Gate::Publish);
        a.release("k").await;
        let b = Dedupe::new(&store, "b", DAY);
        assert_eq!(b.acquire("k", soon(1_000)).await, Gate::Publish);
        let broken = Memory {
            fail: true,
            ..Memory::default()
        };
        let c = Dedupe::new(&broken, "c", DAY);
        assert!(matches!(
            c.acquire("k", soon(1_000)).await,
            Gate::Unavailable(_)
        ));
        assert_eq!(c.published("k").await, None);
    }
}
