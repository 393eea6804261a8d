"""component.yaml: generated from the one definition, mirrors the CLI one-to-one, no drift."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer.main
from kfp import components

from autotrainer_keras.cli import app
from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.kfp import build
from autotrainer_keras.kfp.components import components as lightweight
from autotrainer_keras.kfp.interface import (
    ARTIFACT_INPUTS,
    DEFAULT_IMAGE,
    EXECUTOR_INPUT_FLAG,
    LAUNCHER_COMMAND,
    OUTPUTS,
    PARAMETER_INPUTS,
    input_names,
    launcher_args,
    output_names,
    pipeline_parameters,
)
from autotrainer_keras.kfp.launcher import parser

ROOT = Path(__file__).resolve().parents[2]


def _run_options() -> set[str]:
    run = typer.main.get_command(app).commands["run"]  # type: ignore[attr-defined]
    return {opt for param in run.params for opt in getattr(param, "opts", [])}


def _spec(component):
    return next(iter(component.pipeline_spec.components.values()))


def test_generated_files_match_the_definitions():
    assert build.stale(ROOT) == [], "run `make compile` and commit the result"


def test_component_yaml_has_the_issue_interface():
    loaded = components.load_component_from_file(str(ROOT / "component.yaml"))
    spec = _spec(loaded)
    inputs = spec.input_definitions
    assert {k: v.artifact_type.schema_title for k, v in inputs.artifacts.items()} == {
        "model": "system.Model",
        "dataset": "system.Dataset",
    }
    assert set(inputs.parameters) == {
        "config", "profile", "mlflow_tracking_uri", "experiment", "registered_model_name",
        "max_attempts", "kfp_run_id", "kfp_run_name", "kfp_task_id",
    }  # fmt: skip
    outputs = spec.output_definitions
    assert {k: v.artifact_type.schema_title for k, v in outputs.artifacts.items()} == {
        "repaired_model": "system.Model",
        "report": "system.Artifact",
        "report_html": "system.HTML",
        "report_markdown": "system.Markdown",
        "metrics": "system.Metrics",
    }
    assert set(outputs.parameters) == {"status", "mlflow_run_id", "mlflow_run_url"}
    assert set(input_names()) == set(inputs.artifacts) | set(inputs.parameters)
    assert set(output_names()) == set(outputs.artifacts) | set(outputs.parameters)


def test_defaults_are_the_configs_defaults():
    defaults = AutotrainerConfig()
    loaded = components.load_component_from_file(str(ROOT / "component.yaml"))
    params = _spec(loaded).input_definitions.parameters
    assert params["profile"].default_value.string_value == defaults.detection.profile
    assert params["experiment"].default_value.string_value == defaults.tracking.experiment
    assert params["max_attempts"].default_value.number_value == defaults.repair.max_attempts
    assert params["config"].default_value.string_value == ""
    assert params["registered_model_name"].default_value.string_value == ""
    assert params["mlflow_tracking_uri"].default_value.string_value == ""


def test_each_input_maps_to_exactly_one_run_flag():
    run_options = _run_options()
    flags = [a.flag for a in ARTIFACT_INPUTS] + [p.flag for p in pipeline_parameters()]
    assert len(flags) == len(set(flags))
    assert set(flags) <= run_options, set(flags) - run_options
    # the KFP ids go to the repeatable --tag flag, each as its own MLflow tag key
    tagged = [p for p in PARAMETER_INPUTS if p.tag_key is not None]
    assert {p.flag for p in tagged} == {"--tag"} and "--tag" in run_options
    assert len({p.tag_key for p in tagged}) == len(tagged) == 3


def test_container_runs_the_launcher_with_one_flag_per_input_and_output():
    loaded = components.load_component_from_file(str(ROOT / "component.yaml"))
    executor = next(iter(loaded.pipeline_spec.deployment_spec["executors"].values()))
    container = executor["container"]
    assert container["image"] == DEFAULT_IMAGE
    assert list(container["command"]) == list(LAUNCHER_COMMAND)
    args = list(container["args"])
    launcher_flags = [a.flag for a in ARTIFACT_INPUTS] + [p.cli for p in PARAMETER_INPUTS]
    launcher_flags += [o.flag for o in OUTPUTS] + [EXECUTOR_INPUT_FLAG]
    assert args[::2] == launcher_flags
    for name, placeholder in zip(input_names() + output_names(), args[1::2], strict=False):
        assert f"['{name}']" in placeholder
    assert args[-1] == "{{$}}"


def test_launcher_parses_exactly_what_the_container_passes():
    class Art:
        def __init__(self, path: str) -> None:
            self.path = path

    values = {a.name: Art(f"/in/{a.name}") for a in ARTIFACT_INPUTS}
    values |= {p.name: f"v-{p.name}" if p.type is str else 3 for p in PARAMETER_INPUTS}
    values |= {
        o.name: (f"/out/{o.name}" if o.kind == "str" else Art(f"/out/{o.name}")) for o in OUTPUTS
    }
    parsed = vars(parser().parse_args([str(a) for a in launcher_args(values)]))
    assert parsed["model"] == "/in/model" and parsed["dataset"] == "/in/dataset"
    assert parsed["config"] == "v-config" and parsed["max_attempts"] == 3
    assert parsed["status"] == "/out/status" and parsed["metrics"] == "/out/metrics"
    assert parsed["executor_input"] == "{{$}}"


def test_local_twin_has_the_container_components_interface():
    twin = _spec(lightweight().autotrainer)
    container = _spec(components.load_component_from_file(str(ROOT / "component.yaml")))
    for side in ("input_definitions", "output_definitions"):
        ours, theirs = getattr(twin, side), getattr(container, side)
        assert {k: v.artifact_type.schema_title for k, v in ours.artifacts.items()} == {
            k: v.artifact_type.schema_title for k, v in theirs.artifacts.items()
        }
        assert {k: v.parameter_type for k, v in ours.parameters.items()} == {
            k: v.parameter_type for k, v in theirs.parameters.items()
        }


def test_task_bodies_import_in_kfps_runtime_mode():
    """In a task, KFP loads a reduced kfp.dsl: the bodies must not need the authoring API."""
    code = (
        "import kfp.dsl.executor_main, autotrainer_keras.kfp.twin, "
        "autotrainer_keras.kfp.scaleout_tasks"
    )
    env = {**os.environ, "_KFP_RUNTIME": "true"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
