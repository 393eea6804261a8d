"""Batch-36 regularisation and optimiser scripts (keyword options are the faults, the defaults
the healthy choice): a four-class table under AdamW / SGD with Nesterov momentum, gradient
clipping, an EMA of the weights, gradient accumulation and large batches; the same table
under learning-rate schedules (warm-up then cosine, exponential, piecewise constant,
ReduceLROnPlateau); mixup done in NumPy before fit; and a small CNN on sklearn's 8 x 8 digits
with L2 kernel regularisers, SpatialDropout2D, GaussianNoise / GaussianDropout and label
smoothing. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, regularizers

from benchmarks.practice.batch36_data import digit_images, four_class_table
from benchmarks.practice.kit import Kit


def _table_model(seed: int, *, dropout: float = 0.2) -> Any:
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((20,))
    h = inputs
    for _ in range(2):
        h = layers.Dense(128, activation="relu")(h)
        h = layers.Dropout(dropout)(h)
    return keras.Model(inputs, layers.Dense(4, activation="softmax")(h))


def optimiser_classifier(kit: Kit, *, optimizer: str = "adamw", lr: float = 1e-3,
                         weight_decay: float = 1e-4, momentum: float = 0.9,
                         nesterov: bool = True, clipnorm: float | None = None,
                         clipvalue: float | None = None, global_clipnorm: float | None = None,
                         use_ema: bool = False, ema_momentum: float = 0.99,
                         ema_overwrite: int | None = None, accumulation: int | None = None,
                         batch_size: int = 64, lr_scaling: str = "none",
                         epochs: int = 20) -> Any:  # fmt: skip
    """Four-class table (20 standardised features): Dense 128 x 2 ReLU + Dropout(0.2) ->
    softmax 4, sparse CE, batch 64, 20 epochs, `AdamW(1e-3, weight_decay=1e-4)`. Options:
    `optimizer` ("adamw", "adam", "sgd": SGD with `momentum` / `nesterov`), `weight_decay`
    (the optimizer's own, AdamW and SGD), `clipnorm` / `clipvalue` / `global_clipnorm`,
    `use_ema` / `ema_momentum` / `ema_overwrite` (ema_overwrite_frequency),
    `accumulation` (gradient_accumulation_steps), `batch_size` with `lr_scaling` ("none";
    "linear": lr x batch_size / 64; "twice": the linear factor applied a second time)."""
    x, xval, y, yval = four_class_table()
    if lr_scaling in ("linear", "twice"):
        lr = lr * batch_size / 64
    if lr_scaling == "twice":  # the scaled rate passed to a helper that scales it again
        lr = lr * batch_size / 64
    common: dict[str, Any] = {"clipnorm": clipnorm, "clipvalue": clipvalue,
                              "global_clipnorm": global_clipnorm, "use_ema": use_ema,
                              "ema_momentum": ema_momentum,
                              "ema_overwrite_frequency": ema_overwrite,
                              "gradient_accumulation_steps": accumulation}  # fmt: skip
    if optimizer == "adamw":
        opt = keras.optimizers.AdamW(lr, weight_decay=weight_decay, **common)
    elif optimizer == "adam":
        opt = keras.optimizers.Adam(lr, **common)
    else:
        opt = keras.optimizers.SGD(lr, momentum=momentum, nesterov=nesterov,
                                   weight_decay=weight_decay or None, **common)  # fmt: skip
    model = _table_model(kit.seed)
    model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def scheduled_classifier(kit: Kit, *, schedule: str = "warmup_cosine",
                         warmup_epochs: float = 2.0, warmup_unit: str = "steps",
                         decay_steps: str = "epoch", boundaries: str = "steps",
                         epochs: int = 20) -> Any:  # fmt: skip
    """The same table and model under Adam and a learning-rate schedule, batch 64, 20 epochs
    (75 steps an epoch). `schedule`: "warmup_cosine" (`CosineDecay(0.0, warmup_target=3e-3,
    warmup_steps=2 epochs of steps, decay to 0 over the rest)`; `warmup_unit="samples"`:
    the warm-up computed as epochs x steps x batch size, longer than the whole training),
    "exponential" (`ExponentialDecay(1e-3, decay_steps, 0.9)`; `decay_steps`: "epoch" (75),
    "one" (1), "epochs" (20: the decay period written in epochs)), "piecewise"
    (`PiecewiseConstantDecay` at epochs 10 and 15, rates 1e-3, 1e-4, 1e-5; `boundaries=
    "epochs"`: [10, 15] read as steps) or "plateau" (Adam(1e-3) and
    `ReduceLROnPlateau(val_loss, factor 0.5, patience 3)`)."""
    x, xval, y, yval = four_class_table()
    batch = 64
    steps = int(np.ceil(len(x) / batch))
    callbacks: list[Any] = []
    sched: Any
    if schedule == "warmup_cosine":
        warmup = int(warmup_epochs * steps)
        if warmup_unit == "samples":  # steps x batch size: samples, not steps
            warmup = warmup * batch
        sched = keras.optimizers.schedules.CosineDecay(
            0.0, decay_steps=max(epochs * steps - warmup, 1), alpha=0.0,
            warmup_target=3e-3, warmup_steps=warmup)  # fmt: skip
    elif schedule == "exponential":
        period = {"epoch": steps, "one": 1, "epochs": epochs}[decay_steps]
        sched = keras.optimizers.schedules.ExponentialDecay(1e-3, decay_steps=period,
                                                            decay_rate=0.9)  # fmt: skip
    elif schedule == "piecewise":
        cuts = [10, 15] if boundaries == "epochs" else [10 * steps, 15 * steps]
        sched = keras.optimizers.schedules.PiecewiseConstantDecay(cuts, [1e-3, 1e-4, 1e-5])
    else:
        sched = 1e-3
        callbacks.append(keras.callbacks.ReduceLROnPlateau("val_loss", factor=0.5, patience=3,
                                                           min_lr=1e-5))  # fmt: skip
    model = _table_model(kit.seed)
    model.compile(keras.optimizers.Adam(sched), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch,
                   validation_data=(xval, yval), callbacks=callbacks or None)  # fmt: skip


def mixup_classifier(kit: Kit, *, mix: str = "both", alpha: float = 0.2,
                     smoothing: float = 0.0, epochs: int = 20) -> Any:  # fmt: skip
    """The same table with one-hot labels, mixup done once in NumPy before fit (lam ~
    Beta(0.2, 0.2) per row, a random partner per row; the mixed rows added to the
    originals), categorical CE, Adam(1e-3), batch 64, 20 epochs. Options: `mix` ("both";
    "inputs_only": the labels not mixed; "other_perm": the labels mixed with a second
    permutation; "none": no mixup), `smoothing` (the loss's label_smoothing)."""
    x, xval, y, yval = four_class_table()
    onehot, onehot_val = np.eye(4, dtype="float32")[y], np.eye(4, dtype="float32")[yval]
    if mix != "none":
        rng = np.random.default_rng(kit.seed)
        lam = rng.beta(alpha, alpha, size=(len(x), 1)).astype("float32")
        perm = rng.permutation(len(x))
        x_mix = lam * x + (1 - lam) * x[perm]
        if mix == "inputs_only":
            y_mix = onehot
        elif mix == "other_perm":
            y_mix = lam * onehot + (1 - lam) * onehot[rng.permutation(len(x))]
        else:
            y_mix = lam * onehot + (1 - lam) * onehot[perm]
        x, onehot = np.concatenate([x, x_mix]), np.concatenate([onehot, y_mix])
        order = rng.permutation(len(x))
        x, onehot = x[order], onehot[order]
    model = _table_model(kit.seed)
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=smoothing)
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=["accuracy"])
    return kit.fit(model, x, onehot, probe_data=(x, onehot), epochs=epochs, batch_size=64,
                   validation_data=(xval, onehot_val))  # fmt: skip


