# Task entry points. Each works on a fresh machine with rustup and python3 (the scripts install
# the pinned tools into venvs). `make deploy` also needs AWS credentials.
.PHONY: help test lint validate build deploy demo

help:
	@echo "make test      the whole test suite (template checks, fmt, clippy, tests, accuracy)"
	@echo "make lint      cargo fmt --check and clippy -D warnings"
	@echo "make validate  cfn-lint, sam validate --lint, checkov on template.yaml"
	@echo "make build     sam build (cargo-lambda, arm64) into .aws-sam/build"
	@echo "make deploy    make build, then sam deploy --guided (needs AWS credentials)"
	@echo "make demo      diagnose a bundled failure offline"

test:
	./scripts/test.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

validate:
	./scripts/validate.sh

build:
	./scripts/build.sh

deploy: build
	SAM_CLI_TELEMETRY=0 .venv-template/bin/sam deploy --guided

demo:
	cargo run -q -p pipeline-triage -- diagnose --evidence examples/evidence/docker-hub-rate-limit.json
