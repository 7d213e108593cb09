# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval bench lint format clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m learnlog.demo

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m tools.evaluate

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check learnlog tests benchmarks tools
	$(BIN)/ruff format --check learnlog tests benchmarks tools

format: $(STAMP)
	$(BIN)/ruff format learnlog tests benchmarks tools
	$(BIN)/ruff check --fix learnlog tests benchmarks tools

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
