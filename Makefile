# Two entry points for a newcomer: `make build` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
# The message catalogues: installing the package compiles them (setup.py), so a changed .po
# installs it again.
CATALOGUES := $(wildcard src/ametid/locale/*/LC_MESSAGES/*.po)
# LibreOffice and pdftotext check the Word output; python3-uno lets Debian's Python drive
# LibreOffice (Accept All and Reject All of the redlines); the fonts are metric-compatible
# stand-ins for the Calibri, Cambria and Arial that Word documents name. Chromium (Debian's,
# never a browser Playwright downloads) runs the browser tests of the HTML site. Graphviz lays
# out the units' organisation charts, measuring their titles in DejaVu Sans (fonts-dejavu-core),
# so the charts come out the same wherever these two are installed.
APT_PACKAGES := libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation \
	fonts-crosextra-carlito fonts-crosextra-caladea chromium graphviz fonts-dejavu-core
# From npm: axe-core, the accessibility checker the browser tests load into each page, and
# ajv-cli with ajv-formats, which checks the schema in strict mode.
BROWSER_TESTS := tests/browser
AXE := $(BROWSER_TESTS)/node_modules/axe-core/axe.min.js
# Installs packages with apt-get, through sudo unless run as root.
APT_INSTALL = if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends

# Wheels of ametid's dependencies, and of setuptools and Babel to build ametid itself, so that
# the tests that install ametid into a new virtual environment need no package index; and of
# EstNLTK, which the ametid-lint pre-commit hook adds to its environment.
WHEELS := $(VENV)/wheels
WHEELHOUSE := $(WHEELS)/.complete

.PHONY: build test test-fast lint lint-report bench dist messages system-packages clean \
	import-corpus import-report

# `make bench BENCH_ARGS="--n 5000"` for a larger run.
BENCH_ARGS ?=

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml setup.py $(CATALOGUES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV): pyproject.toml setup.py $(CATALOGUES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUNTIME)

build: $(RUNTIME)
	$(BIN)/ametid build

test: $(DEV) $(WHEELHOUSE) system-packages $(AXE)
	$(BIN)/python -m pytest

# The unit and command-line tests only: no LibreOffice, pdftotext or browser needed.
test-fast: $(DEV)
	$(BIN)/python -m pytest tests/unit tests/cli

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The lint's recall and precision on its test corpus (tests/data/lint/corpus.yaml).
lint-report: $(DEV)
	$(BIN)/python scripts/lint_report.py

bench: $(DEV)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# The corpus of other agencies' layouts (tests/data/import/): Word documents written by a script,
# printed to PDF by LibreOffice, their text extracted by pdftotext; and how the importer reads it.
import-corpus: $(DEV)
	$(BIN)/python scripts/import_corpus.py

import-report: $(DEV)
	$(BIN)/python scripts/import_report.py

# After changing messages: bring the .po files up to date, translate what is new, then
# `make test-fast`, which compiles them and fails on any message left untranslated.
messages: $(DEV)
	$(BIN)/python scripts/messages.py

# The wheel an agency installs: dist/ametid-<version>-py3-none-any.whl.
dist: $(DEV)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

$(WHEELHOUSE): pyproject.toml setup.py | $(BIN)/python
	rm -rf $(WHEELS)
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(WHEELS) . setuptools babel 'estnltk>=1.7.5'
	rm -f $(WHEELS)/ametid-*.whl
	touch $@

system-packages:
	@if command -v soffice >/dev/null && command -v pdftotext >/dev/null && \
		command -v chromium >/dev/null && /usr/bin/python3 -c "import uno" 2>/dev/null; \
		then exit 0; fi; \
	$(APT_INSTALL) $(APT_PACKAGES) >/dev/null

# npm's own tarball dates are old, so the file is touched: it is then newer than the lock file
# until the lock file changes.
$(AXE): $(BROWSER_TESTS)/package.json $(BROWSER_TESTS)/package-lock.json
	@command -v npm >/dev/null || { $(APT_INSTALL) nodejs npm >/dev/null; }
	npm ci --prefix $(BROWSER_TESTS) --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis \
		$(BROWSER_TESTS)/node_modules tests/artifacts src/ametid/locale/*/LC_MESSAGES/*.mo
