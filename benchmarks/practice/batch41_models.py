"""Batch-41 staged-training scripts (keyword options are the faults, the defaults the healthy
choice): `fit` called more than once on the same model (`initial_epoch`), a model recompiled
or its rate changed by hand between stages, a `.keras` checkpoint from `ModelCheckpoint` or
`save_weights` reloaded before the last stage, warm restarts, a curriculum (easy rows or
classes first). The earlier stages are plain `model.fit`; only the last stage is the watched
`kit.fit`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch41_data import (
    cancer_split,
    diabetes_split,
    digits_difficulty,
    digits_split,
)
from benchmarks.practice.kit import Kit


def _digits_mlp(hidden: int = 64) -> keras.Model:
    return keras.Sequential([keras.Input((8, 8, 1)), layers.Flatten(),
                             layers.Dense(128, activation="relu"),
                             layers.Dense(hidden, activation="relu"),
                             layers.Dense(10, activation="softmax")])  # fmt: skip


def _digits_cnn(hidden: int = 64) -> keras.Model:
    return keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Flatten(),
        layers.Dense(hidden, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])  # fmt: skip


def _compile(model: keras.Model, optimizer: Any) -> None:
    model.compile(optimizer, "sparse_categorical_crossentropy", metrics=["accuracy"])


def digits_mlp_resume(kit: Kit, *, first_epochs: int = 10, more_epochs: int = 10,
                      resume: str = "initial_epoch", recompile: str = "none",
                      lr2: float = 1e-3, set_lr: float = 0.0, decay: str = "none",
                      reset_rate: bool = False) -> Any:  # fmt: skip
    """sklearn digits (1200 train, 597 validate): Flatten -> Dense 128 ReLU -> Dense 64 ReLU
    -> softmax 10, Adam(1e-3), batch 32; `fit(epochs=10)`, then "10 more":
    `fit(epochs=20, initial_epoch=10)` (watched). Options: `resume` ("initial_epoch";
    "epochs_only": `fit(epochs=more_epochs)` again without initial_epoch; "few":
    `fit(epochs=first_epochs + 2, initial_epoch=first_epochs)`, epochs read as "more"),
    `recompile` between the fits ("none"; "adam": `compile(Adam(lr2))`, a fresh optimizer;
    "adam_string": `compile("adam")`; "sgd_string": `compile("sgd")`, SGD(0.01)), `set_lr`
    (> 0: `model.optimizer.learning_rate.assign(set_lr)` by hand between the fits), `decay`
    ("none"; "halving": the first fit under `LearningRateScheduler(lambda e, lr: lr * 0.5)`,
    whose last rate, 1e-3 / 2**10, the optimizer keeps), `reset_rate` (the rate set back
    to 1e-3 before the second fit)."""
    x, xval, y, yval = digits_split()
    keras.utils.set_random_seed(kit.seed)
    model = _digits_mlp()
    _compile(model, keras.optimizers.Adam(1e-3))
    callbacks = [keras.callbacks.LearningRateScheduler(lambda e, lr: lr * 0.5)
                 ] if decay == "halving" else None  # fmt: skip
    model.fit(x, y, epochs=first_epochs, batch_size=32, validation_data=(xval, yval),
              callbacks=callbacks, verbose=0)  # fmt: skip
    if recompile == "adam":
        _compile(model, keras.optimizers.Adam(lr2))
    elif recompile in ("adam_string", "sgd_string"):
        _compile(model, recompile.split("_")[0])
    if set_lr:
        model.optimizer.learning_rate.assign(set_lr)
    if reset_rate:
        model.optimizer.learning_rate.assign(1e-3)
    keywords: dict[str, Any] = {"epochs": first_epochs + more_epochs,
                                "initial_epoch": first_epochs}  # fmt: skip
    if resume == "epochs_only":
        keywords = {"epochs": more_epochs}
    elif resume == "few":
        keywords = {"epochs": first_epochs + 2, "initial_epoch": first_epochs}
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32,
                   validation_data=(xval, yval), **keywords)  # fmt: skip


def digits_cnn_checkpoint(kit: Kit, *, reload: str = "load_model", first_lr: float = 1e-3,
                          lr2: float = 1e-4, hidden2: int = 64,
                          more_epochs: int = 5) -> Any:  # fmt: skip
    """sklearn digits: Conv 16 -> MaxPool -> Conv 32 -> Flatten -> Dense 64 ReLU -> softmax
    10, Adam(1e-3), batch 32, 10 epochs under `ModelCheckpoint("digits.keras",
    monitor="val_accuracy", save_best_only=True)`; then, as in a new session, the checkpoint
    reloaded and fine-tuned at a lower rate, 1e-4, for 5 more epochs (watched,
    `initial_epoch=10`). Options: `reload` ("load_model": `keras.models.load_model`, the rate
    assigned by hand; "weights": `ModelCheckpoint(save_weights_only=True)`, the model built
    again, `load_weights`, `compile(Adam(lr2))`; "initial": the `model.save_weights(
    "init.weights.h5")` taken before the first fit (to reset between experiments) loaded
    instead of the checkpoint; "skip_mismatch": the model built again with the head edited
    since (Dense `hidden2`) and `load_weights(..., skip_mismatch=True)`; "last_of_diverged":
    `ModelCheckpoint` without save_best_only (the last epoch) of a first run at `first_lr`),
    `lr2` the fine-tuning rate, `more_epochs`."""
    x, xval, y, yval = digits_split()
    keras.utils.set_random_seed(kit.seed)
    model = _digits_cnn()
    _compile(model, keras.optimizers.Adam(first_lr))
    with tempfile.TemporaryDirectory() as folder:
        weights_only = reload in ("weights", "initial", "skip_mismatch")
        path = Path(folder) / ("digits.weights.h5" if weights_only else "digits.keras")
        model.save_weights(Path(folder) / "init.weights.h5")
        best = reload != "last_of_diverged"
        checkpoint = keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy",
                                                     save_best_only=best,
                                                     save_weights_only=weights_only)  # fmt: skip
        model.fit(x, y, epochs=10, batch_size=32, validation_data=(xval, yval),
                  callbacks=[checkpoint], verbose=0)  # fmt: skip
        del model
        if weights_only:
            model = _digits_cnn(hidden2 if reload == "skip_mismatch" else 64)
            source = Path(folder) / "init.weights.h5" if reload == "initial" else path
            model.load_weights(source, skip_mismatch=reload == "skip_mismatch")
            _compile(model, keras.optimizers.Adam(lr2))
        else:
            model = keras.models.load_model(path)
            model.optimizer.learning_rate.assign(lr2)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=10 + more_epochs, initial_epoch=10,
                   batch_size=32, validation_data=(xval, yval))  # fmt: skip


def digits_curriculum(kit: Kit, *, curriculum: str = "easy_rows", last_rows: str = "all",
                      order: str = "shuffled", shuffle: bool = True, freeze: str = "none",
                      first_epochs: int = 5, more_epochs: int = 15) -> Any:  # fmt: skip
    """sklearn digits, a curriculum on the MLP of `digits_mlp_resume` (Adam(1e-3), batch 32):
    `fit` on the easy part for 5 epochs, then on all 1200 rows for 15 more (watched,
    `initial_epoch=5`). Options: `curriculum` ("easy_rows": the 600 rows a logistic-regression
    teacher finds easiest; "classes": digits 0-4 first), `last_rows` ("all"; "easy": the
    first stage's arrays passed again, the variable not updated), `order` of the combined
    rows ("shuffled"; "stages": `np.concatenate([x_easy, x_rest])`, easy first), `shuffle`
    (the second fit's; False "to keep the curriculum order"), `freeze` ("none"; "base": all
    but the last Dense frozen before the second fit, recompiled; "all": `model.trainable =
    False`, "to keep what stage 1 learned", recompiled)."""
    x, xval, y, yval = digits_split()
    if curriculum == "classes":
        easy = np.flatnonzero(y < 5)
        rest = np.flatnonzero(y >= 5)
    else:
        rank = np.argsort(digits_difficulty(), kind="stable")
        easy, rest = rank[:600], rank[600:]
    keras.utils.set_random_seed(kit.seed)
    model = _digits_mlp()
    _compile(model, keras.optimizers.Adam(1e-3))
    model.fit(x[easy], y[easy], epochs=first_epochs, batch_size=32,
              validation_data=(xval, yval), verbose=0)  # fmt: skip
    rows = np.concatenate([easy, rest])
    if order == "shuffled":
        rows = np.random.default_rng(kit.seed).permutation(rows)
    if last_rows == "easy":
        rows = easy
    if freeze != "none":
        if freeze == "all":
            model.trainable = False
        else:
            for layer in model.layers[:-1]:
                layer.trainable = False
        _compile(model, keras.optimizers.Adam(1e-3))
    return kit.fit(model, x[rows], y[rows], probe_data=(x[rows], y[rows]),
                   epochs=first_epochs + more_epochs, initial_epoch=first_epochs,
                   batch_size=32, shuffle=shuffle, validation_data=(xval, yval))  # fmt: skip


def cancer_warm_restarts(kit: Kit, *, cycles: int = 3, epochs: int = 10,
                         restart: str = "recompile", lr: float = 1e-3, factor: float = 1.0,
                         reload: str = "none") -> Any:  # fmt: skip
    """Breast cancer (400 train, 169 validate, standardised): Dense 32 ReLU -> Dense 16 ReLU
    -> sigmoid, binary CE, batch 16; warm restarts by hand: `cycles` fits of `epochs` each,
    each after `compile(Adam(lr))` again (a fresh optimizer, the weights kept); the last
    cycle watched (`initial_epoch`). Options: `restart` ("recompile"; "none": the same
    optimizer throughout), `factor` (the rate multiplied by it each cycle: 0.1 intended,
    10 the typo), `reload` ("none"; "weights": `save_weights` after each cycle and
    `load_weights` into a model built again before the next; "architecture_changed": the
    model built again with Dense 64 / 32 and `load_weights(skip_mismatch=True)`)."""
    x, xval, y, yval = cancer_split()
    keras.utils.set_random_seed(kit.seed)

    def build(width: int = 32) -> keras.Model:
        return keras.Sequential([keras.Input((30,)), layers.Dense(width, activation="relu"),
                                 layers.Dense(width // 2, activation="relu"),
                                 layers.Dense(1, activation="sigmoid")])  # fmt: skip

    model = build()
    rate = lr
    model.compile(keras.optimizers.Adam(rate), "binary_crossentropy", metrics=["accuracy"])
    history: Any = None
    with tempfile.TemporaryDirectory() as folder:
        for cycle in range(cycles):
            if cycle:
                rate *= factor
                if reload != "none":
                    path = Path(folder) / "cycle.weights.h5"
                    model.save_weights(path)
                    model = build(64 if reload == "architecture_changed" else 32)
                    model.load_weights(path, skip_mismatch=reload == "architecture_changed")
                if restart == "recompile" or reload != "none":
                    model.compile(keras.optimizers.Adam(rate), "binary_crossentropy",
                                  metrics=["accuracy"])  # fmt: skip
            keywords = {"epochs": (cycle + 1) * epochs, "initial_epoch": cycle * epochs,
                        "batch_size": 16, "validation_data": (xval, yval)}  # fmt: skip
            if cycle < cycles - 1:
                model.fit(x, y, verbose=0, **keywords)
            else:
                history = kit.fit(model, x, y, probe_data=(x, y), **keywords)
    return history


def diabetes_resume(kit: Kit, *, first_epochs: int = 30, more_epochs: int = 30,
                    plateau: bool = False, set_lr: float = 0.0, recompile: str = "none",
                    reload: str = "none") -> Any:  # fmt: skip
    """Diabetes regression (332 train, 110 validate; the target standardised): Dense 32 ReLU
    x 2 -> Dense 1, MSE, MAE metric, Adam(1e-3), batch 32; `fit(epochs=30)`, then 30 more
    (watched, `initial_epoch=30`). Options: `plateau` (the first fit under
    ReduceLROnPlateau(factor=0.2, patience=3, min_lr=1e-7), its last rate carried into the
    second), `set_lr` (> 0: the rate assigned by hand between the fits), `recompile`
    ("none"; "sgd_momentum": `compile(SGD(0.1, momentum=0.9), "mse")`, a rate from a
    classification notebook), `reload` ("none"; "load_model": `model.save` /
    `keras.models.load_model` between the fits)."""
    x, xval, y, yval = diabetes_split()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    callbacks = [keras.callbacks.ReduceLROnPlateau(factor=0.2, patience=3, min_lr=1e-7)
                 ] if plateau else None  # fmt: skip
    model.fit(x, y, epochs=first_epochs, batch_size=32, validation_data=(xval, yval),
              callbacks=callbacks, verbose=0)  # fmt: skip
    if reload == "load_model":
        with tempfile.TemporaryDirectory() as folder:
            model.save(Path(folder) / "diabetes.keras")
            model = keras.models.load_model(Path(folder) / "diabetes.keras")
    if recompile == "sgd_momentum":
        model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "mse", metrics=["mae"])
    if set_lr:
        model.optimizer.learning_rate.assign(set_lr)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=first_epochs + more_epochs,
                   initial_epoch=first_epochs, batch_size=32,
                   validation_data=(xval, yval))  # fmt: skip
