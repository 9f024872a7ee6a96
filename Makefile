# Two commands do everything on a fresh machine with Python >= 3.11 and make:
#   make run   - install, seed the SQLite file if missing or out of date, serve on :8000
#   make test  - install (with the test tools), run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SQLITE_FILE := data/circle.sqlite3
DATASET := $(shell find seed -type f \( -name '*.yaml' -o -name '*.txt' -o -name '*.py' \)) \
           $(wildcard models/*.py)

.PHONY: run test seed lint typecheck check fuzz loadtest bench bench-scale clean contract-tools

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps make installs idempotent: reinstall only when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed-run

$(SQLITE_FILE): $(VENV)/.installed-run $(DATASET)
	$(BIN)/circle seed --database-url sqlite:///$(SQLITE_FILE)
	@touch $@

seed: $(VENV)/.installed-run
	$(BIN)/circle seed

run: $(SQLITE_FILE)
	$(BIN)/circle serve --host $(HOST) --port $(PORT) --database-url sqlite:///$(SQLITE_FILE)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
	$(BIN)/mypy api cli models seed

check: lint typecheck test

# schemathesis against live servers with many more examples than `make test` runs.
fuzz: $(VENV)/.installed-dev
	CIRCLE_FUZZ_EXAMPLES=$${CIRCLE_FUZZ_EXAMPLES:-400} $(BIN)/python -m pytest -p no:cacheprovider tests/test_schemathesis.py

# wrk at c=64 and c=256 against `circle serve --workers 2`, then a worker killed mid-run.
loadtest: $(VENV)/.installed-dev
	$(BIN)/python bench/loadtest.py

# Benchmarks (docs/performance.md). BENCH_DURATION / BENCH_WARMUP: seconds of each run.
bench: $(VENV)/.installed-run
	timeout --foreground --kill-after=30 1200 $(BIN)/python -m bench.run

bench-scale: $(VENV)/.installed-run
	timeout --foreground --kill-after=30 1500 $(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) data contract/node_modules build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
