"""Batch-11 scripts, tabular set-ups: a two-tower recommender (`layers.Dot` of a user and an
item Embedding), a quantile regression with the user's own pinball loss, three standardised
targets from one Dense(3), a gated layer written with `keras.ops`, a deep MLP with
BatchNormalization before each activation, ModelCheckpoint + EarlyStopping riding along,
ordinal grades as cumulative sigmoid targets, attention over feature tokens with
LayerNormalization, and CategoricalFocalCrossentropy on imbalanced one-hot labels. Each script
calls `kit.fit`; keyword options are the faults of `cases.py` (each default is the healthy
script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import keras
from keras import layers, ops

from benchmarks.practice.batch11_data import (
    ITEMS,
    USERS,
    cumulative,
    graded,
    heteroscedastic,
    imbalanced_three,
    interactions,
    tabular_classes,
    three_targets,
    three_targets_raw_third,
)
from benchmarks.practice.kit import Kit

PKG = "practice11"


def two_tower(kit: Kit, *, head: str | None = "sigmoid", optimizer: str = "adam",
              epochs: int = 8) -> Any:  # fmt: skip
    """Clicks: user and item ids -> Embedding(8, L2 1e-4) each -> Flatten -> `layers.Dot(axes=1)` ->
    sigmoid; binary CE, accuracy + AUC; Adam(5e-3), batch 256. Faults: the Dot output left
    linear under binary_crossentropy (keras-io's collaborative-filtering example adds the
    sigmoid; Stack Overflow "matrix factorization Keras loss nan / negative predictions");
    `SGD(1e-4)` for 5 epochs on the embeddings (Stack Overflow "embedding recommender not
    learning, loss stuck at 0.693")."""
    x, y, xv, yv = interactions()
    keras.utils.set_random_seed(kit.seed)
    user, item = keras.Input((1,), name="user"), keras.Input((1,), name="item")
    l2 = keras.regularizers.L2(1e-4)
    u = layers.Flatten()(layers.Embedding(USERS, 8, embeddings_regularizer=l2)(user))
    v = layers.Flatten()(layers.Embedding(ITEMS, 8, embeddings_regularizer=l2)(item))
    score = layers.Dot(axes=1)([u, v])
    out = layers.Activation(head)(score) if head else score
    model = keras.Model({"user": user, "item": item}, out)
    opt = keras.optimizers.Adam(5e-3) if optimizer == "adam" else keras.optimizers.SGD(1e-4)
    model.compile(opt, "binary_crossentropy", metrics=["accuracy", keras.metrics.AUC()])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=256,
                   validation_data=(xv, yv))  # fmt: skip


