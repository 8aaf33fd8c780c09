# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# setuptools warns on every editable install that the checkout's folders shadow the packages
# (that is what an editable install is); a first `make run` should print only Referat's lines.
PIP := PYTHONWARNINGS=ignore $(BIN)/pip

.PHONY: setup dev run test lint clean

$(BIN)/python:
	@echo "Referat: opretter $(VENV) …"
	@$(PY) -m venv $(VENV)
	@$(PIP) install -q --upgrade pip

# torch first, pinned to the CPU build, so nothing pulls a CUDA build of several GB.
setup: $(BIN)/python
	@echo "Referat: installerer afhængigheder (CPU-torch) …"
	@$(PIP) install -q torch==2.13.0
	@$(PIP) install -q -e .

dev: $(BIN)/python
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev]'

# Serves the web chat on http://127.0.0.1:7860; an empty store gets the bundled examples.
run: setup
	@$(BIN)/referat serve

# The layers contract first (pyproject.toml [tool.importlinter]): an import against the flow
# fails here before any test runs.
test: dev
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

lint: dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) build *.egg-info
