"""Shared fixtures. `mlflow_server`: a real MLflow tracking server on loopback for the session.

Use it from any test (mark the test `@pytest.mark.slow`):

    @pytest.mark.slow
    def test_something(mlflow_server: str) -> None:
        client = mlflow.MlflowClient(mlflow_server)   # "http://127.0.0.1:<port>"

The server keeps its sqlite store and artifacts in a temp dir; its output goes to `server.log`
there (shown when it fails to start). Tests share it: use unique experiment and registered
model names. When a selected test uses the fixture, the server is launched right after
collection, so its start-up (5 s idle, a minute on a busy machine) overlaps the other tests.

Numerics: `--onednn-off` runs TensorFlow without its oneDNN kernels (TF_ENABLE_ONEDNN_OPTS=0,
also for subprocesses): float sums are then rounded in another order, as on another CPU, so
a seeded test that holds both ways does not hang on this machine's rounding. `--op-determinism`
turns on `tf.config.experimental.enable_op_determinism()`.

Parallel runs (`make test`: pytest-xdist, `-n 2 --dist loadgroup --no-loadscope-reorder`):
each worker runs TensorFlow with one intra-op and one inter-op thread (also in the CLI
subprocesses it starts), so two workers do not oversubscribe two cores. Tests that use a
module-scoped fixture stay together on one worker (an `xdist_group` per module: the fixture is
built once), and every test that uses `mlflow_server` joins one group, so one worker starts the
one server; the others are spread one test at a time. pytest 9.2 derives `nodeid` from `_id`,
so xdist 3.8's own `@group` suffix (written to `_nodeid`) is lost and every test was scheduled
alone (module fixtures built on both workers, two MLflow servers): `_tag_group` writes it where
pytest reads it. Workers hand out the groups longest first (`_estimated_seconds`: slow tests,
then medium, then fast; a few measured heavy units first), so no worker idles at the end while
the other finishes a long test it started late.

Seeded data: a test module's `RNG = np.random.default_rng(seed)` is made afresh before each of
its tests (`_fresh_module_rng`), so what a test draws does not depend on which tests ran before
it on its worker (under xdist that changes from run to run).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import requests

SERVER_START_TIMEOUT_SECONDS = 180.0
SERVER_STOP_TIMEOUT_SECONDS = 15.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class _Server:
    process: subprocess.Popen[bytes]
    uri: str
    root: Path

    @property
    def log(self) -> str:
        return (self.root / "server.log").read_text(errors="replace")[-3000:]


_launched: list[_Server] = []  # at most one: the session's server


def _launch() -> _Server:
    """Start `mlflow server` (sqlite store, local artifacts, 1 worker) without waiting."""
    if _launched:
        return _launched[0]
    beside_python = Path(sys.executable).parent / "mlflow"
    command = str(beside_python) if beside_python.exists() else shutil.which("mlflow")
    if not command:
        pytest.skip("the mlflow command is not installed")
    root = Path(tempfile.mkdtemp(prefix="mlflow-server-"))
    port = free_port()
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    env.pop("MLFLOW_TRACKING_URI", None)
    arguments = [
        command, "server",
        "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}",
        "--default-artifact-root", str(root / "artifacts"),
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
    ]  # fmt: skip
    with (root / "server.log").open("wb") as log:
        process = subprocess.Popen(
            arguments, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root,
            start_new_session=True,
        )  # fmt: skip
    _launched.append(_Server(process, f"http://127.0.0.1:{port}", root))
    return _launched[0]


def _wait_healthy(server: _Server) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while True:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise RuntimeError(f"mlflow server exited with {code}:\n{server.log}")
        try:
            if requests.get(f"{server.uri}/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"mlflow server not healthy after {SERVER_START_TIMEOUT_SECONDS:.0f} s:\n"
                f"{server.log}"
            )
        time.sleep(0.5)


def _stop_launched() -> None:
    """SIGTERM the server by PID, then SIGKILL its process group if it does not exit."""
    while _launched:
        server = _launched.pop()
        process = server.process
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the group we created (uvicorn child)
                process.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS)
        shutil.rmtree(server.root, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--onednn-off", action="store_true", help="run TensorFlow with TF_ENABLE_ONEDNN_OPTS=0"
    )
    parser.addoption(
        "--op-determinism",
        action="store_true",
        help="run TensorFlow with tf.config.experimental.enable_op_determinism()",
    )


def _xdist_worker() -> str | None:
    """This process's pytest-xdist worker id ("gw0", ...), or None when not a worker."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def pytest_configure(config: pytest.Config) -> None:
    """Apply the numerics and thread options before any test module imports TensorFlow."""
    if _xdist_worker():
        if "tensorflow" in sys.modules:
            raise pytest.UsageError("xdist worker: TensorFlow was imported before the tests")
        for variable in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
            os.environ.setdefault(variable, "1")
    if config.getoption("--onednn-off"):
        if "tensorflow" in sys.modules:
            raise pytest.UsageError("--onednn-off: TensorFlow was imported before the tests")
        os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
    if config.getoption("--op-determinism"):
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


