# Liên thông — the two commands a newcomer needs: `make start` and `make test`.
# Each installs and provisions what it needs first; caches live outside the clone (~/.cache/lien-thong).
SHELL := /bin/bash
.DEFAULT_GOAL := help
export npm_config_fund := false
export npm_config_audit := false
export npm_config_update_notifier := false

TSX := node_modules/.bin/tsx

.PHONY: help install provision web start test check fuzz histories demo bench bench-scale chaos format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

# Installs the exact versions of package-lock.json, only when it changed since the last install.
# `npm ci`, not `npm install`: it never writes package-lock.json (npm 10, Node 20's, rewrote it here,
# dropping the `libc` of other platforms' binaries), and it fails when package.json and the lockfile
# disagree instead of resolving anew. The lockfile lists every platform's optional binaries (the
# registry has them all now), so `npm ci` installs on any of them. It empties node_modules first, so
# a node_modules linked from another checkout (a git worktree's) is left for that checkout to install.
node_modules/.installed: package.json package-lock.json
	@if [ -L node_modules ]; then \
	  echo "[make] node_modules links to another checkout's: not reinstalled (npm ci would empty it)"; \
	else \
	  echo "[make] installing npm dependencies from package-lock.json (npm ci)"; \
	  npm ci --no-audit --no-fund && touch $@; \
	fi

install: node_modules/.installed ## install npm dependencies

provision: install ## fetch/build the Temporal CLI and server, the Java test server, schemathesis and versitygw into the cache; install Chromium, poppler-utils and certutil
	@bash scripts/provision-temporal-cli.sh >/dev/null
	@bash scripts/provision-temporal-server.sh >/dev/null
	@bash scripts/provision-test-server.sh >/dev/null
	@bash scripts/provision-docker-compose.sh >/dev/null
	@bash scripts/provision-schemathesis.sh >/dev/null
	@bash scripts/provision-chromium.sh >/dev/null
	@bash scripts/provision-poppler.sh
	@bash scripts/provision-versitygw.sh >/dev/null

web: install ## bundle the web pages (web/src → web/dist) with esbuild
	@$(TSX) web/build.ts

# node with tsx's loader, not the tsx command: the command relays Ctrl-C to the node process it runs
# and SIGKILLs it when it is slow to answer, which once left the launcher's parts running.
start: install web ## run the whole system (PostgreSQL, Temporal, simulators, worker, API); Ctrl-C stops it
	@node --import tsx scripts/start.ts

check: install ## typecheck, lint, formatting, layer rules
	npm run -s typecheck
	npm run -s lint
	npm run -s format:check
	npm run -s deps:check

# A run leaves the clone as it found it: every output goes to an ignored folder (test-output/, data/,
# build/, web/dist/). The status is taken as make starts, before installing and bundling.
ifneq ($(filter test,$(MAKECMDGOALS)),)
TREE_BEFORE := $(shell git status --porcelain 2>/dev/null | cksum)
endif

test: provision check web ## everything CI runs: checks, then every test against the real stack
	npx vitest run
	@[ "$$(git status --porcelain 2>/dev/null | cksum)" = "$(TREE_BEFORE)" ] || \
	  { echo "[make] the run changed the working tree (git status --porcelain):"; git status --porcelain; exit 1; }

# The bounded round of the same file runs in `make test`; this one raises the examples per operation,
# sends every caller to every operation, and stops by itself (a few minutes).
fuzz: provision ## schemathesis on the real stack: thousands of generated requests, reports in test-output/fuzz/
	FUZZ_MAX_EXAMPLES=$${FUZZ_MAX_EXAMPLES:-40} npx vitest run test/fuzz/schemathesis.test.ts

histories: provision ## re-record the replay histories of every Group A and B path from real runs
	LIEN_THONG_RECORD_HISTORIES=1 npx vitest run test/integration/birth-residence-insurance.test.ts \
	  test/integration/birth-deadlines.test.ts test/integration/group-a-api.test.ts \
	  test/integration/death-residence-funeral.test.ts test/integration/death-deadlines.test.ts \
	  test/integration/refusals.test.ts test/integration/death-right-payee.test.ts \
	  test/integration/calendar-notice.test.ts

demo: install ## with `make start` running: file a Group A and a Group B case, act as officers and relatives, print the results
	@$(TSX) scripts/demo.ts $${API_PORT:-3000}
	@$(TSX) scripts/demo-death.ts $${API_PORT:-3000}

# One scenario at a time: `make bench SCENARIOS=latency`; options: `make bench ARGS="--open=10000"`.
bench: provision ## benchmarks (throughput vs bare Temporal, API latency, open cases, start-up) → bench/results/
	@$(TSX) bench/run.ts $(SCENARIOS) $(ARGS)

# 100,000 open cases take hours here: this files for at most MINUTES, keeps the stack's data in
# data/bench-scale, and the same command goes on from there until the run is complete.
MINUTES ?= 100
bench-scale: provision ## the scale scenario in parts of MINUTES (100), resumed by running it again
	@$(TSX) bench/run.ts scale --data=data/bench-scale --budget-minutes=$(MINUTES) $(ARGS)

# Bounded: it stops by itself (about 25 minutes) and exits 1 when the oracle finds anything.
# Smaller: `make chaos ARGS="--cases=200 --minutes=5"`. A short version runs in `make test`.
chaos: provision ## 1,000 cases while processes die and agencies fail, judged by an oracle → chaos/results/
	MODEL_RUNS=$${MODEL_RUNS:-20000} MODEL_SEED=$${MODEL_SEED:-$$RANDOM} npx vitest run test/model/machines.property.test.ts
	@$(TSX) chaos/run.ts $(ARGS)

format: install ## rewrite files with prettier
	npm run -s format

clean: ## remove local data (the embedded PostgreSQL and Temporal's SQLite file)
	rm -rf data build test-output
