#!/usr/bin/env bash
# The whole test suite, on a fresh machine: the template checks, formatting, lints, every test,
# the accuracy floors. It installs what the tests need: the crates in Cargo.lock (for the
# toolchain pinned in rust-toolchain.toml), a Python venv with the pinned local AWS emulator
# (tests/requirements.txt) and the pinned template tools (scripts/validate.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "test.sh: cargo is required (install rustup, then rerun)" >&2
  exit 1
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "test.sh: python3 is required for the local AWS emulator" >&2
  exit 1
fi

# Disk: a cold run takes ~3.4 GB here (three venvs ~1 GB, target/ ~2.4 GB). Say so up front
# rather than fail in the middle of a build with "No space left on device".
free_kb=$(df -Pk . 2>/dev/null | awk 'NR == 2 { print $4 }') || true
if [[ "$free_kb" =~ ^[0-9]+$ ]] && [ "$free_kb" -lt 4000000 ]; then
  echo "test.sh: warning: only $((free_kb / 1024)) MB free here; a cold run needs about 3.4 GB" >&2
fi

# The venvs are rebuilt when their pinned requirements change.
. scripts/venv.sh
venv .venv tests/requirements.txt

# A one-shot run gains nothing from incremental caches (~650 MB on a cold build).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== template checks"
./scripts/validate.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
# Property tests draw new inputs each run; the seed is printed so a failure can be replayed.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-$(date +%s)}"
echo "property test seed: $PROPTEST_RNG_SEED (set PROPTEST_RNG_SEED to replay)"
cargo test --workspace --locked 2>&1 | tee "$log"
echo "== accuracy on the development corpus"
# The binary the tests just built (a `cargo run -p` would rebuild it with other features).
"${CARGO_TARGET_DIR:-target}/debug/pipeline-triage" eval tests/data/dev.jsonl --min-top1 0.90 --min-top3 0.97 | sed -n 1,3p

# One closing line for the whole run (cargo prints one per test binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
