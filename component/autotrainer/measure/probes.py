"""Measurements on a fixed probe batch: dead ReLU units and (paper style) probe gradients."""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from autotrainer.measure.layer_map import graph_ends, is_relu_family


class DeadUnitProbe:
    """Fraction of dead units per ReLU-family layer: output 0 for every probe sample.

    A unit is a neuron of a Dense layer or a channel of a Conv/RNN layer (the last axis).
    """

    def __init__(self, model: keras.Model, x_probe: np.ndarray) -> None:
        self.layers = [layer for layer in model.layers if is_relu_family(layer)]
        self._x = x_probe
        self._model = (
            keras.Model(graph_ends(model)[0], [layer.output for layer in self.layers])
            if self.layers
            else None
        )

    def measure(self) -> dict[str, float]:
        if self._model is None:
            return {}
        outputs = self._model(self._x, training=False)
        if not isinstance(outputs, list | tuple):
            outputs = [outputs]
        fractions = {}
        for layer, out in zip(self.layers, outputs, strict=True):
            values = np.asarray(out)
            alive = (values.reshape(-1, values.shape[-1]) > 0).any(axis=0)
            fractions[layer.name] = float(1.0 - alive.mean())
        return fractions


class ProbeGradients:
    """Gradients of the training loss on one fixed batch, in inference mode (the paper's check).

    As in the AutoTrainer code, only dense gradients are measured: a variable whose gradient
    is None (not connected to the loss) or sparse (an Embedding's `IndexedSlices`) is left
    out of every statistic, instead of counting as an all-zero gradient.
    """

    def __init__(self, model: keras.Model, x_probe: np.ndarray, y_probe: np.ndarray) -> None:
        self._model = model
        self._x = tf.convert_to_tensor(x_probe)
        self._y = tf.convert_to_tensor(y_probe)

    def measure(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
        """Per trainable variable: squared L2 norm, zero count and entries counted (0 for a
        left-out gradient, whose norm and zero count are 0 too); and a NaN/Inf flag."""
        model = self._model
        with tf.GradientTape() as tape:
            y_pred = model(self._x, training=False)
            loss = model.compute_loss(x=self._x, y=self._y, y_pred=y_pred, training=False)
        variables = model.trainable_variables
        grads = tape.gradient(loss, variables)
        sq, zeros, counted = [], [], []
        finite = bool(np.isfinite(float(loss)))
        for grad in grads:
            if grad is None or isinstance(grad, tf.IndexedSlices):
                sq.append(0.0)
                zeros.append(0.0)
                counted.append(0.0)
                continue
            g = np.asarray(grad, np.float32)
            sq.append(float(np.sum(np.square(g, dtype=np.float64))))
            zeros.append(float(np.count_nonzero(g == 0)))
            counted.append(float(g.size))
            finite = finite and bool(np.isfinite(g).all())
        for var in variables:
            finite = finite and bool(np.isfinite(np.asarray(var)).all())
        return np.array(sq), np.array(zeros), np.array(counted), not finite
