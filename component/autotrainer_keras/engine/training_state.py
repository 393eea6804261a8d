"""The state Keras creates on a model's first training step, created before it instead.

Without a distribution strategy Keras 3 builds the compiled metrics and the optimizer's slot
variables inside the first traced train step, and a `tf.function` whose first trace creates
variables is traced once more: each traced step of a candidate (Keras' own and the watch's
sampled one) cost two traces (`benchmarks/NOTES.md`, session 18: 1 of each small candidate's
4-5 traces, ~0.1-0.4 s; more on large models). Built here eagerly -- one forward pass on two
rows in inference mode, the compiled metrics fed once and reset, the optimizer built on the
trainable variables -- the first trace creates nothing. The values are what Keras would have
made: zero slots, metrics reset before every epoch. The forward pass keeps the model's seed
state (`measure.seed_state.quiet_call`): a GRU's recurrent-dropout masks drawn at inference
would otherwise have moved the user's training off a plain `fit`'s.
"""

from __future__ import annotations

from typing import Any

import keras
import tensorflow as tf

from autotrainer_keras.io.arrays import Arrays
from autotrainer_keras.measure.seed_state import quiet_call


def build_training_state(model: keras.Model, x: Any, y: Arrays) -> None:
    """Build `model`'s compiled metrics and optimizer from two training rows `x`, `y`. Left
    to Keras (as before) under a distribution strategy (Keras builds it before tracing then),
    when the model keeps state across calls (a stateful recurrent layer) or when the eager
    pass fails."""
    if getattr(model, "_distribute_strategy", None) is not None:
        return  # under a strategy Keras builds it symbolically before tracing (`fit`)
    try:
        y_pred = quiet_call(model, x)
        if y_pred is None:  # a stateful model: a call would move its state
            return
        model.compute_metrics(x, y, y_pred, sample_weight=None)
    except (ValueError, TypeError, KeyError, AttributeError, RuntimeError, tf.errors.OpError):
        return  # only a saving: Keras builds it in the first trace, and reports what fails
    finally:
        model.reset_metrics()
    optimizer = model.optimizer
    if optimizer is not None and not optimizer.built:
        optimizer.build(model.trainable_variables)
