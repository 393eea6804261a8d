"""The contract: component.yaml's container command, built with local paths, run for real.

The command and its arguments come from component.yaml alone (resolved by kfp.local's
placeholder code, as for a container); the test then finds every output written and what
the job recorded in a real MLflow server.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from contract import Resolved, image_env
from kfp import dsl
from kfp_inputs import CONFIG_TEXT, write_data, write_exploding_model, write_healthy_model
from mlflow import MlflowClient

from autotrainer_keras.kfp.interface import LAUNCHER_COMMAND
from autotrainer_keras.kfp.summary import STATUSES, metrics_of

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 900


def _arguments(tmp_path: Path, model: Path, uri: str, name: str, **changes) -> dict:
    inputs = tmp_path / "inputs"
    inputs.mkdir(exist_ok=True)
    artifact = inputs / "model"  # an upstream task's output: a file without a suffix
    shutil.copy(model, artifact)
    return {
        "model": dsl.Model(uri=str(artifact)),
        "dataset": dsl.Dataset(uri=str(write_data(inputs / "data.npz"))),
        "config": CONFIG_TEXT,
        "mlflow_tracking_uri": uri,
        "experiment": name,
        "registered_model_name": name,
        "max_attempts": 1,
        "kfp_run_id": "run-123",
        "kfp_task_id": "task-9",
        **changes,
    }


def _job_runs(uri: str, experiment: str) -> list:
    client = MlflowClient(uri)
    found = client.get_experiment_by_name(experiment)
    assert found is not None
    runs = client.search_runs([found.experiment_id])
    return [r for r in runs if r.data.tags.get("autotrainer.run_kind") == "job"]


def test_the_component_command_runs_and_writes_every_output(tmp_path, mlflow_server):
    model = write_exploding_model(tmp_path / "faulty.keras")
    resolved = Resolved(
        ROOT / "component.yaml",
        _arguments(tmp_path, model, mlflow_server, "kfp-contract"),
        tmp_path / "root" / "task",
    )
    assert resolved.argv[: len(LAUNCHER_COMMAND)] == list(LAUNCHER_COMMAND)
    assert not [a for a in resolved.argv if "{{" in a]
    done = subprocess.run(
        resolved.argv, env=image_env(), cwd=tmp_path, capture_output=True, text=True,
        timeout=TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]

    outputs = resolved.outputs()
    assert set(outputs) == {
        "repaired_model", "report", "report_html", "report_markdown", "metrics", "status",
        "mlflow_run_id", "mlflow_run_url",
    }  # fmt: skip
    assert Path(outputs["report_html"].path).read_text().lower().startswith("<!doctype html>")
    assert Path(outputs["report_markdown"].path).read_text().startswith("## autotrainer: ")
    report = json.loads((Path(outputs["report"].path) / "report.json").read_text())
    assert outputs["status"] in STATUSES and outputs["status"] == report["status"]
    assert report["detections"] and report["detections"][0]["problem"] == "exploding_gradient"
    assert outputs["metrics"].metadata == metrics_of(report)
    assert outputs["metrics"].metadata["problems_found"] >= 1
    metrics_file = json.loads(Path(outputs["metrics"].path).read_text())
    assert metrics_file == outputs["metrics"].metadata
    model_dir = Path(outputs["repaired_model"].path)
    assert (model_dir / "final_config.yaml").is_file()
    import keras

    keras.saving.load_model(model_dir / "model.keras")  # a loadable model

    [run] = _job_runs(mlflow_server, "kfp-contract")
    assert run.info.status == "FINISHED"
    assert report["mlflow"]["run_id"] == run.info.run_id == outputs["mlflow_run_id"]
    assert outputs["mlflow_run_url"].endswith(f"/runs/{run.info.run_id}")
    assert run.data.tags["kfp.pipeline_run_id"] == "run-123"
    assert run.data.tags["kfp.task_id"] == "task-9"
    versions = MlflowClient(mlflow_server).search_model_versions("name='kfp-contract'")
    roles = sorted(v.tags.get("autotrainer.role") for v in versions)
    assert roles == (["original", "repaired"] if report["status"] == "repaired" else ["original"])


def test_sigterm_ends_the_mlflow_run_killed_and_writes_what_exists(tmp_path, mlflow_server):
    model = write_healthy_model(tmp_path / "healthy.keras")
    long_run = "training:\n  epochs: 2000\ndetection:\n  stop_on_detection: false\n"
    resolved = Resolved(
        ROOT / "component.yaml",
        _arguments(tmp_path, model, mlflow_server, "kfp-sigterm", config=long_run),
        tmp_path / "root" / "task",
    )
    process = subprocess.Popen(
        resolved.argv, env=image_env(), cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    seen, deadline = [], time.monotonic() + TIMEOUT
    assert process.stdout is not None
    for line in process.stdout:  # until the original training is under way
        seen.append(line)
        if "[original] epoch 3/" in line or time.monotonic() > deadline:
            break
    assert any("[original] epoch 3/" in line for line in seen), "".join(seen)[-3000:]
    process.send_signal(signal.SIGTERM)  # what Kubernetes sends when the run is cancelled
    rest, _ = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130, rest[-3000:]

    outputs = resolved.outputs()
    assert outputs["status"] == "interrupted"
    report = json.loads((Path(outputs["report"].path) / "report.json").read_text())
    assert report["interrupted"] is True
    assert report["original"]["epochs_run"] < 2000
    assert (Path(outputs["repaired_model"].path) / "model.keras").is_file()
    [run] = _job_runs(mlflow_server, "kfp-sigterm")
    assert run.info.status == "KILLED"
