//! Starts a function binary the way Lambda does: a process with `AWS_LAMBDA_RUNTIME_API` pointed
//! at our Runtime API double (`tests/doubles/runtime_api.py`), which hands it the queued events
//! and records its answers with arrival times.
//!
//! Included with `#[path]` by the functions' process tests and cold-start benchmarks (they need
//! `CARGO_BIN_EXE_<name>`, which Cargo sets only inside the function's own package).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::emulator::{abandon, announced_port, http, root};

pub struct RuntimeApi {
    child: Child,
    /// `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`.
    pub addr: String,
}

impl RuntimeApi {
    pub fn start() -> Self {
        let mut child = Command::new("python3")
            .arg(root().join("tests/doubles/runtime_api.py"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 starts the Runtime API double");
        let Some(port) = child.stdout.take().and_then(|o| announced_port(o, "PORT ")) else {
            abandon(
                &mut [&mut child],
                "the Runtime API double did not announce its port within 30 s",
            )
        };
        Self {
            child,
            addr: format!("127.0.0.1:{port}"),
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues invocations, each with 30 s to run.
    pub fn queue(&self, events: &[Value]) {
        let items: Vec<Value> = events
            .iter()
            .map(|e| json!({"event": e, "deadline_ms": 30_000}))
            .collect();
        let (status, body) = http(
            &self.url(),
            "POST",
            "/_runtime/events",
            &Value::Array(items).to_string(),
        );
        assert_eq!(status, 200, "{body}");
    }

    pub fn reset(&self) {
        http(&self.url(), "POST", "/_runtime/reset", "");
    }

    /// What the function did, in order: `next`, `event`, `response`, `error` entries with `t`
    /// (epoch seconds) and, for answers, the `body` it posted.
    pub fn log(&self) -> Vec<Value> {
        serde_json::from_str(&http(&self.url(), "GET", "/_runtime/log", "").1).unwrap()
    }

    /// Waits until the function has answered `n` invocations (responses or errors) and asked
    /// for the next one, or until its process exits; returns the log.
    pub fn wait_answers(&self, function: &mut Child, n: usize, timeout: Duration) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let log = self.log();
            let answers = log
                .iter()
                .filter(|e| matches!(e["kind"].as_str(), Some("response" | "error")))
                .count();
            let nexts = log.iter().filter(|e| e["kind"] == "next").count();
            if answers >= n && nexts > n {
                return log;
            }
            if function.try_wait().unwrap().is_some() {
                return log;
            }
            assert!(
                start.elapsed() < timeout,
                "the function answered {answers} of {n} invocations in {timeout:?}: {log:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A started function process whose output (stdout and stderr) goes to a file, so a chatty
/// process never blocks on a full pipe.
pub struct Function {
    pub child: Child,
    output: std::path::PathBuf,
}

impl Function {
    pub fn spawn(mut cmd: Command) -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let output = std::env::temp_dir().join(format!("lambda-{}-{n}.log", std::process::id()));
        let file = std::fs::File::create(&output).unwrap();
        let child = cmd
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap();
        Self { child, output }
    }

    /// The exit status, or `None` (and the process killed) if it still runs after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        None
    }

    /// Stops the process; returns everything it wrote.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let text = std::fs::read_to_string(&self.output).unwrap_or_default();
        let _ = std::fs::remove_file(&self.output);
        text
    }
}

impl Drop for Function {
    /// A test that panics before `stop` leaves no process behind.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bin` with `setting` = `value` (an invalid value) and asserts what Lambda would see:
/// the process exits non-zero before it takes an event, and its log names the setting.
pub fn assert_refuses_to_start(bin: &str, topic: &str, setting: &str, value: &str) {
    let api = RuntimeApi::start();
    // No AWS call is made: any endpoint will do.
    let mut cmd = lambda_command(bin, &api, "http://127.0.0.1:9");
    cmd.env("REPORT_TOPIC_ARN", topic).env(setting, value);
    let mut function = Function::spawn(cmd);
    let status = function
        .wait_exit(Duration::from_secs(30))
        .expect("a misconfigured function exits");
    let output = function.stop();
    assert!(!status.success(), "{output}");
    assert!(
        output.contains("invalid configuration") && output.contains(setting),
        "{output}"
    );
    assert!(
        nth(&api.log(), "next", 0).is_none(),
        "no event is taken by a misconfigured function"
    );
}

/// The environment Lambda gives every function, plus credentials and a Region for the SDK and
/// the emulator as every endpoint.
pub fn lambda_command(bin: &str, api: &RuntimeApi, endpoint: &str) -> Command {
    let mut cmd = Command::new(bin);
    cmd.env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", &api.addr)
        .env("AWS_LAMBDA_FUNCTION_NAME", "triage")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/triage")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "local")
        .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", endpoint);
    cmd
}

pub fn epoch_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// The process's peak resident set (VmHWM), in KiB; Linux only.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// CPU time (user + system) the process has used, its exited threads included, in
/// milliseconds (`/proc/<pid>/stat`, counted in 10 ms ticks); Linux only.
pub fn cpu_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name (which may hold spaces): field 3 (`state`) on; utime and stime
    // are fields 14 and 15.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 * 10.0)
}

/// The JSON the function posted in a `response` or `error` entry.
pub fn body(entry: Option<&Value>) -> Value {
    serde_json::from_str(entry.unwrap()["body"].as_str().unwrap()).unwrap()
}

/// The first entry of `kind` in the log, from the `nth` (0-based) on.
pub fn nth<'a>(log: &'a [Value], kind: &str, n: usize) -> Option<&'a Value> {
    log.iter().filter(|e| e["kind"] == kind).nth(n)
}

/// One cold start: the process started, then answered two invocations.
#[derive(Debug, Clone, Copy)]
pub struct ColdStart {
    /// Spawn to the first `next` request: what Lambda reports as Init Duration.
    pub init_ms: f64,
    /// Each invocation, event handed out to answer received (the first with cold clients).
    pub invocations_ms: [f64; 2],
    /// CPU time of the start, then of each invocation.
    pub cpu_ms: [f64; 3],
    /// Peak resident set after the start, then after each invocation, in KiB.
    pub peak_rss_kib: [u64; 3],
}

/// Starts `cmd` (from `lambda_command`), hands it the two `events` one by one, and measures it.
/// The process is sampled while it waits for its next event, so the samples split the start
/// and each invocation.
pub fn cold_start(api: &RuntimeApi, mut cmd: Command, events: [Value; 2]) -> ColdStart {
    api.reset();
    let spawned = epoch_now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut cpu = [0.0; 3];
    let mut rss = [0; 3];
    let mut log = Vec::new();
    for (stage, (c, r)) in cpu.iter_mut().zip(rss.iter_mut()).enumerate() {
        // One event at a time, once the process waits for it.
        if let Some(event) = stage.checked_sub(1).and_then(|i| events.get(i)) {
            api.queue(std::slice::from_ref(event));
        }
        log = api.wait_answers(&mut child, stage, Duration::from_secs(60));
        *c = cpu_ms(pid).unwrap_or(0.0);
        *r = peak_rss_kib(pid).unwrap_or(0);
    }
    let _ = child.kill();
    let _ = child.wait();
    let t = |kind: &str, n: usize| {
        nth(&log, kind, n)
            .and_then(|e| e["t"].as_f64())
            .unwrap_or_else(|| panic!("no {kind} #{n}: {log:?}"))
    };
    let answer = |n: usize| {
        log.iter()
            .filter(|e| matches!(e["kind"].as_str(), Some("response" | "error")))
            .nth(n)
            .and_then(|e| e["t"].as_f64())
            .unwrap_or_else(|| panic!("no answer #{n}: {log:?}"))
    };
    ColdStart {
        init_ms: (t("next", 0) - spawned) * 1e3,
        invocations_ms: [
            (answer(0) - t("event", 0)) * 1e3,
            (answer(1) - t("event", 1)) * 1e3,
        ],
        cpu_ms: [cpu[0], cpu[1] - cpu[0], cpu[2] - cpu[1]],
        peak_rss_kib: rss,
    }
}

/// Prints median and max of each measure.
pub fn print_cold_starts(name: &str, bin: &str, runs: &[ColdStart]) {
    fn stats(mut v: Vec<f64>) -> (f64, f64, f64) {
        v.sort_by(f64::total_cmp);
        let median = v.get(v.len() / 2).copied().unwrap_or(0.0);
        let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
        (median, mean, v.last().copied().unwrap_or(0.0))
    }
    let size = std::fs::metadata(bin).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0;
    println!(
        "{name}: {} cold starts of {bin} ({size:.1} MB), each with two invocations",
        runs.len()
    );
    let ms = |f: fn(&ColdStart) -> f64| runs.iter().map(f).collect::<Vec<f64>>();
    let rows: [(&str, Vec<f64>, &str); 9] = [
        ("init (spawn to first /next)", ms(|r| r.init_ms), "ms"),
        ("  CPU", ms(|r| r.cpu_ms[0]), "ms"),
        (
            "  peak RSS",
            ms(|r| r.peak_rss_kib[0] as f64 / 1024.0),
            "MiB",
        ),
        (
            "first invocation (cold clients)",
            ms(|r| r.invocations_ms[0]),
            "ms",
        ),
        ("  CPU", ms(|r| r.cpu_ms[1]), "ms"),
        (
            "  peak RSS after it",
            ms(|r| r.peak_rss_kib[1] as f64 / 1024.0),
            "MiB",
        ),
        (
            "second invocation (warm)",
            ms(|r| r.invocations_ms[1]),
            "ms",
        ),
        ("  CPU", ms(|r| r.cpu_ms[2]), "ms"),
        (
            "  peak RSS after it",
            ms(|r| r.peak_rss_kib[2] as f64 / 1024.0),
            "MiB",
        ),
    ];
    for (label, values, unit) in rows {
        // CPU is counted in 10 ms ticks: the mean of ten runs says more than the median.
        let (median, mean, max) = stats(values);
        println!(
            "  {label:<34} median {median:7.1} {unit}, mean {mean:7.1} {unit}, max {max:7.1} {unit}"
        );
    }
}
