"""`Watch`'s check in one traced pass: the probe gradients and the activation statistics from
one forward pass of the probe batch (TensorFlow).

Separately, `ProbeGradients` runs the model forward and backward over the probe batch and
`ActivationProbe` runs it forward again: on the overhead CNN (`benchmarks/overhead.py`) 93
ms and 38 ms per check, ~8 % of its 1.1 s epoch. Here the first `gradient_rows` rows go
forward under the gradient tape through the activation probe's model (its hidden outputs
and the model's output: the loss is computed from that output), the other rows forward
only, a chunk at a time; the activation statistics fold over both parts exactly as over the
chunks of `ActivationProbe.measure`. Never judges.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from autotrainer_keras.measure.activation_probe import ActivationProbe, combine
from autotrainer_keras.measure.history import ActivationStats, OutputStats
from autotrainer_keras.measure.probes import gradient_reductions, gradless, scaled_loss
from autotrainer_keras.measure.traced import traced

GradientSums = tuple[np.ndarray, np.ndarray, np.ndarray, bool]
"""Per trainable variable: squared norm, zero count, entries counted; and a NaN/Inf flag
(`ProbeGradients.measure`)."""


class ProbePass:
    """Probe gradients (as `ProbeGradients.measure`) of the first `gradient_rows` rows of the
    probe batch and activation statistics (as `ActivationProbe.measure`) of all its rows, in
    one traced function.

    Args:
        model: The user's model, compiled.
        activations: The activation probe of the model (one input, one output), holding the
            probe batch's inputs.
        y_probe: The probe batch's targets, in the same row order.
        gradient_rows: Rows, from the first, whose loss gradients are measured (all when
            at least the batch's rows).
    """

    def __init__(
        self,
        model: keras.Model,
        activations: ActivationProbe,
        y_probe: np.ndarray,
        gradient_rows: int,
    ) -> None:
        self._activations = activations
        self._model = model
        self._x = activations.x
        self._y = tf.convert_to_tensor(y_probe)
        self._rows = int(self._x.shape[0])
        self.gradient_rows = max(1, min(gradient_rows, self._rows))
        self._run = traced(self._pass)
        self.gradless: tuple[bool, ...] | None = None  # per variable, set when traced

    def _pass(self, x: tf.Tensor, y: tf.Tensor) -> list[tf.Tensor]:
        model, probe, rows = self._model, self._activations, self.gradient_rows
        with tf.GradientTape() as tape:
            outputs = probe.outputs(x[:rows])
            loss, scaled, scale, loss_scaled = scaled_loss(model, x[:rows], y[:rows], outputs[-1])
        grads = tape.gradient(scaled, model.trainable_variables)
        self.gradless = gradless(grads)
        sums = gradient_reductions(model, grads, loss, scale, loss_scaled)
        folded = probe.sums(outputs)
        if rows < self._rows:
            folded = combine(folded, probe.folded_sums(x[rows:], self._rows - rows))
        return [*sums, *probe.finish(folded)]

    def measure(self) -> tuple[GradientSums, tuple[list[ActivationStats], OutputStats]]:
        """The gradient sums and the activation and output statistics (which also set the
        activation probe's maxima, read for the dead units)."""
        squares, zeros, counted, finite, *arrays = self._run(self._x, self._y)
        gradients = (np.asarray(squares), np.asarray(zeros), np.asarray(counted),
                     not bool(finite))  # fmt: skip
        return gradients, self._activations.read([np.asarray(a) for a in arrays])
