//! The functions' own log lines, redacted field by field.
//!
//! Names, gap details and SDK errors in a log line come from untrusted text. Every event is
//! formatted as JSON first; [`RedactingWriter`] then redacts each of its strings on its own (so
//! no value is joined to its neighbours before the redactor reads it: a key on a line of its
//! own inside a pipeline name stays on a line of its own), and writes the event as the JSON
//! Lambda's JSON log format expects or as one line of text, with line breaks inside values
//! escaped so that no value can forge a log line.

use std::io;

use serde_json::{Map, Value};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::redact::redact;

/// How log lines leave the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object per line (`AWS_LAMBDA_LOG_FORMAT=JSON`, as the template sets).
    Json,
    /// One line of text per event.
    Text,
}

impl LogFormat {
    /// From `AWS_LAMBDA_LOG_FORMAT`: `JSON` (any case) or text.
    pub fn from_env() -> Self {
        match std::env::var("AWS_LAMBDA_LOG_FORMAT") {
            Ok(v) if v.eq_ignore_ascii_case("json") => Self::Json,
            _ => Self::Text,
        }
    }
}

/// Installs the log subscriber of a function: the level from `AWS_LAMBDA_LOG_LEVEL` or
/// `RUST_LOG` (INFO by default), the format from `AWS_LAMBDA_LOG_FORMAT`, stdout behind the
/// redactor.
pub fn init() {
    let level = std::env::var("AWS_LAMBDA_LOG_LEVEL")
        .or_else(|_| std::env::var("RUST_LOG"))
        .ok()
        .and_then(|l| l.parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO);
    let format = LogFormat::from_env();
    let filter = EnvFilter::builder()
        .with_default_directive(level.into())
        .from_env_lossy();
    let installed = tracing::subscriber::set_global_default(
        subscriber(move || RedactingWriter::new(io::stdout(), format))
            .with_env_filter(filter)
            .finish(),
    );
    if installed.is_err() {
        tracing::warn!("a log subscriber was already installed; keeping it");
    }
}

/// The subscriber [`init`] installs, writing to `make` (a [`RedactingWriter`]): for tests that
/// read what a function logs.
pub fn subscriber<W>(
    make: W,
) -> tracing_subscriber::fmt::SubscriberBuilder<
    tracing_subscriber::fmt::format::JsonFields,
    tracing_subscriber::fmt::format::Format<tracing_subscriber::fmt::format::Json, ()>,
    LevelFilter,
    W,
>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .with_target(false)
        .without_time()
        .with_max_level(LevelFilter::TRACE)
        .with_writer(make)
}

/// An `io::Write` behind a JSON log formatter, which hands over one event per write: each
/// string of the event redacted on its own, then the event written as JSON or text. A write
/// that is not a JSON object (a formatter of another kind) is redacted as text, line by line.
#[derive(Debug)]
pub struct RedactingWriter<W> {
    out: W,
    format: LogFormat,
}

impl<W> RedactingWriter<W> {
    /// Writes to `out` in `format`.
    pub fn new(out: W, format: LogFormat) -> Self {
        Self { out, format }
    }

    /// What it writes to.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: io::Write> io::Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let line = match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(mut event)) => {
                event.values_mut().for_each(redact_strings);
                match self.format {
                    LogFormat::Json => format!("{}\n", Value::Object(event)),
                    LogFormat::Text => format!("{}\n", as_text(&event)),
                }
            }
            _ => redact(&text).into_owned(),
        };
        self.out.write_all(line.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Every string inside `value` redacted, each on its own.
fn redact_strings(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(clean) = redact(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_strings),
        Value::Object(fields) => fields.values_mut().for_each(redact_strings),
        _ => {}
    }
}

