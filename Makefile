# Two commands do everything on a fresh machine with Python >= 3.11 and make:
#   make run   - install, seed the SQLite file if missing or out of date, serve on :8000
#   make test  - install (with the test tools), run every test (minutes: see README.md)
# Versions (docs/operations.md, "Versions"): the runtime packages come from
# requirements.lock (exact pins) in `make run`, `make test` and the container alike; only
# the test tools resolve from pyproject.toml's ranges. VERSIONS=newest or VERSIONS=lowest
# tests the runtime packages instead at the newest versions pyproject.toml's ranges allow,
# or at each one's lowest bound, each in a venv of its own: CI runs the suite both ways.
PYTHON ?= python3
VERSIONS ?= lock
VENV := $(if $(filter lock,$(VERSIONS)),.venv,.venv-$(VERSIONS))
PINS_lock := -c requirements.lock
PINS_newest := --upgrade --upgrade-strategy eager
PINS_lowest := -c build/lowest-constraints.txt
PINS := $(or $(PINS_$(VERSIONS)),$(error VERSIONS is lock, newest or lowest, not $(VERSIONS)))
BIN := $(VENV)/bin
# pytest-xdist workers for `make test`: one more than the cores, since many tests wait
# on a process or a socket (0 runs them all in this process). A module's tests run on
# one worker (loadfile), so that its shared fixtures are built once, and in the order
# tests/conftest.py gives them (no reordering by size): tests/system, the longest, first.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
HOST ?= 127.0.0.1
PORT ?= 8000
SQLITE_FILE := data/circle.sqlite3
DATASET := $(shell find seed -type f \( -name '*.yaml' -o -name '*.txt' -o -name '*.py' \)) \
           $(wildcard models/*.py)

.PHONY: docs run test browser seed lint typecheck check fuzz chaos loadtest bench bench-scale cluster cluster-deps clean client-models contract-tools

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps make installs idempotent: reinstall only when pyproject.toml or the lock changes.
$(VENV)/.installed-run: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock -e .
	@touch $@

# The dev install includes circle-client (client/), a distribution of its own, for its
# tests; the lock constrains every runtime package the test tools share with the app.
$(VENV)/.installed-dev: pyproject.toml requirements.lock client/pyproject.toml \
                        $(if $(filter lowest,$(VERSIONS)),build/lowest-constraints.txt) | $(BIN)/python
	$(BIN)/pip install --quiet $(PINS) -e '.[dev]' -e ./client
	@touch $@ $(VENV)/.installed-run

# Each runtime dependency pinned to the lowest version pyproject.toml allows.
build/lowest-constraints.txt: pyproject.toml .ci/lowest_versions.py
	@mkdir -p build
	$(PYTHON) .ci/lowest_versions.py pyproject.toml > $@

$(SQLITE_FILE): $(VENV)/.installed-run $(DATASET)
	$(BIN)/circle seed --database-url sqlite:///$(SQLITE_FILE)
	@touch $@

seed: $(VENV)/.installed-run
	$(BIN)/circle seed

run: $(SQLITE_FILE)
	$(BIN)/circle serve --host $(HOST) --port $(PORT) --database-url sqlite:///$(SQLITE_FILE)

test: $(VENV)/.installed-dev
	@echo "make test: several minutes; the skip summary and the totals come last"
	$(BIN)/python -c 'import fastapi, starlette, uvicorn, psycopg, pydantic, sqlalchemy; print("make test: VERSIONS=$(VERSIONS):", *(f"{m.__name__} {m.__version__}" for m in (fastapi, starlette, uvicorn, psycopg, pydantic, sqlalchemy)))'
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

# Debian's Chromium and its driver, for the /docs tests in a real browser
# (tests/system/test_docs_browser.py skips without them, and fails in CI). Needs root
# and apt-get; does nothing when they are installed.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
		echo "browser: /usr/bin/chromium and /usr/bin/chromedriver are installed"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "browser: run as root (sudo make browser): it installs chromium and chromium-driver with apt-get" >&2; \
		exit 1; \
	else \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	fi

# The npm tools the contract tests run (Spectral, openapi-typescript, tsc), from the
# committed lockfile; without them those tests skip, or fail when CI=true.
contract-tools: contract/node_modules/.installed

contract/node_modules/.installed: contract/package.json contract/package-lock.json
	cd contract && npm ci --no-audit --no-fund
	@touch $@

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy api cli models seed server client deploy bench tests chaos .ci/lowest_versions.py

check: lint typecheck test

# circle-client's derived code: its models and typed resources from the app's OpenAPI
# document, its synchronous client from the asynchronous one (a test fails when they differ).
client-models: $(VENV)/.installed-dev
	$(BIN)/python -m tests.openapi_document build/openapi.json
	$(BIN)/python client/generate_code.py build/openapi.json

# schemathesis against live servers with many more examples than `make test` runs.
fuzz: $(VENV)/.installed-dev
	CIRCLE_FUZZ_EXAMPLES=$${CIRCLE_FUZZ_EXAMPLES:-400} $(BIN)/python -m pytest -p no:cacheprovider tests/system/test_schemathesis.py

# Faults and abuse against circle serve on loopback (chaos/test_chaos.py): a cache-key
# flood and huge headers against the memory budget, slowloris, a private PostgreSQL
# (initdb as the postgres OS user) stopped under load, a /readyz flood, an export cut by
# an outage, a stalled log reader; over a 40,000-figure database on both engines: 40
# concurrent exports, 200 readers that read nothing, the send timeout. Needs the
# PostgreSQL server binaries (/usr/lib/postgresql/*/bin, as CI has them). -s: it prints
# what it measured.
chaos: $(VENV)/.installed-dev
	timeout --foreground --kill-after=30 1200 $(BIN)/python -m pytest -p no:cacheprovider -s chaos

