"""The MLflow sink against a real tracking server on loopback (the shared `mlflow_server`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import mlflow
import numpy as np
import pytest
import requests
from autotrainer.config.tracking import TrackingConfig
from autotrainer.record import mlflow_keys as keys
from autotrainer.record.mlflow_models import tracking_uri_scope
from autotrainer.record.mlflow_sink import MlflowSink
from mlflow import MlflowClient

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
    sink.end_attempt("healthy", {})
    seconds = time.perf_counter() - started
    run_id = sink.attempts["original"].run_id
    client = MlflowClient(mlflow_server)
    assert len(client.get_metric_history(run_id, "grad_norm/dense_in")) == checks
    sink.end_job("FINISHED", {})
    print(f"\nserver: {checks * per_check} points, {checks * per_check / seconds:.0f} points/s")
