# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# compiled extractor modules (scripts/build_native.py): rebuilt when a listed source changes;
# EVENTWIRE_NATIVE=0 keeps pure Python, and a machine without a C compiler falls back to it
NATIVE := $(VENV)/.native
NATIVE_SRC := $(shell sed -e 's/\#.*//' scripts/native-modules.txt)
DB ?= eventwire.duckdb
# test processes (pytest-xdist): one per core, at most this many (each loads the spaCy pipeline)
TEST_WORKERS ?= 4

.PHONY: demo test lint check clean venv native

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

$(NATIVE): $(STAMP) scripts/native-modules.txt scripts/build_native.py $(NATIVE_SRC)
	$(BIN)/python scripts/build_native.py
	touch $(NATIVE)

native: $(NATIVE)

demo: $(NATIVE)
	$(BIN)/eventwire demo --db $(DB)

test: $(NATIVE)
	$(BIN)/python -m ruff check src tests scripts
	$(BIN)/python -m ruff format --check src tests scripts
	$(BIN)/python -m mypy src/eventwire
	$(BIN)/python -m pytest -q -W error -n auto --maxprocesses $(TEST_WORKERS)

lint: $(STAMP)
	$(BIN)/python -m ruff check src tests scripts
	$(BIN)/python -m ruff format --check src tests scripts
	$(BIN)/python -m mypy src/eventwire

clean:
	rm -rf $(VENV) build *.egg-info src/eventwire/_native.json
	find src -name '*.so' -delete
	rm -rf src/*.egg-info .pytest_cache .ruff_cache .mypy_cache $(DB)
