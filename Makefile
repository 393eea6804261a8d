# Every target sets itself up: a fresh clone needs only python3.11 on PATH.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast setup lint bench bench-quick compile clean

$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m autotrainer.demo

test: $(STAMP)
	scripts/install-test-tools.sh
	$(BIN)/python -m pytest -q -m "" tests

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not medium and not slow" tests

lint: $(STAMP)
	$(BIN)/ruff check component tests pipelines benchmarks
	$(BIN)/mypy component/autotrainer

compile: $(STAMP)
	$(BIN)/python -m autotrainer.kfp.build

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) build *.egg-info
