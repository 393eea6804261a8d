"""The KFP component's interface, defined once: inputs, outputs, and the CLI flag of each.

`component.yaml` (the container component), the launcher's argument parser and the local
(lightweight) twin used by `kfp.local` are all generated from these tables. Defaults are read
from `autotrainer_keras.config` (the embedded defaults), never written a second time here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.record.mlflow_keys import TAG_KFP_RUN_ID, TAG_KFP_RUN_NAME, TAG_KFP_TASK_ID
from autotrainer_keras.version import __version__

COMPONENT_NAME = "autotrainer"
DEFAULT_IMAGE = f"ghcr.io/autotrainer/autotrainer:{__version__}"
"""The image `python -m autotrainer_keras.kfp.build` compiles into component.yaml and the pipelines
(`--image` changes it; the drift tests compare against this one)."""

LAUNCHER_COMMAND: tuple[str, ...] = ("python", "-m", "autotrainer_keras.kfp.launcher")
EXECUTOR_INPUT_FLAG = "--executor-input"
EXECUTOR_INPUT_PLACEHOLDER = "{{$}}"
"""The launcher gets KFP's executor input (`{{$}}`) to write artifact metadata (metrics)."""

HEALTHY = "none"
"""What the scale-out detect task returns when no problem was found (repair is skipped)."""

_DEFAULTS = AutotrainerConfig()


@dataclass(frozen=True)
class ArtifactInput:
    """An input artifact: its local path is passed to one `autotrainer-keras run` flag."""

    name: str
    artifact: str  # "Model" | "Dataset" (kfp.dsl class names)
    flag: str
    description: str


@dataclass(frozen=True)
class ParameterInput:
    """An input parameter: passed to one `autotrainer-keras run` flag unless empty.

    Attributes:
        launcher_flag: The launcher's flag when it differs from `flag` (config text is written
            to a file whose path goes to `--config`).
        config_key: The `section.key` the flag overrides (None: nothing in the config file).
        tag_key: For inputs passed as `--tag KEY=VALUE`: the MLflow tag KEY.
    """

    name: str
    type: type
    flag: str
    default: Any
    description: str
    launcher_flag: str | None = None
    config_key: str | None = None
    tag_key: str | None = None

    @property
    def cli(self) -> str:
        """The launcher's flag for this input."""
        return self.launcher_flag or self.flag


@dataclass(frozen=True)
class OutputSpec:
    """An output: an artifact (a directory the launcher fills) or a string parameter."""

    name: str
    kind: str  # "Model" | "Artifact" | "Metrics" | "HTML" | "Markdown" | "str"
    flag: str
    description: str


ARTIFACT_INPUTS: tuple[ArtifactInput, ...] = (
    ArtifactInput(
        "model",
        "Model",
        "--model",
        "The Keras model: a .keras/.h5 file, or a directory holding one (only read).",
    ),
    ArtifactInput(
        "dataset",
        "Dataset",
        "--data",
        "An .npz with x_train, y_train[, x_val, y_val] (several inputs/outputs: "
        "x_train__<input>, y_train__<output>, ...), or a directory holding one.",
    ),
)

PARAMETER_INPUTS: tuple[ParameterInput, ...] = (
    ParameterInput(
        "config",
        str,
        "--config",
        "",
        "autotrainer config as YAML text (docs/config.md); empty: the embedded defaults. The "
        "inputs below override it and must agree with any value it sets.",
        launcher_flag="--config-text",
    ),
    ParameterInput(
        "profile",
        str,
        "--profile",
        _DEFAULTS.detection.profile,
        "Detection and repair rules: default or paper.",
        config_key="detection.profile",
    ),
    ParameterInput(
        "mlflow_tracking_uri",
        str,
        "--tracking-uri",
        _DEFAULTS.tracking.tracking_uri or "",
        "MLflow tracking URI; empty: the MLFLOW_TRACKING_URI environment variable "
        "(from the autotrainer-mlflow ConfigMap), else the config.",
        config_key="tracking.tracking_uri",
    ),
    ParameterInput(
        "experiment",
        str,
        "--experiment",
        _DEFAULTS.tracking.experiment,
        "MLflow experiment name.",
        config_key="tracking.experiment",
    ),
    ParameterInput(
        "registered_model_name",
        str,
        "--registered-model-name",
        _DEFAULTS.tracking.registered_model_name or "",
        "Register the original and the repaired model under this name; empty: no registry.",
        config_key="tracking.registered_model_name",
    ),
    ParameterInput(
        "max_attempts",
        int,
        "--max-attempts",
        _DEFAULTS.repair.max_attempts,
        "Repair attempts at most (candidate trainings).",
        config_key="repair.max_attempts",
    ),
    ParameterInput(
        "kfp_run_id",
        str,
        "--tag",
        "",
        "The KFP run's id (pass dsl.PIPELINE_JOB_ID_PLACEHOLDER), set on every MLflow run of "
        f"the job as the tag {TAG_KFP_RUN_ID}; empty: no tag.",
        launcher_flag="--kfp-run-id",
        tag_key=TAG_KFP_RUN_ID,
    ),
    ParameterInput(
        "kfp_run_name",
        str,
        "--tag",
        "",
        "The KFP run's name (dsl.PIPELINE_JOB_NAME_PLACEHOLDER), as the MLflow tag "
        f"{TAG_KFP_RUN_NAME}; empty: no tag.",
        launcher_flag="--kfp-run-name",
        tag_key=TAG_KFP_RUN_NAME,
    ),
    ParameterInput(
        "kfp_task_id",
        str,
        "--tag",
        "",
        "The KFP task's id (dsl.PIPELINE_TASK_ID_PLACEHOLDER), as the MLflow tag "
        f"{TAG_KFP_TASK_ID}; empty: no tag.",
        launcher_flag="--kfp-task-id",
        tag_key=TAG_KFP_TASK_ID,
    ),
)

