"""Measuring the mechanism of a plain training run, independently of the autotrainer.

A `MechanismProbe` callback, before training and at each epoch end, on a fixed stratified
probe batch of training rows (inference mode):

- the gradient norm of every kernel (rank >= 2, embeddings left out) of the compiled loss:
  the total norm and the ratio first kernel / last kernel (vanishing gradients);
- whether any weight, gradient or probe loss is non-finite (exploding gradients);
- the fraction of ReLU units that output zero on every probe row (over all ReLU layers,
  nested sub-models included, unit-weighted) and the worst layer's fraction (dying ReLU).

Oscillation is measured on the validation curve afterwards (`swings`).
"""

from __future__ import annotations

import math
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from autotrainer_keras.measure.layer_map import is_relu_family
from autotrainer_keras.measure.probe_batch import stratified_rows

PROBE_ROWS = 256


class DeadUnitProbe:
    """Counts ReLU units that output zero on every probe row, per ReLU layer.

    Built once per model: one probe sub-model per functional graph, returning the ReLU-family
    layers' outputs and the inputs of nested functional sub-models (probed in turn).
    """

    def __init__(self, model: keras.Model) -> None:
        relus = [layer.output for layer in model.layers if is_relu_family(layer)]
        self.nested = [DeadUnitProbe(layer) for layer in model.layers
                       if isinstance(layer, keras.Model)]  # fmt: skip
        feeds = [keras.layers.Layer.input.fget(sub.model) for sub in self.nested]
        self.model, self.n_relus = model, len(relus)
        outputs = relus + feeds
        self.probe = keras.Model(model.input, outputs) if outputs else None

    def counts(self, x: np.ndarray) -> list[tuple[int, int]]:
        """(dead units, units) per ReLU layer, nested sub-models included."""
        if self.probe is None:
            return []
        values = self.probe(x, training=False)
        values = list(values) if isinstance(values, list | tuple) else [values]
        counts = []
        for value in values[: self.n_relus]:
            array = np.asarray(value, dtype=np.float32)
            alive = (array.reshape(-1, array.shape[-1]) > 0).any(axis=0)
            counts.append((int((~alive).sum()), int(alive.size)))
        for sub, value in zip(self.nested, values[self.n_relus :], strict=True):
            counts += sub.counts(np.asarray(value))
        return counts


class MechanismProbe(keras.callbacks.Callback):
    """Records gradient norms, non-finite values and dead ReLU units once per epoch.

    Args:
        x, y: Training rows; a stratified probe batch of `PROBE_ROWS` is drawn from them.
        classify: Whether `y` holds class labels (stratified) or targets (quantiles).
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, classify: bool) -> None:
        super().__init__()
        rows = stratified_rows(y, PROBE_ROWS, classify, seed=0)
        self.x, self.y = x[rows], y[rows]
        self.records: list[dict[str, float]] = []
        self._grad_fn: Any = None
        self._dead: DeadUnitProbe | None = None

    def _gradients(self) -> tuple[float, list[float]]:
        model = self.model
        if self._grad_fn is None:
            kernels = [v for v in model.trainable_variables
                       if len(v.shape) >= 2 and not v.path.endswith("embeddings")]  # fmt: skip

            @tf.function
            def grads(x: Any, y: Any) -> Any:
                with tf.GradientTape() as tape:
                    value = model.loss(y, model(x, training=False))
                return value, tape.gradient(value, kernels)

            self._grad_fn = grads
        value, gradients = self._grad_fn(tf.constant(self.x), tf.constant(self.y))
        norms = [float(tf.norm(tf.cast(g, tf.float32))) if g is not None else math.nan
                 for g in gradients]  # fmt: skip
        return float(value), norms

    def _record(self, epoch: int) -> None:
        loss, norms = self._gradients()
        finite_norms = [n for n in norms if math.isfinite(n)]
        if self._dead is None:
            self._dead = DeadUnitProbe(self.model)
        counts = self._dead.counts(self.x)
        units = sum(n for _, n in counts)
        weights_finite = all(np.isfinite(w).all() for w in self.model.get_weights())
        first, last = (norms[0], norms[-1]) if norms else (math.nan, math.nan)
        self.records.append({
            "epoch": epoch,
            "probe_loss": loss,
            "grad_total": float(np.sqrt(np.sum(np.square(finite_norms)))) if finite_norms
            else math.nan,
            "grad_first": first,
            "grad_last": last,
            "nonfinite": float(not (weights_finite and math.isfinite(loss)
                                    and len(finite_norms) == len(norms))),
            "dead": sum(d for d, _ in counts) / units if units else math.nan,
            "dead_worst": max(d / n for d, n in counts) if counts else math.nan,
        })  # fmt: skip

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._record(-1)

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._record(epoch)


def swings(values: list[float]) -> tuple[float, float]:
    """(fraction of consecutive changes that flip sign, median absolute change)."""
    diffs = np.diff(np.asarray(values, dtype=float))
    if len(diffs) < 3 or not np.isfinite(diffs).all():
        return 0.0, 0.0
    flips = np.mean(np.sign(diffs[1:]) * np.sign(diffs[:-1]) < 0)
    return float(flips), float(np.median(np.abs(diffs)))
