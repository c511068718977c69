# The two commands of the README: `make dev` and `make test`. Each installs what it needs.
SWIFT ?= swift
SWIFTFLARE := .build/debug/swiftflare
CONFIGS := $(shell find wrangler-configs -name 'wrangler*.toml' -o -name 'wrangler*.json' -o -name 'wrangler*.jsonc' 2>/dev/null | sort)

.PHONY: deps venv test-py build dev test lint format bench crash crash-quick soak soak-quick fuzz tsan

deps:
	@scripts/ensure-deps.sh

venv:
	@scripts/ensure-venv.sh

test-py: venv
	$(SWIFT) build
	.venv/bin/python -m pytest -q -p no:cacheprovider tests-py

build: deps
	$(SWIFT) build

# Serves every config in wrangler-configs/ (the import worker on :8787, so that
# `curl -X POST localhost:8787/trigger` works at once), replaying recorded fixtures.
dev: build
	$(SWIFTFLARE) dev --fetch replay --primary coinswarm-historical-import

# The 60 s soak (real process, loopback only) runs before the unit tests so that swift test's
# summary stays the last thing printed.
test: deps
	$(SWIFT) build --build-tests
	scripts/ensure-venv.sh
	python3 scripts/soak.py --binary $(SWIFTFLARE) --duration 60
	@# Real clients (requirements/*.txt) against a running `swiftflare dev`; artefacts in test-artifacts/.
	.venv/bin/python -m pytest -q -p no:cacheprovider tests-py
	@# A guard (RELIABILITY.md, "The test-suite hang"): the suite takes under a minute, so a run still
	@# going after 7 minutes has stalled; it is retried once.
	timeout 420 $(SWIFT) test --skip-build || timeout 420 $(SWIFT) test --skip-build
	$(SWIFT) format lint --strict --recursive Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

format:
	$(SWIFT) format --in-place --recursive Sources Tests

bench: deps
	$(SWIFT) build -c release
	.build/release/swiftflare bench

# Reliability (docs/reliability.md). The harnesses run a built binary against 127.0.0.1 only.
SOAK_SECONDS ?= 600
CRASH_KILLS ?= 60
CRASH_SEED ?= 1

crash: deps
	$(SWIFT) build -c release
	python3 scripts/crash-harness.py --binary .build/release/swiftflare --kills $(CRASH_KILLS) --terms 8 --seed $(CRASH_SEED)

crash-quick: build
	python3 scripts/crash-harness.py --binary $(SWIFTFLARE) --kills 8 --terms 2 --seed $(CRASH_SEED)

soak: deps
	$(SWIFT) build -c release
	python3 scripts/soak.py --binary .build/release/swiftflare --duration $(SOAK_SECONDS)

soak-quick: build
	python3 scripts/soak.py --binary $(SWIFTFLARE) --duration 60

# libFuzzer targets in Fuzz/ (a separate package), each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

tsan: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan
