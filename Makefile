# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run lint test test-full demo demo-large bench dist venv clean server

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/jobcoach

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test-full: $(STAMP)
	JOBCOACH_FULL_TESTS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

demo: $(STAMP)
	$(BIN)/jobcoach demo --size small

demo-large: $(STAMP)
	$(BIN)/jobcoach demo --size large

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

dist: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean pyinstaller.spec

server: $(STAMP)
	$(BIN)/jobcoach-server serve

clean:
	rm -rf build dist $(VENV)
