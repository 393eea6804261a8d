"""The whole job in process: detect and repair a real fault, write valid outputs."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import jsonschema
import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, load_config
from autotrainer_keras.demo import make_data
from autotrainer_keras.engine import outputs
from autotrainer_keras.engine.attempt import StopFlag
from autotrainer_keras.engine.request import JobRequest, Mode
from autotrainer_keras.engine.runner import execute
from autotrainer_keras.errors import Interrupted
from autotrainer_keras.io.atomic import jsonable
from autotrainer_keras.io.model_file import sha256_of
from autotrainer_keras.progress import NullProgress
from autotrainer_keras.record.report_model import JobReport, write_report
from autotrainer_keras.record.sink import NullSink
from autotrainer_keras.repair import keras_spec

pytestmark = pytest.mark.medium


def _schema() -> dict:
    text = resources.files("autotrainer_keras").joinpath("schemas/report.schema.json").read_text()
    return json.loads(text)


@pytest.fixture
def inputs(tmp_path: Path, save_nan_model) -> tuple[Path, Path]:
    model_path = save_nan_model(tmp_path / "faulty.keras")
    data_path = tmp_path / "data.npz"
    np.savez(data_path, **make_data())
    return model_path, data_path


def _request(inputs, tmp_path: Path, repair: bool, **overrides) -> JobRequest:
    config = AutotrainerConfig().with_overrides(training__epochs=8, **overrides)
    mode = Mode.REPAIR if repair else Mode.DETECT
    return JobRequest(mode, inputs[0], inputs[1], config, output_dir=tmp_path / "out")


def test_detect_reports_the_fault_and_writes_a_valid_report(inputs, tmp_path):
    result = execute(_request(inputs, tmp_path, repair=False), NullProgress(), sink=NullSink())
    report = json.loads(result.report_path.read_text())
    jsonschema.validate(report, _schema())
    assert report["status"] == "detected"
    assert report["detections"][0]["problem"] == "exploding_gradient"
    assert report["detections"][0]["reason"]
    assert report["original"]["epochs_run"] < 8  # stopped at the detection
    assert not (tmp_path / "out" / "model.keras").exists()  # detect writes no model


def test_run_repairs_to_a_better_model_and_leaves_the_input_alone(inputs, tmp_path):
    before = (sha256_of(inputs[0]), inputs[0].stat().st_mtime_ns)
    result = execute(_request(inputs, tmp_path, repair=True), NullProgress(), sink=NullSink())
    report = json.loads(result.report_path.read_text())
    jsonschema.validate(report, _schema())
    assert report["status"] == "repaired"
    solved = [r for r in report["repairs"] if r["outcome"] == "solved"]
    assert len(solved) == 1 and solved[0]["solution"] in report["final"]["solutions"]
    assert report["final"]["val_accuracy"] > report["original"]["val_accuracy"] + 0.2
    reloaded = keras.saving.load_model(report["final"]["model_path"])
    data = np.load(inputs[1])
    metrics = reloaded.evaluate(data["x_val"], data["y_val"], verbose=0, return_dict=True)
    assert metrics["accuracy"] == pytest.approx(report["final"]["val_accuracy"], abs=1e-6)
    retrain = load_config(Path(report["final"]["config_path"]))  # a valid config file
    assert retrain.training.epochs == 8
    assert (sha256_of(inputs[0]), inputs[0].stat().st_mtime_ns) == before


def test_paper_profile_runs_the_papers_first_solution_first(inputs, tmp_path):
    result = execute(
        _request(inputs, tmp_path, repair=True, detection__profile="paper", repair__max_attempts=2),
        NullProgress(),
        sink=NullSink(),
    )
    report = result.report
    assert report["profile"] == "paper"
    assert report["detections"][0]["problem"] == "exploding_gradient"
    assert report["repairs"][0]["solution"] == "selu"


@pytest.fixture
def slow_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """The demo's slow-convergence MLP (SGD lr 1e-4): detected early, weights stay finite."""
    from autotrainer_keras.demo import make_model

    model_path = tmp_path / "slow.keras"
    make_model("slow_convergence").save(model_path)
    data_path = tmp_path / "data.npz"
    np.savez(data_path, **make_data())
    return model_path, data_path


def test_nothing_accepted_finishes_the_original_training(slow_inputs, tmp_path, monkeypatch):
    """With no candidate allowed, the original is trained on to its full budget, its
    optimizer's state carried over (one longer `fit`), and the result is the better of the
    stopped and the finished original (never worse)."""
    carried: list[bool] = []
    transfer = keras_spec.transfer_optimizer_state

    def spy(*args):
        carried.append(transfer(*args))
        return carried[-1]

    monkeypatch.setattr(keras_spec, "transfer_optimizer_state", spy)
    result = execute(
        _request(slow_inputs, tmp_path, repair=True, repair__max_attempts=0),
        NullProgress(),
        sink=NullSink(),
    )
    report = result.report
    jsonschema.validate(report, _schema())
    assert report["detections"][0]["problem"] == "slow_convergence"
    assert report["status"] == "unrepaired" and report["repairs"] == []
    assert report["original"]["epochs_run"] < 8
    continued = report["original"]["continued"]
    assert continued["epochs_run"] == 8  # stopped epochs + the rest of the budget
    assert carried == [True]
    assert "original-continued" in report["curves"]
    assert report["final"]["attempt"] in ("original", "original-continued")
    assert report["final"]["val_accuracy"] >= report["original"]["val_accuracy"]
    assert load_config(Path(report["final"]["config_path"])).training.epochs == 8


def test_an_original_with_non_finite_weights_is_not_trained_on(inputs, tmp_path):
    report = execute(
        _request(inputs, tmp_path, repair=True, repair__max_attempts=0),
        NullProgress(),
        sink=NullSink(),
    ).report
    assert report["detections"][0]["problem"] == "exploding_gradient"
    assert "continued" not in report["original"]
    assert report["final"]["attempt"] == "original"


def test_finish_original_can_be_switched_off(slow_inputs, tmp_path):
    request = _request(
        slow_inputs, tmp_path, repair=True, repair__max_attempts=0, repair__finish_original=False
    )
    report = execute(request, NullProgress(), sink=NullSink()).report
    assert "continued" not in report["original"]
    assert report["final"]["attempt"] == "original"


class _StopAfterFirstEpoch(keras.callbacks.Callback):
    """What a SIGTERM handler does (`signals.stop_on_signals`), at the end of epoch 1."""

    def __init__(self, flag: StopFlag) -> None:
        super().__init__()
        self.flag = flag

    def on_epoch_end(self, epoch: int, logs: object = None) -> None:
        self.flag.request()


def test_an_interrupted_job_writes_one_valid_report(slow_inputs, tmp_path, monkeypatch):
    written: list[JobReport] = []

    def counted(out: Path, report: JobReport) -> Path:
        written.append(report)
        return write_report(out, report)

    monkeypatch.setattr(outputs, "write_report", counted)
    flag = StopFlag()
    request = replace(
        _request(slow_inputs, tmp_path, repair=True), callbacks=(_StopAfterFirstEpoch(flag),)
    )
    with pytest.raises(Interrupted, match="partial results written"):
        execute(request, NullProgress(), sink=NullSink(), stop_flag=flag)
    assert len(written) == 1  # report.json is written once, also when interrupted
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    jsonschema.validate(report, _schema())
    assert report == jsonable(written[0].to_dict())
    assert report["interrupted"] is True and report["original"]["epochs_run"] == 1
    assert report["repairs"] == [] and report["final"]["attempt"] == "original"
