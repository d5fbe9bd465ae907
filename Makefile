# upback: two commands for a fresh machine with Python 3.11+ and make.
#   make run   - create .venv if missing, install, prepare the database, serve the web app
#   make test  - ruff, mypy (strict on core/) and pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest install clean lock audit \
	bench bench-micro bench-startup bench-load bench-scale bench-report

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/upback serve

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# requirements.lock: the exact versions `pip install .` installs (the project itself left out),
# resolved in a throw-away venv so the dev tools do not leak in. Run after changing dependencies.
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/pip" install --quiet --disable-pip-version-check . && \
	{ echo "# The exact versions \`pip install .\` installs (upback itself left out), for pip-audit."; \
	  echo "# Regenerate with \`make lock\` after changing dependencies in pyproject.toml."; \
	  "$$tmp/venv/bin/pip" freeze --exclude upback; } > requirements.lock
	@echo "requirements.lock: $$(grep -vc '^#' requirements.lock) packages"

# Known vulnerabilities in the locked dependencies; any finding fails. The lock is complete and
# pinned, so pip-audit checks it as it is (--no-deps) instead of installing it again.
# AUDIT_SERVICE=osv asks OSV instead of PyPI's JSON API.
AUDIT_SERVICE ?= pypi
audit: $(STAMP)
	$(BIN)/pip-audit --requirement requirements.lock --no-deps --disable-pip --strict \
	  --progress-spinner off --vulnerability-service $(AUDIT_SERVICE)

# Benchmarks (issue 7): figures against targets, never a failing test. Not collected by `make test`
# (testpaths is tests/); the project's addopts are cleared so pytest-benchmark runs as it is.
# bench/prepare installs wrk and starts PostgreSQL when run as root (as CI's machine is).
# docs/performance.md explains every figure.
bench: bench-micro bench-startup bench-load bench-report

bench-micro: $(STAMP)
	$(BIN)/pytest bench/micro -o addopts='-q' -o testpaths=bench -o python_files='bench_*.py' \
	  -p no:cacheprovider --benchmark-json=bench/results/micro.json

# The reminder's working day runs on its test clock at 360x (08:55-17:35 in about 90 s).
bench-startup: $(STAMP)
	$(BIN)/python bench/startup.py --day-speed 360

# BENCH_LOAD_ARGS, e.g. "--db sqlite --seconds 10" or "--full" (every page alone at 64 clients).
bench-load: $(STAMP)
	@bash bench/prepare
	$(BIN)/python -m bench.load $(BENCH_LOAD_ARGS)

# Opt-in, long (100,000 people x one year of check-ins on PostgreSQL): not part of `make bench`.
BENCH_SCALE_DATABASE_URL ?= postgres://upback:upback@127.0.0.1:5432/upback_bench_scale
bench-scale: $(STAMP)
	@bash bench/prepare
	DATABASE_URL=$(BENCH_SCALE_DATABASE_URL) $(BIN)/python -m bench.scale $(BENCH_SCALE_ARGS)
	$(BIN)/python bench/report.py

bench-report: $(STAMP)
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
