"""Batch-13 scripts, tabular set-ups: a rare-positive classifier with `class_weight` and a
precision-recall AUC, a Poisson claim-count model with a log link and an exposure offset, a
1..5 rating as one sigmoid output rescaled to the rating range, rows weighted by recency
(`sample_weight`) under drift, a `keras.ops` weighted-MSE loss under SGD, SGD with Nesterov
momentum and ReduceLROnPlateau, an ensemble of two towers averaged, and a learned sigmoid
gate multiplied onto the features. Each script calls `kit.fit`; keyword options are the
faults of `cases.py` (each default is the healthy script's choice); each docstring names the
kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch13_data import (
    claim_counts,
    drifting_rows,
    heavy_targets,
    rare_positives,
    ratings,
    tabular_classes,
)
from benchmarks.practice.kit import Kit


def rare_class_weight(kit: Kit, *, weight_from_count: bool = False, epochs: int = 15) -> Any:
    """5 % positives: Dense 32-16 (ReLU) -> sigmoid; BCE, accuracy + `AUC(curve="PR")`;
    Adam(1e-3), batch 128; `class_weight={0: 1.0, 1: n_negative / n_positive}`. Fault: the
    positive weight set to the negative *count* instead of the ratio (`{0: 1, 1: n_neg}`,
    about 6 000; Stack Overflow "class_weight makes my model predict only the minority
    class")."""
    x, y, xv, yv = rare_positives()
    negatives, positives = float((y == 0).sum()), float((y == 1).sum())
    weights = {0: 1.0, 1: negatives if weight_from_count else negatives / positives}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(curve="PR", name="pr_auc")])
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=weights, epochs=epochs,
                   batch_size=128, validation_data=(xv, yv))  # fmt: skip


def poisson_exposure(kit: Kit, *, log_offset: bool = True, epochs: int = 20) -> Any:
    """Claim counts: features -> Dense 32-16 (ReLU) -> Dense(1) (the log-rate), plus the
    log-exposure input as an offset (`Add`), then `Activation("exponential")` (the log link
    of a Poisson GLM); loss "poisson", mae; Adam(2e-3), batch 64. Fault: the offset fed the
    exposure itself, not its log (Stack Overflow / Cross Validated "Poisson regression
    offset: exposure or log(exposure)?")."""
    x, exposure, y, xv, exposure_v, yv = claim_counts()
    offset, offset_v = (np.log(exposure), np.log(exposure_v)) if log_offset \
        else (exposure, exposure_v)
    keras.utils.set_random_seed(kit.seed)
    features, offset_in = keras.Input((8,), name="features"), keras.Input((1,), name="offset")
    h = layers.Dense(32, activation="relu")(features)
    h = layers.Dense(16, activation="relu")(h)
    log_rate = layers.Add()([layers.Dense(1)(h), offset_in])
    model = keras.Model([features, offset_in], layers.Activation("exponential")(log_rate))
    model.compile(keras.optimizers.Adam(2e-3), "poisson", metrics=["mae"])
    return kit.fit(model, [x, offset], y, probe_data=([x, offset], y), epochs=epochs,
                   batch_size=64, validation_data=([xv, offset_v], yv))  # fmt: skip


def scaled_rating(kit: Kit, *, scale: float = 4.0, epochs: int = 20) -> Any:
    """Ratings 1..5: Dense 64-32 (ReLU) -> Dense(1, sigmoid) -> `Rescaling(scale=4,
    offset=1)` (outputs in [1, 5]); MSE, mae; Adam(2e-3), batch 64. Fault: `scale=3` (copied
    from a 1..4 survey), so no prediction can exceed 4 while a fifth of the ratings are 5
    (Stack Overflow "sigmoid output scaled to range: predictions never reach max")."""
    x, y, xv, yv = ratings()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid"),
                              layers.Rescaling(scale=scale, offset=1.0)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y[:, None], probe_data=(x, y[:, None]), epochs=epochs,
                   batch_size=64, validation_data=(xv, yv[:, None]))  # fmt: skip


