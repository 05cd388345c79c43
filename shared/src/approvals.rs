//! Approval reminders: find manual approvals that wait, and remind before they expire.
//!
//! A scan lists the pipelines, reads each one's state at a bounded rate and concurrency, and
//! keeps the approvals that wait (InProgress with a token). For each, the expiry is its start
//! plus the action's `timeoutInMinutes` (else 7 days). The policy announces each threshold once:
//! after `first` (4 h), then every `every` (24 h), escalated when expiry is under
//! `escalate_within` (24 h) away. Runs are stateless: a run announces the thresholds crossed in
//! its window `(previous run, this run]`, so consecutive scheduled runs never repeat one.

use std::sync::Mutex;
use std::time::Duration;

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::evidence::{ExecutionId, Gap, GapReason, PipelineName};
use crate::ports::{ApprovalPort, PipelinePort, PortError, WaitingApproval};

/// Seven days: CodePipeline's default approval timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(7 * 24 * 3_600);

/// When to remind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderPolicy {
    /// First reminder after this long waiting.
    pub first: Duration,
    /// Then every this long.
    pub every: Duration,
    /// Escalate when the approval expires within this long.
    pub escalate_within: Duration,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(4 * 3_600),
            every: Duration::from_secs(24 * 3_600),
            escalate_within: Duration::from_secs(24 * 3_600),
        }
    }
}

/// What a notice says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The approval just started waiting.
    Needed,
    /// It has waited past a threshold.
    Reminder,
    /// It expires soon.
    Escalation,
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 4)
}

impl ReminderPolicy {
    /// The notice due for an approval waiting since `since` and expiring at `expires`, for a
    /// run covering the window `(prev, now]` (epoch seconds): the escalation when its threshold
    /// (`escalate_within` before expiry, or the start when the timeout is shorter) is in the
    /// window, else a reminder when one of its thresholds is. Nothing at or after expiry. Pass
    /// `i64::MAX` as `expires` when the expiry is unknown: reminders only.
    pub fn due(&self, since: i64, expires: i64, prev: i64, now: i64) -> Option<NoticeKind> {
        if now >= expires || now <= prev {
            return None;
        }
        let crossed = |t: i64| prev < t && t <= now && t < expires;
        let escalation = (expires - secs(self.escalate_within)).max(since);
        if crossed(escalation) {
            return Some(NoticeKind::Escalation);
        }
        // Reminder thresholds: since + first + k * every, k >= 0. Is one in (prev, now]?
        let first = since + secs(self.first);
        let every = secs(self.every).max(60);
        if now < first {
            return None;
        }
        let k = (now - first) / every;
        let last = first + k * every;
        // The escalation is announced once, at its threshold; later reminders stay reminders.
        crossed(last).then_some(NoticeKind::Reminder)
    }
}

/// Bounds of a scan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScanLimits {
    /// CodePipeline requests per second at most (all calls of the scan together).
    pub rate_per_second: f64,
    /// Requests in flight at most.
    pub concurrency: usize,
    /// Longest single call.
    pub call_timeout: Duration,
}

impl Default for ScanLimits {
    fn default() -> Self {
        Self {
            rate_per_second: 10.0,
            concurrency: 4,
            call_timeout: Duration::from_secs(5),
        }
    }
}

/// Spaces request starts evenly: at most `rate` per second over any window.
#[derive(Debug)]
pub struct Pacer {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    /// A pacer for `rate` requests per second (at least 0.1). Starts are spaced 3 % wider
    /// than `1/rate`, so that network jitter cannot make the requests *arrive* faster than
    /// `rate` in any one-second window.
    pub fn new(rate: f64) -> Self {
        Self {
            interval: Duration::from_secs_f64(1.03 / rate.max(0.1)),
            next: Mutex::new(None),
        }
    }

    /// Waits for this request's turn.
    pub async fn turn(&self) {
        let at = {
            let mut next = match self.next.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            let now = Instant::now();
            let at = next.map_or(now, |n| n.max(now));
            *next = Some(at + self.interval);
            at
        };
        tokio::time::sleep_until(at).await;
    }
}

