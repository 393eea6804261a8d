"""The state Keras creates on a model's first training step, created before it instead.

Without a distribution strategy Keras 3 builds the compiled metrics and the optimizer's slot
variables inside the first traced train step, and a `tf.function` whose first trace creates
variables is traced once more: each traced step of a candidate (Keras' own and the watch's
sampled one) cost two traces (`benchmarks/NOTES.md`, session 18: 1 of each small candidate's
4-5 traces, ~0.1-0.4 s; more on large models). Built here eagerly -- one forward pass on two
rows in inference mode, the compiled metrics fed once and reset, the optimizer built on the
trainable variables -- the first trace creates nothing. The values are what Keras would have
made: zero slots, metrics reset before every epoch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keras
import tensorflow as tf

from autotrainer_keras.io.arrays import Arrays


def build_training_state(model: keras.Model, x: Any, y: Arrays) -> None:
    """Build `model`'s compiled metrics and optimizer from two training rows `x`, `y`. Left
    to Keras (as before) under a distribution strategy (Keras builds it before tracing then),
    when the model keeps state across calls (a stateful recurrent layer) or when the eager
    pass fails."""
    if getattr(model, "_distribute_strategy", None) is not None:
        return  # under a strategy Keras builds it symbolically before tracing (`fit`)
    if is_stateful(model):
        return
    try:
        y_pred = model(x, training=False)
        model.compute_metrics(x, y, y_pred, sample_weight=None)
    except (ValueError, TypeError, KeyError, AttributeError, RuntimeError, tf.errors.OpError):
        return  # only a saving: Keras builds it in the first trace, and reports what fails
    finally:
        model.reset_metrics()
    optimizer = model.optimizer
    if optimizer is not None and not optimizer.built:
        optimizer.build(model.trainable_variables)


def is_stateful(model: keras.Model) -> bool:
    """Some layer of the model keeps state across calls (a stateful recurrent layer): a call
    outside training moves it."""
    return any(getattr(layer, "stateful", False) for layer in _walk(model))


def _walk(layer: Any) -> Iterator[Any]:
    """`layer` and every layer inside it: nested models' layers, and a wrapper's (a
    Bidirectional's two directions, a TimeDistributed's layer)."""
    yield layer
    inner = [*(getattr(layer, "layers", None) or [])]
    inner += [getattr(layer, name, None) for name in ("layer", "forward_layer", "backward_layer")]
    for sub in inner:
        if isinstance(sub, keras.layers.Layer) and sub is not layer:
            yield from _walk(sub)
