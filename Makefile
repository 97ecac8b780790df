# Hoa Ban — the two commands: `make run` and `make test`. Needs only python3, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
ONLY ?=

.PHONY: run test test-fast lint bench setup install browsers e2e messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/hoaban compiletranslations
	$(BIN)/hoaban migrate --noinput -v0
	$(BIN)/hoaban loadreference

## make run: set up, load the demo once, serve on http://127.0.0.1:8000
run: setup
	$(BIN)/hoaban collectstatic --noinput -v0
	$(BIN)/hoaban demo
	$(BIN)/hoaban runserver $(HOST):$(PORT)

## make test: the whole suite; browser tests too when Chromium is (or can be) installed
test: install browsers
	$(BIN)/hoaban compiletranslations
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/hoaban compiletranslations
	$(BIN)/pytest -q -m "not browser"

browsers:
	@sh scripts/ensure-chromium

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hoaban makemigrations --check --dry-run -v0

## make bench [ONLY=page]: print figures, one `name: value unit` a line
bench: setup browsers
	$(BIN)/python -m bench $(ONLY)

messages: install
	$(BIN)/python scripts/makemessages.py

clean:
	rm -rf $(VENV) var
