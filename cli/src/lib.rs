//! `pipeline-triage`: the diagnosis engine from a laptop.
//!
//! The commands are library functions over readers and writers so tests can call them
//! in-process; `main.rs` only parses arguments and maps outcomes to exit codes.

pub mod approvals;
pub mod diagnose;

use std::io::{self, BufRead, Write};

use triage::case::{Case, Classification};
use triage::eval::EvalReport;
use triage::{Category, diagnose};

/// The longest input line `classify` accepts (bytes); longer lines are answered with an error.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// What `classify` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassifyOutcome {
    /// Lines classified.
    pub classified: usize,
    /// Lines answered with an error object.
    pub rejected: usize,
}

impl ClassifyOutcome {
    /// The exit code the contract asks for: 2 when any line was rejected.
    pub fn exit_code(self) -> u8 {
        if self.rejected > 0 { 2 } else { 0 }
    }
}

#[derive(serde::Serialize)]
struct LineError<'a> {
    line: usize,
    error: &'a str,
}

/// Why `classify` stopped before the end of its input.
#[derive(Debug, thiserror::Error)]
pub enum ClassifyError {
    /// The input could not be read (a directory, an I/O error).
    #[error("cannot read the input: {0}")]
    Read(#[source] io::Error),
    /// The output could not be written (a closed pipe ends quietly; see `main`).
    #[error("cannot write the output: {0}")]
    Write(#[source] io::Error),
}

/// A serde_json error on a writer, as the I/O error it is (so a closed pipe stays
/// `BrokenPipe`).
pub fn json_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

/// Reads failure cases as JSON Lines and writes one JSON line per input line, in order.
///
/// A line that is not a JSON object with a `message` string becomes `{"line": N, "error": ...}`
/// in place; blank lines are skipped, a UTF-8 byte-order mark before the first line is
/// ignored, and so are unknown fields whatever their value. Lines are read one at a time, so
/// memory is bounded by the longest line, not the input.
pub fn classify(
    mut input: impl BufRead,
    mut out: impl Write,
) -> Result<ClassifyOutcome, ClassifyError> {
    let mut outcome = ClassifyOutcome::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n =
            read_line_bounded(&mut input, &mut buf, MAX_LINE_BYTES).map_err(ClassifyError::Read)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let bytes = match buf.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) if line_no == 1 => rest,
            _ => &buf[..],
        };
        let result = if bytes.len() > MAX_LINE_BYTES {
            Err(format!("line is longer than {MAX_LINE_BYTES} bytes"))
        } else {
            match std::str::from_utf8(bytes) {
                Err(_) => Err("line is not valid UTF-8".to_owned()),
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => classify_line(text),
            }
        };
        let written = match result {
            Ok(c) => {
                outcome.classified += 1;
                serde_json::to_writer(&mut out, &c)
            }
            Err(e) => {
                outcome.rejected += 1;
                let e = triage::redact::redact(&e).into_owned();
                serde_json::to_writer(
                    &mut out,
                    &LineError {
                        line: line_no,
                        error: &e,
                    },
                )
            }
        };
        written.map_err(|e| ClassifyError::Write(json_io(e)))?;
        out.write_all(b"\n").map_err(ClassifyError::Write)?;
    }
    out.flush().map_err(ClassifyError::Write)?;
    Ok(outcome)
}

fn classify_line(text: &str) -> Result<Classification, String> {
    if !text.trim_start().starts_with('{') {
        return Err("expected a JSON object".to_owned());
    }
    // Straight into the case: unknown fields are skipped unread, so any value there (even a
    // number no float can hold, `1e400`) is ignored.
    let case: Case = serde_json::from_str(text).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            format!("invalid JSON: {e}")
        } else {
            format!("invalid case: {e}")
        }
    })?;
    if case.message.is_none() {
        return Err("missing required field `message` (a string)".to_owned());
    }
    let id = case.id.clone();
    let evidence = case.into_evidence().map_err(|e| e.to_string())?;
    Ok(Classification::new(id, &diagnose(&evidence)))
}

/// Reads one line (through `\n`) into `buf`, keeping at most `max + 1` bytes of it and
/// discarding the rest. Returns the bytes consumed (0 at the end).
fn read_line_bounded(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<usize> {
    let mut consumed = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(consumed);
        }
        let (chunk, done) = match memchr_newline(available) {
            Some(i) => (&available[..i], i + 1),
            None => (available, available.len()),
        };
        let room = (max + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done;
        let found = done <= available.len() && available.get(done - 1) == Some(&b'\n');
        input.consume(used);
        consumed += used;
        if found {
            return Ok(consumed);
        }
    }
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// Prints an evaluation report for people.
pub fn write_eval_report(report: &EvalReport, mut out: impl Write) -> io::Result<()> {
    writeln!(out, "cases: {}", report.cases)?;
    writeln!(
        out,
        "top-1: {}/{} = {:.1}%",
        report.top1,
        report.cases,
        report.top1_accuracy() * 100.0
    )?;
    writeln!(
        out,
        "top-3: {}/{} = {:.1}%",
        report.top3,
        report.cases,
        report.top3_accuracy() * 100.0
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<34} {:>5} {:>5} {:>5}",
        "per category", "cases", "top-1", "top-3"
    )?;
    for c in Category::ALL {
        if let Some(s) = report.per_category.get(&c) {
            writeln!(
                out,
                "{:<34} {:>5} {:>5} {:>5}",
                c.id(),
                s.cases,
                s.top1,
                s.top3
            )?;
        }
    }
    if !report.confusions.is_empty() {
        writeln!(out)?;
        writeln!(out, "confusions (expected -> ranked first):")?;
        for c in &report.confusions {
            writeln!(
                out,
                "  {} -> {} ({}): {}",
                c.expected,
                c.got,
                c.ids.len(),
                c.ids.join(", ")
            )?;
        }
    }
    if !report.errors.is_empty() {
        writeln!(out)?;
        writeln!(out, "unreadable lines:")?;
        for (line, e) in &report.errors {
            writeln!(out, "  line {line}: {e}")?;
        }
    }
    Ok(())
}