/// One approval waiting, with what the scan learned about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingApproval {
    /// The pipeline.
    pub pipeline: PipelineName,
    /// Where it waits and its token.
    pub waiting: WaitingApproval,
    /// When it expires (epoch seconds).
    pub expires: Option<i64>,
    /// The action's `timeoutInMinutes`, when set.
    pub timeout_minutes: Option<i32>,
    /// The action's `CustomData`.
    pub custom_data: Option<String>,
    /// The action's `ExternalEntityLink`.
    pub external_link: Option<String>,
}

/// What a scan found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanResult {
    /// Pipelines listed.
    pub pipelines: usize,
    /// Approvals waiting.
    pub pending: Vec<PendingApproval>,
    /// What could not be read (the scan went on).
    pub gaps: Vec<Gap>,
    /// CodePipeline calls made.
    pub calls: u32,
}

async fn paced<T>(
    pacer: &Pacer,
    limits: &ScanLimits,
    source: &str,
    deadline: Instant,
    call: impl std::future::Future<Output = Result<T, PortError>>,
) -> Result<T, Gap> {
    let late = || Gap {
        source: source.to_owned(),
        reason: GapReason::Timeout,
        detail: "not called: the scan's deadline passed".to_owned(),
    };
    // Past the deadline no call waits for its turn, so the rest of a scan ends at once.
    if tokio::time::timeout_at(deadline, pacer.turn())
        .await
        .is_err()
    {
        return Err(late());
    }
    let until = (Instant::now() + limits.call_timeout).min(deadline);
    if until <= Instant::now() {
        return Err(late());
    }
    match tokio::time::timeout_at(until, call).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Gap {
            source: source.to_owned(),
            reason: e.reason,
            detail: e.message,
        }),
        Err(_) => Err(Gap {
            source: source.to_owned(),
            reason: GapReason::Timeout,
            detail: "no answer in time".to_owned(),
        }),
    }
}

/// Scans every pipeline (or those whose name starts with `prefix`) for waiting approvals, then
/// reads the definitions of the pipelines that have one (timeout, CustomData, link).
/// Every call goes through `pacer`, which the caller keeps for its own later calls.
pub async fn scan(
    approvals: &dyn ApprovalPort,
    pipelines: &dyn PipelinePort,
    prefix: Option<&str>,
    limits: ScanLimits,
    pacer: &Pacer,
    deadline: Instant,
) -> ScanResult {
    let mut result = ScanResult::default();
    // Every page is a paced call of its own.
    let mut names: Vec<PipelineName> = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0u32;
    loop {
        pages += 1;
        match paced(
            pacer,
            &limits,
            "codepipeline:ListPipelines",
            deadline,
            approvals.pipelines(token.take()),
        )
        .await
        {
            Ok((page, next)) => {
                names.extend(page);
                match next {
                    Some(t) if pages < 100 => token = Some(t),
                    _ => break,
                }
            }
            Err(g) => {
                tracing::warn!(source = %g.source, reason = ?g.reason, detail = %g.detail, "scan gap");
                result.gaps.push(g);
                if names.is_empty() {
                    result.calls = pages;
                    return result;
                }
                // Scan what was listed.
                break;
            }
        }
    }
    let names: Vec<PipelineName> = names
        .into_iter()
        .filter(|n| prefix.is_none_or(|p| n.as_str().starts_with(p)))
        .collect();
    result.pipelines = names.len();
    result.calls = pages + u32::try_from(names.len()).unwrap_or(u32::MAX);
    let states: Vec<(PipelineName, Result<Vec<WaitingApproval>, Gap>)> =
        futures_util::stream::iter(names)
            .map(|name| {
                let limits = &limits;
                async move {
                    let r = paced(
                        pacer,
                        limits,
                        &format!("codepipeline:GetPipelineState {name}"),
                        deadline,
                        approvals.waiting(&name),
                    )
                    .await;
                    (name, r)
                }
            })
            .buffer_unordered(limits.concurrency.max(1))
            .collect()
            .await;
    let mut with_approvals: Vec<(PipelineName, Vec<WaitingApproval>)> = Vec::new();
    for (name, r) in states {
        match r {
            Ok(w) if !w.is_empty() => with_approvals.push((name, w)),
            Ok(_) => {}
            Err(g) => {
                tracing::warn!(source = %g.source, reason = ?g.reason, detail = %g.detail, "scan gap");
                result.gaps.push(g);
            }
        }
    }
    with_approvals.sort_by(|a, b| a.0.cmp(&b.0));
    result.calls += u32::try_from(with_approvals.len()).unwrap_or(u32::MAX);
    let defs: Vec<_> = futures_util::stream::iter(with_approvals)
        .map(|(name, waiting)| {
            let limits = &limits;
            async move {
                let def = paced(
                    pacer,
                    limits,
                    &format!("codepipeline:GetPipeline {name}"),
                    deadline,
                    pipelines.pipeline(&name),
                )
                .await;
                (name, waiting, def)
            }
        })
        .buffer_unordered(limits.concurrency.max(1))
        .collect()
        .await;
    for (name, waiting, def) in defs {
        let def = match def {
            Ok(d) => Some(d),
            Err(g) => {
                // Without the definition the default timeout applies: still remind.
                tracing::warn!(source = %g.source, reason = ?g.reason, detail = %g.detail, "scan gap");
                result.gaps.push(g);
                None
            }
        };
        for w in waiting {
            result.pending.push(pending(&name, w, def.as_ref()));
        }
    }
    result.pending.sort_by(|a, b| {
        (&a.pipeline, &a.waiting.stage, &a.waiting.action).cmp(&(
            &b.pipeline,
            &b.waiting.stage,
            &b.waiting.action,
        ))
    });
    result
}

