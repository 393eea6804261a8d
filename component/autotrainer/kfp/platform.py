"""Kubernetes settings of the pipelines' tasks (kfp-kubernetes), named once.

The names match the manifests in k8s/ (a test checks it): tasks that record read
`MLFLOW_TRACKING_URI` from the ConfigMap, and MLflow credentials from an optional Secret.
"""

from __future__ import annotations

from kfp import kubernetes
from kfp.dsl import PipelineTask

MLFLOW_CONFIG_MAP = "autotrainer-mlflow"
TRACKING_URI_ENV = "MLFLOW_TRACKING_URI"
MLFLOW_AUTH_SECRET = "autotrainer-mlflow-auth"
AUTH_ENV = ("MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD")
PART_OF_LABEL = ("app.kubernetes.io/part-of", "autotrainer")
IMAGE_PULL_POLICY = "IfNotPresent"
CPU_REQUEST, MEMORY_REQUEST, MEMORY_LIMIT = "1", "2G", "8G"


def light_task(task: PipelineTask) -> PipelineTask:
    """Every task: the image pull policy and the part-of label."""
    kubernetes.set_image_pull_policy(task, IMAGE_PULL_POLICY)
    kubernetes.add_pod_label(task, *PART_OF_LABEL)
    return task


def recording_task(task: PipelineTask) -> PipelineTask:
    """A task that writes to MLflow: the tracking environment, and no caching (a cached task
    would not record its runs and registry versions again)."""
    kubernetes.use_config_map_as_env(
        task, MLFLOW_CONFIG_MAP, config_map_key_to_env={TRACKING_URI_ENV: TRACKING_URI_ENV}
    )
    kubernetes.use_secret_as_env(
        task, MLFLOW_AUTH_SECRET, secret_key_to_env={k: k for k in AUTH_ENV}, optional=True
    )
    return light_task(task).set_caching_options(False)


def training_task(task: PipelineTask) -> PipelineTask:
    """A task that trains: recording, plus CPU and memory requests and a memory limit."""
    recording_task(task)
    task.set_cpu_request(CPU_REQUEST).set_memory_request(MEMORY_REQUEST)
    return task.set_memory_limit(MEMORY_LIMIT)
