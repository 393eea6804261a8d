"""Batch-12 scripts, tabular set-ups: a mean-squared-log-error regression of skewed prices
with a softplus head, shop sessions as a dict of string and number columns with
`HashedCrossing` / `StringLookup` / `Hashing` / `Normalization` inside the model, a
self-normalising SELU network (lecun_normal, AlphaDropout), Adafactor on an MLP, a wide
linear click model under Ftrl, and AdamW with a warm-up CosineDecay and `global_clipnorm`.
Each script calls `kit.fit`; keyword options are the faults of `cases.py` (each default is
the healthy script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch12_data import (
    CITIES,
    DEVICES,
    click_fields,
    shop_sessions,
    skewed_prices,
    tabular_classes,
)
from benchmarks.practice.kit import Kit


def msle_prices(kit: Kit, *, head: str | None = "softplus", epochs: int = 30) -> Any:
    """Skewed positive prices (10 k units): Dense 64-64 (ReLU) -> Dense(1, softplus);
    `MeanSquaredLogarithmicError`, mae; Adam(2e-3), batch 64. Fault: the output Dense(1) left
    linear (Stack Overflow "MSLE loss stuck / negative predictions with
    mean_squared_logarithmic_error": Keras clips predictions below 0 before the log, so a
    negative prediction gets no gradient)."""
    x, y, xv, yv = skewed_prices()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.MeanSquaredLogarithmicError(),
                  metrics=["mae"])  # fmt: skip
    return kit.fit(model, x, y[:, None], probe_data=(x, y[:, None]), epochs=epochs,
                   batch_size=64, validation_data=(xv, yv[:, None]))  # fmt: skip


def shop_crossing(kit: Kit, *, lowercase_validation: bool = False, epochs: int = 12) -> Any:
    """Purchase from a session dict: city and device each through StringLookup(one_hot) and
    crossed by `HashedCrossing(num_bins=64, output_mode="one_hot")`, the user id through
    `Hashing(256)` -> Embedding(256, 4), minutes and pages through adapted
    Normalization layers; concatenated -> Dense 32 (ReLU) -> sigmoid; BCE, accuracy + AUC;
    Adam(2e-3); tf.data, batch 128. Fault: the validation export lower-cases the city names
    ("paris") while the vocabulary was written from the training file (Stack Overflow
    "StringLookup maps everything to [UNK] in validation / val accuracy drops")."""
    x, y, xv, yv = shop_sessions()
    if lowercase_validation:
        xv = {**xv, "city": np.char.lower(xv["city"])}
    keras.utils.set_random_seed(kit.seed)
    inputs = {"city": keras.Input((1,), dtype="string", name="city"),
              "device": keras.Input((1,), dtype="string", name="device"),
              "user": keras.Input((1,), dtype="string", name="user"),
              "minutes": keras.Input((1,), name="minutes"),
              "pages": keras.Input((1,), name="pages")}  # fmt: skip
    city = layers.StringLookup(vocabulary=list(CITIES), output_mode="one_hot")(inputs["city"])
    device = layers.StringLookup(vocabulary=list(DEVICES),
                                 output_mode="one_hot")(inputs["device"])  # fmt: skip
    cross = layers.HashedCrossing(num_bins=64, output_mode="one_hot")(
        (inputs["city"], inputs["device"]))  # fmt: skip
    user = layers.Hashing(num_bins=256)(inputs["user"])
    user = layers.Flatten()(layers.Embedding(256, 4)(user))
    minutes_norm, pages_norm = layers.Normalization(), layers.Normalization()
    minutes_norm.adapt(x["minutes"])
    pages_norm.adapt(x["pages"])
    minutes, pages = minutes_norm(inputs["minutes"]), pages_norm(inputs["pages"])
    h = layers.Concatenate()([city, device, cross, user, minutes, pages])
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC()])  # fmt: skip
    train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(y), seed=kit.seed).batch(128)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(512)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def selu_deep(kit: Kit, *, epochs: int = 15) -> Any:
    """6 classes, 40 standardised features: eight Dense(64, selu, lecun_normal) layers,
    AlphaDropout(0.05) before the softmax head (a self-normalising network, Klambauer et al.);
    sparse CE, accuracy; Adam(5e-4), batch 64."""
    x, y, xv, yv = tabular_classes(6, 6000, 40, 12)
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [keras.Input((40,))]
    stack += [layers.Dense(64, activation="selu", kernel_initializer="lecun_normal")
              for _ in range(8)]  # fmt: skip
    model = keras.Sequential([*stack, layers.AlphaDropout(0.05),
                              layers.Dense(6, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(5e-4), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def adafactor_mlp(kit: Kit, *, epochs: int = 15) -> Any:
    """4 classes, 24 standardised features: Dense 128-64 (ReLU), softmax; sparse CE,
    accuracy; `Adafactor(learning_rate=0.01)` (relative step, the memory-light optimizer of
    T5 recipes), batch 64."""
    x, y, xv, yv = tabular_classes(4, 5000, 24, 10)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((24,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adafactor(learning_rate=0.01),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def ftrl_wide(kit: Kit, *, l1: float = 1e-3, epochs: int = 10) -> Any:
    """Clicks from 10 one-hot fields (350 columns): a wide linear model, Dense(1, sigmoid);
    BCE, accuracy + AUC; `Ftrl(learning_rate=0.1, l1_regularization_strength=1e-3,
    l2_regularization_strength=1e-3)`, batch 128 (the classic CTR recipe). Fault:
    `l1_regularization_strength=10` (the sparsity knob turned up "to get a sparse model";
    Stack Overflow "FTRL all weights zero / model predicts a constant")."""
    x, y, xv, yv = click_fields()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((350,)), layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Ftrl(learning_rate=0.1, l1_regularization_strength=l1,
                                        l2_regularization_strength=1e-3),
                  "binary_crossentropy", metrics=["accuracy", keras.metrics.AUC()])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=128,
                   validation_data=(xv, yv))  # fmt: skip


def adamw_warmup(kit: Kit, *, warmup_in_samples: bool = False, weight_decay: float = 1e-4,
                 epochs: int = 20) -> Any:  # fmt: skip
    """10 classes, 40 standardised features: Dense 256-128 (ReLU, Dropout 0.2), softmax;
    sparse CE, accuracy; AdamW(CosineDecay(0.0, warmup 2 epochs to 2e-3, then cosine over
    the rest), weight_decay 1e-4, global_clipnorm 1.0), batch 128. Faults: the warm-up
    length computed in samples (`2 * len(x)`) instead of steps, so the warm-up outlasts the
    run 128 times over (GitHub "CosineDecay warmup_steps: loss decreases very slowly");
    `weight_decay=5.0` (a PyTorch-style coupled L2 value read as AdamW's decoupled rate;
    Stack Overflow "AdamW weight decay too large, model predicts one class")."""
    x, y, xv, yv = tabular_classes(10, 8000, 40, 16)
    steps = len(x) // 128 + (len(x) % 128 > 0)
    warmup = 2 * len(x) if warmup_in_samples else 2 * steps
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=(epochs - 2) * steps, warmup_target=2e-3, warmup_steps=warmup)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((40,)), layers.Dense(256, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(128, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(10, activation="softmax")])
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=weight_decay,
                                         global_clipnorm=1.0),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=128,
                   validation_data=(xv, yv))  # fmt: skip