def quantile(kit: Kit, *, sign: float = 1.0, epochs: int = 20) -> Any:
    """The 90th percentile of a heteroscedastic target: Dense 64-64 (ReLU) -> Dense(1); the
    user's own `def pinball(y_true, y_pred)` (tau 0.9) as the loss and a `def coverage`
    metric; Adam(1e-3), batch 64. Fault: the loss returns the negative pinball (the error
    written `y_pred - y_true` and then negated "to fix it"; Stack Overflow "custom quantile
    loss goes to minus infinity")."""
    x, y, xv, yv = heteroscedastic()
    tau = 0.9

    def pinball(y_true: Any, y_pred: Any) -> Any:
        err = y_true - y_pred
        return sign * ops.mean(ops.maximum(tau * err, (tau - 1.0) * err), axis=-1)

    def coverage(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.cast(y_true <= y_pred, "float32"), axis=-1)

    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((6,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss=pinball, metrics=[coverage])
    return kit.fit(model, x, y[:, None], probe_data=(x, y[:, None]), epochs=epochs,
                   batch_size=64, validation_data=(xv, yv[:, None]))  # fmt: skip


def multi_target(kit: Kit, *, third_raw: bool = False, output_dropout: float = 0.0,
                 epochs: int = 25) -> Any:  # fmt: skip
    """Three standardised targets of 10 features: Dense 64-64 (ReLU) -> one linear Dense(3);
    MSE, mae; Adam(1e-3), batch 32. Faults: the third target left in its export's units
    (~3000 kg) next to two standardised ones (Stack Overflow "multi-output regression: one
    output dominates the loss"); `Dropout(0.5)` added after the output layer (Stack Overflow
    "dropout on the last layer of a regression network")."""
    x, y, xv, yv = three_targets_raw_third() if third_raw else three_targets()
    keras.utils.set_random_seed(kit.seed)
    stack = [keras.Input((10,)), layers.Dense(64, activation="relu"),
             layers.Dense(64, activation="relu"), layers.Dense(3)]  # fmt: skip
    if output_dropout:
        stack.append(layers.Dropout(output_dropout))
    model = keras.Sequential(stack)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
class GatedDense(layers.Layer):
    """A gated linear unit written with keras.ops: (x W + b) * sigmoid(x V + c)."""

    def __init__(self, units: int, detach: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units, self.detach = units, detach

    def build(self, input_shape: Any) -> None:
        d = input_shape[-1]
        self.w = self.add_weight(shape=(d, self.units), initializer="glorot_uniform", name="w")
        self.v = self.add_weight(shape=(d, self.units), initializer="glorot_uniform", name="v")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")
        self.c = self.add_weight(shape=(self.units,), initializer="zeros", name="c")

    def call(self, x: Any) -> Any:
        value = ops.matmul(x, self.w) + self.b
        if self.detach:
            value = ops.stop_gradient(value)
        return value * ops.sigmoid(ops.matmul(x, self.v) + self.c)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "detach": self.detach}


def gated_mlp(kit: Kit, *, detach: bool = False, epochs: int = 15) -> Any:
    """5 classes, 30 standardised features: functional Input -> GatedDense(64) x2 -> softmax;
    sparse CE, accuracy; Adam(1e-3), batch 64. Fault: `ops.stop_gradient` on the value branch
    (copied from a BYOL / SimSiam target branch; GitHub "custom layer weights not updating /
    gradients None for some variables")."""
    x, y, xv, yv = tabular_classes()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((30,))
    h = GatedDense(64, detach=detach)(inputs)
    h = GatedDense(64, detach=detach)(h)
    model = keras.Model(inputs, layers.Dense(5, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def bn_deep_mlp(kit: Kit, *, hidden_activation: str = "relu", epochs: int = 12) -> Any:
    """5 classes, 30 features: six blocks Dense(64, use_bias=False) -> BatchNormalization ->
    Activation -> Dropout(0.2), softmax head; sparse CE, accuracy; Adam(1e-3), batch 64.
    Fault: the hidden activation typed "softmax" (copied from the output line; Stack
    Overflow "softmax activation in hidden layers, accuracy stuck")."""
    x, y, xv, yv = tabular_classes()
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [keras.Input((30,))]
    for _ in range(6):
        stack += [layers.Dense(64, use_bias=False), layers.BatchNormalization(),
                  layers.Activation(hidden_activation), layers.Dropout(0.2)]  # fmt: skip
    model = keras.Sequential([*stack, layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def checkpointed(kit: Kit, *, stop_mode: str = "min", epochs: int = 40) -> Any:
    """Binary, 20 features: Dense 32-16 (ReLU), sigmoid; binary CE, accuracy; Adam(3e-4),
    batch 32; ModelCheckpoint(save_best_only) and EarlyStopping(val_loss, patience 5,
    restore_best_weights=True) ride along. Fault: EarlyStopping(mode="max") on val_loss (copied
    from a val_accuracy monitor; Stack Overflow "EarlyStopping stops after patience epochs /
    restores the first epoch's weights")."""
    x, y, xv, yv = tabular_classes(classes=2, rows=3000, features=20)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-4), "binary_crossentropy", metrics=["accuracy"])
    path = Path(tempfile.gettempdir()) / f"practice11-best-{kit.seed}.keras"
    callbacks = [keras.callbacks.ModelCheckpoint(str(path), monitor="val_loss",
                                                 save_best_only=True),
                 keras.callbacks.EarlyStopping(monitor="val_loss", mode=stop_mode, patience=5,
                                               restore_best_weights=True)]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv), callbacks=callbacks)  # fmt: skip


def ordinal(kit: Kit, *, epochs: int = 20) -> Any:
    """Grades 0..4 as 4 cumulative targets [g > k]: Dense 32-32 (ReLU) -> Dense(4, sigmoid);
    binary CE, binary_accuracy; Adam(1e-3), batch 32 (a CORAL-style ordinal head)."""
    x, g, xv, gv = graded()
    y, yv = cumulative(g), cumulative(gv)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["binary_accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
class FeatureTokens(layers.Layer):
    """Each of F scalar features as a token: x_f * W_f + b_f (F x d weights)."""

    def __init__(self, dim: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dim = dim

    def build(self, input_shape: Any) -> None:
        f = input_shape[-1]
        self.w = self.add_weight(shape=(f, self.dim), initializer="glorot_uniform", name="w")
        self.b = self.add_weight(shape=(f, self.dim), initializer="zeros", name="b")

    def call(self, x: Any) -> Any:
        return ops.expand_dims(x, -1) * self.w + self.b

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "dim": self.dim}


def feature_attention(kit: Kit, *, epochs: int = 12) -> Any:
    """3 classes, 20 features as tokens (FeatureTokens(16)), one attention block
    (MultiHeadAttention(4, 8), residual, LayerNormalization, feed-forward 32, residual,
    LayerNormalization), GlobalAveragePooling1D, softmax; sparse CE; Adam(1e-3), batch 64."""
    x, y, xv, yv = tabular_classes(classes=3, rows=3000, features=20)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    t = FeatureTokens(16)(inputs)
    t = layers.LayerNormalization()(layers.Add()([t, layers.MultiHeadAttention(4, 8)(t, t)]))
    f = layers.Dense(16)(layers.Dense(32, activation="relu")(t))
    t = layers.LayerNormalization()(layers.Add()([t, f]))
    out = layers.Dense(3, activation="softmax")(layers.GlobalAveragePooling1D()(t))
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def focal_onehot(kit: Kit, *, epochs: int = 20) -> Any:
    """3 classes at 75 / 17 / 8 %, one-hot labels: Dense 64-32 (ReLU), softmax;
    CategoricalFocalCrossentropy(), accuracy + AUC; Adam(1e-3), batch 32."""
    x, y, xv, yv = imbalanced_three()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.CategoricalFocalCrossentropy(),
                  metrics=["accuracy", keras.metrics.AUC()])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
