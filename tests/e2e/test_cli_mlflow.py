"""`autotrainer-keras run` against a real MLflow server: runs, metrics, registry lineage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import mlflow
import numpy as np
import pytest
import requests

from autotrainer_keras.demo import make_data

pytestmark = pytest.mark.slow
AUTOTRAINER = Path(sys.executable).parent / "autotrainer-keras"
NAME = "e2e-circles"


@pytest.fixture(scope="module")
def job(mlflow_server: str, tmp_path_factory: pytest.TempPathFactory, save_nan_model) -> dict:
    root = tmp_path_factory.mktemp("e2e")
    model, data = save_nan_model(root / "faulty.keras"), root / "data.npz"
    np.savez(data, **make_data())
    (root / "config.yaml").write_text("training:\n  epochs: 8\n")
    env = {**os.environ, "MLFLOW_TRACKING_URI": ""}
    command = [
        str(AUTOTRAINER), "run", "--model", str(model), "--data", str(data),
        "--config", str(root / "config.yaml"), "--output", str(root / "out"),
        "--tracking-uri", mlflow_server, "--experiment", "e2e",
        "--registered-model-name", NAME, "--fail-on", "unrepaired",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900, cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    lineage = subprocess.run(
        [str(AUTOTRAINER), "lineage", NAME, "--tracking-uri", mlflow_server],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    report = json.loads((root / "out" / "report.json").read_text())
    return {"report": report, "stdout": done.stdout, "lineage": lineage, "uri": mlflow_server}


def test_the_report_points_at_the_mlflow_records(job):
    report = job["report"]
    assert report["status"] == "repaired"
    block = report["mlflow"]
    assert block["tracking_uri"] == job["uri"] and block["registered_model_name"] == NAME
    assert str(block["original_version"]) == "1" and str(block["repaired_version"]) == "2"
    assert block["run_id"] in job["stdout"]


def test_parent_run_has_nested_original_and_repair_runs_with_metrics(job):
    client = mlflow.MlflowClient(job["uri"])
    parent = client.get_run(job["report"]["mlflow"]["run_id"])
    assert parent.info.status == "FINISHED"
    assert "exploding_gradient" in parent.data.tags["autotrainer.problem"].split(",")
    children = client.search_runs(
        [parent.info.experiment_id], f"tags.mlflow.parentRunId = '{parent.info.run_id}'"
    )
    names = {run.info.run_name: run for run in children}
    repairs = job["report"]["repairs"]
    assert {"original", *(r["attempt"] for r in repairs)} <= set(names)
    original = names["original"]
    assert original.data.tags["autotrainer.problem"] == "exploding_gradient"
    solved = names[next(r["attempt"] for r in repairs if r["outcome"] == "solved")]
    history = client.get_metric_history(solved.info.run_id, "val_loss")
    epochs = next(r["epochs_run"] for r in repairs if r["outcome"] == "solved")
    # one point per epoch, and the repaired logged model's own val_loss at the last epoch
    assert len(history) == epochs + 1 and history[-1].step == history[-2].step
    artifacts = {a.path for a in client.list_artifacts(parent.info.run_id)}
    assert {"report.json", "report.html"} <= artifacts


def test_registry_versions_carry_the_lineage_over_rest(job):
    report = job["report"]
    response = requests.get(
        f"{job['uri']}/api/2.0/mlflow/model-versions/search",
        params={"filter": f"name='{NAME}'"},
        timeout=30,
    )
    response.raise_for_status()
    versions = {v["version"]: v for v in response.json()["model_versions"]}
    tags = {k: {t["key"]: t["value"] for t in v.get("tags", [])} for k, v in versions.items()}
    assert tags["1"]["autotrainer.role"] == "original"
    assert tags["1"]["autotrainer.status"] == "faulty"
    assert tags["1"]["autotrainer_keras.problems"] == "exploding_gradient"
    repaired = tags["2"]
    assert repaired["autotrainer.role"] == "repaired"
    assert repaired["autotrainer.repaired_from_version"] == "1"
    assert repaired["autotrainer.solution"] == ",".join(report["final"]["solutions"])
    assert float(repaired["autotrainer.val_accuracy_after"]) == pytest.approx(
        report["final"]["val_accuracy"], abs=1e-4
    )
    assert versions["2"]["description"]
    client = mlflow.MlflowClient(job["uri"])
    assert client.get_model_version_by_alias(NAME, "repaired").version == "2"


def test_lineage_prints_the_tree(job):
    assert job["lineage"].returncode == 0, job["lineage"].stderr[-2000:]
    text = job["lineage"].stdout
    assert "v1 original" in text and "v2 repaired" in text and "exploding_gradient" in text
