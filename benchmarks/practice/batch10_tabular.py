"""Batch-10 scripts, tabular set-ups: a Python generator feeding `fit` with `steps_per_epoch`,
a multi-output functional model (a classification head and a regression head, a loss dict and
`loss_weights`), an MLP under the `mixed_float16` policy, a `keras.utils.PyDataset` of
Friedman rows, `validation_split` on rows exported grouped by class, and `class_weight` on a
rare positive class. Each script calls `kit.fit`; keyword options are the faults of
`cases.py` (each default is the healthy script's choice); each docstring names the kind of
public report a fault follows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keras
import numpy as np
from keras import layers
from sklearn.utils import shuffle as sk_shuffle

from benchmarks.practice.batch10_data import (
    four_classes,
    friedman_rows,
    grouped_by_class,
    parts,
    rare_positive,
)
from benchmarks.practice.kit import Kit


def _batches(x: np.ndarray, y: np.ndarray, batch_size: int, seed: int,
             advance: bool) -> Iterator[tuple[np.ndarray, np.ndarray]]:  # fmt: skip
    """Shuffled mini-batches forever; `advance=False` is the fault (the index never moves)."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(x))
    start = 0
    while True:
        if start + batch_size > len(x):
            order, start = rng.permutation(len(x)), 0
        idx = order[start:start + batch_size]
        yield x[idx], y[idx]
        if advance:
            start += batch_size


def generator_mlp(kit: Kit, *, advance: bool = True, epochs: int = 12) -> Any:
    """4 classes, 20 standardised features: a hand-written Python generator of shuffled
    batches of 64 into `fit(generator, steps_per_epoch=len(x) // 64)`; Dense 64-32 (ReLU),
    softmax; sparse CE, accuracy; Adam(1e-3). Fault: the generator's `start += batch_size`
    forgotten, so it yields the same 64 rows forever (Stack Overflow "fit_generator: training
    accuracy 100 %, validation stays low / generator always returns the first batch")."""
    x, y, xv, yv = four_classes()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, _batches(x, y, 64, kit.seed, advance), probe_data=(x, y),
                   steps_per_epoch=len(x) // 64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def parts_two_heads(kit: Kit, *, size_loss: str = "mse", epochs: int = 20) -> Any:
    """Parts: 12 standardised measurements -> Dense 64-32 (ReLU) -> two named heads, "kind"
    (Dense(3, softmax)) and "size" (Dense(1), linear); loss dict {kind: sparse CE, size: MSE},
    `loss_weights` {kind: 1.0, size: 0.5}, metrics {kind: accuracy, size: mae}; Adam(1e-3),
    batch 32, y as a dict. Fault: `binary_crossentropy` on the regression head (its targets
    are standardised, half negative; copied from a multi-task example whose second head was a
    binary flag: Stack Overflow "multi-output model: regression head loss negative / not
    learning")."""
    x, y, xv, yv = parts()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,))
    h = layers.Dense(64, activation="relu")(inputs)
    h = layers.Dense(32, activation="relu")(h)
    kind = layers.Dense(3, activation="softmax", name="kind")(h)
    size = layers.Dense(1, name="size")(h)
    model = keras.Model(inputs, {"kind": kind, "size": size})
    model.compile(keras.optimizers.Adam(1e-3),
                  loss={"kind": "sparse_categorical_crossentropy", "size": size_loss},
                  loss_weights={"kind": 1.0, "size": 0.5},
                  metrics={"kind": ["accuracy"], "size": ["mae"]})  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def mixed_float16_mlp(kit: Kit, *, epochs: int = 12) -> Any:
    """4 classes, 20 features, under `keras.mixed_precision.set_global_policy("mixed_float16")`
    (as the mixed-precision guide shows; reset to float32 afterwards): Dense 128-64 (ReLU),
    Dense(4), Activation("softmax", dtype="float32"); sparse CE, accuracy; Adam(1e-3) (wrapped
    in a LossScaleOptimizer by compile), batch 64. Healthy only."""
    x, y, xv, yv = four_classes()
    keras.utils.set_random_seed(kit.seed)
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        model = keras.Sequential([keras.Input((20,)), layers.Dense(128, activation="relu"),
                                  layers.Dense(64, activation="relu"), layers.Dense(4),
                                  layers.Activation("softmax", dtype="float32")])  # fmt: skip
        model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
        return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                       validation_data=(xv, yv))  # fmt: skip
    finally:
        keras.mixed_precision.set_global_policy("float32")


class RowBatches(keras.utils.PyDataset):
    """Rows in shuffled batches; a new permutation at each epoch end."""

    def __init__(self, x: np.ndarray, y: np.ndarray, batch_size: int, seed: int,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.x, self.y, self.batch_size = x, y, batch_size
        self.rng = np.random.default_rng(seed)
        self.order = self.rng.permutation(len(x))

    def __len__(self) -> int:
        return int(np.ceil(len(self.x) / self.batch_size))

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        idx = self.order[index * self.batch_size:(index + 1) * self.batch_size]
        return self.x[idx], self.y[idx]

    def on_epoch_end(self) -> None:
        self.order = self.rng.permutation(len(self.x))


def pydataset_friedman(kit: Kit, *, epochs: int = 20) -> Any:
    """Friedman #1 regression (standardised features and target) through a PyDataset of
    batches of 32: Dense 64-64 (ReLU), Dense(1); MSE, MAE; Adam(1e-3). Healthy only."""
    x, y, xv, yv = friedman_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, RowBatches(x, y, 32, kit.seed), probe_data=(x, y), epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def grouped_split(kit: Kit, *, shuffle_first: bool = True, epochs: int = 15) -> Any:
    """5 classes, rows exported grouped by class: shuffled once with sklearn's `shuffle`, then
    `fit(..., validation_split=0.2)`; Dense 64-32 (ReLU), softmax; sparse CE, accuracy;
    Adam(1e-3), batch 32. Fault: the shuffle left out; `validation_split` takes the last 20 %
    before any shuffling (Keras docs), here every row of class 4, a class never trained on
    (Stack Overflow "validation accuracy 0 with validation_split")."""
    x, y = grouped_by_class()
    if shuffle_first:
        x, y = sk_shuffle(x, y, random_state=0)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_split=0.2)  # fmt: skip


def rare_weighted(kit: Kit, *, positive_weight: float | None = None, epochs: int = 15) -> Any:
    """7 % positives, 15 standardised features: Dense 32-16 (ReLU), Dense(1, sigmoid); binary
    CE, accuracy and AUC; Adam(1e-3), batch 64, `class_weight` balanced (n / (2 n_c)).
    Fault: the positive weight pushed to 500 by hand "until recall is 1.0" (Stack Overflow
    "class_weight makes the model predict only the minority class")."""
    x, y, xv, yv = rare_positive()
    counts = np.bincount(y)
    weights = {c: float(len(y) / (2 * counts[c])) for c in (0, 1)}
    if positive_weight is not None:
        weights = {0: 1.0, 1: positive_weight}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((15,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=weights, batch_size=64,
                   epochs=epochs, validation_data=(xv, yv))  # fmt: skip
