"""Tracking never stops a training: a dead or hanging server degrades to the local spool."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.errors import TrackingError
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_sink import MlflowSink
from autotrainer_keras.record.spool import read_spool

from .jobs import run_scripted_job

pytestmark = pytest.mark.medium


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def hanging_uri() -> Iterator[str]:
    """A port that accepts connections (kernel backlog) and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def lenient(uri: str, **overrides: object) -> TrackingConfig:
    values = {"tracking_uri": uri, "registered_model_name": "churn", "retries": 2,
              "retry_wait_seconds": 0.05, "http_timeout_seconds": 1, **overrides}  # fmt: skip
    return TrackingConfig.model_validate(values)


def test_dead_server_keeps_everything_in_the_spool(tmp_path: Path, model: Any) -> None:
    uri = f"http://127.0.0.1:{free_port()}"
    warnings: list[str] = []
    sink = MlflowSink(lenient(uri), tmp_path / "out", warn=warnings.append)
    started = time.perf_counter()
    job = run_scripted_job(sink, tmp_path / "out", model)
    seconds = time.perf_counter() - started

    block = job.result
    assert block["degraded"] is True
    assert block["run_id"] is None and block["original_version"] is None
    assert block["errors"] and "experiment" in block["errors"][0]
    assert len(warnings) == 1 and uri in warnings[0] and keys.SPOOL_FILE in warnings[0]
    assert sink.guard.calls == 3  # the first operation, tried 1 + retries times; nothing after
    assert block["spool"] == str(tmp_path / "out" / keys.SPOOL_FILE)
    records = read_spool(Path(block["spool"]))
    ops = [r["op"] for r in records]
    assert ops.count("start_run") == 3 and ops.count("log_model") == 2
    sent = [m for r in records if r["op"] == "log_batch" for m in r["metrics"]]
    assert ["loss", 1.0, 0] in [m[:3] for m in sent]  # key, value, step (then a timestamp)
    assert any(r.get("artifact_path") == "findings/exploding_gradient-epoch1.json" for r in records)
    params = {k: v for r in records if r["op"] == "log_batch" for k, v in r["params"].items()}
    assert params["training.epochs"] == "3"
    assert records[-1] == {"op": "errors", "degraded": True, "errors": block["errors"]}
    print(f"\ndead server: job finished in {seconds:.2f} s")


def test_dead_server_raises_when_strict(tmp_path: Path) -> None:
    uri = f"http://127.0.0.1:{free_port()}"
    sink = MlflowSink(lenient(uri, strict=True, retries=0), tmp_path)
    with pytest.raises(TrackingError, match="127.0.0.1"):
        sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={})


def test_hanging_server_is_bounded_by_the_http_timeout(tmp_path: Path, hanging_uri: str) -> None:
    warnings: list[str] = []
    sink = MlflowSink(lenient(hanging_uri, retries=1), tmp_path, warn=warnings.append)
    started = time.perf_counter()
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={"a": 1})
    sink.start_attempt("original", {})
    sink.log_epoch(0, {"loss": 1.0})
    block = sink.end_job("FINISHED", {})
    seconds = time.perf_counter() - started
    assert block["degraded"] is True and len(warnings) == 1
    assert "timeout" in block["errors"][0].lower()
    # two tries of at most ~1 s each (MLflow's own retries are off), then nothing is tried
    assert seconds < 30, seconds
    print(f"\nhanging server: gave up after {seconds:.2f} s")