def digits_cnn(kit: Kit, *, l2: float = 1e-4, noise: str = "gaussian", noise_level: float = 0.05,
               spatial: float = 0.1, dropout: float = 0.3, smoothing: float = 0.1,
               epochs: int = 30) -> Any:  # fmt: skip
    """sklearn digits (8 x 8, pixels scaled to [0, 1]): GaussianNoise(0.05) -> Conv 32 3x3
    ReLU -> SpatialDropout2D(0.1) -> Conv 64 3x3 ReLU -> MaxPool -> SpatialDropout2D(0.1)
    -> Flatten -> Dense 64 ReLU -> Dropout(0.3) -> softmax 10, L2(1e-4) kernel regulariser
    on every layer, categorical CE with label_smoothing 0.1, Adam(1e-3), batch 32, 30
    epochs. Options: `l2`, `noise` ("gaussian": GaussianNoise(noise_level) on the input;
    "dropout": GaussianDropout(noise_level); "none"), `spatial` / `dropout` (the rates),
    `smoothing`."""
    x, xval, y, yval = digit_images()
    onehot, onehot_val = np.eye(10, dtype="float32")[y], np.eye(10, dtype="float32")[yval]
    keras.utils.set_random_seed(kit.seed)
    reg = regularizers.L2(l2) if l2 else None
    inputs = keras.Input((8, 8, 1))
    h = inputs
    if noise == "gaussian":
        h = layers.GaussianNoise(noise_level)(h)
    elif noise == "dropout":
        h = layers.GaussianDropout(noise_level)(h)
    h = layers.Conv2D(32, 3, padding="same", activation="relu", kernel_regularizer=reg)(h)
    h = layers.SpatialDropout2D(spatial)(h)
    h = layers.Conv2D(64, 3, padding="same", activation="relu", kernel_regularizer=reg)(h)
    h = layers.MaxPooling2D()(h)
    h = layers.SpatialDropout2D(spatial)(h)
    h = layers.Flatten()(h)
    h = layers.Dense(64, activation="relu", kernel_regularizer=reg)(h)
    h = layers.Dropout(dropout)(h)
    out = layers.Dense(10, activation="softmax", kernel_regularizer=reg)(h)
    model = keras.Model(inputs, out)
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=smoothing)
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=["accuracy"])
    return kit.fit(model, x, onehot, probe_data=(x, onehot), epochs=epochs, batch_size=32,
                   validation_data=(xval, onehot_val))  # fmt: skip
