//! `pipeline-triage approvals`: the manual approvals waiting now, from a laptop.

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;
use triage::approvals::{Pacer, PendingApproval, ScanLimits, scan};
use triage::aws::{CodePipelineAdapter, load_config};
use triage::dedupe::epoch_seconds;
use triage::report::approval::{span, utc};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned table.
    Table,
    /// A JSON array.
    Json,
}

/// Options of one listing.
#[derive(Debug, Clone)]
pub struct Options {
    /// Only approvals waiting at least this long.
    pub older_than: Duration,
    /// Only pipelines whose name starts with this.
    pub prefix: Option<String>,
    /// Output format.
    pub format: Format,
    /// CodePipeline requests per second at most.
    pub rate: f64,
}

/// `4h`, `30m`, `2d`, `90s` or a number of hours.
pub fn parse_age(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (n, unit) = match s.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&s[..i], &s[i..]),
        None => (s, "h"),
    };
    let n: f64 = n
        .trim()
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    let secs = match unit {
        "s" => n,
        "m" => n * 60.0,
        "h" => n * 3_600.0,
        "d" => n * 86_400.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(secs).ok()
}

#[derive(Serialize)]
struct Row<'a> {
    pipeline: String,
    stage: String,
    action: String,
    execution_id: Option<String>,
    waiting_since: Option<String>,
    waited_seconds: Option<i64>,
    expires_at: Option<String>,
    expires_in_seconds: Option<i64>,
    custom_data: Option<String>,
    /// The approval token: what `put-approval-result` needs, printed as CodePipeline gave it.
    token: &'a str,
}

/// A text from CodePipeline as shown in a terminal: redacted, on one line, bounded.
fn for_terminal(s: &str) -> String {
    triage::report::safe::clean(s, 1_000)
}

/// Lists the waiting approvals; returns the exit code (1 when the pipelines could not be
/// listed). Gaps go to stderr.
pub async fn run(opts: &Options, out: &mut impl Write) -> io::Result<u8> {
    let limits = ScanLimits {
        rate_per_second: opts.rate,
        ..ScanLimits::default()
    };
    let sdk = load_config(limits.call_timeout).await;
    // One attempt per call: an SDK retry would not wait for the pacer.
    let adapter = CodePipelineAdapter::new(aws_sdk_codepipeline::Client::from_conf(
        aws_sdk_codepipeline::config::Builder::from(&sdk)
            .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
            .build(),
    ));
    let pacer = Pacer::new(limits.rate_per_second);
    let deadline = Instant::now() + Duration::from_secs(600);
    let result = scan(
        &adapter,
        &adapter,
        opts.prefix.as_deref(),
        limits,
        &pacer,
        deadline,
    )
    .await;
    for g in &result.gaps {
        eprintln!(
            "not read: {} ({:?}): {}",
            for_terminal(&g.source),
            g.reason,
            for_terminal(&g.detail)
        );
    }
    let listed = !result
        .gaps
        .iter()
        .any(|g| g.source == "codepipeline:ListPipelines");
    let now = epoch_seconds();
    let min = i64::try_from(opts.older_than.as_secs()).unwrap_or(i64::MAX);
    let shown: Vec<&PendingApproval> = result
        .pending
        .iter()
        .filter(|p| p.waiting.since.map_or(min == 0, |s| now - s >= min))
        .collect();
    write_rows(&shown, opts.format, now, out)?;
    Ok(if listed { 0 } else { 1 })
}

/// Writes the approvals as a table or JSON.
pub fn write_rows(
    shown: &[&PendingApproval],
    format: Format,
    now: i64,
    out: &mut impl Write,
) -> io::Result<()> {
    let rows: Vec<Row<'_>> = shown
        .iter()
        .map(|p| Row {
            pipeline: for_terminal(p.pipeline.as_str()),
            stage: for_terminal(&p.waiting.stage),
            action: for_terminal(&p.waiting.action),
            execution_id: p.waiting.execution_id.as_deref().map(for_terminal),
            waiting_since: p.waiting.since.map(utc),
            waited_seconds: p.waiting.since.map(|s| now - s),
            expires_at: p.expires.map(utc),
            expires_in_seconds: p.expires.map(|e| e - now),
            custom_data: p.custom_data.as_deref().map(for_terminal),
            token: &p.waiting.token,
        })
        .collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(crate::json_io)?;
            writeln!(out)
        }
        Format::Table => {
            let cells: Vec<[String; 5]> = rows
                .iter()
                .map(|r| {
                    [
                        r.pipeline.clone(),
                        format!("{}/{}", r.stage, r.action),
                        r.waited_seconds.map_or_else(|| "?".into(), span),
                        r.expires_in_seconds.map_or_else(|| "?".into(), span),
                        r.execution_id.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect();
            let head = [
                "PIPELINE",
                "STAGE/ACTION",
                "WAITING",
                "EXPIRES IN",
                "EXECUTION",
            ];
            let mut width = head.map(str::len);
            for c in &cells {
                for (w, v) in width.iter_mut().zip(c) {
                    *w = (*w).max(v.chars().count());
                }
            }
            for line in std::iter::once(head.map(str::to_owned)).chain(cells) {
                let mut s = String::new();
                for (i, (v, w)) in line.iter().zip(width).enumerate() {
                    if i + 1 == line.len() {
                        s.push_str(v);
                    } else {
                        s.push_str(&format!("{v:<w$}  "));
                    }
                }
                writeln!(out, "{}", s.trim_end())?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use triage::evidence::PipelineName;
    use triage::ports::WaitingApproval;

    #[test]
    fn ages_parse() {
        assert_eq!(parse_age("4h"), Some(Duration::from_secs(14_400)));
        assert_eq!(parse_age("30m"), Some(Duration::from_secs(1_800)));
        assert_eq!(parse_age("2d"), Some(Duration::from_secs(172_800)));
        assert_eq!(parse_age("1.5"), Some(Duration::from_secs(5_400)));
        assert_eq!(parse_age("soon"), None);
        assert_eq!(parse_age("-1h"), None);
        assert_eq!(parse_age("99999999999999999999h"), None);
    }

    #[test]
    fn a_table_lines_up() {
        let p = PendingApproval {
            pipeline: PipelineName::new("web"),
            waiting: WaitingApproval {
                stage: "Prod".into(),
                action: "Approve".into(),
                execution_id: Some("x-1".into()),
                token: "t".into(),
                since: Some(1_000),
            },
            expires: Some(1_000 + 86_400),
            timeout_minutes: None,
            custom_data: None,
            external_link: None,
        };
        let mut out = Vec::new();
        write_rows(&[&p], Format::Table, 1_000 + 5 * 3_600, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "PIPELINE  STAGE/ACTION  WAITING  EXPIRES IN  EXECUTION\nweb       Prod/Approve  5h 0m    19h 0m      x-1\n"
        );
    }
}
