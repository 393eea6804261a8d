"""Lightweight Python components: the scale-out tasks, the status gate, and the local twin of
the container component.

KFP copies each function's source into the task, so every body imports what it needs and
calls one function of the package; the image (`base_image`) holds the package and KFP, so
nothing is installed at run time. `kfp.local.SubprocessRunner(use_venv=False)` runs the same
components in the current environment. Parameters have no defaults here: the pipelines pass
every value, and their own defaults come from `autotrainer_keras.kfp.interface`.

No `from __future__ import annotations` in this file: KFP reads the annotations as objects.
"""

from dataclasses import dataclass
from typing import List  # noqa: UP035 - KFP's documented form for list types

from kfp import dsl
from kfp.dsl import HTML, Artifact, Dataset, Input, Markdown, Metrics, Model, Output, OutputPath
from kfp.dsl.python_component import PythonComponent

from autotrainer_keras.kfp.interface import DEFAULT_IMAGE, HEALTHY

__all__ = ["HEALTHY", "Components", "components"]


def autotrainer(
    model: Input[Model],
    dataset: Input[Dataset],
    repaired_model: Output[Model],
    report: Output[Artifact],
    report_html: Output[HTML],
    report_markdown: Output[Markdown],
    metrics: Output[Metrics],
    status: OutputPath(str),  # type: ignore[valid-type]
    mlflow_run_id: OutputPath(str),  # type: ignore[valid-type]
    mlflow_run_url: OutputPath(str),  # type: ignore[valid-type]
    config: str,
    profile: str,
    mlflow_tracking_uri: str,
    experiment: str,
    registered_model_name: str,
    max_attempts: int,
    kfp_run_id: str,
    kfp_run_name: str,
    kfp_task_id: str,
):
    """The container component's twin for kfp.local: the same inputs, outputs and launcher."""
    from autotrainer_keras.kfp.twin import run_twin

    run_twin(dict(locals()), metrics)


def fail_if_unrepaired(status: str):
    """Fail the pipeline when the model is still faulty after repair."""
    if status == "unrepaired":
        raise SystemExit("autotrainer: problems remain after repair (status: unrepaired)")
    print(f"autotrainer gate: status {status}, passing")


def detect(
    model: Input[Model],
    dataset: Input[Dataset],
    detection: Output[Artifact],
    config: str,
    profile: str,
    mlflow_tracking_uri: str,
    experiment: str,
) -> str:
    """Train the original under watch; return the first problem found, or "none"."""
    from autotrainer_keras.kfp.scaleout_tasks import detect_task

    given = dict(locals())
    values = {k: v.path if hasattr(v, "path") else v for k, v in given.items()}
    return detect_task(values, detection.path)


def list_candidates(
    detection: Input[Artifact], config: str, profile: str, max_attempts: int
) -> List[dict]:  # noqa: UP006
    """The candidate repairs (solution, try) of the detected problem."""
    from autotrainer_keras.kfp.scaleout_tasks import candidates_task

    values = {"config": config, "profile": profile, "max_attempts": max_attempts}
    return candidates_task(values, detection.path)


def try_candidate(
    candidate: dict,
    model: Input[Model],
    dataset: Input[Dataset],
    detection: Input[Artifact],
    candidate_model: Output[Model],
    config: str,
    profile: str,
    mlflow_tracking_uri: str,
    experiment: str,
) -> dict:
    """Train and judge one candidate repair (its own pod); return its result."""
    from autotrainer_keras.kfp.scaleout_tasks import candidate_task

    given = dict(locals())
    values = {k: v.path if hasattr(v, "path") else v for k, v in given.items()}
    return candidate_task(values, candidate, detection.path, candidate_model.path)


def select_best(
    results: List[dict],  # noqa: UP006
    candidate_models: Input[List[Model]],  # noqa: UP006
    detection: Input[Artifact],
    final_model: Output[Model],
    report: Output[Artifact],
    metrics: Output[Metrics],
    config: str,
    profile: str,
    mlflow_tracking_uri: str,
    experiment: str,
    registered_model_name: str,
) -> str:
    """Keep the best candidate, register it when it solved the problem; return the status."""
    from autotrainer_keras.kfp.scaleout_tasks import select_task

    values = {
        "config": config,
        "profile": profile,
        "mlflow_tracking_uri": mlflow_tracking_uri,
        "experiment": experiment,
        "registered_model_name": registered_model_name,
    }
    status, numbers = select_task(
        values,
        list(results),
        [m.path for m in candidate_models],
        detection.path,
        final_model.path,
        report.path,
    )
    for name, value in numbers.items():
        metrics.log_metric(name, value)
    return status


@dataclass(frozen=True)
class Components:
    """The lightweight components, built for one image."""

    autotrainer: PythonComponent
    fail_if_unrepaired: PythonComponent
    detect: PythonComponent
    list_candidates: PythonComponent
    try_candidate: PythonComponent
    select_best: PythonComponent


def components(image: str = DEFAULT_IMAGE) -> Components:
    """Every lightweight component, running in `image` (which holds autotrainer and KFP)."""

    def make(func) -> PythonComponent:
        return dsl.component(func, base_image=image, install_kfp_package=False)

    return Components(
        autotrainer=make(autotrainer),
        fail_if_unrepaired=make(fail_if_unrepaired),
        detect=make(detect),
        list_candidates=make(list_candidates),
        try_candidate=make(try_candidate),
        select_best=make(select_best),
    )
