//! A real local AWS for tests: moto (from `.venv`, installed by `scripts/test.sh`) behind our
//! double (`tests/doubles/aws_double.py`), which answers the operations moto lacks and proxies
//! the rest. Each `Emulator` owns its two processes and stops them when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use serde_json::Value;

pub struct Emulator {
    moto: Child,
    double: Child,
    /// The endpoint every client uses.
    pub url: String,
}

/// The workspace root (the folder with `Cargo.lock`), from whichever member includes this file.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|d| d.join("Cargo.lock").exists())
        .unwrap_or(&manifest)
        .to_path_buf()
}

/// Reads a child's output until a line carries `marker` followed by a port number, within 30 s.
/// The rest is drained on the reading thread: werkzeug logs every request to stderr, and an
/// unread pipe would stall the process.
pub fn announced_port<R: Read + Send + 'static>(stream: R, marker: &'static str) -> Option<u16> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stream);
        let mut line = String::new();
        loop {
            line.clear();
            if !matches!(lines.read_line(&mut line), Ok(n) if n > 0) {
                return;
            }
            if let Some((_, rest)) = line.split_once(marker) {
                let _ = tx.send(rest.trim().parse::<u16>().ok());
                break;
            }
        }
        let _ = std::io::copy(&mut lines, &mut std::io::sink());
    });
    rx.recv_timeout(Duration::from_secs(30)).ok().flatten()
}

/// Kills the processes started so far and fails the test with `why`.
pub fn abandon(children: &mut [&mut Child], why: &str) -> ! {
    for child in children {
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("{why}")
}

/// A minimal HTTP/1.1 exchange (no client crate needed for the control API).
pub fn http(url: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let addr = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

impl Emulator {
    pub fn start() -> Self {
        let moto_bin = root().join(".venv/bin/moto_server");
        let python = root().join(".venv/bin/python");
        assert!(
            moto_bin.exists(),
            "moto is not installed: run ./scripts/test.sh once (it creates .venv from tests/requirements.txt)"
        );
        // Port 0: moto binds a free port itself and names it, so no other process can take
        // the port between our choosing it and moto binding it (a parallel test once did).
        let start = Instant::now();
        let mut moto = Command::new(&moto_bin)
            .args(["-H", "127.0.0.1", "-p", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let Some(port) = moto
            .stderr
            .take()
            .and_then(|e| announced_port(e, "Running on http://127.0.0.1:"))
        else {
            abandon(
                &mut [&mut moto],
                "moto did not announce its port within 30 s",
            )
        };
        let moto_url = format!("http://127.0.0.1:{port}");
        let mut double = Command::new(&python)
            .arg(root().join("tests/doubles/aws_double.py"))
            .args(["--upstream", &moto_url])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let Some(double_port) = double
            .stdout
            .take()
            .and_then(|o| announced_port(o, "PORT "))
        else {
            abandon(
                &mut [&mut moto, &mut double],
                "the AWS double did not announce its port within 30 s",
            )
        };
        let em = Self {
            moto,
            double,
            url: format!("http://127.0.0.1:{double_port}"),
        };
        // moto answers once its app is loaded.
        while http(&moto_url, "GET", "/moto-api/", "").0 != 200 {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "moto did not answer"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        em
    }

    /// Registers canned answers (see the double's docstring).
    pub fn answer(&self, answers: Value) {
        let (status, body) = http(&self.url, "POST", "/_double/answers", &answers.to_string());
        assert_eq!(status, 200, "{body}");
    }

    /// Adds latency to every request (the triage benchmark uses it).
    #[allow(dead_code)]
    pub fn latency(&self, ms: u64) {
        http(
            &self.url,
            "POST",
            "/_double/latency",
            &format!("{{\"ms\": {ms}}}"),
        );
    }

    /// What the double saw.
    pub fn calls(&self) -> Vec<Value> {
        serde_json::from_str(&http(&self.url, "GET", "/_double/calls", "").1).unwrap()
    }

    /// An SDK configuration pointed at the emulator, with short retries.
    pub async fn sdk_config(&self, operation_timeout: Duration) -> SdkConfig {
        let timeouts = aws_config::timeout::TimeoutConfig::builder()
            .operation_timeout(operation_timeout)
            .build();
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_sns::config::Credentials::new(
                "testing", "testing", None, None, "emulator",
            ))
            .endpoint_url(&self.url)
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(2)
                    .with_initial_backoff(Duration::from_millis(20)),
            )
            .timeout_config(timeouts)
            .load()
            .await
    }
}

/// Creates an SNS topic in the emulator; returns its ARN.
#[allow(dead_code)]
pub async fn create_topic(sdk: &SdkConfig, name: &str) -> String {
    aws_sdk_sns::Client::new(sdk)
        .create_topic()
        .name(name)
        .send()
        .await
        .unwrap()
        .topic_arn()
        .unwrap()
        .to_owned()
}

/// Creates the dedupe table as `template.yaml` declares it (key `pk`, TTL on `expires_at`).
#[allow(dead_code)]
pub async fn create_claims_table(sdk: &SdkConfig, name: &str) {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
        TimeToLiveSpecification,
    };
    let ddb = aws_sdk_dynamodb::Client::new(sdk);
    ddb.create_table()
        .table_name(name)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("pk")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("pk")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .unwrap();
    ddb.update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .attribute_name("expires_at")
                .enabled(true)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
}

/// Writes `lines` to a new log stream in the emulator's CloudWatch Logs, stamped now (moto
/// drops events older than the retention window).
#[allow(dead_code)]
pub async fn put_log(
    logs: &aws_sdk_cloudwatchlogs::Client,
    group: &str,
    stream: &str,
    lines: &[&str],
) {
    logs.create_log_group()
        .log_group_name(group)
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name(group)
        .log_stream_name(stream)
        .send()
        .await
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let events: Vec<_> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
                .timestamp(now + i as i64)
                .message(*l)
                .build()
                .unwrap()
        })
        .collect();
    logs.put_log_events()
        .log_group_name(group)
        .log_stream_name(stream)
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.double.kill();
        let _ = self.moto.kill();
        let _ = self.double.wait();
        let _ = self.moto.wait();
    }
}
