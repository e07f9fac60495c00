# Koordineringsbasen: the front door. CI (.ci/run and GitHub Actions) calls these targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve build check lint schema test test-fast browsers bench ny find risikorunde diff clean

help:
	@echo "make serve   - install (first time) and serve the site on http://127.0.0.1:8000"
	@echo "make build   - validate data and build the site into site/"
	@echo "make check   - validate all data files"
	@echo "make lint    - ruff over the code"
	@echo "make test    - the whole test suite (unit, site, browser)"
	@echo "make bench   - benchmark at N=300 1000 3000 (or N=...)"
	@echo "make ny TYPE=tilbud NAVN=\"...\" - scaffold a new data file"
	@echo "make find KILDE=id TEKST=\"...\" - find the lines of a source as a citation"
	@echo "make risikorunde FIL=runde.csv RUNDE=\"...\" - write a risk round into the target groups"

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

# --dirty: only pages whose content changed are rebuilt (koordineringsbasen/incremental.py).
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

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser" -n 2 --dist loadfile

# Zensical (a further anchor in the benchmark) is installed for the benchmark only: no test
# needs it. requirements-bench.lock is constrained by requirements.lock, so nothing else moves.
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements-bench.lock
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) -m bench $(if $(N),--sizes $(N),)

# KILDE=id LINJER=a-b: the new file's citation filled in, anchor included.
ny: $(STAMP)
	$(PY) -m koordineringsbasen ny "$(TYPE)" "$(NAVN)" $(if $(KILDE),--kilde "$(KILDE)" --linjer "$(LINJER)")

# KILDE and TEKST reach the command through the environment, never through the shell's
# parsing of the recipe, and unexpanded by make ($(value)): quotes, $ and ` stay text.
find: export KB_KILDE = $(value KILDE)
find: export KB_TEKST = $(value TEKST)
find: $(STAMP)
	$(PY) -m koordineringsbasen find -- "$$KB_KILDE" "$$KB_TEKST"

risikorunde: export KB_FIL = $(value FIL)
risikorunde: export KB_RUNDE = $(value RUNDE)
risikorunde: $(STAMP)
	$(PY) -m koordineringsbasen risikorunde --runde "$$KB_RUNDE" -- "$$KB_FIL"

# Without TIL: against the working tree, so changes not yet committed show too.
diff: $(STAMP)
	$(PY) -m koordineringsbasen diff $(or $(FRA),origin/main) $(TIL)

clean:
	rm -rf site site.tmp site.old .pytest_cache test-artifacts bench/out
