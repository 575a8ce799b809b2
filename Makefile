# Two commands for a fresh machine with Python 3.11 and pip:
#   make run   - start the dashboard on the shipped data (http://localhost:8501)
#   make test  - run the whole test suite (installs chromium, CJK fonts, LibreOffice, PostgreSQL when root and missing)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench catalogue sample test-deps

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

run: $(VENV)/.installed
	$(PY) -m streamlit run app.py

test-deps:
	bash scripts/install-test-deps.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.installed test-deps lint
	$(PY) -m pytest

bench: $(VENV)/.installed test-deps
	$(PY) scripts/benchmark.py

catalogue: $(VENV)/.installed
	$(PY) -m lib catalogue --plan data/plan.txt --out data

sample: $(VENV)/.installed
	$(PY) scripts/make_sample_data.py --data-dir data
