"""Batch-56 scripts: modern Keras 3 optimisers and large-batch training (keyword options are
the faults, the defaults the healthy choice): a digits MLP under any `keras.optimizers`
class with its knobs (weight decay, betas, epsilon, clipping, EMA, gradient accumulation),
a 5000-row table trained at batch sizes 8 to 4096 with the linear-scaling rule and warm-up,
and a Friedman regression under SGD / RMSprop / Adam. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch56_data import digits_flat, friedman_split, table_5000
from benchmarks.practice.kit import Kit

_OPTIMIZERS = {
    "adam": keras.optimizers.Adam,
    "adamw": keras.optimizers.AdamW,
    "nadam": keras.optimizers.Nadam,
    "adamax": keras.optimizers.Adamax,
    "lion": keras.optimizers.Lion,
    "adafactor": keras.optimizers.Adafactor,
    "lamb": keras.optimizers.Lamb,
    "rmsprop": keras.optimizers.RMSprop,
    "sgd": keras.optimizers.SGD,
}


def make_optimizer(name: str, learning_rate: Any, **options: Any) -> keras.optimizers.Optimizer:
    """`keras.optimizers.<name>(learning_rate, **options)`, the options left at None dropped
    (so each optimiser keeps its own defaults)."""
    given = {k: v for k, v in options.items() if v is not None}
    return _OPTIMIZERS[name](learning_rate=learning_rate, **given)


def digits_mlp(kit: Kit, *, optimizer: str = "adamw", lr: float = 1e-3,
               weight_decay: float | None = 1e-4, beta_1: float | None = None,
               beta_2: float | None = None, epsilon: float | None = None,
               clipnorm: float | None = None, global_clipnorm: float | None = None,
               use_ema: bool = False, ema_momentum: float = 0.99, swap_ema: bool = False,
               momentum: float | None = None, nesterov: bool | None = None,
               accumulation: int | None = None, relative_step: bool | None = None,
               batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """sklearn digits flattened (1437 train, 360 validate, pixels / 16): Dense 256 ReLU ->
    Dropout(0.2) -> Dense 128 ReLU -> softmax 10, sparse CE, AdamW(1e-3, weight_decay=1e-4),
    batch 32, 20 ep. Options: `optimizer` (adam, adamw, nadam, adamax, lion, adafactor, lamb,
    rmsprop, sgd) and its keywords as given (`weight_decay`, `beta_1`, `beta_2`, `epsilon`,
    `clipnorm`, `global_clipnorm`, `use_ema` / `ema_momentum`, `momentum` / `nesterov`,
    `accumulation` = gradient_accumulation_steps, `relative_step` for Adafactor),
    `swap_ema` (SwapEMAWeights() in the callbacks: validation on the EMA weights), batch
    size and epochs."""
    x, xval, y, yval = digits_flat()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((64,)),
        layers.Dense(256, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(128, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])  # fmt: skip
    options: dict[str, Any] = {"weight_decay": weight_decay, "clipnorm": clipnorm,
                               "global_clipnorm": global_clipnorm,
                               "gradient_accumulation_steps": accumulation}  # fmt: skip
    if use_ema:
        options.update(use_ema=True, ema_momentum=ema_momentum)
    if optimizer in ("adam", "adamw", "nadam", "adamax", "lion", "lamb"):
        options.update(beta_1=beta_1, beta_2=beta_2)
    if optimizer not in ("lion", "adafactor"):
        options["epsilon"] = epsilon
    if optimizer in ("sgd", "rmsprop"):
        options["momentum"] = momentum
    if optimizer == "sgd":
        options["nesterov"] = nesterov
    if optimizer == "adafactor":
        options["relative_step"] = relative_step
    model.compile(make_optimizer(optimizer, lr, **options), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    callbacks = [keras.callbacks.SwapEMAWeights()] if swap_ema else None
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip


def table_batch(kit: Kit, *, batch_size: int = 128, base_lr: float = 1e-3,
                base_batch: int = 128, scaling: str = "linear", warmup_epochs: int = 0,
                optimizer: str = "adam", epochs: int = 30,
                weight_decay: float | None = None) -> Any:  # fmt: skip
    """A 5-class table (5000 training rows, 1000 validation rows, 20 standardised features):
    Dense 256 ReLU x 2 -> softmax 5, sparse CE, Adam, batch 128, 30 ep, the rate
    `base_lr` (1e-3) tuned at `base_batch` (128) and scaled to the batch in use by `scaling`
    ("linear": lr = base_lr * batch / base_batch, Goyal et al.; "sqrt": by the square root;
    "none": the small-batch rate kept). `warmup_epochs` > 0: CosineDecay with a linear
    warm-up from base_lr / 10 to the scaled rate over that many epochs, then a cosine decay
    over the rest. Options: the batch size (8 to 4096), the optimiser (adam, lamb, sgd with
    Nesterov momentum 0.9, ...), `weight_decay`, epochs."""
    x, xval, y, yval = table_5000()
    keras.utils.set_random_seed(kit.seed)
    ratio = batch_size / base_batch
    lr = base_lr * {"linear": ratio, "sqrt": ratio ** 0.5, "none": 1.0}[scaling]
    steps = -(-len(y) // batch_size)
    rate: Any = lr
    if warmup_epochs:
        warm = warmup_epochs * steps
        rate = keras.optimizers.schedules.CosineDecay(
            base_lr / 10, decay_steps=max(1, epochs * steps - warm), warmup_target=lr,
            warmup_steps=warm)  # fmt: skip
    options: dict[str, Any] = {"weight_decay": weight_decay}
    if optimizer == "sgd":
        options.update(momentum=0.9, nesterov=True)
    model = keras.Sequential([
        keras.Input((20,)),
        layers.Dense(256, activation="relu"),
        layers.Dense(256, activation="relu"),
        layers.Dense(5, activation="softmax"),
    ])  # fmt: skip
    model.compile(make_optimizer(optimizer, rate, **options), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def friedman_mlp(kit: Kit, *, optimizer: str = "adam", lr: float = 1e-3,
                 momentum: float | None = None, nesterov: bool | None = None,
                 epsilon: float | None = None, clipnorm: float | None = None,
                 clipvalue: float | None = None, batch_size: int = 64,
                 epochs: int = 40) -> Any:  # fmt: skip
    """Friedman #1 regression (4000 training rows, 1000 validation rows, 10 features in
    [0, 1], the target standardised): Dense 64 ReLU x 2 -> Dense 1, MSE, MAE metric,
    Adam(1e-3), batch 64, 40 ep. Options: `optimizer` (adam, sgd, rmsprop, nadam, ...) with
    `momentum` / `nesterov` (SGD, RMSprop), `epsilon`, `clipnorm`, `clipvalue`, the rate,
    batch size and epochs."""
    x, xval, y, yval = friedman_split()
    keras.utils.set_random_seed(kit.seed)
    options: dict[str, Any] = {"clipnorm": clipnorm, "clipvalue": clipvalue}
    if optimizer in ("sgd", "rmsprop"):
        options["momentum"] = momentum
    if optimizer == "sgd":
        options["nesterov"] = nesterov
    elif optimizer not in ("lion", "adafactor"):
        options["epsilon"] = epsilon
    model = keras.Sequential([
        keras.Input((10,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ])  # fmt: skip
    model.compile(make_optimizer(optimizer, lr, **options), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
