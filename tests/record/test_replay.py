"""`replay_spool`: a job recorded against a dead server is sent, in order, to a real MLflow."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
import requests
from mlflow import MlflowClient

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.errors import InputError, TrackingError
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_sink import MlflowSink
from autotrainer_keras.record.replay import (
    PROGRESS_FILE,
    REPLAYED_FILE,
    render_result,
    replay_spool,
)
from autotrainer_keras.record.spool import read_spool

from .jobs import EPOCHS, REPAIR, run_scripted_job

pytestmark = pytest.mark.medium  # the scripted job logs a (tiny) Keras model


def dead_uri() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return f"http://127.0.0.1:{port}"  # closed again: connections are refused


def spooled_job(out: Path, model: Any) -> list[dict[str, Any]]:
    """Run the scripted job against a dead server; return its spool."""
    config = TrackingConfig.model_validate(
        {"tracking_uri": dead_uri(), "retries": 0, "http_timeout_seconds": 1}
    )
    block = run_scripted_job(MlflowSink(config, out, warn=lambda line: None), out, model).result
    assert block["degraded"] and block["spool"] == str(out / keys.SPOOL_FILE)
    return read_spool(out / keys.SPOOL_FILE)


class LosesConnection:
    """A real MlflowClient whose connection drops before the `fail_at`-th log_batch."""

    def __init__(self, client: MlflowClient, fail_at: int) -> None:
        self.client, self.fail_at, self.batches = client, fail_at, 0

    def log_batch(self, *args: Any, **kwargs: Any) -> None:
        self.batches += 1
        if self.batches == self.fail_at:
            raise requests.ConnectionError("connection reset by peer")
        self.client.log_batch(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)


def runs_by_name(client: MlflowClient) -> dict[str, Any]:
    experiment = client.get_experiment_by_name("autotrainer")
    assert experiment is not None
    runs = client.search_runs([experiment.experiment_id])
    return {run.info.run_name: run for run in runs}


def test_replay_sends_the_runs_metrics_params_and_artifacts(tmp_path: Path, model: Any) -> None:
    out = tmp_path / "out"
    records = spooled_job(out, model)
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"

    result = replay_spool(out, uri)

    assert result.sent == result.total == len(records)
    assert not (out / keys.SPOOL_FILE).exists() and (out / REPLAYED_FILE).exists()
    assert read_spool(out / REPLAYED_FILE) == records
    assert len(result.not_replayed) == 2 and "original model" in result.not_replayed[0]
    client = MlflowClient(tracking_uri=uri)
    runs = runs_by_name(client)
    assert set(runs) == {"churn model", "original", REPAIR}
    job, original, repair = runs["churn model"], runs["original"], runs[REPAIR]
    assert result.run_ids == {
        "job": job.info.run_id, "original": original.info.run_id, REPAIR: repair.info.run_id
    }  # fmt: skip
    for attempt in (original, repair):
        assert attempt.data.tags[keys.MLFLOW_PARENT_RUN_ID] == job.info.run_id
        assert attempt.info.status == "FINISHED"
    assert job.info.status == "FINISHED"
    assert job.data.tags[keys.TAG_MODEL_SHA256] == "ab" * 32
    assert job.data.params["training.epochs"] == str(EPOCHS)
    assert repair.data.params["solution"] == "clip_gradients"
    assert original.data.tags[keys.TAG_OUTCOME] == "detected"
    loss = client.get_metric_history(original.info.run_id, "loss")
    assert [(m.step, m.value) for m in loss] == [(e, 1.0 / (e + 1)) for e in range(EPOCHS)]
    sent = {m[0] for r in records if r["op"] == "log_batch" and r["run"] == "original"
            for m in r["metrics"]}  # fmt: skip
    assert set(original.data.metrics) == sent
    finding = client.download_artifacts(
        original.info.run_id, "findings/exploding_gradient-epoch1.json", str(tmp_path)
    )
    assert json.loads(Path(finding).read_text())["problem"] == "exploding_gradient"
    uploaded = {a.path for a in client.list_artifacts(job.info.run_id)}
    assert {"report.json", "plots"} <= uploaded

    again = replay_spool(out, uri)
    assert again.replayed_file is None and "already replayed" in render_result(again)
    assert len(runs_by_name(client)) == 3


def test_a_replay_stopped_halfway_keeps_the_spool_and_resumes(tmp_path: Path, model: Any) -> None:
    out = tmp_path / "out"
    records = spooled_job(out, model)
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=uri)

    with pytest.raises(TrackingError) as stopped:
        replay_spool(out, uri, client=LosesConnection(client, fail_at=3))
    message = str(stopped.value)
    assert "ConnectionError" in message and "the spool is kept" in message
    assert (out / keys.SPOOL_FILE).exists() and not (out / REPLAYED_FILE).exists()
    progress = json.loads((out / PROGRESS_FILE).read_text())
    assert 0 < progress["sent"] < len(records) and f"sent {progress['sent']} records" in message
    assert "job" in progress["run_ids"]

    result = replay_spool(out, uri, client=client)
    assert result.sent == len(records) and not (out / PROGRESS_FILE).exists()
    runs = runs_by_name(client)
    assert len(runs) == 3  # the runs created before the failure were not created again
    loss = client.get_metric_history(runs["original"].info.run_id, "loss")
    assert len(loss) == EPOCHS
    assert runs["churn model"].data.params["training.epochs"] == str(EPOCHS)


def test_a_damaged_spool_is_bad_input_and_nothing_is_sent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    spool = out / keys.SPOOL_FILE
    spool.write_text('{"op": "start_run", "run": "job"}\n')
    with pytest.raises(InputError, match="record 1 \\(start_run\\): missing name"):
        replay_spool(out, f"sqlite:///{tmp_path / 'mlflow.db'}")
    spool.write_text("{not json\n")
    with pytest.raises(InputError, match="not JSON lines"):
        replay_spool(out, f"sqlite:///{tmp_path / 'mlflow.db'}")
    assert spool.exists() and not (tmp_path / "mlflow.db").exists()
