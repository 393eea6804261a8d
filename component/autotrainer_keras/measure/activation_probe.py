"""The Keras adapter of `measure.activation_stats`: collects, on the fixed probe batch, each
hidden layer's per-unit mean square, minimum and maximum, and the model's outputs.

One traced graph per probe (as `DeadUnitProbe`); it never judges.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from autotrainer_keras.measure.activation_stats import activation_stats, input_scale, output_stats
from autotrainer_keras.measure.history import ActivationStats, OutputStats
from autotrainer_keras.measure.layer_map import activation_name, graph_ends
from autotrainer_keras.measure.setup_facts import output_end

SKIPPED = (keras.layers.InputLayer, keras.layers.Dropout, keras.layers.Flatten,
           keras.layers.Reshape, keras.layers.Normalization, keras.layers.Rescaling)  # fmt: skip


def _hidden(model: keras.Model) -> list[keras.layers.Layer]:
    """Layers whose outputs are hidden activations: every layer before the last that has
    weights or an activation, with one floating-point output."""
    layers = []
    for layer in model.layers[:-1]:
        if isinstance(layer, SKIPPED) or not (layer.weights or activation_name(layer)):
            continue
        output = getattr(layer, "output", None)
        if isinstance(output, list | tuple) or output is None or len(output.shape) < 2:
            continue
        if not str(output.dtype).startswith(("float", "bfloat")):
            continue
        layers.append(layer)
    return layers


class ActivationProbe:
    """Hidden-layer activation statistics and output statistics on the probe batch.

    Args:
        model: A model with a layer graph (Sequential or functional).
        x_probe, y_probe: The fixed probe batch.
    """

    def __init__(self, model: keras.Model, x_probe: np.ndarray, y_probe: np.ndarray) -> None:
        self.layers = _hidden(model)
        self.output_activation = output_end(model)[0]
        inputs, outputs = graph_ends(model)
        self._model = keras.Model(inputs, [*(layer.output for layer in self.layers), outputs])
        self._x = tf.convert_to_tensor(x_probe)
        self._y = np.asarray(y_probe)
        self.input_scale = input_scale(x_probe)
        self._collect: Callable[[tf.Tensor], list[tf.Tensor]] | None = None

    def _arrays(self, x: tf.Tensor) -> list[tf.Tensor]:
        outputs = self._model(x, training=False)
        outputs = list(outputs) if isinstance(outputs, list | tuple) else [outputs]
        collected: list[tf.Tensor] = []
        for out in outputs[:-1]:
            rows = tf.reshape(tf.cast(out, tf.float32), [-1, tf.shape(out)[-1]])
            collected += [tf.reduce_mean(tf.square(rows), axis=0), tf.reduce_min(rows, axis=0),
                          tf.reduce_max(rows, axis=0)]  # fmt: skip
        collected.append(tf.cast(outputs[-1], tf.float32))
        return collected

    def measure(self) -> tuple[list[ActivationStats], OutputStats]:
        """Per hidden layer its statistics, and the outputs' statistics."""
        if self._collect is None:
            self._collect = tf.function(self._arrays)
        arrays = [np.asarray(a) for a in self._collect(self._x)]
        hidden = [
            activation_stats(
                layer.name, activation_name(layer) or "linear", *arrays[3 * i : 3 * i + 3]
            )
            for i, layer in enumerate(self.layers)
        ]
        return hidden, output_stats(arrays[-1], self._y, self.output_activation)
