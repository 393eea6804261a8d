"""Shared helpers: specs of the stored test models, and short ways to look inside them."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import numpy as np

from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

from .models import load_configs

SGD = {"name": "sgd", "learning_rate": 0.01}


@cache
def _configs() -> dict[str, dict[str, Any]]:
    return load_configs()


def model_of(name: str) -> dict[str, Any]:
    """A fresh copy of a stored model config."""
    return copy.deepcopy(_configs()[name])


def spec_for(name: str, **changes: Any) -> TrainingSpec:
    """A spec of a stored model: SGD 0.01, batch 32, 30 epochs, unless changed."""
    spec = TrainingSpec(model=model_of(name), optimizer=dict(SGD),
                        loss="sparse_categorical_crossentropy", metrics=("accuracy",))
    return spec.evolve(**changes) if changes else spec


def apply(solution: str, spec: TrainingSpec, try_index: int = 0, seed: int = 0
          ) -> tuple[TrainingSpec, dict[str, Any]]:
    return get_operator(solution).apply(spec, try_index, np.random.default_rng(seed))


def config(spec: TrainingSpec, name: str) -> dict[str, Any]:
    """The config of layer `name` (its inner layer's for a wrapper)."""
    return mc.inner_configs(mc.find_layer(spec.model, name))[0]


def classes(spec: TrainingSpec) -> list[tuple[str, str]]:
    """(name, class) of every non-input layer, in order."""
    return [(mc.layer_name(e), e["class_name"]) for e in mc.layers(spec.model)]


def init(spec: TrainingSpec, name: str, key: str = "kernel_initializer") -> str | None:
    from autotrainer_keras.repair.operators.initializer import initializer_name

    return initializer_name(config(spec, name)[key])


def inputs_of(spec: TrainingSpec, name: str) -> list[list[Any]]:
    """The keras_history of every input tensor of every call of a functional layer."""
    nodes = mc.find_layer(spec.model, name)["inbound_nodes"]
    return [[t["keras_history"] for t in mc._tensors(node)] for node in nodes]
