"""Batch-18 scripts on tables, each written in its fixed form with a real-world bug as a
keyword option (the default is the healthy choice): a repeated tf.data pipeline with
`steps_per_epoch`, a Normalization layer given precomputed statistics, a mixture density
network, an imbalanced table with the output bias initialised to the log odds,
SpectralNormalization on moons, a 40-class table with a top-5 metric. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch18_data import (
    classes_5_table,
    classes_40_table,
    inverse_problem,
    loan_table,
    noisy_moons,
    rare_positive_table,
)
from benchmarks.practice.kit import Kit


def repeated_dataset(kit: Kit, *, steps_from_batched: bool = False, epochs: int = 12) -> Any:
    """A 5-class table through `tf.data`: `from_tensor_slices -> shuffle(4000) -> batch(32)
    -> repeat()`, `steps_per_epoch = len(x_train) // 32` (100); Dense 64 -> Dense 32 (ReLU)
    -> softmax(5); sparse CE, accuracy; Adam(1e-3). Fault: `steps_per_epoch =
    train_ds.cardinality() // BATCH` taken on the already-batched dataset (100 batches // 32 =
    3; the repeat()/steps_per_epoch questions on Stack Overflow): 3 steps an epoch, 36 in the
    whole run."""
    x, y, xv, yv = classes_5_table()
    keras.utils.set_random_seed(kit.seed)
    batched = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(4000, seed=kit.seed).batch(32)
    steps = int(batched.cardinality()) // 32 if steps_from_batched else len(x) // 32
    model = keras.Sequential([keras.Input((20,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, batched.repeat(), probe_data=(x, y), epochs=epochs,
                   steps_per_epoch=steps, validation_data=(xv, yv))  # fmt: skip


def loan_given_statistics(kit: Kit, *, std_as_variance: bool = False, epochs: int = 25) -> Any:
    """A raw mixed-unit loan table: `Normalization(mean=x.mean(0), variance=x.var(0))` (the
    statistics computed with NumPy, no `adapt`) -> Dense 32 -> Dense 16 (ReLU) -> sigmoid;
    binary CE, accuracy; Adam(1e-3), batch 32. Fault: `variance=x.std(0)` (the standard
    deviation passed as the variance; the layer divides by its square root): income, property
    value and balance come out with spreads of ~160, ~350 and ~90."""
    x, y, xv, yv = loan_table()
    keras.utils.set_random_seed(kit.seed)
    spread = x.std(axis=0) if std_as_variance else x.var(axis=0)
    model = keras.Sequential([keras.Input((7,)),
                              layers.Normalization(mean=x.mean(axis=0), variance=spread),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


COMPONENTS = 3


def mixture_nll(y_true: Any, y_pred: Any) -> Any:
    """Negative log-likelihood of a 1-D Gaussian mixture: y_pred holds COMPONENTS logits,
    means and log standard deviations."""
    logits = y_pred[:, :COMPONENTS]
    means = y_pred[:, COMPONENTS : 2 * COMPONENTS]
    log_std = y_pred[:, 2 * COMPONENTS :]
    z = (y_true - means) / ops.exp(log_std)
    log_prob = -0.5 * ops.square(z) - log_std - 0.5 * np.log(2 * np.pi)
    return -ops.logsumexp(ops.log_softmax(logits, axis=-1) + log_prob, axis=-1)


def mixture_density(kit: Kit, *, epochs: int = 40) -> Any:
    """Bishop's inverse problem (one input, a target with up to three branches): Dense 32 ->
    Dense 32 (tanh) -> Dense(9) = 3 mixture logits, 3 means, 3 log standard deviations
    (clipped to [-7, 3] by a Lambda); a hand-written mixture NLL (log_softmax + logsumexp);
    no accuracy; Adam(3e-3), batch 64. The loss is negative once the mixture fits."""
    x, y, xv, yv = inverse_problem()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((1,))
    h = layers.Dense(32, activation="tanh")(inputs)
    h = layers.Dense(32, activation="tanh")(h)
    raw = layers.Dense(3 * COMPONENTS)(h)
    out = layers.Lambda(
        lambda t: ops.concatenate(
            [t[:, : 2 * COMPONENTS], ops.clip(t[:, 2 * COMPONENTS :], -7.0, 3.0)], axis=-1
        )
    )(raw)
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(3e-3), loss=mixture_nll)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def rare_bias_init(kit: Kit, *, bias_sign: float = 1.0, epochs: int = 15) -> Any:
    """A table with ~4 % positives (standardised): Dense 32 -> Dense 16 (ReLU) -> Dense(1,
    sigmoid, bias_initializer=Constant(log(pos / neg))) (TensorFlow's imbalanced-data
    tutorial: the output starts at the base rate); binary CE, accuracy + AUC(curve="PR");
    Adam(1e-3), batch 256; no class_weight. Fault: the ratio inverted, log(neg / pos) = +3.2
    (`np.log(neg / pos)`; the tutorial's `initial_bias` written from memory): every row
    starts at 96 % positive. (Dropped after the plain-Keras check: Adam undoes the bias
    within the first epoch, 0.973 vs 0.990 at seed 11; the keyword stays.)"""
    x, y, xv, yv = rare_positive_table()
    keras.utils.set_random_seed(kit.seed)
    pos, neg = int(y.sum()), int(len(y) - y.sum())
    model = keras.Sequential([keras.Input((16,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid",
                                           bias_initializer=keras.initializers.Constant(
                                               bias_sign * np.log(pos / neg)))])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(curve="PR", name="pr_auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=256,
                   validation_data=(xv, yv))  # fmt: skip


def spectral_moons(kit: Kit, *, epochs: int = 25) -> Any:
    """Noisy moons: 3 x SpectralNormalization(Dense(64, relu)) -> sigmoid; binary CE,
    accuracy; Adam(3e-3), batch 32."""
    x, y, xv, yv = noisy_moons()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((2,))])
    for _ in range(3):
        model.add(layers.SpectralNormalization(layers.Dense(64, activation="relu")))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(keras.optimizers.Adam(3e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def top5_40_classes(kit: Kit, *, lr: float | None = None, epochs: int = 20) -> Any:
    """A 40-class table (standardised): Dense 128 -> Dense 64 (ReLU) -> softmax(40); sparse
    CE, accuracy + SparseTopKCategoricalAccuracy(5); Adam(1e-3), batch 256. Fault: the
    learning rate from Goyal et al.'s linear scaling rule for SGD, `0.1 * batch_size / 256`
    = 0.1, kept when the optimizer was switched to Adam."""
    x, y, xv, yv = classes_40_table()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((40,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(40, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr if lr is not None else 1e-3),
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy", keras.metrics.SparseTopKCategoricalAccuracy(5)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=256,
                   validation_data=(xv, yv))  # fmt: skip
