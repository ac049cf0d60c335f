# Two entry points for a newcomer: `make build` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
# LibreOffice and pdftotext check the Word output; the fonts are metric-compatible stand-ins
# for the Calibri, Cambria and Arial that Word documents name.
APT_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-liberation \
	fonts-crosextra-carlito fonts-crosextra-caladea

.PHONY: build test lint bench system-packages clean

# `make bench BENCH_ARGS="--n 5000"` for a larger run.
BENCH_ARGS ?=

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUNTIME)

build: $(RUNTIME)
	$(BIN)/ametid build

test: $(DEV) system-packages
	$(BIN)/python -m pytest

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(DEV)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

system-packages:
	@if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
		$(APT_PACKAGES) >/dev/null

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache .hypothesis
