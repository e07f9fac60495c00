# Koordineringsbasen: the front door. CI (.ci/run and GitHub Actions) calls these targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve build check lint schema test test-fast browsers bench ny diff clean

help:
	@echo "make serve   - install (first time) and serve the site on http://127.0.0.1:8000"
	@echo "make build   - validate data and build the site into site/"
	@echo "make check   - validate all data files"
	@echo "make lint    - ruff over the code"
	@echo "make test    - the whole test suite (unit, site, browser)"
	@echo "make test-fast - the tests that build no site and start no browser (under a minute)"
	@echo "make bench   - benchmark at N=300 1000 3000 (or N=...)"
	@echo "make ny TYPE=tilbud NAVN=\"...\" - scaffold a new data file"

PYTHON ?= python3
UV_VERSION := 0.13.9

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	# A venv without pip (e.g. left by a failed attempt) is recreated.
	test -x $(VENV)/bin/pip || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# --dirty: only pages whose content changed are rebuilt (koordineringsbasen/serve/incremental.py).
serve: $(STAMP)
	$(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Builds into a temporary directory and swaps it in only when the build succeeded,
# so site/ never holds a half-built site.
build: $(STAMP)
	rm -rf site.tmp
	$(PY) -m mkdocs build --strict --site-dir site.tmp
	rm -rf site.old && { [ ! -d site ] || mv site site.old; } && mv site.tmp site && rm -rf site.old

check: $(STAMP)
	$(PY) -m koordineringsbasen check

lint: $(STAMP)
	$(PY) -m ruff check .

schema: $(STAMP)
	$(PY) -m koordineringsbasen schema

browsers:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

test: $(STAMP) browsers
	$(PY) -m pytest -n 2 --dist loadfile

# The fast tier: no site build, no browser (tests/conftest.py enforces the build marker).
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not build" -n 2 --dist loadfile

# Zensical (a further anchor in the benchmark) is installed for the benchmark only: no test
# needs it. requirements-bench.lock is constrained by requirements.lock, so nothing else moves.
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements-bench.lock
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) -m bench $(if $(N),--sizes $(N),)

ny: $(STAMP)
	$(PY) -m koordineringsbasen ny "$(TYPE)" "$(NAVN)"

diff: $(STAMP)
	$(PY) -m koordineringsbasen diff $(or $(FRA),origin/main) $(or $(TIL),HEAD)

clean:
	rm -rf site site.tmp site.old .pytest_cache test-artifacts bench/out