# wrk at c=64 and c=256 against `circle serve --workers 2`, then a worker killed mid-run.
loadtest: $(VENV)/.installed-dev
	$(BIN)/python bench/loadtest.py

# Benchmarks (docs/performance.md). BENCH_DURATION / BENCH_WARMUP: seconds of each run.
# Results go to bench/out/; RECORD=1 also writes them into docs/performance.md and its chart.
RECORD ?=
bench: $(VENV)/.installed-run
	BENCH_RECORD=$(RECORD) timeout --foreground --kill-after=30 1800 $(BIN)/python -m bench.run

bench-scale: $(VENV)/.installed-run
	BENCH_RECORD=$(RECORD) timeout --foreground --kill-after=30 1500 $(BIN)/python -m bench.scale

# compose.yaml's shape as plain processes on loopback, without Docker (deploy/cluster.py):
# a private PostgreSQL, `circle seed`, the replicas and nginx on PORT. Ctrl-C stops it.
cluster: $(VENV)/.installed-run cluster-deps
	$(BIN)/python -m deploy.cluster --port $(PORT)

# What the cluster needs that a fresh machine lacks: nginx and the PostgreSQL server.
# Installing them needs root (or sudo); without either it says what to install.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
cluster-deps:
	@if ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null \
	   || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null; then \
	    echo "cluster-deps: make cluster needs nginx and the PostgreSQL server binaries" \
	      "(/usr/lib/postgresql/*/bin); install them as root: apt-get install nginx-light" \
	      "postgresql (or run make cluster-deps as root)" >&2; \
	    exit 1; \
	  fi; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    nginx-light postgresql; \
	fi

clean:
	rm -rf $(VENV) data contract/node_modules build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

# docs/api.md's per-collection parameter tables, from the app's OpenAPI document (a test
# fails when they differ).
docs: $(VENV)/.installed-dev
	$(BIN)/python -m docs.reference_tables
