# Every target sets itself up: a fresh clone needs only python3.11 on PATH.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast setup lint bench bench-quick compile lock clean

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

# Both locks from pyproject.toml: requirements.lock (with the dev extra: the venv, CI) and
# requirements-runtime.lock (without: the container image). uv keeps the pins already in each
# file unless pyproject.toml needs others; add UV_ARGS=--upgrade to take newer releases.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		-o requirements.lock --no-header -q $(UV_ARGS)
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 \
		-o requirements-runtime.lock --no-header -q $(UV_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