OUTPUTS: tuple[OutputSpec, ...] = (
    OutputSpec(
        "repaired_model",
        "Model",
        "--repaired-model",
        "Directory with model.keras (the final model: repaired, else the best seen) and "
        "final_config.yaml (retrains it).",
    ),
    OutputSpec(
        "report",
        "Artifact",
        "--report",
        "Directory with report.json, report.html and the plots.",
    ),
    OutputSpec(
        "report_html",
        "HTML",
        "--report-html",
        "report.html, the job's report (what was found, what was tried, the curves), as the "
        "KFP UI renders it.",
    ),
    OutputSpec(
        "report_markdown",
        "Markdown",
        "--report-markdown",
        "The job's summary in Markdown: status, before/after, problems, repairs, MLflow run.",
    ),
    OutputSpec(
        "metrics",
        "Metrics",
        "--metrics",
        "Validation metric before and after repair, problems found, repair attempts.",
    ),
    OutputSpec(
        "status",
        "str",
        "--status",
        "healthy | repaired | unrepaired | interrupted | error.",
    ),
    OutputSpec(
        "mlflow_run_id",
        "str",
        "--mlflow-run-id",
        "The job's MLflow parent run id; empty when nothing was recorded.",
    ),
    OutputSpec(
        "mlflow_run_url",
        "str",
        "--mlflow-run-url",
        "The parent run's page in the MLflow UI (http(s) tracking URIs); empty otherwise.",
    ),
)


def pipeline_parameters() -> tuple[ParameterInput, ...]:
    """The parameters a pipeline takes from its user (the KFP ids are filled by KFP)."""
    return tuple(p for p in PARAMETER_INPUTS if p.tag_key is None)


def parameter(name: str) -> ParameterInput:
    """The parameter input called `name`."""
    for item in PARAMETER_INPUTS:
        if item.name == name:
            return item
    raise KeyError(name)


def input_names() -> list[str]:
    """Every input name, artifacts first, in interface order."""
    return [a.name for a in ARTIFACT_INPUTS] + [p.name for p in PARAMETER_INPUTS]


def output_names() -> list[str]:
    """Every output name, in interface order."""
    return [o.name for o in OUTPUTS]


def description() -> str:
    """The component's description (the docstring of the generated function)."""
    return (
        "Train a Keras model under watch, detect training problems (vanishing/exploding "
        "gradients, dying ReLU, oscillating loss, slow convergence), repair them, verify each "
        f"repair by retraining, and record everything in MLflow (autotrainer {__version__})."
    )


def launcher_args(values: dict[str, Any]) -> list[Any]:
    """The launcher's arguments: `--flag value` for each input and output, in interface order.

    Args:
        values: Input and output names to placeholders (or, in tests, to local values).
    """
    args: list[Any] = []
    for item in ARTIFACT_INPUTS:
        args += [item.flag, values[item.name].path]
    for param in PARAMETER_INPUTS:
        args += [param.cli, values[param.name]]
    for out in OUTPUTS:
        value = values[out.name]
        args += [out.flag, value if out.kind == "str" else value.path]
    return [*args, EXECUTOR_INPUT_FLAG, EXECUTOR_INPUT_PLACEHOLDER]
