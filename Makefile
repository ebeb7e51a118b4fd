# Quick start: `make demo` and `make test`. Everything installs into .venv in this folder.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint format bench clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/wor-match recommend --profile datasets/examples/anna_hillegom.json -k 8

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts datasets
	$(BIN)/ruff format --check src tests benchmarks scripts datasets
	$(BIN)/mypy

format: $(VENV)/.installed-dev
	$(BIN)/ruff format src tests benchmarks scripts datasets
	$(BIN)/ruff check --fix src tests benchmarks scripts datasets

# make bench LARGE=1 adds the 1,000,000-activity catalogue
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py $(if $(LARGE),--large)
	$(BIN)/python benchmarks/bench_fuzzy.py
	$(BIN)/python benchmarks/bench_evaluation.py
	$(BIN)/python benchmarks/bench_judgements.py
	$(BIN)/python benchmarks/bench_people.py
	$(BIN)/python benchmarks/bench_journal.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
