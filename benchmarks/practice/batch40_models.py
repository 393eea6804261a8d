"""Batch-40 small-data scripts (keyword options are the faults, the defaults the healthy
choice): iris with `validation_split` and a k-fold loop, wine with and without scaling, a
tiny imbalanced breast-cancer set, the diabetes regression and a few-per-class digits CNN
with augmentation and early stopping. Each script calls `kit.fit` (in a k-fold loop only the
last fold's fit).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch40_data import (
    cancer_split,
    diabetes_split,
    digits_few,
    iris_rows,
    wine_split,
)
from benchmarks.practice.kit import Kit


def _mlp(inputs: int, width: int, depth: int, out: int, activation: str) -> keras.Model:
    model = keras.Sequential([keras.Input((inputs,))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
    model.add(layers.Dense(out, activation=activation))
    return model


def _iris(order: str, labels: str) -> tuple[np.ndarray, np.ndarray]:
    x, y = iris_rows()
    x = (x - x.mean(axis=0)) / x.std(axis=0)  # scaled on all 150 rows, as tutorials do
    if order == "sorted":  # sklearn's order: the last 30 rows are all virginica
        return x, y
    rng = np.random.default_rng(DATA_SEED + 105)  # np.random.seed(42) in the script
    order_x = rng.permutation(len(y))
    if labels == "shuffled_apart":  # np.random.shuffle(x); np.random.shuffle(y)
        return x[order_x], y[rng.permutation(len(y))]
    return x[order_x], y[order_x]


def iris_mlp(kit: Kit, *, order: str = "shuffled", labels: str = "aligned", width: int = 16,
             depth: int = 1, lr: float = 1e-2, batch_size: int = 16, epochs: int = 100,
             validation_split: float = 0.2) -> Any:  # fmt: skip
    """Iris (150 rows, standardised): shuffled once with a fixed seed, Dense `width` ReLU x
    `depth` -> softmax 3, sparse CE, Adam(1e-2), batch 16, 100 epochs,
    `validation_split=0.2` (the last 30 rows). Options: `order` ("shuffled"; "sorted":
    sklearn's class-sorted order kept, so the validation rows are all one class the
    training never sees), `labels` ("aligned"; "shuffled_apart": x and y shuffled by two
    separate permutations), the width / depth, rate, batch size and epochs."""
    x, y = _iris(order, labels)
    keras.utils.set_random_seed(kit.seed)
    model = _mlp(4, width, depth, 3, "softmax")
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_split=validation_split)  # fmt: skip


def iris_kfold(kit: Kit, *, folds: int = 5, splitter: str = "stratified", shuffle: bool = True,
               reuse_model: bool = False, lr: float = 1e-2, epochs: int = 60) -> Any:  # fmt: skip
    """Iris in sklearn's class-sorted order, a k-fold loop: for each fold a fresh Dense 16
    ReLU -> softmax 3 model, Adam(1e-2), batch 16, 60 epochs, the fold's rows as
    validation_data; the earlier folds' fits are plain `fit` (their scores printed in the
    tutorial), the last fold's is the watched `kit.fit`. Options: `splitter` ("stratified":
    StratifiedKFold; "kfold": KFold), `shuffle` (the splitter's shuffle, random_state 0),
    `reuse_model` (the model built once before the loop: each fold goes on training the last
    fold's weights, so the last fold's validation rows were trained on earlier)."""
    from sklearn.model_selection import KFold, StratifiedKFold

    x, y = _iris("sorted", "aligned")
    keras.utils.set_random_seed(kit.seed)
    kind = StratifiedKFold if splitter == "stratified" else KFold
    split = kind(n_splits=folds, shuffle=shuffle, random_state=0 if shuffle else None)
    model = None
    history: Any = None
    fold_list = list(split.split(x, y))
    for i, (train, val) in enumerate(fold_list):
        if model is None or not reuse_model:
            model = _mlp(4, 16, 1, 3, "softmax")
            model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                          metrics=["accuracy"])  # fmt: skip
        fit = kit.fit if i == len(fold_list) - 1 else None
        keywords = {"epochs": epochs, "batch_size": 16, "validation_data": (x[val], y[val])}
        if fit is None:
            model.fit(x[train], y[train], verbose=0, **keywords)
        else:
            history = fit(model, x[train], y[train], probe_data=(x[train], y[train]),
                          **keywords)  # fmt: skip
    return history


def wine_mlp(kit: Kit, *, scale: str = "standard", width: int = 32, depth: int = 2,
             lr: float = 1e-3, batch_size: int = 16, epochs: int = 60, dropout: float = 0.0,
             l2: float = 0.0) -> Any:  # fmt: skip
    """Wine (124 training rows, 54 validation rows, stratified): standardised with the
    training rows' mean / sd, Dense 32 ReLU x 2 -> softmax 3, sparse CE, Adam(1e-3), batch
    16, 60 epochs. Options: `scale` ("standard"; "none": the raw units, proline in the
    hundreds to thousands; "own_stats": the validation rows standardised with their own mean
    / sd), `width` / `depth` (1024 x 2 is ~1.1e6 weights on 124 rows), `dropout` after each
    hidden layer, `l2` on the hidden kernels, the rate, batch size and epochs."""
    x, xval, y, yval = wine_split()
    if scale != "none":
        mean, sd = x.mean(axis=0), x.std(axis=0)
        if scale == "own_stats":
            xval = (xval - xval.mean(axis=0)) / xval.std(axis=0)
        else:
            xval = (xval - mean) / sd
        x = (x - mean) / sd
    keras.utils.set_random_seed(kit.seed)
    regulariser = keras.regularizers.L2(l2) if l2 else None
    model = keras.Sequential([keras.Input((13,))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu", kernel_regularizer=regulariser))
        if dropout:
            model.add(layers.Dropout(dropout))
    model.add(layers.Dense(3, activation="softmax"))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def cancer_mlp(kit: Kit, *, weights: str = "none", duplicates: str = "none",
               lr: float = 1e-3, batch_size: int = 16, epochs: int = 60) -> Any:  # fmt: skip
    """Breast cancer, a tiny imbalanced training set (200 rows, 20 malignant = label 1;
    standardised) and 289 validation rows at 25 % malignant: Dense 16 ReLU -> Dense 1
    sigmoid, binary CE, Adam(1e-3), batch 16, 60 epochs. Options: `weights` ("none";
    "balanced": class_weight n / (2 n_c); "inverted": the balanced weights keyed to the
    wrong classes, the majority up-weighted 5x), `duplicates` ("none"; "leak": the minority
    oversampled by copying its rows 5x, then `validation_split=0.2` taken from the oversampled
    set, so the validation rows hold copies of training rows and the held-out rows are not
    used)."""
    x, xval, y, yval = cancer_split()
    keras.utils.set_random_seed(kit.seed)
    class_weight = None
    if weights != "none":
        n1 = float(y.sum())
        balanced = {0: len(y) / (2 * (len(y) - n1)), 1: len(y) / (2 * n1)}
        class_weight = balanced if weights == "balanced" else {0: balanced[1], 1: balanced[0]}
    model = _mlp(30, 16, 1, 1, "sigmoid")
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    if duplicates == "leak":
        extra = np.repeat(np.flatnonzero(y == 1), 4)
        rows = np.random.default_rng(DATA_SEED + 106).permutation(
            np.concatenate([np.arange(len(y)), extra]))
        x, y = x[rows], y[rows]
        return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight,
                       epochs=epochs, batch_size=batch_size, validation_split=0.2)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip


def diabetes_mlp(kit: Kit, *, width: int = 32, depth: int = 2, lr: float = 1e-3,
                 batch_size: int = 16, epochs: int = 100, dropout: float = 0.0,
                 patience: int = 0) -> Any:  # fmt: skip
    """Diabetes regression (332 training rows, 110 validation rows, sklearn's scaled
    features): the target standardised with the training rows' mean / sd, Dense 32 ReLU x 2
    -> Dense 1, MSE, MAE metric, Adam(1e-3), batch 16, 100 epochs. Options: `width` / `depth`
    (1024 x 3 is ~2.1e6 weights on 332 rows), `dropout` after each hidden layer, the rate,
    batch size and epochs, `patience` (> 0: EarlyStopping on val_loss with
    restore_best_weights)."""
    x, xval, y, yval = diabetes_split()
    mean, sd = y.mean(), y.std()
    y, yval = (y - mean) / sd, (yval - mean) / sd
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
        if dropout:
            model.add(layers.Dropout(dropout))
    model.add(layers.Dense(1))
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    callbacks = [keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)
                 ] if patience else None  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip


def digits_cnn(kit: Kit, *, augment: str = "shift", patience: int = 15,
               monitor: str = "val_loss", mode: str = "auto", restore: bool = True,
               lr: float = 1e-3, batch_size: int = 16, epochs: int = 80,
               per_class: int = 20) -> Any:  # fmt: skip
    """sklearn digits, 20 images a digit (200) train, 600 validate: [augmentation] -> Conv 16
    3x3 ReLU -> Conv 32 3x3 ReLU -> MaxPool -> Flatten -> Dropout(0.3) -> softmax 10, sparse
    CE, Adam(1e-3), batch 16, 80 epochs, EarlyStopping(monitor="val_loss", patience=15,
    restore_best_weights=True). Options: `augment` ("shift": RandomTranslation(0.15, 0.15),
    about a pixel; "none"; "flip_rotate": RandomFlip("horizontal_and_vertical") +
    RandomRotation(0.5), the photo recipe), `patience` (0 with `restore`: stop at the first
    epoch without a better val_loss; -1: no early stopping), `monitor` / `mode` of the
    EarlyStopping, `per_class` images of each digit."""
    x, xval, y, yval = digits_few(per_class)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = inputs
    if augment == "shift":
        h = layers.RandomTranslation(0.15, 0.15)(h)
    elif augment == "flip_rotate":
        h = layers.RandomFlip("horizontal_and_vertical")(h)
        h = layers.RandomRotation(0.5)(h)
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(h)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.Flatten()(layers.MaxPooling2D()(h))
    outputs = layers.Dense(10, activation="softmax")(layers.Dropout(0.3)(h))
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    callbacks = None
    if patience >= 0:
        callbacks = [keras.callbacks.EarlyStopping(monitor=monitor, mode=mode,
                                                   patience=patience,
                                                   restore_best_weights=restore)]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip
