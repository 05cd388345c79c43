//! CloudWatch Logs: a stream read from its end, page by page, within a page budget.

use async_trait::async_trait;
use aws_sdk_cloudwatchlogs::Client;

use super::port_error;
use crate::digest::LogDigest;
use crate::evidence::GapReason;
use crate::ports::{LogPort, LogRead, PortError, PortResult};

/// CloudWatch Logs reads.
#[derive(Debug, Clone)]
pub struct LogsAdapter {
    client: Client,
}

impl LogsAdapter {
    /// Wraps a client.
    pub fn new(client: Client) -> Self {
        Self { client }
    }
}

#[async_trait]
impl LogPort for LogsAdapter {
    async fn read_tail(
        &self,
        group: &str,
        stream: &str,
        max_pages: u32,
        deadline: tokio::time::Instant,
        digest: &mut LogDigest,
    ) -> PortResult<LogRead> {
        // Pages come newest first; the digest wants lines in order, so pages are kept (at most
        // `max_pages` of at most 1 MB each) and offered oldest first.
        let mut pages: Vec<Vec<String>> = Vec::new();
        let mut read = LogRead::default();
        let mut token: Option<String> = None;
        let mut failure = None;
        loop {
            if read.pages >= max_pages {
                read.truncated = true;
                break;
            }
            let request = self
                .client
                .get_log_events()
                .log_group_name(group)
                .log_stream_name(stream)
                .start_from_head(false)
                .set_next_token(token.clone())
                .send();
            let out = match tokio::time::timeout_at(deadline, request).await {
                Ok(out) => out,
                Err(_) => {
                    // Out of time: keep the pages already read.
                    failure = Some(PortError::new(
                        GapReason::Timeout,
                        "GetLogEvents: no time left for more pages",
                    ));
                    break;
                }
            };
            let out = match out {
                Ok(o) => o,
                Err(e) => {
                    failure = Some(port_error("GetLogEvents", e));
                    break;
                }
            };
            read.pages += 1;
            let events: Vec<String> = out
                .events()
                .iter()
                .filter_map(|e| e.message().map(str::to_owned))
                .collect();
            read.events += events.len() as u64;
            // An empty page can still have more before it; the same token back means the start.
            let next = out.next_backward_token().map(str::to_owned);
            if !events.is_empty() {
                pages.push(events);
            }
            if next.is_none() || next == token {
                break;
            }
            token = next;
        }
        for page in pages.iter().rev() {
            for message in page {
                for line in message.lines() {
                    digest.push(line);
                }
            }
        }
        match failure {
            // What was read before the failure is in the digest; the caller records the gap.
            Some(e) if read.pages == 0 => Err(e),
            Some(e) => {
                tracing::warn!(error = %e, pages = read.pages, "log read stopped early");
                read.truncated = true;
                Ok(read)
            }
            None => Ok(read),
        }
    }
}
