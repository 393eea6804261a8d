"""Batch-19 scripts on tables, each written in its fixed form with a real-world bug as a
keyword option (the default is the healthy choice): `keras.utils.FeatureSpace` on a raw
churn table in a tf.data pipeline, Discretization + CategoryEncoding on a clinic table,
Hashing + Embedding of merchant ids, and a regression whose target goes through an adapted
Normalization layer, with an R2Score metric. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from keras.utils import FeatureSpace
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch19_data import (
    clinic_table,
    customer_table,
    friedman_prices,
    merchant_payments,
)
from benchmarks.practice.kit import Kit


def feature_space_churn(kit: Kit, *, raw_floats: bool = False, epochs: int = 12) -> Any:
    """A raw churn table as a dict of columns in `tf.data` (batch 32): a
    `keras.utils.FeatureSpace` (income, balance, tenure `float_normalized`; age
    `float_discretized(6)`; city `string_categorical`; plan `integer_categorical`; a
    city x plan cross) adapted on the training features and mapped over both datasets ->
    Dense 32 -> Dense 16 (ReLU) -> sigmoid; binary CE, accuracy; Adam(1e-3). Fault: income,
    balance and tenure declared `FeatureSpace.float()` (the un-normalised float, read as
    "a float column"): incomes of ~6e4 and balances of ~1e4 go into the Dense layer raw."""
    x, y, xv, yv = customer_table()
    keras.utils.set_random_seed(kit.seed)
    number = FeatureSpace.float if raw_floats else FeatureSpace.float_normalized
    space = FeatureSpace(
        features={"income": number(), "balance": number(), "tenure": number(),
                  "age": FeatureSpace.float_discretized(num_bins=6),
                  "city": FeatureSpace.string_categorical(num_oov_indices=0),
                  "plan": FeatureSpace.integer_categorical(num_oov_indices=0)},
        crosses=[FeatureSpace.cross(feature_names=("city", "plan"), crossing_dim=32)],
        output_mode="concat",
    )  # fmt: skip
    train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(y), seed=kit.seed).batch(32)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(32)
    space.adapt(train.map(lambda features, _: features))
    train = train.map(lambda features, label: (space(features), label))
    val = val.map(lambda features, label: (space(features), label))
    width = int(next(iter(train))[0].shape[-1])
    model = keras.Sequential([keras.Input((width,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def clinic_bands_codes(kit: Kit, *, scale_age: bool = False, code_tokens: int = 40,
                       epochs: int = 15) -> Any:  # fmt: skip
    """A clinic table with named inputs: age in years -> `Discretization(bin_boundaries=[30,
    45, 60])` -> `CategoryEncoding(4, one_hot)`; the diagnosis code 0..39 ->
    `CategoryEncoding(num_tokens=40, one_hot)`; four raw lab values -> an adapted
    Normalization; concatenated -> Dense 32 -> Dense 16 (ReLU) -> sigmoid; binary CE,
    accuracy; Adam(1e-3), batch 32. Faults: `scale_age`, a StandardScaler run over every
    numeric column (age included) earlier in the pipeline while the bin boundaries stay in
    years: every standardised age (-1.7..1.7) falls into the first band; `code_tokens=10`,
    `num_tokens` copied from another column's encoder: Keras 3's one-hot gives codes 10..39
    an all-zero vector, silently."""
    x, y, xv, yv = clinic_table()
    if scale_age:
        scaler = StandardScaler().fit(np.hstack([x["age"], x["labs"]]))
        both, both_v = (scaler.transform(np.hstack([d["age"], d["labs"]])).astype("float32")
                        for d in (x, xv))  # fmt: skip
        x = {**x, "age": both[:, :1], "labs": both[:, 1:]}
        xv = {**xv, "age": both_v[:, :1], "labs": both_v[:, 1:]}
    keras.utils.set_random_seed(kit.seed)
    age = keras.Input((1,), name="age")
    code = keras.Input((1,), name="code", dtype="int64")
    labs = keras.Input((4,), name="labs")
    bands = layers.Discretization(bin_boundaries=[30.0, 45.0, 60.0])(age)
    norm = layers.Normalization()
    norm.adapt(x["labs"])
    h = layers.Concatenate()([layers.CategoryEncoding(4, output_mode="one_hot")(bands),
                              layers.CategoryEncoding(code_tokens, output_mode="one_hot")(code),
                              norm(labs)])  # fmt: skip
    h = layers.Dense(32, activation="relu")(h)
    h = layers.Dense(16, activation="relu")(h)
    model = keras.Model([age, code, labs], layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def merchant_hashing(kit: Kit, *, num_bins: int = 1024, epochs: int = 15) -> Any:
    """Card payments: the merchant id string (a `tf.constant`) -> `Hashing(num_bins=1024)`
    -> Embedding(1024, 8) -> Flatten, concatenated with the standardised log amount and hour
    -> Dense 32 (ReLU) -> sigmoid; binary CE, accuracy; Adam(2e-3), batch 64. Fault:
    `Hashing(num_bins=8)` (the embedding width typed as the bin count): 120 merchants share
    8 buckets, their risks averaged away."""
    ids, num, y, ids_v, num_v, yv = merchant_payments()
    keras.utils.set_random_seed(kit.seed)
    merchant = keras.Input((1,), name="merchant", dtype="string")
    numbers = keras.Input((2,), name="numbers")
    e = layers.Embedding(num_bins, 8)(layers.Hashing(num_bins=num_bins)(merchant))
    h = layers.Concatenate()([layers.Flatten()(e), numbers])
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model([merchant, numbers], layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    x = {"merchant": tf.constant(ids), "numbers": num}
    xv = {"merchant": tf.constant(ids_v), "numbers": num_v}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def price_target_normalization(kit: Kit, *, invert: bool = False, epochs: int = 20) -> Any:
    """Friedman #1 prices in thousands (mean ~330): the target scaled by a
    `layers.Normalization()` adapted on the training prices (the Keras tutorials' target
    scaling), standardised features -> Dense 64 -> Dense 64 (ReLU) -> Dense(1); MSE,
    `keras.metrics.R2Score()`; Adam(1e-3), batch 32. Fault: the target layer built with
    `invert=True` (meant for turning predictions back into prices): the targets are mapped
    y * std + mean, ~2e4, instead of being standardised."""
    x, y, xv, yv = friedman_prices()
    target = layers.Normalization(invert=invert)
    target.adapt(y)
    ys, yvs = np.asarray(target(y)), np.asarray(target(yv))
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="mse", metrics=[keras.metrics.R2Score()])
    return kit.fit(model, x, ys, probe_data=(x, ys), epochs=epochs, batch_size=32,
                   validation_data=(xv, yvs))  # fmt: skip
