//! `cargo bench -p pipeline-triage`: classify throughput and the memory of a 10 MB case.
//!
//! Prints numbers; asserts nothing (speed and memory are measured here, not in tests).

#![allow(clippy::print_stdout)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    let corpus = match std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/dev.jsonl"
    )) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot read the corpus: {e}");
            std::process::exit(1);
        }
    };
    let cases = corpus
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count();

    // Warm up: compile the catalog once, as a Lambda does at its first invocation.
    let warm = Instant::now();
    let _ = pipeline_triage::classify(&corpus[..], std::io::sink());
    println!(
        "first pass (catalog compile + {cases} cases): {:.1} ms",
        ms(warm.elapsed())
    );

    let start = Instant::now();
    let mut rounds = 0u32;
    while start.elapsed() < Duration::from_secs(3) {
        let _ = pipeline_triage::classify(&corpus[..], std::io::sink());
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let total = f64::from(rounds) * cases as f64;
    println!(
        "classify throughput on the corpus: {:.0} cases/s ({:.1} µs/case, {} rounds of {cases})",
        total / secs,
        secs * 1e6 / total,
        rounds
    );

    let bin = env!("CARGO_BIN_EXE_pipeline-triage");
    let case = format!("{}\n", support::ten_megabyte_case());
    let mut best = f64::MAX;
    let mut rss = 0;
    for _ in 0..3 {
        let (elapsed, max_rss_kib, ok) = run_once(bin, case.as_bytes());
        if !ok {
            eprintln!("the 10 MB case failed");
            std::process::exit(1);
        }
        best = best.min(ms(elapsed));
        rss = rss.max(max_rss_kib);
    }
    println!(
        "10 MB case ({:.1} MB line): {best:.0} ms wall (best of 3), peak RSS {:.1} MiB",
        case.len() as f64 / 1e6,
        rss as f64 / 1024.0
    );
    let (elapsed, small_rss, _) = run_once(bin, b"{\"message\":\"BUILD_TIMED_OUT\"}\n");
    println!(
        "one small case, whole process: {:.1} ms wall, peak RSS {:.1} MiB",
        ms(elapsed),
        small_rss as f64 / 1024.0
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs `classify` on `input`; returns the wall time, the child's own peak RSS (KiB) and
/// success.
fn run_once(bin: &str, input: &[u8]) -> (Duration, u64, bool) {
    let start = Instant::now();
    let Ok(mut child) = Command::new(bin)
        .arg("classify")
        .env("PIPELINE_TRIAGE_STATS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    else {
        return (start.elapsed(), 0, false);
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    let Ok(out) = child.wait_with_output() else {
        return (start.elapsed(), 0, false);
    };
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak_rss_kib="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    (elapsed, rss, out.status.success())
}
