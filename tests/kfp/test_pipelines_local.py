"""Both pipelines end to end on the KFP local runner (SubprocessRunner, this venv) against a
real MLflow server on loopback. The ready pipeline runs the container component's local twin
(same interface, same launcher); the scale-out pipeline runs as compiled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kfp import local
from kfp_inputs import CONFIG_TEXT, write_data, write_exploding_model
from mlflow import MlflowClient

from autotrainer_keras.kfp.components import components
from autotrainer_keras.kfp.pipelines import ready_pipeline, scaleout_pipeline
from autotrainer_keras.kfp.summary import metrics_of

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:You may be attemping to run a task:RuntimeWarning"),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    root = tmp_path_factory.mktemp("pipeline-inputs")
    return str(write_exploding_model(root / "faulty.keras")), str(write_data(root / "data.npz"))


def _local(root: Path) -> None:
    local.init(runner=local.SubprocessRunner(use_venv=False), pipeline_root=str(root))


def _runs(uri: str, experiment: str) -> list:
    client = MlflowClient(uri)
    found = client.get_experiment_by_name(experiment)
    assert found is not None
    return client.search_runs([found.experiment_id])


def _ready():
    built = components()
    return ready_pipeline(built.autotrainer, built.fail_if_unrepaired)


def test_ready_pipeline_runs_the_step_and_returns_its_outputs(tmp_path, inputs, mlflow_server):
    _local(tmp_path / "root")
    task = _ready()(
        model_uri=inputs[0], dataset_uri=inputs[1], config=CONFIG_TEXT,
        mlflow_tracking_uri=mlflow_server, experiment="kfp-ready", max_attempts=1,
        fail_on_unrepaired=False,
    )  # fmt: skip
    report = json.loads((Path(task.outputs["report"].path) / "report.json").read_text())
    assert task.outputs["status"] == report["status"]
    assert report["detections"][0]["problem"] == "exploding_gradient"
    assert task.outputs["metrics"].metadata == metrics_of(report)
    assert (Path(task.outputs["repaired_model"].path) / "model.keras").is_file()
    runs = _runs(mlflow_server, "kfp-ready")
    jobs = [r for r in runs if r.data.tags.get("autotrainer.run_kind") == "job"]
    assert [r.info.status for r in jobs] == ["FINISHED"]
    # the KFP UI renders these: the report page and its Markdown summary
    page = Path(task.outputs["report_html"].path).read_text()
    assert page.lower().startswith("<!doctype html>") and "exploding_gradient" in page
    summary = Path(task.outputs["report_markdown"].path).read_text()
    assert summary.startswith("## autotrainer: ") and "exploding\\_gradient" in summary
    # KFP -> MLflow: the parent run's id and its page in the MLflow UI
    [job] = jobs
    assert task.outputs["mlflow_run_id"] == job.info.run_id
    assert task.outputs["mlflow_run_url"] == (
        f"{mlflow_server}/#/experiments/{job.info.experiment_id}/runs/{job.info.run_id}"
    )
    assert job.info.run_id in summary
    # MLflow -> KFP: every run of the job carries the KFP run's and task's ids
    kfp_run_ids = {r.data.tags.get("kfp.pipeline_run_id") for r in runs}
    assert len(kfp_run_ids) == 1 and None not in kfp_run_ids and "" not in kfp_run_ids
    assert all(r.data.tags.get("kfp.task_id") for r in runs)


def test_ready_pipeline_gate_fails_the_run_when_unrepaired(tmp_path, inputs, mlflow_server):
    _local(tmp_path / "root")
    with pytest.raises(RuntimeError, match="Inner task failed: .*fail-if-unrepaired"):
        _ready()(
            model_uri=inputs[0], dataset_uri=inputs[1], config=CONFIG_TEXT,
            mlflow_tracking_uri=mlflow_server, experiment="kfp-gate", max_attempts=0,
            fail_on_unrepaired=True,
        )  # fmt: skip
    [status_file] = (tmp_path / "root").glob("*/autotrainer/status")
    assert status_file.read_text() == "unrepaired"  # the step succeeded, the gate failed


def test_the_gate_component_passes_anything_but_unrepaired(tmp_path):
    _local(tmp_path / "root")
    gate = components().fail_if_unrepaired
    gate(status="repaired")
    gate(status="healthy")
    with pytest.raises(RuntimeError, match="FAILURE"):
        gate(status="unrepaired")


def test_scaleout_pipeline_tries_each_candidate_in_its_own_task(tmp_path, inputs, mlflow_server):
    _local(tmp_path / "root")
    scaleout_pipeline(components())(
        model_uri=inputs[0], dataset_uri=inputs[1], config=CONFIG_TEXT,
        mlflow_tracking_uri=mlflow_server, experiment="kfp-scaleout",
        registered_model_name="kfp-scaleout", max_attempts=2, fail_on_unrepaired=False,
    )  # fmt: skip
    root = tmp_path / "root"
    tried = sorted(root.glob("*/**/try-candidate/candidate_model"))
    assert len(tried) == 2  # two candidates, two tasks
    [report_file] = root.glob("*/**/select-best/report/scaleout_report.json")
    report = json.loads(report_file.read_text())
    assert [r["index"] for r in report["repairs"]] == [1, 2]
    assert all(r["outcome"] for r in report["repairs"])
    assert report["status"] in ("repaired", "unrepaired")
    [final] = root.glob("*/**/select-best/final_model/model.keras")
    assert final.is_file()

    runs = _runs(mlflow_server, "kfp-scaleout")
    jobs = {r.info.run_id: r for r in runs if r.data.tags.get("autotrainer.run_kind") == "job"}
    detect_id = report["mlflow"]["run_id"]
    children = [r for r in jobs.values() if r.data.tags.get("mlflow.parentRunId") == detect_id]
    assert len(jobs) == 3 and len(children) == 2  # detect, and one job run per candidate
    assert all(r.info.status == "FINISHED" for r in jobs.values())
    versions = MlflowClient(mlflow_server).search_model_versions("name='kfp-scaleout'")
    if report["status"] == "repaired":
        assert [v.version for v in versions] == [str(report["registered_version"])]
        assert versions[0].tags["autotrainer.role"] == "repaired"
    else:
        assert versions == [] and report["registered_version"] is None