SHARED_SCOPES = ("module", "package", "class")


def _xdist_group(item: pytest.Item) -> str | None:
    """The group a test must share a worker with: "mlflow_server" for the server's users, its
    module's path when it uses a module-scoped (or wider, short of the session) fixture."""
    if "mlflow_server" in getattr(item, "fixturenames", ()):
        return "mlflow_server"
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else ()
    if any(d.scope in SHARED_SCOPES for defs in definitions for d in defs):
        return item.nodeid.split("::", 1)[0]
    return None


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark the test's pytest-xdist group, if it has one (xdist reads the marks later)."""
    group = _xdist_group(item)
    if group is not None:
        item.add_marker(pytest.mark.xdist_group(group))


def _group_of(item: pytest.Item) -> str | None:
    mark = item.get_closest_marker("xdist_group")
    return str(mark.args[0]) if mark is not None and mark.args else None


def _tag_group(item: pytest.Item, group: str) -> None:
    """Give the item the `<nodeid>@<group>` id that `--dist loadgroup` schedules by.

    xdist 3.8 writes it to `item._nodeid`; pytest 9.2 reads `nodeid` from `item._id`, so
    there the suffix must go to `_id` (both private: this is xdist's own mechanism, redone).
    """
    suffix = f"@{group}"
    if item.nodeid.endswith(suffix):
        return  # xdist's own hook did it (pytest < 9.2)
    if not hasattr(item, "_id"):
        raise pytest.UsageError(f"cannot group {item.nodeid} for pytest-xdist: no _id")
    from _pytest.nodeid import NodeId

    item._id = NodeId.parse(item.nodeid + suffix)
    if not item.nodeid.endswith(suffix):
        raise pytest.UsageError(f"cannot group {item.nodeid} for pytest-xdist")


# Rough seconds on an idle 2-core machine, for the order only (a wrong figure costs balance,
# never a result): the units known to dominate, then a figure per test by its speed mark.
HEAVY_UNITS = {
    "tests/measure/test_distributed.py": 240.0,
    "mlflow_server": 200.0,
    "tests/benchmarks/test_zoo.py::test_every_spec_builds_a_model_that_fits_its_data": 60.0,
    "tests/benchmarks/test_harness.py::test_two_zoo_models_through_harness_csv_and_report": 50.0,
}
SECONDS_BY_MARK = {"slow": 15.0, "medium": 3.0}
SECONDS_UNMARKED = 0.05


def _estimated_seconds(item: pytest.Item) -> float:
    marks = [SECONDS_BY_MARK[m.name] for m in item.iter_markers() if m.name in SECONDS_BY_MARK]
    return max(marks, default=SECONDS_UNMARKED)


def _longest_first(items: list[pytest.Item]) -> None:
    """Order the items by their unit's (group or single test) estimated seconds, longest
    first, keeping each unit together and the collection order among equals."""
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(_group_of(item) or item.nodeid, []).append(item)

    def cost(unit: str) -> float:
        return HEAVY_UNITS.get(unit) or sum(_estimated_seconds(i) for i in units[unit])

    ordered = sorted(units, key=lambda unit: -cost(unit))  # stable: ties keep their order
    items[:] = [item for unit in ordered for item in units[unit]]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist with loadgroup: tag each grouped test with its group and put the longest
    units first (every worker collects, so every worker orders alike). Without workers: launch
    the server early when a selected test will use it (under xdist, the worker given the
    "mlflow_server" group starts it at its first test)."""
    if _xdist_worker() is not None:
        if config.getvalue("loadgroup"):
            _longest_first(items)
            for item in items:
                group = _group_of(item)
                if group is not None:
                    _tag_group(item, group)
        return
    if any("mlflow_server" in getattr(item, "fixturenames", ()) for item in items):
        _launch()


def pytest_sessionfinish() -> None:
    _stop_launched()  # also when the fixture was never reached


@pytest.fixture(autouse=True)
def _fresh_module_rng(request: pytest.FixtureRequest) -> None:
    """Give the test's module a fresh `RNG` from the same seed (see the module docstring)."""
    rng = getattr(request.module, "RNG", None)
    if isinstance(rng, np.random.Generator):
        request.module.RNG = np.random.default_rng(rng.bit_generator.seed_seq.entropy)


@pytest.fixture(scope="session")
def mlflow_server() -> Iterator[str]:
    """A healthy MLflow tracking server on 127.0.0.1; yields its URI."""
    server = _launch()
    try:
        _wait_healthy(server)
        yield server.uri
    finally:
        _stop_launched()


@pytest.fixture(scope="session")
def save_nan_model():
    """`save(path) -> path`: a compiled Circle MLP whose first epoch's loss is NaN (a certain
    exploding gradient), saved as a .keras file."""
    from model_files import write_exploding_model

    return write_exploding_model
