"""Shared fixtures. `mlflow_server`: a real MLflow tracking server on loopback for the session.

Use it from any test (mark the test `@pytest.mark.slow`):

    @pytest.mark.slow
    def test_something(mlflow_server: str) -> None:
        client = mlflow.MlflowClient(mlflow_server)   # "http://127.0.0.1:<port>"

The server keeps its sqlite store and artifacts in a session temp dir; its output goes to
`server.log` there (shown when it fails to start). Tests share it: use unique experiment and
registered model names.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

SERVER_START_TIMEOUT_SECONDS = 120.0  # ~5 s on an idle machine, ~30 s on a busy 2-core one
SERVER_STOP_TIMEOUT_SECONDS = 15.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _mlflow_command() -> str:
    beside_python = Path(sys.executable).parent / "mlflow"
    found = str(beside_python) if beside_python.exists() else shutil.which("mlflow")
    if not found:
        pytest.skip("the mlflow command is not installed")
    return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server by PID, then SIGKILL its process group if it does not exit."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group this fixture created (uvicorn child)
        process.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS)


@pytest.fixture(scope="session")
def mlflow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `mlflow server` (sqlite store, local artifacts, 1 worker); yield its URI."""
    root = tmp_path_factory.mktemp("mlflow-server")
    port = free_port()
    uri = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    env.pop("MLFLOW_TRACKING_URI", None)
    log_path = root / "server.log"
    command = [
        _mlflow_command(), "server",
        "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}",
        "--default-artifact-root", str(root / "artifacts"),
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root,
            start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                tail = log_path.read_text()[-3000:]
                raise RuntimeError(f"mlflow server exited with {process.returncode}:\n{tail}")
            try:
                if requests.get(f"{uri}/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"mlflow server not healthy after {SERVER_START_TIMEOUT_SECONDS:.0f} s:\n"
                    f"{log_path.read_text()[-3000:]}"
                )
            time.sleep(0.5)
        yield uri
    finally:
        _stop(process)
