"""The MLflow sink against the embedded default store: sqlite:///mlflow.db in the cwd."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mlflow
import pytest
from mlflow import MlflowClient

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.errors import InputError
from autotrainer_keras.measure.history import LayerStats
from autotrainer_keras.progress import NullProgress
from autotrainer_keras.record.lineage import lineage_tree
from autotrainer_keras.record.mlflow_sink import MlflowSink, make_sink
from autotrainer_keras.record.open_runs import OPEN_RUNS_FILE, close_left_open
from autotrainer_keras.record.recorder import Recorder
from autotrainer_keras.record.sink import NullSink
from autotrainer_keras.record.summary import AttemptSummary

from .checks import assert_registry, assert_runs
from .jobs import check, run_scripted_job

pytestmark = pytest.mark.medium


class CountingClient(MlflowClient):
    """A real MlflowClient that counts the calls that carry metrics."""

    def __init__(self, uri: str) -> None:
        super().__init__(tracking_uri=uri, registry_uri=uri)
        self.batches: list[int] = []
        self.single_metrics = 0

    def log_batch(self, run_id: str, metrics: Any = (), params: Any = (), tags: Any = (),
                  synchronous: bool | None = None) -> Any:  # fmt: skip
        self.batches.append(len(metrics))
        return super().log_batch(run_id, metrics, params, tags, synchronous=synchronous)

    def log_metric(self, *args: Any, **kwargs: Any) -> Any:
        self.single_metrics += 1
        return super().log_metric(*args, **kwargs)


@pytest.fixture(scope="module")
def in_tmp_cwd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh working directory with no MLFLOW_TRACKING_URI: the embedded default applies.

    Shared by the module (creating an MLflow sqlite database takes seconds); tests use their
    own experiment and model names.
    """
    directory = tmp_path_factory.mktemp("embedded")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(directory)
        patch.delenv("MLFLOW_TRACKING_URI", raising=False)
        yield directory


def test_default_uri_is_sqlite_in_the_working_directory(in_tmp_cwd: Path) -> None:
    uri = TrackingConfig().resolved_tracking_uri()
    assert uri == f"sqlite:///{in_tmp_cwd.resolve() / 'mlflow.db'}"


def test_full_job_is_recorded_in_the_embedded_store(in_tmp_cwd: Path, model: Any) -> None:
    config = TrackingConfig(experiment="embedded", registered_model_name="churn", strict=True)
    sink = MlflowSink(config, in_tmp_cwd / "out")
    uri_was_set = mlflow.is_tracking_uri_set()

    job = run_scripted_job(sink, in_tmp_cwd / "out", model)

    assert (in_tmp_cwd / "mlflow.db").is_file()
    uri = job.result["tracking_uri"]
    assert uri == f"sqlite:///{in_tmp_cwd.resolve() / 'mlflow.db'}"
    client = MlflowClient(uri, registry_uri=uri)
    assert client.get_experiment(job.result["experiment_id"]).name == "embedded"
    assert_runs(client, job, in_tmp_cwd)
    assert_registry(client, job, "churn", uri)
    assert lineage_tree("churn", None) == lineage_tree("churn", uri)  # default: same store
    assert mlflow.is_tracking_uri_set() == uri_was_set  # log_model leaves no global behind
    print(f"\nembedded log_model seconds: {[round(s, 3) for s in sink.log_model_seconds]}")


def test_metrics_go_in_batches_of_at_most_1000(in_tmp_cwd: Path, model: Any) -> None:
    uri = TrackingConfig().resolved_tracking_uri()
    client = CountingClient(uri)
    sink = MlflowSink(TrackingConfig(experiment="batching", strict=True), in_tmp_cwd, client=client)
    job = run_scripted_job(sink, in_tmp_cwd / "out", model)
    # params of job + 2 attempts, 2 attempt flushes, job tags twice, one per logged model's
    # metrics: never one call per value
    assert client.single_metrics == 0
    assert len(client.batches) <= 10, client.batches
    runs = job.result["attempt_run_ids"]
    stored = sum(len(client.get_metric_history(runs["original"], k))
                 for k in client.get_run(runs["original"]).data.metrics)  # fmt: skip
    assert stored == max(client.batches) + 2  # the original attempt in one call (+ its model's)

    client.batches.clear()
    big = MlflowSink(TrackingConfig(experiment="batching", strict=True), in_tmp_cwd, client=client)
    big.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={})
    big.start_attempt("original", {})
    wide = check(0, 0)
    wide.layers += [LayerStats(f"dense_{i}", "Dense", grad_norm=1.0) for i in range(98)]
    per_check = 6 + 5 + 98 * 3 + 2  # stats that are not None, plus the two model-wide ones
    checks = 25
    started = time.perf_counter()
    for index in range(checks):
        wide.step = index
        big.log_check(wide)
    big.end_attempt("healthy", None)
    seconds = time.perf_counter() - started
    sent = [n for n in client.batches if n]
    assert sum(sent) == checks * per_check
    assert max(sent) <= 1000
    assert len(sent) <= 2 * (checks * per_check // 1000 + 1)
    run_id = big.attempts["original"].run_id
    assert [m.step for m in client.get_metric_history(run_id, "grad_norm/dense_97")] == list(
        range(checks)
    )
    big.end_job("FINISHED", {})
    print(f"\nembedded: {checks * per_check} points in {len(sent)} log_batch calls, "
          f"{checks * per_check / seconds:.0f} points/s")  # fmt: skip


def test_flush_interval_sends_buffered_metrics_early(in_tmp_cwd: Path) -> None:
    now = [1000.0]
    uri = TrackingConfig().resolved_tracking_uri()
    client = CountingClient(uri)
    config = TrackingConfig(experiment="interval", strict=True, flush_interval_seconds=30)
    sink = MlflowSink(config, in_tmp_cwd, client=client, clock=lambda: now[0])
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={})
    sink.start_attempt("original", {})
    sink.log_epoch(0, {"loss": 1.0})
    assert client.batches == []  # buffered
    now[0] += 31
    sink.log_epoch(1, {"loss": 0.5})
    assert client.batches == [2]
    run_id = sink.attempts["original"].run_id
    assert [m.step for m in client.get_metric_history(run_id, "loss")] == [0, 1]
    sink.end_job("KILLED", {})
    assert client.get_run(run_id).info.status == "KILLED"  # open attempt ends with the job


