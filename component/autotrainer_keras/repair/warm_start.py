"""Warm starts: a repair candidate begins from the user's own initial weights.

The default profile starts every candidate from the weights the user's model had *before*
the original training (`InitialWeights`, taken once per job): a fine-tuning job keeps its
pretrained layers (a backbone nested as one layer included), and a candidate that changes
only how the model is trained (optimizer, learning rate, batch size, clipping, callbacks)
trains the user's very model again. A layer restarts from fresh weights (drawn by its
initializer, seeded with the spec's seed) only when

- the candidate changed one of its initializers (`initial`, and the activation swaps
  `selu`/`relu`/`tanh` and `nonlinear`, which set the initializer that fits the new
  activation: their fix includes the new values, e.g. zero biases instead of a bias of -1
  that killed every ReLU), see `reinitialised_layers`;
- it is new (an inserted BatchNormalization, a LeakyReLU layer) or its weights changed shape;
- its given weights hold NaN or Inf.

Every other layer, nested layers included, gets the given weights, matched by path
(`backbone/conv1`): so `bn` keeps the weights of every layer it did not insert.

The paper profile does not use this: its candidates continue from the weights at detection,
as the AutoTrainer code does (`keras_spec.transfer_weights`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import keras
import numpy as np

from autotrainer_keras.repair import model_config as mc

SEPARATOR = "/"


def leaf_layers(model: keras.Model, prefix: str = "") -> Iterator[tuple[str, keras.Layer]]:
    """Every layer holding weights, by path; nested models are walked into."""
    for layer in model.layers:
        path = f"{prefix}{layer.name}"
        if isinstance(layer, keras.Model):
            yield from leaf_layers(layer, path + SEPARATOR)
        elif layer.weights:
            yield path, layer


def _initializers(configs: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    return sorted(
        (key, value)
        for config in configs
        for key, value in config.items()
        if key.endswith("_initializer")
    )


def initializer_settings(model: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Each layer's initializer settings by path, from a serialised model (pure)."""
    found: dict[str, Any] = {}
    for layer in mc.layers(model):
        path = f"{prefix}{mc.layer_name(layer)}"
        if mc.is_model(layer):
            try:
                found.update(initializer_settings(layer, path + SEPARATOR))
            except Exception:  # noqa: BLE001 - an opaque (subclassed) model: its own settings
                found[path] = _initializers([layer["config"]])
        else:
            found[path] = _initializers(mc.inner_configs(layer))
    return found


def reinitialised_layers(given: dict[str, Any], candidate: dict[str, Any]) -> set[str]:
    """Paths of the candidate's layers whose initializers differ from the given model's
    (pure): these restart fresh. A config that cannot be read (a subclassed model) has none."""
    try:
        before, after = initializer_settings(given), initializer_settings(candidate)
    except Exception:  # noqa: BLE001 - not an editable config: nothing changed it
        return set()
    return {path for path, settings in after.items() if path in before and before[path] != settings}


@dataclass(frozen=True)
class InitialWeights:
    """The user's model as given: its serialised config and every layer's weights by path.

    Attributes:
        model: The spec's model config these weights belong to.
        weights: Layer path -> that layer's weight arrays (copies).
    """

    model: dict[str, Any]
    weights: dict[str, list[np.ndarray]] = field(repr=False)

    @classmethod
    def of(cls, model: keras.Model, model_config: dict[str, Any]) -> InitialWeights:
        """Take the weights of `model` now (before it trains)."""
        weights = {path: [np.array(w) for w in layer.get_weights()]
                   for path, layer in leaf_layers(model)}  # fmt: skip
        return cls(model_config, weights)


@dataclass(frozen=True)
class WarmStart:
    """Which layers of a candidate got the given weights and which start fresh."""

    given: list[str]
    fresh: list[str]

    def describe(self) -> str:
        """One sentence for progress and reports."""
        if not self.fresh:
            return f"warm start: all {len(self.given)} weighted layers from the given weights"
        shown = ", ".join(self.fresh[:4]) + (" ..." if len(self.fresh) > 4 else "")
        return (
            f"warm start: {len(self.given)} layers from the given weights, "
            f"{len(self.fresh)} fresh ({shown})"
        )


def warm_start(
    initial: InitialWeights, target: keras.Model, candidate_model: dict[str, Any]
) -> WarmStart:
    """Set `target`'s weights to the given ones wherever the rules of this module allow.

    Args:
        initial: The user's model as given.
        target: The candidate, freshly built from `candidate_model`.
        candidate_model: The candidate spec's model config.
    """
    reinit = reinitialised_layers(initial.model, candidate_model)
    given, fresh = [], []
    for path, layer in leaf_layers(target):
        weights = initial.weights.get(path)
        shapes = [tuple(w.shape) for w in layer.weights]
        usable = (
            weights is not None
            and path not in reinit
            and [w.shape for w in weights] == shapes
            and all(np.isfinite(w).all() for w in weights)
        )
        if usable:
            assert weights is not None
            layer.set_weights(weights)
            _finalize(layer)
            given.append(path)
        else:
            fresh.append(path)
    return WarmStart(given, fresh)


def _finalize(layer: keras.layers.Layer) -> None:
    """Recompute what an adapted preprocessing layer computes from its variables: Keras'
    `Normalization` keeps the mean and variance it normalises by apart from the adapted
    variables `set_weights` writes (without this, a candidate's Normalization passed the
    raw values: spread 723 where the original's gave 1)."""
    if isinstance(layer, keras.layers.Normalization):
        layer.finalize_state()
