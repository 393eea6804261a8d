"""Tabular scripts: binary, multi-class, imbalanced, regression, two inputs, callbacks and
schedules. Keyword options are the faults of `cases.py`."""

from __future__ import annotations

import keras
import numpy as np
from keras import layers
from keras.callbacks import History
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

from benchmarks.practice.data import (
    breast_cancer,
    diabetes,
    imbalanced,
    moons,
    tabular_two_parts,
    wine,
)
from benchmarks.practice.kit import Kit


def cancer_mlp(kit: Kit, *, scale: bool = True, head: str = "sigmoid", units: int = 1,
               loss: str = "binary_crossentropy", lr: float = 1e-3, batch_size: int = 32,
               epochs: int = 20) -> History:  # fmt: skip
    """StandardScaler fitted on the training rows, Dense(32)-Dense(16), sigmoid head."""
    x, y, xv, yv = breast_cancer()
    if scale:
        scaler = StandardScaler().fit(x)
        x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        layers.Dense(32, activation="relu"),
        layers.Dense(16, activation="relu"),
        layers.Dense(units, activation=head),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), loss=loss, metrics=["accuracy"])
    return model.fit(x, y, batch_size=batch_size, epochs=epochs, validation_data=(xv, yv),
                     verbose=0, callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def wine_normalization(kit: Kit, *, head: str = "softmax", loss: str = "categorical_crossentropy",
                       epochs: int = 30) -> History:  # fmt: skip
    """A Normalization layer adapted on the training features; one-hot labels."""
    x, y, xv, yv = wine()
    y1, yv1 = keras.utils.to_categorical(y, 3), keras.utils.to_categorical(yv, 3)
    keras.utils.set_random_seed(kit.seed)
    norm = layers.Normalization()
    norm.adapt(x)
    model = keras.Sequential([keras.Input((x.shape[1],)), norm,
                              layers.Dense(32, activation="relu"),
                              layers.Dense(3, activation=head)])  # fmt: skip
    model.compile("adam", loss=loss, metrics=["accuracy"])
    return model.fit(x, y1, batch_size=16, epochs=epochs, validation_data=(xv, yv1), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y1))])  # fmt: skip


def wine_sgd(kit: Kit, *, depth: int = 1, activation: str = "relu", momentum: float = 0.9,
             epochs: int = 25) -> History:  # fmt: skip
    """StandardScaler, SGD(0.01, momentum 0.9), sparse labels."""
    x, y, xv, yv = wine()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],))])
    for _ in range(depth):
        model.add(layers.Dense(32, activation=activation))
    model.add(layers.Dense(3, activation="softmax"))
    model.compile(keras.optimizers.SGD(0.01, momentum=momentum),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=16, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def imbalanced_weighted(kit: Kit, *, epochs: int = 15) -> History:
    """92/8 % classes, class_weight='balanced' from sklearn, passed to fit and to Watch."""
    x, y, xv, yv = imbalanced()
    weights = compute_class_weight("balanced", classes=np.unique(y), y=y)
    class_weight = {i: float(w) for i, w in enumerate(weights)}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(32, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy", keras.metrics.AUC()])
    return model.fit(x, y, batch_size=64, epochs=epochs, validation_data=(xv, yv),
                     class_weight=class_weight, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y), class_weight=class_weight)])


def diabetes_regression(kit: Kit, *, head: str | None = None, epochs: int = 30) -> History:
    """Regression MLP, MSE loss with an mae metric (standardised targets, half negative)."""
    x, y, xv, yv = diabetes()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def two_inputs(kit: Kit, *, epochs: int = 10) -> History:
    """Two named inputs, concatenated: a functional multi-input model, dicts by name."""
    (xa, y, xva, yv), (xb, _, xvb, _) = tabular_two_parts()
    keras.utils.set_random_seed(kit.seed)
    a, b = keras.Input((8,), name="numeric"), keras.Input((8,), name="profile")
    h = layers.concatenate([layers.Dense(16, activation="relu")(a),
                            layers.Dense(16, activation="relu")(b)])  # fmt: skip
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], layers.Dense(3, activation="softmax")(h))
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    xs, xvs = {"numeric": xa, "profile": xb}, {"numeric": xva, "profile": xvb}
    return model.fit(xs, y, batch_size=32, epochs=epochs, validation_data=(xvs, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(xs, y))])  # fmt: skip


def moons_callbacks(kit: Kit, *, epochs: int = 40) -> History:
    """EarlyStopping(restore_best_weights) + ReduceLROnPlateau, up to 40 epochs."""
    x, y, xv, yv = moons()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((2,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-2), "binary_crossentropy", metrics=["accuracy"])
    callbacks = [
        kit.watch(probe_data=(x, y)),
        keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True),
        keras.callbacks.ReduceLROnPlateau(factor=0.3, patience=2),
    ]  # fmt: skip
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=callbacks)  # fmt: skip


def moons_cosine(kit: Kit, *, epochs: int = 20) -> History:
    """CosineDecay over the whole run, tanh hidden layers, validation_split."""
    x, y, _, _ = moons()
    keras.utils.set_random_seed(kit.seed)
    steps = epochs * int(np.ceil(0.8 * len(x) / 32))
    schedule = keras.optimizers.schedules.CosineDecay(1e-2, decay_steps=steps)
    model = keras.Sequential([keras.Input((2,)), layers.Dense(32, activation="tanh"),
                              layers.Dense(32, activation="tanh"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_split=0.2, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip
