# Every target sets itself up: a fresh clone needs only python3.11 on PATH.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast test-install setup lint bench bench-quick bench-real compile lock clean

# --compile-bytecode: uv writes no .pyc by default, and with PYTHONDONTWRITEBYTECODE set (as on
# these machines) every Python process (each test worker, CLI and KFP task subprocess, MLflow
# server) compiled TensorFlow, Keras and MLflow from source again: 22 s of CPU per import, 8 s
# with the .pyc files (benchmarks/NOTES.md, "Test suite time").
$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m autotrainer_keras.demo

# pytest-xdist: TEST_WORKERS processes (`make test TEST_WORKERS=0`: one process, no xdist);
# loadgroup keeps the tests of a module-scoped fixture, and the MLflow server's, on one worker
# (tests/conftest.py groups them); --no-loadscope-reorder keeps the conftest's longest-first
# order (xdist would otherwise queue the groups by their number of tests).
TEST_WORKERS ?= 2
test: $(STAMP)
	scripts/install-test-tools.sh
	$(BIN)/python -m pytest -q -m "" -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder tests

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not medium and not slow" tests

# The built wheel in fresh venvs at the lowest and the highest versions pyproject.toml allows,
# then a smoke job (downloads ~1 GB per venv; not part of `make test`).
test-install: $(STAMP)
	AUTOTRAINER_INSTALL_TEST=1 $(BIN)/python -m pytest -q -s -m "" tests/install

lint: $(STAMP)
	$(BIN)/ruff check component tests pipelines benchmarks
	$(BIN)/mypy component/autotrainer_keras

compile: $(STAMP)
	$(BIN)/python -m autotrainer_keras.kfp.build

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

bench-real: $(STAMP)
	$(BIN)/python -m benchmarks.real

# requirements.lock from pyproject.toml with the dev extra, which takes the [tensorflow-cpu] and
# [kfp] extras (the venv, CI: every pin, as `make setup` installs it); uv keeps the pins
# already there unless pyproject.toml needs others (UV_ARGS=--upgrade takes newer releases).
# The image's locks come from requirements-image.in with those pins as constraints, with hashes:
# requirements-runtime.lock (tensorflow-cpu) and requirements-runtime-gpu.lock
# (tensorflow[and-cuda], Linux x86_64).
IMAGE_LOCK = $(BIN)/uv pip compile requirements-image.in $(VENV)/tf.in -c requirements.lock \
	--python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes --no-header -q
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		-o requirements.lock --no-header -q $(UV_ARGS)
	grep -E '^tensorflow-cpu==' requirements.lock > $(VENV)/tf.in
	$(IMAGE_LOCK) -o requirements-runtime.lock
	sed 's/^tensorflow-cpu==/tensorflow[and-cuda]==/' requirements.lock | grep -E '^tensorflow\[and-cuda\]==' > $(VENV)/tf.in
	$(IMAGE_LOCK) -o requirements-runtime-gpu.lock

clean:
	rm -rf $(VENV) build *.egg-info
