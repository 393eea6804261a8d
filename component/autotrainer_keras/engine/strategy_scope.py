"""The `tf.distribute` strategy a job runs under: the one the user's model was built with.

A Keras model remembers the strategy whose `scope()` it was created in. The job enters that
scope for everything it builds (the watched wrapper, the optimizers, the repair candidates
rebuilt from the spec, the probes), so under `MirroredStrategy` every training of the job is
replicated as the user's own `model.fit` would be. A model built outside any scope gets the
default strategy, whose scope changes nothing.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import keras
import tensorflow as tf


def strategy_of(model: keras.Model) -> tf.distribute.Strategy:
    """The strategy `model` was built under (the default, one-device strategy when none)."""
    strategy = getattr(model, "distribute_strategy", None)
    if isinstance(strategy, tf.distribute.Strategy):
        return strategy
    return tf.distribute.get_strategy()


def strategy_scope(model: keras.Model) -> AbstractContextManager[object]:
    """`strategy.scope()` of the strategy `model` was built under."""
    return strategy_of(model).scope()