/// A waiting approval with its definition's timeout, CustomData and link.
pub fn pending(
    name: &PipelineName,
    w: WaitingApproval,
    def: Option<&crate::ports::PipelineDef>,
) -> PendingApproval {
    let action = def.and_then(|d| {
        d.actions
            .iter()
            .find(|a| a.stage == w.stage && a.action == w.action)
    });
    let config = |key: &str| {
        action.and_then(|a| {
            a.configuration
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    };
    let timeout_minutes = action.and_then(|a| a.timeout_minutes);
    let timeout = timeout_minutes
        .and_then(|m| u64::try_from(m).ok())
        .filter(|m| *m > 0)
        .map_or(DEFAULT_TIMEOUT, |m| Duration::from_secs(m * 60));
    PendingApproval {
        pipeline: name.clone(),
        // Without the definition the timeout is not known: no expiry is claimed (reminders
        // still go out, escalation cannot).
        expires: def.and(w.since).map(|s| s.saturating_add(secs(timeout))),
        timeout_minutes,
        custom_data: config("CustomData"),
        external_link: config("ExternalEntityLink"),
        waiting: w,
    }
}

/// The revision an approval is about: (id, summary) of the execution's first artifact.
pub async fn revision(
    pipelines: &dyn PipelinePort,
    pacer: &Pacer,
    name: &PipelineName,
    execution: Option<&str>,
) -> Result<Option<(String, Option<String>)>, PortError> {
    let Some(id) = execution else {
        return Ok(None);
    };
    pacer.turn().await;
    let x = pipelines.execution(name, &ExecutionId::new(id)).await?;
    Ok(x.revisions
        .into_iter()
        .next()
        .map(|(_, rev, summary)| (rev, summary)))
}

/// Epoch seconds of `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
pub fn parse_utc(t: &str) -> Option<i64> {
    let t = t.trim().strip_suffix('Z')?;
    let (date, time) = t.split_once('T')?;
    let mut d = date.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut h = time.split(':');
    let hh = h.next()?.parse::<i64>().ok()?;
    let mm = h.next()?.parse::<i64>().ok()?;
    let ss = h.next()?.split('.').next()?.parse::<i64>().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3_600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600;

    fn p() -> ReminderPolicy {
        ReminderPolicy::default()
    }

    #[test]
    fn the_first_reminder_is_due_at_exactly_four_hours_and_only_once() {
        let since = 1_000_000;
        let expires = since + 7 * 24 * H;
        // The run at exactly 4 h announces it; the run before does not; the next does not.
        assert_eq!(
            p().due(since, expires, since + 3 * H, since + 4 * H),
            Some(NoticeKind::Reminder)
        );
        assert_eq!(
            p().due(since, expires, since + 2 * H, since + 4 * H - 1),
            None
        );
        assert_eq!(p().due(since, expires, since + 4 * H, since + 5 * H), None);
        // Then every 24 h.
        assert_eq!(
            p().due(since, expires, since + 27 * H, since + 28 * H),
            Some(NoticeKind::Reminder)
        );
        assert_eq!(
            p().due(since, expires, since + 28 * H, since + 29 * H),
            None
        );
    }

    #[test]
    fn escalation_comes_once_when_expiry_is_under_a_day_away_and_nothing_after_expiry() {
        let since = 1_000_000;
        let expires = since + 7 * 24 * H;
        assert_eq!(
            p().due(
                since,
                expires,
                expires - 25 * H + 1800,
                expires - 24 * H + 1800
            ),
            Some(NoticeKind::Escalation)
        );
        assert_eq!(
            p().due(since, expires, expires - 23 * H, expires - 22 * H),
            None
        );
        // Just past the expiry: the failure report takes over.
        assert_eq!(p().due(since, expires, expires - 1, expires + 1), None);
    }

    #[test]
    fn a_threshold_at_or_after_expiry_is_not_announced() {
        let since = 1_000_000;
        // timeoutInMinutes 240: the 4 h threshold is the expiry itself.
        let expires = since + 240 * 60;
        assert_eq!(p().due(since, expires, since + 3 * H, since + 4 * H), None);
        // 241: a minute is left at 4 h: announced (as a reminder; the escalation was at start).
        let expires = since + 241 * 60;
        assert_eq!(
            p().due(since, expires, since + 3 * H, since + 4 * H),
            Some(NoticeKind::Reminder)
        );
        assert_eq!(
            p().due(since, expires, since - 1, since + H),
            Some(NoticeKind::Escalation)
        );
        // Unknown expiry: reminders, never an escalation.
        assert_eq!(p().due(since, i64::MAX, since - 1, since + H), None);
        assert_eq!(
            p().due(since, i64::MAX, since + 3 * H, since + 4 * H),
            Some(NoticeKind::Reminder)
        );
    }

    #[test]
    fn the_escalation_is_announced_once_and_later_thresholds_are_reminders() {
        let since = 1_000_000;
        let expires = since + 7 * 24 * H;
        let runs: Vec<Option<NoticeKind>> = (1..=168)
            .map(|h| p().due(since, expires, since + (h - 1) * H, since + h * H))
            .collect();
        let escalations = runs
            .iter()
            .filter(|k| **k == Some(NoticeKind::Escalation))
            .count();
        let reminders = runs
            .iter()
            .filter(|k| **k == Some(NoticeKind::Reminder))
            .count();
        // 4, 28, 52, 76, 100, 124, 148 h; the escalation at 144 h.
        assert_eq!((escalations, reminders), (1, 7));
    }

    #[test]
    fn a_custom_short_timeout_escalates_on_the_first_run() {
        let since = 1_000_000;
        let expires = since + 90 * 60; // timeoutInMinutes: 90
        assert_eq!(
            p().due(since, expires, since - 600, since + 600),
            Some(NoticeKind::Escalation)
        );
        assert_eq!(p().due(since, expires, since + 600, since + 4_200), None);
    }

    #[tokio::test(start_paused = true)]
    async fn the_pacer_spaces_requests() {
        let pacer = Pacer::new(10.0);
        let start = Instant::now();
        for _ in 0..21 {
            pacer.turn().await;
        }
        // 20 intervals of 103 ms: never 21 starts within 2 s.
        assert_eq!(start.elapsed(), Duration::from_millis(2_060));
    }
}
