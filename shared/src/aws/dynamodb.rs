//! The de-duplication table in DynamoDB: one item per failure, written conditionally.
//!
//! Item: `pk` (S, the key), `status` (`held` | `done`), `owner` (S), `lease_until` (N, epoch
//! seconds), `message_id` (S, when done), `expires_at` (N, epoch seconds: the table's TTL
//! attribute). TTL deletion lags by up to days, so every condition compares `expires_at` with
//! the caller's clock itself.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::types::AttributeValue;

use super::port_error;
use crate::evidence::GapReason;
use crate::ports::{ClaimRecord, ClaimStatus, ClaimStore, PortError, PortResult};

/// Claims in a DynamoDB table (partition key `pk`, a string).
#[derive(Debug, Clone)]
pub struct DynamoClaims {
    client: aws_sdk_dynamodb::Client,
    table: String,
}

impl DynamoClaims {
    /// Claims in `table`.
    pub fn new(client: aws_sdk_dynamodb::Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_owned())
}

fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn text<'a>(item: &'a HashMap<String, AttributeValue>, name: &str) -> Option<&'a str> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
}

fn number(item: &HashMap<String, AttributeValue>, name: &str) -> Option<i64> {
    item.get(name)
        .and_then(|v| v.as_n().ok())
        .and_then(|v| v.parse().ok())
}

/// True when the error is the condition failing (the expected "someone else has it").
fn condition_failed<E: aws_smithy_types::error::metadata::ProvideErrorMetadata, R>(
    e: &SdkError<E, R>,
) -> bool {
    matches!(e, SdkError::ServiceError(se)
        if se.err().code() == Some("ConditionalCheckFailedException"))
}

#[async_trait]
impl ClaimStore for DynamoClaims {
    async fn record(&self, key: &str) -> PortResult<Option<ClaimRecord>> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(key))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| port_error("GetItem", e))?;
        let Some(item) = out.item() else {
            return Ok(None);
        };
        let expires_at = number(item, "expires_at").unwrap_or(0);
        let status = match text(item, "status") {
            Some("done") => ClaimStatus::Done {
                message_id: text(item, "message_id").unwrap_or("").to_owned(),
            },
            Some("held") => ClaimStatus::Held {
                owner: text(item, "owner").unwrap_or("").to_owned(),
                lease_until: number(item, "lease_until").unwrap_or(0),
            },
            other => {
                return Err(PortError::new(
                    GapReason::Malformed,
                    format!(
                        "GetItem: de-duplication item has status {:?}",
                        other.unwrap_or("")
                    ),
                ));
            }
        };
        Ok(Some(ClaimRecord { status, expires_at }))
    }

    async fn claim(
        &self,
        key: &str,
        owner: &str,
        now: i64,
        lease_until: i64,
        expires_at: i64,
    ) -> PortResult<bool> {
        let r = self
            .client
            .put_item()
            .table_name(&self.table)
            .item("pk", s(key))
            .item("status", s("held"))
            .item("owner", s(owner))
            .item("lease_until", n(lease_until))
            .item("expires_at", n(expires_at))
            .condition_expression(
                "attribute_not_exists(pk) OR expires_at < :now \
                 OR (#status = :held AND lease_until < :now)",
            )
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":now", n(now))
            .expression_attribute_values(":held", s("held"))
            .send()
            .await;
        match r {
            Ok(_) => Ok(true),
            Err(e) if condition_failed(&e) => Ok(false),
            Err(e) => Err(port_error("PutItem", e)),
        }
    }

    async fn complete(
        &self,
        key: &str,
        owner: &str,
        message_id: &str,
        expires_at: i64,
    ) -> PortResult<()> {
        let r = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("pk", s(key))
            .update_expression(
                "SET #status = :done, message_id = :m, expires_at = :e REMOVE lease_until",
            )
            .condition_expression("#owner = :owner")
            .expression_attribute_names("#status", "status")
            .expression_attribute_names("#owner", "owner")
            .expression_attribute_values(":done", s("done"))
            .expression_attribute_values(":m", s(message_id))
            .expression_attribute_values(":e", n(expires_at))
            .expression_attribute_values(":owner", s(owner))
            .send()
            .await;
        match r {
            Ok(_) => Ok(()),
            Err(e) if condition_failed(&e) => Err(PortError::new(
                GapReason::Other,
                "UpdateItem: the claim was taken over after its lease lapsed",
            )),
            Err(e) => Err(port_error("UpdateItem", e)),
        }
    }

    async fn release(&self, key: &str, owner: &str) -> PortResult<()> {
        let r = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key("pk", s(key))
            .condition_expression("#owner = :owner AND #status = :held")
            .expression_attribute_names("#owner", "owner")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":owner", s(owner))
            .expression_attribute_values(":held", s("held"))
            .send()
            .await;
        match r {
            // Not ours any more: nothing to release.
            Ok(_) => Ok(()),
            Err(e) if condition_failed(&e) => Ok(()),
            Err(e) => Err(port_error("DeleteItem", e)),
        }
    }
}
