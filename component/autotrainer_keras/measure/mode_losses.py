"""The compiled loss on the probe batch in training mode and in inference mode.

A layer that behaves differently in the two modes can make a model fit its training rows in
training mode while it predicts badly in inference mode, where it is evaluated and used:
BatchNormalization normalises by the batch's statistics in training and by its moving
averages in inference, and moving averages that lag far behind (momentum 0.9999, or too few
steps for the default 0.99) give a model whose validation stays at chance while its training
loss falls. Both losses on the same rows tell that apart from overfitting (other rows) and
from dropout (which only makes training mode worse).

Measured only for models with BatchNormalization (nested models included) and only at the
epoch-end checks, without gradients, on at most `MODE_ROWS` probe rows: one forward pass in
training mode, and one in inference mode unless the `ActivationProbe` has just made it (its
predictions are passed in and the loss computed from them: from a softmax's probabilities,
where in a graph Keras uses the logits it cached on the output, so saturated outputs read up
to a few per cent lower). The training-mode pass updates the moving averages; every
non-trainable variable is restored after it (as `DeadUnitProbe` does). One traced graph per
probe; it never judges.

Cost (a CNN like practice `cnn_batchnorm`'s, 45 steps of 32 rows an epoch, one thread, CPU
time): 128 probe rows in both modes 8.5-9.6 ms, 2.8-3.0 % of its ~0.31 s epoch; reusing the
activation probe's inference pass 5.5-7.0 ms, 1.8-2.2 %. An epoch of more steps pays less.
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

MODE_ROWS = 128
"""At most this many probe rows are measured (every k-th row: any row order): the batch
statistics of 128 rows are close to the moving statistics of a healthy model, and its loss
is a precise enough estimate for the rule's margins (progress 0.5 against 0.2)."""


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
        x_probe, y_probe: The fixed probe batch (arrays, dicts by name, or a list by position
            for several inputs).
        rows: The most rows measured (every k-th of the probe batch).
    """

    def __init__(
        self, model: keras.Model, x_probe: Arrays, y_probe: Arrays, rows: int = MODE_ROWS
    ) -> None:
        self._model = model
        self._state = model.non_trainable_variables
        rows_given = len(tf.nest.flatten(x_probe)[0])
        self._every = max(1, -(-rows_given // rows))  # ceil: at most `rows` rows
        self._x, self._y = (
            tf.nest.map_structure(lambda a: tf.convert_to_tensor(a[:: self._every]), arrays)
            for arrays in (x_probe, y_probe)
        )  # arrays, dicts by name or lists by position (several inputs)
        self._both: Callable[[Any, Any], tf.Tensor] | None = None
        self._training: Callable[[Any, Any], tf.Tensor] | None = None
        self._of: Callable[[Any, Any], tf.Tensor] | None = None

    def _compiled(self, x: Any, y: Any, y_pred: Any) -> tf.Tensor:
        # The compiled loss of the predictions only. `compute_loss` adds `model.losses`, whose
        # activity-regulariser terms are tensors of the model's last forward pass: another
        # traced graph when the predictions come from the activation probe (TypeError "out of
        # scope", practice batch 6's L1(10) activity penalty under a `bn` candidate); the
        # regularisers are alike in both modes and say nothing of their difference.
        data_loss = getattr(self._model, "_compile_loss", None)
        loss = data_loss(y, y_pred) if data_loss is not None else None
        if loss is None:  # no compiled loss object: the model's own `compute_loss`
            loss = self._model.compute_loss(x=x, y=y, y_pred=y_pred, training=False)
        # Keras scales a loss by 1 / replicas inside a tf.distribute scope: undo it
        return tf.cast(loss, tf.float32) * tf.distribute.get_strategy().num_replicas_in_sync

    def _training_mode(self, x: Any, y: Any) -> tf.Tensor:
        saved = [tf.identity(v.value) for v in self._state]
        loss = self._compiled(x, y, self._model(x, training=True))
        with tf.control_dependencies([loss]):
            for variable, value in zip(self._state, saved, strict=True):
                variable.assign(value)
        return loss

    def _both_modes(self, x: Any, y: Any) -> tf.Tensor:
        inference = self._compiled(x, y, self._model(x, training=False))
        with tf.control_dependencies([inference]):  # before the pass that moves the averages
            training = self._training_mode(x, y)
        return tf.stack([training, inference])

    def _from_predictions(self, y: Any, y_pred: Any) -> tf.Tensor:
        return self._compiled(None, y, y_pred)

    def measure(self, inference_predictions: np.ndarray | None = None) -> ModeLosses:
        """The two losses now; the inference-mode one from `inference_predictions` (the
        model's inference-mode outputs on all the probe rows, just measured) when given."""
        if inference_predictions is None:
            if self._both is None:
                self._both = traced(self._both_modes)
            training, inference = (float(v) for v in np.asarray(self._both(self._x, self._y)))
            return ModeLosses(training=training, inference=inference)
        if self._training is None or self._of is None:
            self._training = traced(self._training_mode)
            self._of = traced(self._from_predictions)
        predictions = tf.convert_to_tensor(inference_predictions[:: self._every])
        inference = float(np.asarray(self._of(self._y, predictions)))
        return ModeLosses(training=float(np.asarray(self._training(self._x, self._y))),
                          inference=inference)  # fmt: skip
