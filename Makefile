# The two commands of the README: `make dev` and `make test`. Each installs what it needs.
SWIFT ?= swift
SWIFTFLARE := .build/debug/swiftflare
CONFIGS := $(shell find wrangler-configs -name 'wrangler*.toml' -o -name 'wrangler*.json' -o -name 'wrangler*.jsonc' 2>/dev/null | sort)

.PHONY: deps build dev test lint format bench

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# Serves every config in wrangler-configs/ (the import worker on :8787, so that
# `curl -X POST localhost:8787/trigger` works at once), replaying recorded fixtures.
dev: build
	$(SWIFTFLARE) dev --fetch replay --primary coinswarm-historical-import

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) format lint --strict --recursive Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

format:
	$(SWIFT) format --in-place --recursive Sources Tests

bench: deps
	$(SWIFT) build -c release
	.build/release/swiftflare bench