/// `LEVEL span{k=v}: message k=v`, as tracing's text format prints it.
fn as_text(event: &Map<String, Value>) -> String {
    let mut line = String::new();
    if let Some(t) = event.get("timestamp").and_then(Value::as_str) {
        line.push_str(&escaped(t));
        line.push(' ');
    }
    line.push_str(event.get("level").and_then(Value::as_str).unwrap_or("INFO"));
    let spans = event.get("spans").and_then(Value::as_array);
    for span in spans.into_iter().flatten().filter_map(Value::as_object) {
        line.push(' ');
        line.push_str(&escaped(
            span.get("name").and_then(Value::as_str).unwrap_or(""),
        ));
        let fields: Vec<String> = span
            .iter()
            .filter(|(k, _)| k.as_str() != "name")
            .map(|(k, v)| format!("{}={}", escaped(k), value_text(v)))
            .collect();
        if !fields.is_empty() {
            line.push_str(&format!("{{{}}}", fields.join(" ")));
        }
        line.push(':');
    }
    if let Some(fields) = event.get("fields").and_then(Value::as_object) {
        if let Some(message) = fields.get("message") {
            line.push(' ');
            line.push_str(&value_text(message));
        }
        for (k, v) in fields.iter().filter(|(k, _)| k.as_str() != "message") {
            line.push_str(&format!(" {}={}", escaped(k), value_text(v)));
        }
    }
    line
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => escaped(s),
        other => other.to_string(),
    }
}

/// `s` with control characters (line breaks first) escaped: a value stays on its line.
fn escaped(s: &str) -> String {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    /// What the subscriber writes, shared with the test.
    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Lines {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn logged(format: LogFormat, log: impl FnOnce()) -> String {
        let lines = Lines::default();
        let into = lines.clone();
        let collector = subscriber(move || RedactingWriter::new(into.clone(), format)).finish();
        tracing::subscriber::with_default(collector, log);
        String::from_utf8(lines.0.lock().unwrap().clone()).unwrap()
    }

    const KEY_LINE: &str =
        "Y2ktYm90OjhWWVRNa0AzJW1RNGZ3eTIxeiUqKiEqOTp3eGxOM2o1c291U3ppMGFraEBIMS5taUF6";

    #[test]
    fn a_value_is_redacted_on_its_own_not_joined_to_the_next() {
        // A key on a line of its own inside a name: joined to the next field, it would no
        // longer be a line of its own.
        let name = format!("web\n{KEY_LINE}\n");
        for format in [LogFormat::Json, LogFormat::Text] {
            let out = logged(format, || {
                tracing::info!(pipeline = %name, execution_id = "exec-1", "triage started");
            });
            assert!(!out.contains(&KEY_LINE[..8]), "{format:?}: {out}");
            assert!(out.contains("exec-1"), "{format:?}: {out}");
            assert_eq!(
                out.lines().count(),
                1,
                "{format:?}: one event, one line: {out}"
            );
        }
    }

    #[test]
    fn text_lines_read_as_tracing_prints_them() {
        let out = logged(LogFormat::Text, || {
            tracing::warn!(
                source = "logs:GetLogEvents",
                detail = "Rate exceeded",
                "evidence gap"
            );
        });
        assert_eq!(
            out,
            "WARN evidence gap source=logs:GetLogEvents detail=Rate exceeded\n"
        );
    }

    #[test]
    fn json_lines_stay_json() {
        let out = logged(LogFormat::Json, || {
            tracing::warn!(
                detail = "token ghp_oMPKhCt62fgPs4jXYQJhsuZIhP3LR8zSgvsO",
                "evidence gap"
            );
        });
        let event: Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(event["level"], "WARN");
        assert_eq!(event["fields"]["message"], "evidence gap");
        assert_eq!(event["fields"]["detail"], "token [REDACTED]");
    }

    #[test]
    fn what_is_not_json_is_redacted_as_text() {
        let mut w = RedactingWriter::new(Vec::new(), LogFormat::Json);
        w.write_all(b"password=hunter2hunter2 here\n").unwrap();
        let out = String::from_utf8(w.into_inner()).unwrap();
        assert!(!out.contains("hunter2h"), "{out}");
    }
}
