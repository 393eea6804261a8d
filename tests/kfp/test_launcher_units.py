"""The launcher's parts on plain data: paths, flags, config agreement, status, metrics."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine.request import Mode
from autotrainer_keras.errors import InputError
from autotrainer_keras.kfp import outputs, paths
from autotrainer_keras.kfp.launcher import job_request
from autotrainer_keras.kfp.settings import check_agreement, settings_from_values
from autotrainer_keras.kfp.summary import metrics_of, status_of

REPORT = {
    "status": "repaired",
    "interrupted": False,
    "detections": [{"problem": "exploding_gradient", "epoch": 0}],
    "original": {"val_accuracy": 0.49, "val_loss": float("nan")},
    "final": {"val_accuracy": 0.93, "val_loss": 0.2},
    "repairs": [{"attempt": "repair-1-gradient"}, {"attempt": "repair-2-lr_down"}],
}


def _values(tmp_path: Path, **changes) -> dict:
    model = tmp_path / "model.keras"
    with zipfile.ZipFile(model, "w") as archive:
        archive.writestr("config.json", "{}")
    data = tmp_path / "data.npz"
    data.write_bytes(b"PK\x03\x04")
    values = {
        "model": str(model), "dataset": str(data), "config": "", "profile": "default",
        "mlflow_tracking_uri": "", "experiment": "autotrainer", "registered_model_name": "",
        "max_attempts": 8,
    }  # fmt: skip
    return values | changes


def test_empty_inputs_are_left_to_the_config(tmp_path):
    request = job_request(_values(tmp_path), tmp_path / "out", tmp_path / "scratch")
    assert request.mode is Mode.REPAIR and request.output_dir == tmp_path / "out"
    assert request.model == tmp_path / "model.keras" and request.data == tmp_path / "data.npz"
    config = request.config
    assert config.tracking.registered_model_name is None
    assert config.tracking.tracking_uri == AutotrainerConfig().tracking.tracking_uri
    assert config.detection.profile == "default" and config.repair.max_attempts == 8


def test_config_text_becomes_the_settings_and_inputs_win(tmp_path):
    text = "training:\n  epochs: 3\nrepair:\n  seed: 5\n"
    values = _values(tmp_path, config=text, max_attempts=2, registered_model_name="churn")
    config = job_request(values, tmp_path / "out", tmp_path / "scratch").config
    assert (config.training.epochs, config.repair.seed) == (3, 5)
    assert config.repair.max_attempts == 2
    assert config.tracking.registered_model_name == "churn"


def test_a_model_directory_and_a_suffixless_model_file_resolve(tmp_path):
    directory = tmp_path / "artifact"
    directory.mkdir()
    (directory / "model.keras").write_bytes(b"PK\x03\x04rest")
    assert paths.model_file(directory, tmp_path / "s") == directory / "model.keras"
    bare = tmp_path / "model"
    bare.write_bytes(b"\x89HDF\r\n\x1a\nrest")
    linked = paths.model_file(bare, tmp_path / "s")
    assert linked.suffix == ".h5" and linked.resolve() == bare.resolve()


@pytest.mark.parametrize("content", [b"not a model", None])
def test_unusable_model_artifacts_are_input_errors(tmp_path, content):
    path = tmp_path / "model"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match="model artifact"):
        paths.model_file(path, tmp_path / "s")


def test_a_dataset_directory_needs_one_npz(tmp_path):
    (tmp_path / "a.npz").write_bytes(b"")
    (tmp_path / "b.npz").write_bytes(b"")
    with pytest.raises(InputError, match="found a.npz, b.npz"):
        paths.data_file(tmp_path)


def test_an_input_that_contradicts_the_config_text_is_an_error(tmp_path):
    text = "detection:\n  profile: paper\n"
    with pytest.raises(InputError, match="detection.profile.*'paper'.*'default'"):
        check_agreement(text, _values(tmp_path, config=text))
    check_agreement(text, _values(tmp_path, config=text, profile="paper"))  # agreeing is fine
    check_agreement("training: [", _values(tmp_path))  # bad YAML is the config loader's


def test_settings_from_values_apply_inputs_over_the_text(tmp_path):
    values = _values(tmp_path, config="training:\n  epochs: 3\n", max_attempts=2)
    settings = settings_from_values(values | {"mlflow_tracking_uri": "http://x:5000"})
    assert settings.training.epochs == 3 and settings.repair.max_attempts == 2
    assert settings.tracking.tracking_uri == "http://x:5000"
    with pytest.raises(InputError, match="not valid YAML"):
        settings_from_values(_values(tmp_path, config="training: ["))


def test_status_and_metrics_from_a_report():
    assert status_of(REPORT) == "repaired"
    assert status_of({**REPORT, "interrupted": True}) == "interrupted"
    assert status_of(None) == "error" and status_of(None, cancelled=True) == "interrupted"
    metrics = metrics_of(REPORT)
    assert metrics.pop("val_accuracy_gain") == pytest.approx(0.93 - 0.49)
    assert metrics == {
        "val_accuracy_before": 0.49, "val_accuracy_after": 0.93, "val_loss_after": 0.2,
        "problems_found": 1.0, "problem.exploding_gradient": 1.0, "repair_attempts": 2.0,
        "repaired": 1.0,
    }  # fmt: skip


def test_executor_output_carries_the_metrics_and_the_string_outputs(tmp_path):
    executor_input = {
        "outputs": {
            "artifacts": {
                name: {"artifacts": [{"name": name, "uri": f"file:///{name}"}]}
                for name in ("repaired_model", "report", "metrics")
            },
            "parameters": {"status": {"outputFile": str(tmp_path / "status")}},
            "outputFile": str(tmp_path / "deep" / "executor_output.json"),
        }
    }
    strings = {"status": "ok", "mlflow_run_id": "abc"}
    path = outputs.write_executor_output(json.dumps(executor_input), {"repaired": 1.0}, strings)
    written = json.loads(Path(path).read_text())
    assert written["parameterValues"] == {
        "status": "ok",
        "mlflow_run_id": "abc",
        "mlflow_run_url": "",
    }
    assert written["artifacts"]["metrics"]["artifacts"][0]["metadata"] == {"repaired": 1.0}
    assert set(written["artifacts"]) == {"repaired_model", "report", "metrics"}
    assert written["artifacts"]["report"]["artifacts"][0]["uri"] == "file:///report"


def test_kfp_ids_become_mlflow_tags_and_bad_ones_are_refused(tmp_path):
    values = _values(tmp_path, kfp_run_id="run-7", kfp_run_name="", kfp_task_id="task-3")
    config = job_request(values, tmp_path / "out", tmp_path / "scratch").config
    assert config.tracking.tags == {"kfp.pipeline_run_id": "run-7", "kfp.task_id": "task-3"}
    with pytest.raises(InputError, match="--tag"):
        job_request(_values(tmp_path, kfp_run_id="x" * 8001), tmp_path / "o", tmp_path / "s")
