"""Batch-49 categorical-feature scripts (keyword options are the faults, the defaults the
healthy choice): Keras 3 preprocessing layers on the generated shop table of `batch49_data`
(`StringLookup`, `IntegerLookup`, `Hashing`, `HashedCrossing`, `CategoryEncoding`,
`TextVectorization`, `Normalization`, `Embedding`), functional models with dict and list
inputs, lookups adapted in the script. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch49_data import shop_table
from benchmarks.practice.kit import Kit


def _compile(model: keras.Model, lr: float, optimizer: str = "adam") -> None:
    opt = keras.optimizers.SGD(lr) if optimizer == "sgd" else keras.optimizers.Adam(lr)
    model.compile(opt, "binary_crossentropy", metrics=["accuracy"])


def _column(values: np.ndarray) -> Any:
    """A column as a (n, 1) tensor: string columns as tf.string (Keras' array adapter takes
    no numpy strings), the rest as they are."""
    if values.dtype == object:
        return tf.constant(values.astype(str).reshape(-1, 1))
    return values.reshape(-1, 1)


def _numeric(name: str) -> np.ndarray:
    return shop_table()[0][name].reshape(-1, 1)


def churn_mixed(kit: Kit, *, city: str = "one_hot", adapt_on: str = "train",
                scale: str = "normalization", head: str = "sigmoid", lr: float = 1e-3,
                epochs: int = 10, batch_size: int = 64) -> Any:  # fmt: skip
    """Churn from city (50 levels), plan (4), age and income: a functional model on a dict
    of four inputs, the lookups and the Normalization adapted in the script, Dense 32 ReLU ->
    Dense 16 ReLU -> Dense 1 sigmoid, binary CE, Adam(1e-3), batch 64, 10 epochs. Options:
    `city` ("one_hot": StringLookup(output_mode="one_hot"); "embedding": StringLookup ->
    Embedding(vocab, 8); "raw_index": the StringLookup's integer id cast to float straight
    into the Dense stack, no encoding; "hashing64" / "hashing2": Hashing(num_bins, one_hot)),
    `adapt_on` ("train"; "val": the lookups adapted on the validation split; "other": the
    city lookup adapted on a legacy export's spelling "CITY-07", so every city is [UNK]),
    `scale` ("normalization"; "none": age and income on their raw units next to the
    one-hot columns; "income_only": the Normalization on income only, age in years),
    `head` ("sigmoid"; "softmax1": Dense(1, softmax) on the binary target), the rate,
    epochs and batch size."""
    train, val = shop_table()
    keras.utils.set_random_seed(kit.seed)
    source = val if adapt_on == "val" else train
    city_vocab = source["city"]
    if adapt_on == "other":
        city_vocab = np.array([c.upper().replace("_", "-") for c in source["city"]])
    inputs = {"city": keras.Input((1,), dtype="string", name="city"),
              "plan": keras.Input((1,), dtype="string", name="plan"),
              "age": keras.Input((1,), name="age"),
              "income": keras.Input((1,), name="income")}  # fmt: skip
    if city.startswith("hashing"):
        city_x = layers.Hashing(num_bins=int(city[7:]), output_mode="one_hot")(inputs["city"])
    else:
        mode = "one_hot" if city == "one_hot" else "int"
        city_lookup = layers.StringLookup(output_mode=mode)
        city_lookup.adapt(city_vocab)
        city_x = city_lookup(inputs["city"])
        if city == "embedding":
            embed = layers.Embedding(city_lookup.vocabulary_size(), 8)(city_x)
            city_x = layers.Flatten()(embed)
        elif city == "raw_index":
            city_x = layers.Lambda(lambda t: keras.ops.cast(t, "float32"))(city_x)
    plan_lookup = layers.StringLookup(output_mode="one_hot")
    plan_lookup.adapt(source["plan"])
    numeric = layers.Concatenate()([inputs["age"], inputs["income"]])
    if scale == "normalization":
        norm = layers.Normalization()
        norm.adapt(np.concatenate([_numeric("age"), _numeric("income")], axis=1))
        numeric = norm(numeric)
    elif scale == "income_only":
        norm = layers.Normalization()
        norm.adapt(_numeric("income"))
        numeric = layers.Concatenate()([inputs["age"], norm(inputs["income"])])
    x = layers.Concatenate()([city_x, plan_lookup(inputs["plan"]), numeric])
    x = layers.Dense(32, activation="relu")(x)
    x = layers.Dense(16, activation="relu")(x)
    out = layers.Dense(1, activation="softmax" if head == "softmax1" else "sigmoid")(x)
    model = keras.Model(inputs, out)
    _compile(model, lr)

    def feed(part: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {k: _column(part[k]) for k in ("city", "plan", "age", "income")}

    x_train = feed(train)
    return kit.fit(model, x_train, train["churn"], probe_data=(x_train, train["churn"]),
                   validation_data=(feed(val), val["churn"]), epochs=epochs,
                   batch_size=batch_size)  # fmt: skip


def churn_preprocessed(kit: Kit, *, val_lookup: str = "shared", table: str = "vocab",
                       lr: float = 1e-3, epochs: int = 10) -> Any:  # fmt: skip
    """Churn with the preprocessing done outside the model, as in a tf.data / pandas
    pipeline: a StringLookup adapted on the training cities maps both splits to integer ids,
    age and income standardised with the training mean / sd; a functional model on a list
    of two inputs [city id, numeric]: Embedding(vocab, 8) -> Flatten, concatenated with the
    numeric columns, Dense 32 ReLU -> Dense 1 sigmoid, Adam(1e-3), batch 64, 10 epochs.
    Options: `val_lookup` ("shared"; "refit": a second StringLookup adapted on the
    validation cities, its frequency-ordered ids not the training ones; "no_oov": the
    validation split mapped by StringLookup(vocabulary=training vocabulary without [UNK],
    num_oov_indices=0), every id one lower), `table` ("vocab": Embedding(vocabulary_size());
    "small": Embedding(16) with the ids folded `% 16` after the out-of-range error)."""
    train, val = shop_table()
    keras.utils.set_random_seed(kit.seed)
    lookup = layers.StringLookup()
    lookup.adapt(train["city"])
    ids = np.asarray(lookup(train["city"]))
    if val_lookup == "refit":
        other = layers.StringLookup()
        other.adapt(val["city"])
        val_ids = np.asarray(other(val["city"]))
    elif val_lookup == "no_oov":
        vocab = lookup.get_vocabulary()[1:]
        val_ids = np.asarray(layers.StringLookup(vocabulary=vocab, num_oov_indices=0)(val["city"]))
    else:
        val_ids = np.asarray(lookup(val["city"]))
    size = lookup.vocabulary_size()
    if table == "small":
        size, ids, val_ids = 16, ids % 16, val_ids % 16
    num = np.stack([train["age"], train["income"]], axis=1)
    mean, sd = num.mean(axis=0), num.std(axis=0)
    num_val = (np.stack([val["age"], val["income"]], axis=1) - mean) / sd
    num = (num - mean) / sd
    city_in = keras.Input((1,), dtype="int64")
    num_in = keras.Input((2,))
    e = layers.Flatten()(layers.Embedding(size, 8)(city_in))
    x = layers.Dense(32, activation="relu")(layers.Concatenate()([e, num_in]))
    model = keras.Model([city_in, num_in], layers.Dense(1, activation="sigmoid")(x))
    _compile(model, lr)
    x_train = [ids.reshape(-1, 1), num]
    return kit.fit(model, x_train, train["churn"], probe_data=(x_train, train["churn"]),
                   validation_data=([val_ids.reshape(-1, 1), num_val], val["churn"]),
                   epochs=epochs, batch_size=64)  # fmt: skip


def sku_returns(kit: Kit, *, encoding: str = "embedding", optimizer: str = "adam",
                lr: float = 1e-3, epochs: int = 15, batch_size: int = 64,
                mask_token: int | None = None) -> Any:  # fmt: skip
    """Returns from the sku (1000 five-digit ids, ~10 rows each) and the standardised age
    (a distractor): IntegerLookup adapted on the training skus, a list of two inputs, Dense
    32 ReLU -> Dense 1 sigmoid, Adam(1e-3), batch 64, 15 epochs. Options: `encoding`
    ("embedding": IntegerLookup -> Embedding(vocab, 16) -> Flatten; "one_hot": IntegerLookup(
    output_mode="one_hot"), 1001 columns; "raw": the sku number itself as a float feature),
    `optimizer` ("adam" / "sgd"), the rate, epochs and batch size, `mask_token` (None; 0:
    IntegerLookup(mask_token=0) copied from a padded-sequence tutorial, every id one higher
    in both splits, the Embedding sized from vocabulary_size())."""
    train, val = shop_table()
    keras.utils.set_random_seed(kit.seed)
    sku_in = keras.Input((1,), dtype="int64" if encoding != "raw" else "float32")
    age_in = keras.Input((1,))
    if encoding == "raw":
        s = sku_in
    else:
        lookup = layers.IntegerLookup(mask_token=mask_token,
                                      output_mode="one_hot" if encoding == "one_hot" else "int")
        lookup.adapt(train["sku"])
        s = lookup(sku_in)
        if encoding == "embedding":
            s = layers.Flatten()(layers.Embedding(lookup.vocabulary_size(), 16)(s))
    x = layers.Dense(32, activation="relu")(layers.Concatenate()([s, age_in]))
    model = keras.Model([sku_in, age_in], layers.Dense(1, activation="sigmoid")(x))
    _compile(model, lr, optimizer)
    kind = "float32" if encoding == "raw" else "int64"

    def feed(part: dict[str, np.ndarray]) -> list[np.ndarray]:
        return [part["sku"].astype(kind).reshape(-1, 1), ((part["age"] - 49) / 18).reshape(-1, 1)]

    x_train = feed(train)
    return kit.fit(model, x_train, train["returned"], probe_data=(x_train, train["returned"]),
                   validation_data=(feed(val), val["returned"]), epochs=epochs,
                   batch_size=batch_size)  # fmt: skip


def tags_flagged(kit: Kit, *, mode: str = "multi_hot", max_tokens: int | None = None,
                 lr: float = 1e-3, epochs: int = 10) -> Any:  # fmt: skip
    """Flagged listings from their tags (2-4 words out of 30): TextVectorization adapted on
    the training strings inside the model, Dense 32 ReLU -> Dense 1 sigmoid, Adam(1e-3),
    batch 64, 10 epochs. Options: `mode` ("multi_hot"; "count"; "tf_idf"; "int": the token
    ids, output_sequence_length=4, fed straight into the Dense layers as numbers),
    `max_tokens` (None; a small cap keeps only the most frequent words, the rest [UNK])."""
    train, val = shop_table()
    keras.utils.set_random_seed(kit.seed)
    if mode == "int":
        vec = layers.TextVectorization(max_tokens=max_tokens, output_mode="int",
                                       output_sequence_length=4)  # fmt: skip
    else:
        vec = layers.TextVectorization(max_tokens=max_tokens, output_mode=mode)
    vec.adapt(train["tags"])
    inp = keras.Input((1,), dtype="string")
    x = vec(inp)
    if mode == "int":
        x = layers.Lambda(lambda t: keras.ops.cast(t, "float32"))(x)
    x = layers.Dense(32, activation="relu")(x)
    model = keras.Model(inp, layers.Dense(1, activation="sigmoid")(x))
    _compile(model, lr)
    x_train = _column(train["tags"])
    return kit.fit(model, x_train, train["flagged"], probe_data=(x_train, train["flagged"]),
                   validation_data=(_column(val["tags"]), val["flagged"]),
                   epochs=epochs, batch_size=64)  # fmt: skip


def upgrade_cross(kit: Kit, *, cross: str = "hashed", bins: int = 32, hidden: int = 0,
                  lr: float = 1e-2, epochs: int = 10) -> Any:  # fmt: skip
    """Upgrades from plan x region (the target is their interaction only): a wide (linear)
    model on a dict of two string inputs, each one-hot through a StringLookup, plus
    HashedCrossing(num_bins=32, output_mode="one_hot") of the pair, Dense 1 sigmoid, Adam(
    1e-2), batch 64, 10 epochs. Options: `cross` ("hashed"; "none": the two one-hot columns
    only), `bins` (the crossing's num_bins; 16 pairs), `hidden` (0: the wide model; n: a
    Dense n ReLU layer before the head), the rate and epochs."""
    train, val = shop_table()
    keras.utils.set_random_seed(kit.seed)
    inputs = {k: keras.Input((1,), dtype="string", name=k) for k in ("plan", "region")}
    parts = []
    for k in ("plan", "region"):
        lookup = layers.StringLookup(output_mode="one_hot")
        lookup.adapt(train[k])
        parts.append(lookup(inputs[k]))
    if cross == "hashed":
        crossing = layers.HashedCrossing(num_bins=bins, output_mode="one_hot")
        parts.append(crossing((inputs["plan"], inputs["region"])))
    x = layers.Concatenate()(parts)
    if hidden:
        x = layers.Dense(hidden, activation="relu")(x)
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
    _compile(model, lr)

    def feed(part: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {k: _column(part[k]) for k in ("plan", "region")}

    x_train = feed(train)
    return kit.fit(model, x_train, train["upgrade"], probe_data=(x_train, train["upgrade"]),
                   validation_data=(feed(val), val["upgrade"]), epochs=epochs,
                   batch_size=64)  # fmt: skip
