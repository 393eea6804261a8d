"""Batch-16 scripts on tables, as the Keras guides write them: a two-output functional model
with `loss_weights`, residual blocks with `LayerNormalization`, a warm-up + cosine
`CosineDecay(warmup_target=...)`, a subclass overriding `compute_loss` with a confidence
penalty, `class_weight` under `jit_compile` and `steps_per_execution`, and a registered
`keras.ops` RBF layer. Each script calls `kit.fit`; keyword options are the faults of
`cases.py` (each default is the healthy choice).
"""

from __future__ import annotations

import math
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch16_data import (
    digits_with_ink,
    five_classes,
    moons,
    rare_positives,
)
from benchmarks.practice.kit import Kit


def two_outputs(kit: Kit, *, weights: dict[str, float] | None = None, epochs: int = 20) -> Any:
    """Standardised digits -> Dense 64 -> Dense 32 -> {"digit": softmax(10), "ink": Dense(1)};
    loss {sparse CE, MSE}, loss_weights {"digit": 1.0, "ink": 0.2}, accuracy on "digit";
    Adam(1e-3), batch 64. Fault: loss_weights {"digit": 0.0, "ink": 1.0} (the main head
    switched off while tuning the auxiliary and left so; GitHub "multi-output model: one
    head does not learn, loss_weights")."""
    x, y, xv, yv = digits_with_ink()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(32, activation="relu")(layers.Dense(64, activation="relu")(inputs))
    model = keras.Model(inputs, {"digit": layers.Dense(10, activation="softmax", name="digit")(h),
                                 "ink": layers.Dense(1, name="ink")(h)})  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3),
                  loss={"digit": "sparse_categorical_crossentropy", "ink": "mse"},
                  loss_weights=weights or {"digit": 1.0, "ink": 0.2},
                  metrics={"digit": ["accuracy"]})  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def residual_layernorm(kit: Kit, *, skip_after_head: bool = False, epochs: int = 20) -> Any:
    """Five classes: Dense 64 -> two blocks x = LayerNormalization(x + Dense(Dense(x, gelu)))
    -> Dense(5, softmax); sparse CE; Adam(1e-3), batch 64. Fault: the skip connection
    moved past the head, `Add()([softmax, Dense(5)(inputs)])` (a ResNet shortcut "around the
    whole model"; Stack Overflow "loss negative / accuracy stuck with a residual on the
    output")."""
    x, y, xv, yv = five_classes()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = layers.Dense(64)(inputs)
    for _ in range(2):
        update = layers.Dense(64)(layers.Dense(64, activation="gelu")(h))
        h = layers.LayerNormalization()(layers.Add()([h, update]))
    outputs = layers.Dense(5, activation="softmax")(h)
    if skip_after_head:
        outputs = layers.Add()([outputs, layers.Dense(5)(inputs)])
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def warmup_cosine(kit: Kit, *, start: float = 0.0, peak: float = 2e-3, epochs: int = 20) -> Any:
    """Five classes, MLP 128-64, Adam(CosineDecay(initial_learning_rate=start, warmup_target=
    peak, warmup_steps=2 epochs, decay_steps=the rest)) as in the schedule's docstring
    (start 0), batch 32. Fault: the two rates swapped, `CosineDecay(2e-3, ...,
    warmup_target=0.0)` (initial read as the peak, warmup_target as the start): the rate
    falls to 0 in 2 epochs and stays there."""
    x, y, xv, yv = five_classes()
    keras.utils.set_random_seed(kit.seed)
    steps = math.ceil(len(x) / 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        start, decay_steps=(epochs - 2) * steps, warmup_target=peak, warmup_steps=2 * steps)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


class ConfidencePenalty(keras.Model):
    """`compute_loss` overridden: the compiled loss minus 0.1 x the mean prediction entropy
    (Pereyra et al.). `keep_base=False` returns the penalty term alone."""

    def __init__(self, *args: Any, keep_base: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keep_base = keep_base

    def compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None,
                     sample_weight: Any = None, training: bool = True) -> Any:  # fmt: skip
        entropy = -ops.mean(ops.sum(y_pred * ops.log(y_pred + 1e-7), axis=-1))
        if not self.keep_base:
            return -0.1 * entropy
        return super().compute_loss(x, y, y_pred, sample_weight, training) - 0.1 * entropy


def confidence_penalty(kit: Kit, *, keep_base: bool = True, epochs: int = 20) -> Any:
    """Five classes, a functional `ConfidencePenalty` model: Dense 64 -> Dense 32 -> softmax;
    sparse CE (compiled) - 0.1 entropy; Adam(1e-3), batch 64. Fault: `loss = -0.1 * entropy`
    overwrites the base loss instead of adding to it (GitHub "override compute_loss: forgot
    super().compute_loss")."""
    x, y, xv, yv = five_classes()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = layers.Dense(32, activation="relu")(layers.Dense(64, activation="relu")(inputs))
    model = ConfidencePenalty(inputs, layers.Dense(5, activation="softmax")(h),
                              keep_base=keep_base)  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def weighted_jit(kit: Kit, *, epochs: int = 15) -> Any:
    """6 % positives: Dense 32 -> Dense 16 -> sigmoid; BCE, accuracy + AUC; class_weight
    n / (2 n_c); Adam(1e-3), batch 64, `jit_compile=True`, `steps_per_execution=8`."""
    x, y, xv, yv = rare_positives()
    keras.utils.set_random_seed(kit.seed)
    counts = np.bincount(y.astype("int64"))
    weights = {c: float(len(y) / (2 * counts[c])) for c in range(2)}
    model = keras.Sequential([keras.Input((12,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")], jit_compile=True,
                  steps_per_execution=8)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=weights, epochs=epochs,
                   batch_size=64, validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice16")
class RBF(layers.Layer):
    """exp(-gamma_k ||x - c_k||^2) for `units` trainable centres c_k and widths gamma_k."""

    def __init__(self, units: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape: tuple[int, ...]) -> None:
        self.centres = self.add_weight((self.units, input_shape[-1]), "random_normal",
                                       name="centres")  # fmt: skip
        self.log_gamma = self.add_weight((self.units,), "zeros", name="log_gamma")

    def call(self, x: Any) -> Any:
        d2 = ops.sum(ops.square(ops.expand_dims(x, 1) - self.centres[None]), axis=-1)
        return ops.exp(-ops.exp(self.log_gamma) * d2)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units}


def rbf_moons(kit: Kit, *, epochs: int = 30) -> Any:
    """Moons (noise 0.25): a registered keras.ops RBF layer (16 centres) -> Dense(1, sigmoid);
    BCE, accuracy; Adam(1e-2), batch 32."""
    x, y, xv, yv = moons()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((2,)), RBF(16), layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-2), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
