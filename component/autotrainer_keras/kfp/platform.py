"""Kubernetes settings of the pipelines' tasks (kfp-kubernetes), named once.

The names match the manifests in k8s/ (a test checks it): tasks that record read the
`autotrainer-mlflow` ConfigMap (optional: without it the tasks use the step's
`mlflow_tracking_uri` input or no tracking server) and MLflow credentials from an optional
Secret. Training tasks take their compute from pipeline parameters (`TrainingResources`), are
retried after a lost pod and stopped after a deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kfp import kubernetes
from kfp.dsl import PipelineTask

MLFLOW_CONFIG_MAP = "autotrainer-mlflow"
TRACKING_URI_ENV = "MLFLOW_TRACKING_URI"
CONFIG_MAP_ENV = (
    TRACKING_URI_ENV,
    "MLFLOW_HTTP_REQUEST_TIMEOUT",
    "MLFLOW_HTTP_REQUEST_MAX_RETRIES",
)
"""Every setting of the ConfigMap that reaches the tasks (each optional within it)."""
MLFLOW_AUTH_SECRET = "autotrainer-mlflow-auth"
AUTH_ENV = ("MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD")
PART_OF_LABEL = ("app.kubernetes.io/part-of", "autotrainer")
IMAGE_PULL_POLICY = "IfNotPresent"
RETRIES, RETRY_BACKOFF = 2, "60s"
"""A training task whose pod was lost (evicted, preempted node) is tried again."""
TRAINING_TIMEOUT_SECONDS = 6 * 3600
"""A training task's pod is stopped after this long (activeDeadlineSeconds)."""


@dataclass(frozen=True)
class TrainingResources:
    """A training task's compute, as pipeline parameters (their defaults below).

    GPUs: `gpu_count` of `gpu_type` (the Kubernetes extended resource, e.g. `nvidia.com/gpu`);
    0 runs on CPU. Use the `-gpu` image (docs/deploy.md) for GPU training.
    """

    cpu_request: Any = "1"
    cpu_limit: Any = "4"
    memory_request: Any = "2G"
    memory_limit: Any = "8G"
    gpu_type: Any = "nvidia.com/gpu"
    gpu_count: Any = "0"


DEFAULT_RESOURCES = TrainingResources()


def light_task(task: PipelineTask) -> PipelineTask:
    """Every task: the image pull policy and the part-of label."""
    kubernetes.set_image_pull_policy(task, IMAGE_PULL_POLICY)
    kubernetes.add_pod_label(task, *PART_OF_LABEL)
    return task


def recording_task(task: PipelineTask) -> PipelineTask:
    """A task that writes to MLflow: the tracking environment, and no caching (a cached task
    would not record its runs and registry versions again)."""
    kubernetes.use_config_map_as_env(
        task,
        MLFLOW_CONFIG_MAP,
        config_map_key_to_env={key: key for key in CONFIG_MAP_ENV},
        optional=True,
    )
    kubernetes.use_secret_as_env(
        task, MLFLOW_AUTH_SECRET, secret_key_to_env={k: k for k in AUTH_ENV}, optional=True
    )
    return light_task(task).set_caching_options(False)


def training_task(
    task: PipelineTask, resources: TrainingResources = DEFAULT_RESOURCES
) -> PipelineTask:
    """A task that trains: recording, plus its compute, retries and deadline."""
    recording_task(task)
    task.set_cpu_request(resources.cpu_request).set_cpu_limit(resources.cpu_limit)
    task.set_memory_request(resources.memory_request).set_memory_limit(resources.memory_limit)
    if resources.gpu_count != "0":  # a parameter, or a literal count of GPUs
        task.set_accelerator_type(resources.gpu_type).set_accelerator_limit(resources.gpu_count)
    task.set_retry(RETRIES, backoff_duration=RETRY_BACKOFF)
    kubernetes.set_timeout(task, TRAINING_TIMEOUT_SECONDS)
    return task
