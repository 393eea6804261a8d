"""`autotrainer-keras submit`: the compiled pipeline and its arguments reach the KFP API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fake_kfp import fake_kfp

from autotrainer_keras.errors import InputError
from autotrainer_keras.kfp import submit
from autotrainer_keras.kfp.pipelines import READY_NAME, SCALEOUT_NAME


def test_config_values_become_inputs_unless_given():
    text = "detection:\n  profile: paper\nrepair:\n  max_attempts: 3\n"
    args = submit.arguments(
        model_uri="s3://m", dataset_uri="s3://d", config_text=text, fail_on_unrepaired=True,
        profile=None, max_attempts=5, experiment=None,
    )  # fmt: skip
    assert args == {
        "model_uri": "s3://m", "dataset_uri": "s3://d", "fail_on_unrepaired": True,
        "config": text, "profile": "paper", "max_attempts": 5,
    }  # fmt: skip
    with pytest.raises(InputError, match="required"):
        submit.arguments(model_uri="", dataset_uri="x", config_text=None, fail_on_unrepaired=False)


def test_exit_codes():
    assert [submit.exit_code_for(s) for s in (None, "SUCCEEDED", "FAILED", "CANCELED")] == [
        0, 0, 3, 1
    ]  # fmt: skip


@pytest.mark.parametrize(("pipeline", "name"), [("ready", READY_NAME), ("scaleout", SCALEOUT_NAME)])
def test_submit_sends_the_compiled_pipeline_with_the_arguments(
    tmp_path, monkeypatch, capsys, pipeline, name
):
    config = tmp_path / "config.yaml"
    config.write_text("training:\n  epochs: 3\n")
    monkeypatch.setenv(submit.TOKEN_ENV, "secret-token")
    with fake_kfp("FAILED") as (host, fake):
        code = submit.submit_from_cli(
            host=host, pipeline=pipeline, model_uri="s3://b/m.keras", dataset_uri="s3://b/d.npz",
            config=config, fail_on="unrepaired", image="registry.example/at:1",
            kfp_experiment="ci", run_name="ci-1", namespace=None, service_account=None,
            wait_seconds=30, profile=None, mlflow_tracking_uri=None, experiment="exp",
            registered_model_name="churn", max_attempts=2,
        )  # fmt: skip
    assert code == 3  # the run failed (the gate)
    [run] = fake.runs
    assert run["display_name"] == "ci-1" and run["experiment_id"] == "e1"
    assert fake.experiments[0]["display_name"] == "ci"
    sent = run["pipeline_spec"]  # with kfp-kubernetes settings: {pipeline_spec, platform_spec}
    spec = sent["pipeline_spec"]
    assert "autotrainer-mlflow" in json.dumps(sent["platform_spec"])  # the ConfigMap env
    assert spec["pipelineInfo"]["name"] == name
    images = {e["container"]["image"] for e in spec["deploymentSpec"]["executors"].values()
              if "container" in e}  # fmt: skip
    assert images == {"registry.example/at:1"}
    params = run["runtime_config"]["parameters"]
    assert params == {
        "model_uri": "s3://b/m.keras", "dataset_uri": "s3://b/d.npz", "fail_on_unrepaired": True,
        "config": config.read_text(), "experiment": "exp", "registered_model_name": "churn",
        "max_attempts": 2,
    }  # fmt: skip
    assert "Bearer secret-token" in fake.authorization
    assert "run r1" in capsys.readouterr().out


def test_the_cli_command(tmp_path):
    autotrainer = str(Path(sys.executable).parent / "autotrainer-keras")
    refused = subprocess.run(
        [autotrainer, "submit", "--host", "http://127.0.0.1:9", "--model-uri", "s3://m",
         "--dataset-uri", "s3://d", "--fail-on", "detected"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert refused.returncode == 2 and "only gate on 'unrepaired'" in refused.stderr
    with fake_kfp("SUCCEEDED") as (host, fake):
        done = subprocess.run(
            [autotrainer, "submit", "--host", host, "--pipeline", "scaleout", "--model-uri",
             "s3://m", "--dataset-uri", "s3://d", "--max-attempts", "2", "--wait", "60"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "run ended SUCCEEDED" in done.stdout
    [run] = fake.runs
    assert run["runtime_config"]["parameters"]["max_attempts"] == 2
    assert run["runtime_config"]["parameters"]["fail_on_unrepaired"] is False
