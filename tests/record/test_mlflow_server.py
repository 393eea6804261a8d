"""The MLflow sink against a real tracking server on loopback (the shared `mlflow_server`)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path
from typing import Any

import mlflow
import numpy as np
import pytest
import requests
from mlflow import MlflowClient

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_models import tracking_uri_scope
from autotrainer_keras.record.mlflow_sink import MlflowSink
from autotrainer_keras.record.spool import read_spool
from autotrainer_keras.record.summary import AttemptSummary

from .checks import assert_registry, assert_runs
from .jobs import check, run_scripted_job

pytestmark = pytest.mark.slow


def test_full_job_over_rest(mlflow_server: str, tmp_path: Path, model: Any) -> None:
    name = f"churn-{time.time_ns()}"
    config = TrackingConfig(
        tracking_uri=mlflow_server, experiment="server", registered_model_name=name, strict=True
    )
    sink = MlflowSink(config, tmp_path / "out")
    job = run_scripted_job(sink, tmp_path / "out", model)

    client = MlflowClient(mlflow_server, registry_uri=mlflow_server)
    assert job.result["tracking_uri"] == mlflow_server
    assert_runs(client, job, tmp_path)
    assert_registry(client, job, name, mlflow_server)

    # the endpoint the UI reads returns both versions with their lineage tags
    response = requests.get(
        f"{mlflow_server}/api/2.0/mlflow/model-versions/search",
        params={"filter": f"name='{name}'"},
        timeout=10,
    )
    response.raise_for_status()
    versions = {v["version"]: v for v in response.json()["model_versions"]}
    assert set(versions) == {"1", "2"}
    tags = {t["key"]: t["value"] for t in versions["2"]["tags"]}
    assert tags[keys.TAG_ROLE] == "repaired"
    assert tags[keys.TAG_REPAIRED_FROM_VERSION] == "1"
    assert tags[keys.TAG_SOLUTION] == "clip_gradients"
    assert tags[keys.TAG_VAL_ACCURACY_AFTER] == "0.9"
    assert versions["2"]["source"] == job.model_uris["repaired"]
    assert "What was wrong" in versions["2"]["description"]
    model = requests.get(
        f"{mlflow_server}/api/2.0/mlflow/registered-models/get", params={"name": name}, timeout=10
    ).json()["registered_model"]
    assert {"alias": "repaired", "version": "2"} in model["aliases"]

    # the repaired model loads back and predicts
    with tracking_uri_scope(mlflow_server):
        loaded = mlflow.keras.load_model(f"models:/{name}@repaired")
    assert loaded.predict(np.zeros((2, 4), "float32"), verbose=0).shape == (2, 1)
    print(f"\nserver log_model seconds: {[round(s, 3) for s in sink.log_model_seconds]}")


def test_batch_throughput_over_rest(mlflow_server: str, tmp_path: Path) -> None:
    config = TrackingConfig(tracking_uri=mlflow_server, experiment="throughput", strict=True)
    sink = MlflowSink(config, tmp_path)
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={})
    sink.start_attempt("original", {})
    record = check(0, 0)
    per_check = 6 + 5 + 2
    checks = 400
    started = time.perf_counter()
    for index in range(checks):
        record.step = index
        sink.log_check(record)
    sink.end_attempt("healthy", None)
    seconds = time.perf_counter() - started
    run_id = sink.attempts["original"].run_id
    client = MlflowClient(mlflow_server)
    assert len(client.get_metric_history(run_id, "grad_norm/dense_in")) == checks
    sink.end_job("FINISHED", {})
    print(f"\nserver: {checks * per_check} points, {checks * per_check / seconds:.0f} points/s")


class CuttableProxy:
    """A TCP proxy to the server that can be cut mid-job (the server stays up for others)."""

    def __init__(self, target: str) -> None:
        host, port = target.removeprefix("http://").split(":")
        self.target = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.uri = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for each in (source, sink):
                with contextlib.suppress(OSError):
                    each.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(), stops listening
        self.listener.close()
        for each in self.sockets:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
                each.close()


def test_server_lost_mid_job_degrades_to_the_spool(mlflow_server: str, tmp_path: Path) -> None:
    proxy = CuttableProxy(mlflow_server)
    warnings: list[str] = []
    config = TrackingConfig(
        tracking_uri=proxy.uri, experiment="lost", retries=1, retry_wait_seconds=0.05,
        http_timeout_seconds=2,
    )  # fmt: skip
    sink = MlflowSink(config, tmp_path, warn=warnings.append)
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={"a": 1})
    sink.start_attempt("original", {})
    sink.log_check(check(0, 0))
    sink.log_epoch(0, {"loss": 1.0})
    sink.end_attempt("healthy", AttemptSummary("original", None, None, 1, 0.1))
    sink.start_attempt("repair-1-adam", {"solution": "adam"})
    repair_id = sink.attempts["repair-1-adam"].run_id
    proxy.cut()
    sink.log_epoch(0, {"loss": 0.5})
    sink.end_attempt("solved", AttemptSummary("repair-1-adam", None, None, 1, 0.1))
    block = sink.end_job("FINISHED", {})

    assert block["degraded"] is True and len(warnings) == 1
    assert block["run_id"] and repair_id
    records = read_spool(tmp_path / keys.SPOOL_FILE)
    pending = [r for r in records if r.get("run_id") == repair_id]
    assert [r["op"] for r in pending] == ["log_batch", "end_run"]
    assert pending[0]["metrics"][0][:3] == ["loss", 0.5, 0]
    assert pending[0]["tags"][keys.TAG_OUTCOME] == "solved"
    assert any(r["op"] == "end_run" and r["run"] == "job" for r in records)
    # what was sent before the cut is on the server
    client = MlflowClient(mlflow_server)
    original = client.get_run(block["attempt_run_ids"]["original"])
    assert original.info.status == "FINISHED" and original.data.metrics["loss"] == 1.0
    assert client.get_run(repair_id).info.status == "RUNNING"  # its end is in the spool