def test_the_recorder_ends_what_it_starts_killed_when_interrupted(in_tmp_cwd: Path) -> None:
    sink = MlflowSink(TrackingConfig(experiment="recorder", strict=True), in_tmp_cwd)
    recorder = Recorder(sink, NullProgress())
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={"a": 1})
    with recorder.attempt("original", {}, index=0, total=0, description="") as run:
        recorder.epoch("original", 0, 1, {"loss": 1.0})
        run.finish("detected", AttemptSummary("original", None, None, 1, 0.1), interrupted=True)
    with pytest.raises(RuntimeError, match="boom"), recorder.attempt(
        "repair-1-adam", {"solution": "adam"}, index=1, total=1, description=""
    ):
        raise RuntimeError("boom")
    block = sink.end_job("KILLED", {})
    client = MlflowClient(sink.uri)
    runs = block["attempt_run_ids"]
    assert client.get_run(runs["original"]).info.status == "KILLED"
    assert client.get_run(runs["repair-1-adam"]).info.status == "FAILED"
    assert client.get_run(block["run_id"]).info.status == "KILLED"
    assert not (in_tmp_cwd / OPEN_RUNS_FILE).exists()  # every run ended: nothing left open
    with pytest.raises(ValueError, match="role"):
        sink.log_model(object(), "copy", AttemptSummary("original", None, None, 1, 0.1))


def test_lineage_errors_are_clear(
    in_tmp_cwd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = TrackingConfig().resolved_tracking_uri()
    MlflowClient(uri, registry_uri=uri).create_registered_model("known")
    with pytest.raises(InputError, match="no registered model named 'nope'.*known"):
        lineage_tree("nope", None)
    assert lineage_tree("known", None).endswith(": 0 versions")
    monkeypatch.chdir(tmp_path)  # no mlflow.db here: say so instead of creating one
    with pytest.raises(InputError, match="no MLflow database at"):
        lineage_tree("known", None)
    assert not (tmp_path / "mlflow.db").exists()


def test_make_sink(in_tmp_cwd: Path) -> None:
    assert isinstance(make_sink(TrackingConfig(enabled=False), in_tmp_cwd), NullSink)
    assert isinstance(make_sink(TrackingConfig(), in_tmp_cwd), MlflowSink)


def test_nonfinite_values_are_recorded(in_tmp_cwd: Path) -> None:
    sink = MlflowSink(TrackingConfig(experiment="nonfinite", strict=True), in_tmp_cwd)
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={})
    sink.start_attempt("original", {})
    sink.log_epoch(0, {"loss": float("nan"), "note": "not a number"})  # type: ignore[dict-item]
    record = check(0, 0)
    record.layers[0].grad_norm, record.nonfinite = float("inf"), True
    sink.log_check(record)
    block = sink.end_job("FAILED", {})
    client = MlflowClient(sink.uri)
    run_id = block["attempt_run_ids"]["original"]
    (loss,) = client.get_metric_history(run_id, "loss")
    assert math.isnan(loss.value)
    assert client.get_metric_history(run_id, "note") == []
    (grad,) = client.get_metric_history(run_id, "grad_norm/dense_in")
    assert grad.value > 1e300  # MLflow stores +inf as the largest float
    assert client.get_metric_history(run_id, "model/nonfinite")[0].value == 1.0
    assert client.get_run(run_id).info.status == "FAILED"


def test_runs_a_killed_job_left_running_are_ended_killed(in_tmp_cwd: Path) -> None:
    sink = MlflowSink(TrackingConfig(experiment="killed"), in_tmp_cwd)
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={})
    sink.start_attempt("original", {})
    sink.log_epoch(0, {"loss": 1.0})
    # SIGKILL here: nothing ends the runs, only the open-runs file knows them
    ids = [sink.job.run_id, sink.attempts["original"].run_id]
    written = json.loads((in_tmp_cwd / OPEN_RUNS_FILE).read_text())
    assert written == {"tracking_uri": sink.uri, "run_ids": ids}
    client = MlflowClient(sink.uri)
    assert [client.get_run(str(r)).info.status for r in ids] == ["RUNNING", "RUNNING"]
    messages: list[str] = []
    assert close_left_open(in_tmp_cwd, messages.append) == ids
    assert [client.get_run(str(r)).info.status for r in ids] == ["KILLED", "KILLED"]
    assert not (in_tmp_cwd / OPEN_RUNS_FILE).exists()
    assert len(messages) == 1 and "2 MLflow run(s)" in messages[0]
    assert close_left_open(in_tmp_cwd, messages.append) == []  # nothing left: nothing done


def test_the_open_runs_file_keeps_no_credentials(tmp_path: Path) -> None:
    from autotrainer_keras.record.open_runs import OpenRuns

    runs = OpenRuns(tmp_path, "http://alice:S3cretPW@127.0.0.1:1")
    runs.opened("abc")
    text = (tmp_path / OPEN_RUNS_FILE).read_text()
    assert "S3cretPW" not in text and "abc" in text
    runs.closed("abc")
    assert not (tmp_path / OPEN_RUNS_FILE).exists()
