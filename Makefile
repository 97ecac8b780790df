# Hoa Ban — the two commands: `make run` and `make test`. Needs only python3, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
ONLY ?=
# Extra pytest arguments, e.g. `make test PYTEST_ARGS='-m "not browser"'` or `-k journey`.
PYTEST_ARGS ?=
# The demo on one's own machine may use the embedded SECRET_KEY (production sets SECRET_KEY and
# leaves HOABAN_DEMO unset: the settings then refuse to start without a key).
HOABAN_DEMO ?= 1
export HOABAN_DEMO
# Debian's Chromium drives the browser tests (HOABAN_CHROMIUM=… for another binary).
HOABAN_CHROMIUM ?= /usr/bin/chromium
export HOABAN_CHROMIUM
SKIP_NOTE = if [ ! -x "$(HOABAN_CHROMIUM)" ]; then echo "NOTE: the browser tests were SKIPPED: $(HOABAN_CHROMIUM) is missing (sudo apt-get install chromium)."; fi

.PHONY: run test test-fast e2e lint bench setup install translations browsers messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Hoa Ban needs Python 3.11 or newer (PYTHON=python3.x make …)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Translations: .po → .mo with polib (no GNU gettext needed)
translations: install
	$(BIN)/hoaban compiletranslations

setup: translations
	$(BIN)/hoaban migrate --noinput -v0
	$(BIN)/hoaban loadreference

## make run: set up, load the demo once (idempotent), serve on http://127.0.0.1:8000
run: setup
	$(BIN)/hoaban collectstatic --noinput -v0
	$(BIN)/hoaban demo
	@echo
	@echo "Hoa Ban is at http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/v1/docs; stop with Ctrl+C)"
	$(BIN)/hoaban runserver $(HOST):$(PORT)

## make test: the whole suite; browser tests too when Chromium is (or can be) installed
test: translations browsers
	@rc=0; $(BIN)/pytest -q -rs $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests: that is a failure."; fi; \
	$(SKIP_NOTE); \
	exit $$rc

## make test-fast: everything except the browser tests
test-fast: translations
	$(BIN)/pytest -q -m "not browser" $(PYTEST_ARGS)

## make e2e: only the browser tests
e2e: translations browsers
	@rc=0; $(BIN)/pytest -q -rs -m browser e2e $(PYTEST_ARGS) || rc=$$?; $(SKIP_NOTE); exit $$rc

browsers:
	@sh scripts/ensure-chromium

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hoaban makemigrations --check --dry-run -v0

## make bench [ONLY=page]: print figures, one `name: value unit` a line (own temporary database)
bench: translations browsers
	$(BIN)/python -m bench $(ONLY)

## make messages: refresh the Vietnamese catalogues (needs GNU gettext's xgettext), then compile
messages: install
	@command -v xgettext >/dev/null || { echo "make messages needs GNU gettext (Debian: apt-get install gettext)."; exit 1; }
	$(BIN)/python scripts/makemessages.py
	$(BIN)/hoaban compiletranslations

clean:
	rm -rf $(VENV) var .e2e-artifacts