def recency_weighted(kit: Kit, *, reverse: bool = False, epochs: int = 15) -> Any:
    """Drifting rows, validation = the latest period: Dense 32-32 (ReLU) -> sigmoid; BCE,
    accuracy; Adam(2e-3), batch 64; `sample_weight = exp((t - t_max) / 0.1)` (recent rows
    count most). Fault: the decay computed from the first timestamp (`exp(-(t - t_min) /
    0.1)`), so the oldest rows count most (Stack Overflow "time-decay sample weights:
    model worse on recent data")."""
    x, y, t, xv, yv = drifting_rows()
    age = (t - t.min()) if reverse else (t.max() - t)
    weights = np.exp(-age / 0.1).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), sample_weight=weights, epochs=epochs,
                   batch_size=64, validation_data=(xv, yv))  # fmt: skip


def ops_weighted_mse(kit: Kit, *, sum_reduction: bool = False, epochs: int = 20) -> Any:
    """Standardised skewed targets: Dense 64-32 (ReLU) -> Dense(1); a `def weighted_mse`
    written with `keras.ops` (errors on large targets weigh 1 + |y|, mean over the last
    axis); mae; SGD(0.01, momentum 0.9), batch 64. Fault: the loss returns `ops.sum` over
    the whole batch instead of a per-sample mean, so the loss and gradients grow with the
    batch size, 64x here (Stack Overflow / GitHub "custom loss: reduce_sum vs reduce_mean,
    loss becomes nan with SGD")."""
    x, y, xv, yv = heavy_targets()

    def weighted_mse(y_true: Any, y_pred: Any) -> Any:
        weighted = (1.0 + ops.abs(y_true)) * ops.square(y_true - y_pred)
        return ops.sum(weighted) if sum_reduction else ops.mean(weighted, axis=-1)

    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), weighted_mse, metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def nesterov_plateau(kit: Kit, *, factor: float = 0.5, patience: int = 3,
                     epochs: int = 20) -> Any:  # fmt: skip
    """8 classes, 30 standardised features: Dense 128-64 (ReLU), softmax; sparse CE,
    accuracy; SGD(0.02, momentum 0.9, nesterov=True), batch 64;
    `ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3, min_lr=1e-4)`. Fault:
    `factor=0.01, patience=0` ("cut hard as soon as it stalls"): the first epoch without a
    new best validation loss divides the rate by 100 (Stack Overflow "ReduceLROnPlateau
    learning rate drops to almost zero after a few epochs, training stops improving")."""
    x, y, xv, yv = tabular_classes(8, 6000, 30, 12)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(8, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=factor,
                                                patience=patience,
                                                min_lr=1e-4 if factor >= 0.1 else 0.0)
    return kit.fit(model, x, y, probe_data=(x, y), callbacks=[plateau], epochs=epochs,
                   batch_size=64, validation_data=(xv, yv))  # fmt: skip


def averaged_towers(kit: Kit, *, tower_b_head: str | None = "softmax", epochs: int = 15) -> Any:
    """6 classes, 24 standardised features: tower A (Dense 64 ReLU -> Dense(6, softmax)) and
    tower B (Dense 64 tanh -> Dense 32 tanh -> Dense(6, softmax)) averaged by
    `layers.Average` (an ensemble in one model); sparse CE, accuracy; Adam(1e-3), batch 64.
    Fault: tower B's head left without its softmax (copied from a logits model), so a
    probability vector is averaged with raw scores (Stack Overflow "averaging model outputs
    ensemble: loss nan / accuracy low")."""
    x, y, xv, yv = tabular_classes(6, 6000, 24, 10)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((24,))
    a = layers.Dense(6, activation="softmax")(layers.Dense(64, activation="relu")(inputs))
    b = layers.Dense(32, activation="tanh")(layers.Dense(64, activation="tanh")(inputs))
    b = layers.Dense(6, activation=tower_b_head)(b)
    model = keras.Model(inputs, layers.Average()([a, b]))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def gated_features(kit: Kit, *, epochs: int = 15) -> Any:
    """3 classes, 40 standardised features of which 8 informative: a learned feature gate
    (`Dense(40, sigmoid)` of the inputs, `layers.Multiply` onto them) -> Dense 64 (ReLU) ->
    Dropout(0.2) -> softmax; sparse CE, accuracy; Adam(1e-3), batch 64."""
    x, y, xv, yv = tabular_classes(3, 5000, 40, 8)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((40,))
    gated = layers.Multiply()([inputs, layers.Dense(40, activation="sigmoid")(inputs)])
    h = layers.Dropout(0.2)(layers.Dense(64, activation="relu")(gated))
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
