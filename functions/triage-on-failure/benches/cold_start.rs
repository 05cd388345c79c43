//! `cargo bench -p triage-on-failure --bench cold_start`: the function's cold start as Lambda
//! would see it, on this machine. The optimised binary is started ten times with the Runtime
//! API double and the local emulator; each process triages two failed builds (the first with
//! cold clients and connections, the second warm, both with the dedupe claim and the publish).
//! Prints the init time, both invocation times and the peak resident set.
//!
//! Needs `.venv` with moto (`./scripts/test.sh` creates it).

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../../../tests/integration/emulator.rs"]
#[allow(dead_code)]
mod emulator;
#[path = "../../../tests/integration/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;
#[path = "../../../tests/integration/runtime_api.rs"]
#[allow(dead_code)]
mod runtime_api;

use common::{TABLE, failure, world};
use runtime_api::{RuntimeApi, cold_start, lambda_command, print_cold_starts};

const BIN: &str = env!("CARGO_BIN_EXE_triage-on-failure");
const RUNS: usize = 10;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let em = emulator::Emulator::start();
    let topic = world(&em).await;
    let api = RuntimeApi::start();
    let mut runs = Vec::with_capacity(RUNS);
    for i in 0..RUNS {
        emulator::http(&em.url, "POST", "/_double/reset", "");
        let events = [
            failure(&em, "web", &format!("web-exec-{i}")),
            failure(&em, "api", &format!("api-exec-{i}")),
        ];
        let mut cmd = lambda_command(BIN, &api, &em.url);
        cmd.env("REPORT_TOPIC_ARN", &topic)
            .env("DEDUPE_TABLE_NAME", TABLE);
        let run = cold_start(&api, cmd, events);
        let published = em.calls().iter().filter(|c| c["op"] == "Publish").count();
        assert_eq!(published, 2, "both failures are reported in run {i}");
        runs.push(run);
    }
    print_cold_starts("triage-on-failure", BIN, &runs);
}
