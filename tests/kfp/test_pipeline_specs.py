"""The compiled pipelines (checked in, kept current by the drift test) have the shape the
issue asks for: import -> step -> optional gate; detect -> ParallelFor candidates -> select."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import yaml
from kfp import dsl

from autotrainer_keras.kfp import platform
from autotrainer_keras.kfp.interface import HEALTHY, pipeline_parameters

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> tuple[dict, dict]:
    spec, platforms = yaml.safe_load_all((ROOT / "pipelines" / name).read_text())
    return spec, platforms["platforms"]["kubernetes"]["deploymentSpec"]["executors"]


def _dags(spec: dict) -> dict[str, dict]:
    dags = {"root": spec["root"]["dag"]["tasks"]}
    dags |= {k: v["dag"]["tasks"] for k, v in spec["components"].items() if "dag" in v}
    return dags


def _inputs(spec: dict) -> set[str]:
    return set(spec["root"]["inputDefinitions"]["parameters"])


def _recording(executor: dict) -> None:
    [env] = executor["configMapAsEnv"]
    assert env["configMapName"] == platform.MLFLOW_CONFIG_MAP
    assert env["optional"] is True  # a cluster without the ConfigMap still runs the tasks
    assert env["keyToEnv"] == [{"configMapKey": k, "envVar": k} for k in platform.CONFIG_MAP_ENV]
    assert executor["secretAsEnv"][0]["optional"] is True


RESOURCE_INPUTS = {f.name for f in fields(platform.TrainingResources)}


def _training(spec: dict, executors: dict, component: str, task: dict) -> None:
    """A training task: compute from the pipeline's parameters, retried, with a deadline."""
    resources = spec["deploymentSpec"]["executors"][f"exec-{component}"]["container"]["resources"]
    assert resources["accelerator"]["resourceCount"].endswith("gpu_count']}}")
    assert resources["accelerator"]["resourceType"].endswith("gpu_type']}}")
    for key, name in [("resourceCpuRequest", "cpu_request"), ("resourceCpuLimit", "cpu_limit"),
                      ("resourceMemoryRequest", "memory_request"),
                      ("resourceMemoryLimit", "memory_limit")]:  # fmt: skip
        assert resources[key].endswith(f"{name}']}}}}"), key
    assert task["retryPolicy"]["maxRetryCount"] == platform.RETRIES
    deadline = executors[f"exec-{component}"]["activeDeadlineSeconds"]
    assert int(deadline) == platform.TRAINING_TIMEOUT_SECONDS


def _static_training(spec: dict, executors: dict, component: str, task: dict) -> None:
    resources = spec["deploymentSpec"]["executors"][f"exec-{component}"]["container"]["resources"]
    default = platform.DEFAULT_RESOURCES
    assert resources["resourceCpuLimit"] == default.cpu_limit
    assert resources["resourceMemoryLimit"] == default.memory_limit
    assert "accelerator" not in resources  # no GPU: nothing requested
    assert task["retryPolicy"]["maxRetryCount"] == platform.RETRIES
    assert int(executors[f"exec-{component}"]["activeDeadlineSeconds"]) > 0


def test_ready_pipeline_imports_runs_the_step_and_gates_optionally():
    spec, executors = _load("ready_pipeline.yaml")
    assert (
        _inputs(spec)
        == {"model_uri", "dataset_uri", "fail_on_unrepaired"}
        | {p.name for p in pipeline_parameters()}
        | RESOURCE_INPUTS
    )
    dags = _dags(spec)
    assert set(dags["root"]) == {"importer", "importer-2", "autotrainer", "condition-1"}
    _training(spec, executors, "autotrainer", dags["root"]["autotrainer"])
    defaults = spec["root"]["inputDefinitions"]["parameters"]
    assert defaults["gpu_count"]["defaultValue"] == "0"  # CPU unless asked
    gate = next(t for d in dags.values() for t in d.values() if "fail-if-unrepaired" in str(t))
    assert "fail_on_unrepaired" in dags["root"]["condition-1"]["triggerPolicy"]["condition"]
    assert gate["inputs"]["parameters"]["status"]
    assert set(spec["root"]["outputDefinitions"]["artifacts"]) == {
        "repaired_model", "report", "report_html", "report_markdown", "metrics"
    }  # fmt: skip
    assert set(spec["root"]["outputDefinitions"]["parameters"]) == {
        "status", "mlflow_run_id", "mlflow_run_url"
    }  # fmt: skip
    given = dags["root"]["autotrainer"]["inputs"]["parameters"]
    assert given["kfp_run_id"]["runtimeValue"]["constant"] == dsl.PIPELINE_JOB_ID_PLACEHOLDER
    assert given["kfp_task_id"]["runtimeValue"]["constant"] == dsl.PIPELINE_TASK_ID_PLACEHOLDER
    assert dags["root"]["autotrainer"]["cachingOptions"] == {}  # caching off
    _recording(executors["exec-autotrainer"])


def test_scaleout_pipeline_fans_out_over_the_candidates():
    spec, executors = _load("scaleout_pipeline.yaml")
    # compute is static here: KFP does not pass resource parameters into sub-DAGs
    assert _inputs(spec) == {"model_uri", "dataset_uri", "fail_on_unrepaired"} | {
        p.name for p in pipeline_parameters()
    }
    dags = _dags(spec)
    _static_training(spec, executors, "detect", dags["root"]["detect"])
    [detected] = [t for t in dags["root"].values() if "triggerPolicy" in t]
    condition = detected["triggerPolicy"]["condition"]
    assert "pipelinechannel--detect-Output" in condition and f"!= '{HEALTHY}'" in condition
    loops = [t for d in dags.values() for t in d.values() if "parameterIterator" in t]
    [loop] = loops
    assert loop["parameterIterator"]["items"]["inputParameter"].endswith("list-candidates-Output")
    assert loop["iteratorPolicy"]["parallelismLimit"] >= 2
    inner = dags[loop["componentRef"]["name"]]
    assert set(inner) == {"try-candidate"}
    _static_training(spec, executors, "try-candidate", inner["try-candidate"])
    select = next(d["select-best"] for d in dags.values() if "select-best" in d)
    assert "try-candidate" in str(select["inputs"])  # Collected from the loop
    for name in ("exec-detect", "exec-try-candidate", "exec-select-best"):
        _recording(executors[name])
    executors_spec = spec["deploymentSpec"]["executors"].values()
    images = {e["container"]["image"] for e in executors_spec if "container" in e}
    assert len(images) == 1  # every task runs the autotrainer image
