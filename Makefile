# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= eventwire.duckdb

.PHONY: demo test lint check clean venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire demo --db $(DB)

test: $(STAMP)
	$(BIN)/python -m ruff check src tests scripts
	$(BIN)/python -m ruff format --check src tests scripts
	$(BIN)/python -m mypy src/eventwire
	$(BIN)/python -m pytest -q -W error

lint: $(STAMP)
	$(BIN)/python -m ruff check src tests scripts
	$(BIN)/python -m ruff format --check src tests scripts
	$(BIN)/python -m mypy src/eventwire

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .mypy_cache $(DB)
