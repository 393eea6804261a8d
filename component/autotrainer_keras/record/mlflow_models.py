"""Logging a Keras model to MLflow fast: pinned requirements and a signature, no inference.

`mlflow.keras.log_model` without `pip_requirements` and a signature spends ~6 s or more per
call inferring requirements. Here the requirements are the installed Keras and TensorFlow
pins, and the signature comes from the model's symbolic inputs/outputs (or a small input
example run through the model). The LoggedModel is created with the MLflow client under the
given run (no fluent active run is needed, so a finished attempt run works too), and the
fluent call only fills it, inside a scope that points MLflow at our tracking URI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from typing import Any

import mlflow
import numpy as np
from mlflow import MlflowClient
from mlflow.entities import LoggedModelOutput
from mlflow.models.signature import ModelSignature, infer_signature
from mlflow.types.schema import Schema, TensorSpec

TRACKING_URI_ENV = "MLFLOW_TRACKING_URI"


def pip_requirements() -> list[str]:
    """The installed Keras and TensorFlow distributions, pinned (`keras==3.15.1`, ...)."""
    pins = []
    for dist in ("tensorflow-cpu", "tensorflow", "keras"):
        try:
            pins.append(f"{dist}=={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            continue
    if any(p.startswith("tensorflow-cpu==") for p in pins):
        pins = [p for p in pins if not p.startswith("tensorflow==")]
    return pins


def _spec(tensor: Any, named: bool) -> TensorSpec:
    shape = tuple(-1 if dim is None else int(dim) for dim in tensor.shape)
    declared = str(getattr(tensor, "dtype", "float32") or "float32")
    dtype = np.dtype(object) if declared == "string" else np.dtype(declared)  # text inputs
    name = str(getattr(tensor, "name", "")) if named else None
    return TensorSpec(dtype, shape, name or None)


def model_signature(
    model: Any,
    input_shape: Sequence[int | None] | None = None,
    input_example: Any = None,
) -> ModelSignature | None:
    """A tensor signature from the model's symbolic inputs/outputs.

    Falls back to running `input_example` (or zeros of `input_shape`, batch of 2) through the
    model; None when none of these exist.
    """
    try:
        inputs, outputs = list(model.inputs), list(model.outputs)
    except (AttributeError, ValueError):
        inputs, outputs = [], []
    if inputs and outputs:
        return ModelSignature(
            inputs=Schema([_spec(t, len(inputs) > 1) for t in inputs]),
            outputs=Schema([_spec(t, len(outputs) > 1) for t in outputs]),
        )
    if input_example is None and input_shape is not None:
        dims = [1 if d is None else int(d) for d in input_shape]
        input_example = np.zeros([2, *dims], dtype="float32")
    if input_example is None:
        return None
    example = np.asarray(input_example)
    return infer_signature(example, np.asarray(model.predict(example, verbose=0)))


@contextmanager
def tracking_uri_scope(uri: str) -> Iterator[None]:
    """Point MLflow's fluent API at `uri` inside the block; restore the previous state after."""
    explicit = mlflow.is_tracking_uri_set()
    previous = mlflow.get_tracking_uri() if explicit else None
    env_before = os.environ.get(TRACKING_URI_ENV)
    mlflow.set_tracking_uri(uri)
    try:
        yield
    finally:
        mlflow.set_tracking_uri(previous)  # type: ignore[arg-type]  # None: back to unset
        if env_before is None:
            os.environ.pop(TRACKING_URI_ENV, None)
        else:
            os.environ[TRACKING_URI_ENV] = env_before


def log_keras_model(
    client: MlflowClient,
    *,
    uri: str,
    experiment_id: str,
    run_id: str,
    model: Any,
    name: str,
    signature: ModelSignature | None,
    tags: dict[str, str] | None = None,
) -> tuple[str, str]:
    """Log `model` as a LoggedModel output of `run_id`; return (model URI, model id)."""
    logged = client.create_logged_model(
        experiment_id, name=name, source_run_id=run_id, tags=tags, model_type="keras"
    )
    client.log_outputs(run_id, [LoggedModelOutput(logged.model_id, step=0)])
    with tracking_uri_scope(uri):
        info = mlflow.keras.log_model(
            model,
            name=name,
            model_id=logged.model_id,
            pip_requirements=pip_requirements(),
            signature=signature,
        )
    return info.model_uri, logged.model_id
