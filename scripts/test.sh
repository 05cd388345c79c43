#!/usr/bin/env bash
# The whole test suite, on a fresh machine: formatting, lints, every test, the accuracy floors.
# It installs what the tests need; for now that is only the pinned Rust toolchain
# (rust-toolchain.toml) and the crates in Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "test.sh: cargo is required (install rustup, then rerun)" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked 2>&1 | tee "$log"
echo "== accuracy on the development corpus"
cargo run -q --locked -p pipeline-triage -- eval tests/data/dev.jsonl --min-top1 0.90 --min-top3 0.97 | head -3

# One closing line for the whole run (cargo prints one per test binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
