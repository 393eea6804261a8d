"""The compiled loss on the probe batch in training mode and in inference mode.

A layer that behaves differently in the two modes can make a model fit its training rows in
training mode while it predicts badly in inference mode, where it is evaluated and used:
BatchNormalization normalises by the batch's statistics in training and by its moving
averages in inference, and moving averages that lag far behind (momentum 0.9999, or too few
steps for the default 0.99) give a model whose validation stays at chance while its training
loss falls. Both losses on the same rows tell that apart from overfitting (other rows) and
from dropout (which only makes training mode worse).

Measured only for models with BatchNormalization (nested models included) and only at the
epoch-end checks: two forward passes of the probe batch, no gradient. The training-mode pass
updates the moving averages; every non-trainable variable is restored after it (as
`DeadUnitProbe` does). One traced graph per probe; it never judges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from autotrainer_keras.io.arrays import Arrays
from autotrainer_keras.measure.history import ModeLosses
from autotrainer_keras.measure.traced import traced


def has_batch_norm(model: keras.layers.Layer) -> bool:
    """True when `model` or a model nested in it has a BatchNormalization layer."""
    for layer in getattr(model, "layers", None) or ():
        if isinstance(layer, keras.layers.BatchNormalization) or has_batch_norm(layer):
            return True
    return False


class ModeLossProbe:
    """The compiled loss of `model` on the probe rows, in training and in inference mode.

    Args:
        model: A compiled model (its `compute_loss` gives the loss).
        x_probe, y_probe: The fixed probe batch (arrays, or dicts by name).
    """

    def __init__(self, model: keras.Model, x_probe: Arrays, y_probe: Arrays) -> None:
        self._model = model
        self._state = model.non_trainable_variables
        self._x = tf.nest.map_structure(tf.convert_to_tensor, x_probe)
        self._y = tf.nest.map_structure(tf.convert_to_tensor, y_probe)
        self._losses: Callable[[Any, Any], tf.Tensor] | None = None

    def _loss(self, x: Any, y: Any, training: bool) -> tf.Tensor:
        model = self._model
        y_pred = model(x, training=training)
        loss = model.compute_loss(x=x, y=y, y_pred=y_pred, training=False)
        # Keras scales a loss by 1 / replicas inside a tf.distribute scope: undo it
        return tf.cast(loss, tf.float32) * tf.distribute.get_strategy().num_replicas_in_sync

    def _both(self, x: Any, y: Any) -> tf.Tensor:
        saved = [tf.identity(v.value) for v in self._state]
        inference = self._loss(x, y, training=False)  # before the pass that moves the averages
        with tf.control_dependencies([inference]):
            training = self._loss(x, y, training=True)
        with tf.control_dependencies([training]):
            for variable, value in zip(self._state, saved, strict=True):
                variable.assign(value)
        return tf.stack([training, inference])

    def measure(self) -> ModeLosses:
        """The two losses now (NaN when one is not finite)."""
        if self._losses is None:
            self._losses = traced(self._both)
        training, inference = (float(v) for v in np.asarray(self._losses(self._x, self._y)))
        return ModeLosses(training=training, inference=inference)
