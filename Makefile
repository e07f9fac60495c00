# Koordineringsbasen: the front door. CI (.ci/run and GitHub Actions) calls these targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve build check lint schema test test-fast browsers poppler bench ny importer diff clean anker genanker find risikorunde

help:
	@echo "make serve   - install (first time) and serve the site on http://127.0.0.1:8000"
	@echo "make build   - validate data and build the site into site/"
	@echo "make check   - validate all data files"
	@echo "make lint    - ruff and mypy over the code"
	@echo "make test    - the whole test suite (unit, site, browser)"
	@echo "make test-fast - the tests that build no site and start no browser (under a minute)"
	@echo "make bench   - benchmark at N=300 1000 3000 (or N=...)"
	@echo "make ny TYPE=tilbud NAVN=\"...\" - scaffold a new data file"
	@echo "make importer FIL=referat.pdf [ID=… DATO=… ORGAN=… TYPE=… INDGAAR_I=…] - import a document"
	@echo "make anker [KILDE=id] - record what each citation's lines say (its anchor)"
	@echo "make genanker [KILDE=id] - move line ranges to where their text now stands"
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

# --dirty: only pages whose content changed are rebuilt (koordineringsbasen/serve/incremental.py).
serve: $(STAMP)
	$(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# One build at a time per checkout, into its own folder site.build-<id>/, swapped in only when
# it succeeded: site is a symlink renamed atomically (koordineringsbasen/site/publish.py), so site/
# is always a complete old or new site, even if the build is killed.
build: $(STAMP)
	$(PY) -m koordineringsbasen.site.publish -- $(PY) -m mkdocs build --strict --site-dir '{dir}'

check: $(STAMP)
	$(PY) -m koordineringsbasen check

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

schema: $(STAMP)
	$(PY) -m koordineringsbasen schema

browsers:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# pdftotext (Debian's poppler-utils) converts PDFs for the importer and its tests.
poppler:
	@command -v pdftotext >/dev/null || { \
	  echo "Installing Debian's poppler-utils (pdftotext) for the importer"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; fi; }

test: $(STAMP) browsers poppler
	$(PY) -m pytest -n 2 --dist loadfile

# The fast tier: no site build, no browser (tests/conftest.py enforces the build marker).
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not build" -n 2 --dist loadfile

# Zensical (a further anchor in the benchmark) is installed for the benchmark only: no test
# needs it. requirements-bench.lock is constrained by requirements.lock, so nothing else moves.
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements-bench.lock
	touch $(BENCH_STAMP)

# User values (N, TYPE, NAVN, FRA, TIL) reach the commands through the environment, taken with
# $(value …) so that neither make nor the shell expands them: a name with `…`, $HOME or quotes
# arrives as written. Only "$$VAR" (quoted) appears in the recipes.
bench: export KB_N := $(value N)
bench: $(BENCH_STAMP)
	set -f; $(PY) -m bench $${KB_N:+--sizes} $$KB_N

# KILDE=id LINJER=a-b: the new file's citation filled in, anchor included.
ny: export KB_TYPE := $(value TYPE)
ny: export KB_NAVN := $(value NAVN)
ny: export KB_KILDE := $(value KILDE)
ny: export KB_LINJER := $(value LINJER)
ny: $(STAMP)
	$(PY) -m koordineringsbasen ny $${KB_KILDE:+--kilde "$$KB_KILDE" --linjer "$$KB_LINJER"} -- "$$KB_TYPE" "$$KB_NAVN"

# The file name and options reach the command through the environment, taken unexpanded
# ($(value ...)): neither make nor the shell expands a '$', '`' or quote in a file name.
IMPORT_VARS := FIL ID DATO ORGAN TYPE INDGAAR_I
unexport $(IMPORT_VARS)
$(foreach v,$(IMPORT_VARS),$(eval importer: export KB_IMPORT_$(v) = $$(value $(v))))

importer: $(STAMP) poppler
	@test -n "$$KB_IMPORT_FIL" || { echo "Brug: make importer FIL=dokument.pdf [ID=…] [DATO=ÅÅÅÅ-MM-DD] [ORGAN=…] [TYPE=…] [INDGAAR_I=…]" >&2; exit 2; }
	$(PY) -m koordineringsbasen importer $${KB_IMPORT_ID:+--id "$$KB_IMPORT_ID"} \
	  $${KB_IMPORT_DATO:+--dato "$$KB_IMPORT_DATO"} $${KB_IMPORT_ORGAN:+--organ "$$KB_IMPORT_ORGAN"} \
	  $${KB_IMPORT_TYPE:+--type "$$KB_IMPORT_TYPE"} $${KB_IMPORT_INDGAAR_I:+--indgaar-i "$$KB_IMPORT_INDGAAR_I"} \
	  -- "$$KB_IMPORT_FIL"
anker: $(STAMP)
	$(PY) -m koordineringsbasen anker $(KILDE)
genanker: $(STAMP)
	$(PY) -m koordineringsbasen genanker $(KILDE)

# Without TIL: against the working tree, so changes not yet committed show too.
diff: export KB_FRA := $(or $(value FRA),origin/main)
diff: export KB_TIL := $(value TIL)
diff: $(STAMP)
	$(PY) -m koordineringsbasen diff -- "$$KB_FRA" $${KB_TIL:+"$$KB_TIL"}

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


clean:
	rm -rf site site.build-* .site.link-* .site.lock site.tmp site.old .pytest_cache test-artifacts bench/out
