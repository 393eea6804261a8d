"""Watch's MLflow records: a run of its own at a URI, or the run autologging opened."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from watch_models import blobs, mlp

pytestmark = pytest.mark.medium

VANISHING = {"width": 16, "depth": 8, "activation": "sigmoid"}


VANISHING_EPOCHS = 14
"""The default rules name a vanishing gradient once the loss has stalled on two checks in a
row (about epoch 7 on this model): room to spare."""


def _fit(model: Any, watch: Any, epochs: int = 3) -> None:
    import keras

    x, y = blobs()
    model.compile(
        optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )  # fmt: skip
    model.fit(x, y, epochs=epochs, validation_split=0.3, callbacks=[watch], verbose=0)


def _runs(uri: str) -> list[Any]:
    from mlflow import MlflowClient

    client = MlflowClient(uri)
    return list(client.search_runs([e.experiment_id for e in client.search_experiments()]))


def test_a_uri_gets_one_run_with_findings_metrics_and_the_report(tmp_path: Path) -> None:
    from mlflow import MlflowClient

    import autotrainer_keras.keras

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    watch = autotrainer_keras.keras.Watch(
        tracking=uri, log_metrics=True, output_dir=tmp_path / "out", probe_data=blobs(),
        verbose=0,
    )  # fmt: skip
    _fit(mlp("functional", **VANISHING), watch, epochs=VANISHING_EPOCHS)
    (run,) = _runs(uri)
    assert run.info.status == "FINISHED" and run.info.run_name.startswith("autotrainer-watch")
    assert run.data.tags["autotrainer.problem"] == "vanishing_gradient"
    assert run.data.tags["autotrainer.watch_status"] == "detected"
    assert run.data.tags["autotrainer.watch.profile"] == "default"
    first = watch.history.checks[0].layers[0].layer
    assert f"grad_norm/{first}" in run.data.metrics and "autotrainer.val_loss" in run.data.metrics
    artifacts = {a.path for a in MlflowClient(uri).list_artifacts(run.info.run_id, "findings")}
    assert artifacts == {f"findings/vanishing_gradient-epoch{watch.findings[0].epoch}.json"}
    report = [a.path for a in MlflowClient(uri).list_artifacts(run.info.run_id, "autotrainer")]
    assert report == ["autotrainer/report.json"]


def test_under_autolog_the_findings_go_into_autologs_run(tmp_path: Path) -> None:
    import mlflow

    import autotrainer_keras.keras

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(uri)
    mlflow.keras.autolog(log_models=False)
    try:
        watch = autotrainer_keras.keras.Watch(tracking=True, probe_data=blobs(), verbose=0)
        _fit(mlp("sequential", **VANISHING), watch, epochs=VANISHING_EPOCHS)
    finally:
        mlflow.keras.autolog(disable=True)
        mlflow.set_tracking_uri(previous)
    (run,) = _runs(uri)  # autolog's run, nothing else
    assert "loss" in run.data.metrics  # autolog's own metrics
    assert run.data.tags["autotrainer.problem"] == "vanishing_gradient"
    assert run.data.tags["autotrainer.watch_status"] == "detected"


def test_an_unreachable_store_never_stops_training(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import autotrainer_keras.keras

    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "5")
    watch = autotrainer_keras.keras.Watch(
        tracking="http://127.0.0.1:9", probe_data=blobs(), verbose=0
    )  # nothing listens on port 9
    _fit(mlp("sequential"), watch, epochs=2)
    assert watch.report is not None and watch.history.epochs_done == 2
    assert "MLflow start failed, tracking off" in capsys.readouterr().err


def test_an_unreachable_server_is_given_up_in_seconds_not_minutes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the MLFLOW_HTTP_* variables MLflow retried the refused connection with
    backoff for about 4 minutes before the first call failed (measured: 249 s)."""
    import time

    import autotrainer_keras.keras

    monkeypatch.delenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", raising=False)
    monkeypatch.delenv("MLFLOW_HTTP_REQUEST_TIMEOUT", raising=False)
    watch = autotrainer_keras.keras.Watch(tracking="http://127.0.0.1:9", verbose=0)
    model = mlp("sequential")
    started = time.monotonic()
    _fit(model, watch, epochs=1)
    elapsed = time.monotonic() - started
    assert elapsed < 60, elapsed
    assert "MLflow start failed, tracking off" in capsys.readouterr().err
    assert watch.report is not None and watch.history.epochs_done == 1
    assert "MLFLOW_HTTP_REQUEST_MAX_RETRIES" not in os.environ  # the bound was the call's
