"""The two pipelines. Inputs are URIs (gs://, s3://, minio:// or, locally, paths) imported as
artifacts; parameter defaults come from `autotrainer_keras.kfp.interface` (hence from the config).

- ready: model and data in -> the autotrainer step -> an optional gate failing the pipeline
  when the status is `unrepaired` -> outputs.
- scale-out: detect -> list the candidate repairs of the detected problem -> evaluate each in
  its own task (`dsl.ParallelFor`) -> select the best, register it -> the optional gate.
  A healthy model skips everything after detection.

No `from __future__ import annotations` in this file: KFP reads the annotations as objects.
"""

from typing import NamedTuple

from kfp import dsl
from kfp.dsl.base_component import BaseComponent
from kfp.dsl.graph_component import GraphComponent

from autotrainer_keras.kfp.components import HEALTHY, Components
from autotrainer_keras.kfp.interface import parameter
from autotrainer_keras.kfp.platform import (
    DEFAULT_RESOURCES,
    TrainingResources,
    light_task,
    recording_task,
    training_task,
)

READY_NAME = "autotrainer-ready"
SCALEOUT_NAME = "autotrainer-scaleout"
PARALLELISM = 4
"""Candidates trained at once in the scale-out pipeline (a compile-time setting in KFP)."""


def _default(name: str):  # noqa: ANN202 - the parameter's type
    return parameter(name).default


class ReadyOutputs(NamedTuple):
    repaired_model: dsl.Model
    report: dsl.Artifact
    report_html: dsl.HTML
    report_markdown: dsl.Markdown
    metrics: dsl.Metrics
    status: str
    mlflow_run_id: str
    mlflow_run_url: str


def _import(uri, artifact_class) -> dsl.PipelineTask:  # noqa: ANN001 - a pipeline channel
    task = dsl.importer(artifact_uri=uri, artifact_class=artifact_class, reimport=False)
    return task.set_display_name(f"import-{artifact_class.__name__.lower()}")


def ready_pipeline(step: BaseComponent, gate: BaseComponent) -> GraphComponent:
    """The ready pipeline around `step` (component.yaml's container component, or its local
    twin) and `gate` (`fail_if_unrepaired`)."""

    @dsl.pipeline(
        name=READY_NAME,
        description="Model and data in, the autotrainer step (train under watch, detect, "
        "repair, record in MLflow), an optional gate on 'unrepaired', the outputs.",
    )
    def autotrainer_ready(
        model_uri: str,
        dataset_uri: str,
        config: str = _default("config"),
        profile: str = _default("profile"),
        mlflow_tracking_uri: str = _default("mlflow_tracking_uri"),
        experiment: str = _default("experiment"),
        registered_model_name: str = _default("registered_model_name"),
        max_attempts: int = _default("max_attempts"),
        fail_on_unrepaired: bool = True,
        cpu_request: str = DEFAULT_RESOURCES.cpu_request,
        cpu_limit: str = DEFAULT_RESOURCES.cpu_limit,
        memory_request: str = DEFAULT_RESOURCES.memory_request,
        memory_limit: str = DEFAULT_RESOURCES.memory_limit,
        gpu_type: str = DEFAULT_RESOURCES.gpu_type,
        gpu_count: str = DEFAULT_RESOURCES.gpu_count,
    ) -> ReadyOutputs:
        resources = TrainingResources(
            cpu_request, cpu_limit, memory_request, memory_limit, gpu_type, gpu_count
        )
        model = _import(model_uri, dsl.Model)
        data = _import(dataset_uri, dsl.Dataset)
        step_task = step(
            model=model.output,
            dataset=data.output,
            config=config,
            profile=profile,
            mlflow_tracking_uri=mlflow_tracking_uri,
            experiment=experiment,
            registered_model_name=registered_model_name,
            max_attempts=max_attempts,
            kfp_run_id=dsl.PIPELINE_JOB_ID_PLACEHOLDER,
            kfp_run_name=dsl.PIPELINE_JOB_NAME_PLACEHOLDER,
            kfp_task_id=dsl.PIPELINE_TASK_ID_PLACEHOLDER,
        )
        training_task(step_task, resources)
        with dsl.If(fail_on_unrepaired == True, name="gate-enabled"):  # noqa: E712 - KFP DSL
            light_task(gate(status=step_task.outputs["status"]))
        return ReadyOutputs(
            repaired_model=step_task.outputs["repaired_model"],
            report=step_task.outputs["report"],
            report_html=step_task.outputs["report_html"],
            report_markdown=step_task.outputs["report_markdown"],
            metrics=step_task.outputs["metrics"],
            status=step_task.outputs["status"],
            mlflow_run_id=step_task.outputs["mlflow_run_id"],
            mlflow_run_url=step_task.outputs["mlflow_run_url"],
        )

    return autotrainer_ready


def scaleout_pipeline(
    c: Components,
    parallelism: int = PARALLELISM,
    static_resources: TrainingResources = DEFAULT_RESOURCES,
) -> GraphComponent:
    """The scale-out pipeline from the lightweight components `c`; every training task (the
    detection and each candidate) gets `static_resources`."""

    @dsl.pipeline(
        name=SCALEOUT_NAME,
        description="Detect, then evaluate the candidate repairs of the detected problem in "
        "parallel tasks (one pod each), keep and register the best, optional gate.",
    )
    def autotrainer_scaleout(
        model_uri: str,
        dataset_uri: str,
        config: str = _default("config"),
        profile: str = _default("profile"),
        mlflow_tracking_uri: str = _default("mlflow_tracking_uri"),
        experiment: str = _default("experiment"),
        registered_model_name: str = _default("registered_model_name"),
        max_attempts: int = _default("max_attempts"),
        fail_on_unrepaired: bool = True,
    ) -> None:
        # Compile-time compute: KFP 2.17 does not pass resource parameters into the sub-DAGs
        # of dsl.If / dsl.ParallelFor ("Parent pipeline input argument ... not found").
        resources = static_resources
        model = _import(model_uri, dsl.Model)
        data = _import(dataset_uri, dsl.Dataset)
        tracked = {
            "config": config,
            "profile": profile,
            "mlflow_tracking_uri": mlflow_tracking_uri,
            "experiment": experiment,
        }
        found = training_task(
            c.detect(model=model.output, dataset=data.output, **tracked), resources
        )
        detection = found.outputs["detection"]
        with dsl.If(found.outputs["Output"] != HEALTHY, name="problem-detected"):
            listed = light_task(
                c.list_candidates(
                    detection=detection, config=config, profile=profile, max_attempts=max_attempts
                )
            )
            with dsl.ParallelFor(listed.outputs["Output"], parallelism=parallelism) as candidate:
                tried = training_task(
                    c.try_candidate(
                        candidate=candidate,
                        model=model.output,
                        dataset=data.output,
                        detection=detection,
                        **tracked,
                    ),
                    resources,
                )
            best = recording_task(
                c.select_best(
                    results=dsl.Collected(tried.outputs["Output"]),
                    candidate_models=dsl.Collected(tried.outputs["candidate_model"]),
                    detection=detection,
                    registered_model_name=registered_model_name,
                    **tracked,
                )
            )
            with dsl.If(fail_on_unrepaired == True, name="gate-enabled"):  # noqa: E712
                light_task(c.fail_if_unrepaired(status=best.outputs["Output"]))

    return autotrainer_scaleout
