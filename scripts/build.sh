#!/usr/bin/env bash
# `sam build` on a fresh machine: cargo-lambda and zig from PyPI (.venv-build), SAM CLI
# (.venv-template), the arm64 Rust target; then sam build, which runs
# `cargo lambda build --release --arm64 --bin <function>` for each function into .aws-sam/build.
# Extra arguments go to sam build.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null 2>&1 || { echo "build.sh: python3 is required" >&2; exit 1; }
command -v rustup >/dev/null 2>&1 || { echo "build.sh: rustup is required (https://rustup.rs)" >&2; exit 1; }
. scripts/venv.sh
venv .venv-build tests/requirements-build.txt
venv .venv-template tests/requirements-template.txt
# The toolchain of rust-toolchain.toml, for the Lambda's CPU. SAM runs cargo-lambda outside
# this folder, where rust-toolchain.toml is not seen: RUSTUP_TOOLCHAIN pins cargo and rustc both.
RUSTUP_TOOLCHAIN=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
: "${RUSTUP_TOOLCHAIN:?build.sh: cannot read the channel from rust-toolchain.toml}"
export RUSTUP_TOOLCHAIN
rustup target add aarch64-unknown-linux-gnu
export PATH="$PWD/.venv-build/bin:$PWD/.venv-template/bin:$PATH" SAM_CLI_TELEMETRY=0
sam build "$@"
