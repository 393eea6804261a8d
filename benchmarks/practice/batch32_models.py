"""Batch-32 multimodal and multi-input scripts (keyword options are the faults, the defaults
the healthy choice): the Keras 3 functional API with several named `keras.Input`s, the data
passed as dicts (or lists): a house price from a photo, tabular columns and a listing text; a
patient's outcome from a vitals series and static data; a product's category from its
title's tokens and numeric attributes; a click model from user / item id embeddings and
context; an activity from accelerometer and gyroscope windows and the GPS speed. Each script
calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch32_data import (
    PRODUCT_VOCAB,
    activity_windows,
    click_log,
    house_listings,
    patient_records,
    product_catalogue,
)
from benchmarks.practice.kit import Kit


def _z(train: np.ndarray, *others: np.ndarray, axis: Any = 0) -> list[np.ndarray]:
    """Standardise with the training rows' statistics (per column / channel)."""
    mean, sd = train.mean(axis=axis), train.std(axis=axis) + 1e-9
    return [(a - mean) / sd for a in (train, *others)]


def house_price(kit: Kit, *, image: str = "unit", tabular: str = "z", vocab: str = "train",
                image_end: str = "dense16", epochs: int = 25) -> Any:  # fmt: skip
    """A house's log price from three inputs: the listing photo (16 x 16 grey, / 255) ->
    Conv2D 8, 16 + GlobalAveragePooling -> Dense(16, relu); five tabular columns
    (standardised on the training rows) -> Dense(32, relu); the listing text through a
    `TextVectorization` adapted on the training texts (max 80 tokens, 16 long) -> Embedding(80,
    16) + GlobalAveragePooling1D; concatenated -> Dense(64, relu) -> Dense(1). The log price
    standardised; MSE + mae; Adam(1e-3), batch 64, 25 epochs; the inputs passed as a dict.
    Options: `image="raw"` (the uint8 pixels 0..255 as float), `tabular="raw"` (the columns
    in their units, 1..3000), `vocab="val"` (the vectorizer adapted on the validation texts),
    `image_end="relu1"` (the photo branch ends in Dense(1, relu))."""
    d = house_listings()
    img, vimg = d["image"].astype("float32"), d["val_image"].astype("float32")
    if image == "unit":
        img, vimg = img / 255.0, vimg / 255.0
    tab, vtab = d["tabular"], d["val_tabular"]
    if tabular == "z":
        tab, vtab = _z(tab, vtab)
    vectorizer = layers.TextVectorization(max_tokens=80, output_sequence_length=16)
    vectorizer.adapt(d["val_text"] if vocab == "val" else d["text"])
    txt, vtxt = np.asarray(vectorizer(d["text"])), np.asarray(vectorizer(d["val_text"]))
    y, vy = _z(d["log_price"], d["val_log_price"])
    keras.utils.set_random_seed(kit.seed)
    image_in = keras.Input((16, 16, 1), name="photo")
    tab_in = keras.Input((5,), name="tabular")
    text_in = keras.Input((16,), dtype="int64", name="text")
    h = layers.Conv2D(8, 3, activation="relu", padding="same")(image_in)
    h = layers.MaxPooling2D()(h)
    h = layers.Conv2D(16, 3, activation="relu", padding="same")(h)
    h = layers.GlobalAveragePooling2D()(h)
    h = layers.Dense(1 if image_end == "relu1" else 16, activation="relu")(h)
    t = layers.Dense(32, activation="relu")(tab_in)
    e = layers.GlobalAveragePooling1D()(layers.Embedding(80, 16)(text_in))
    z = layers.Dense(64, activation="relu")(layers.Concatenate()([h, t, e]))
    model = keras.Model([image_in, tab_in, text_in], layers.Dense(1)(z))
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    x = {"photo": img, "tabular": tab, "text": txt}
    xv = {"photo": vimg, "tabular": vtab, "text": vtxt}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, vy))  # fmt: skip


def patient_outcome(kit: Kit, *, vitals: str = "z", val_vitals: str = "present",
                    train_missing: float = 0.0, leak: bool = False,
                    epochs: int = 20) -> Any:  # fmt: skip
    """A patient's deterioration (binary) from 24 hourly vitals (standardised per channel on
    the training rows) -> Conv1D(16, 3) x 2 + GlobalAveragePooling1D, and four static columns
    (standardised) -> Dense(16, relu); concatenated -> Dense(32, relu) -> Dense(1, sigmoid);
    BCE + accuracy; Adam(1e-3), batch 64, 20 epochs. Options: `vitals="raw"` (bpm, mmHg, %,
    degrees C as recorded, the static columns standardised), `val_vitals="zeros"` (the
    validation export lacks the vitals table: fillna(0) before scaling), `train_missing`
    (that fraction of the training patients' vitals zero-filled, no missing indicator),
    `leak=True` (a "discharge code" column, the outcome itself in the training rows and 0,
    not yet known, in the validation rows, added to the static inputs)."""
    d = patient_records()
    v, vv = d["vitals"].copy(), d["val_vitals"].copy()
    if val_vitals == "zeros":
        vv[:] = 0.0
    if train_missing:
        rng = np.random.default_rng(kit.seed)
        v[rng.random(len(v)) < train_missing] = 0.0
    if vitals == "z":
        v, vv = _z(v, vv, axis=(0, 1))
    s, vs = _z(d["static"], d["val_static"])
    y, vy = d["outcome"], d["val_outcome"]
    if leak:
        s = np.concatenate([s, y[:, None].astype(float)], axis=1)
        vs = np.concatenate([vs, np.zeros((len(vs), 1))], axis=1)
    keras.utils.set_random_seed(kit.seed)
    vit_in = keras.Input((24, 4), name="vitals")
    stat_in = keras.Input((s.shape[1],), name="static")
    h = layers.Conv1D(16, 3, activation="relu", padding="same")(vit_in)
    h = layers.Conv1D(16, 3, activation="relu", padding="same")(h)
    h = layers.GlobalAveragePooling1D()(h)
    g = layers.Dense(16, activation="relu")(stat_in)
    z = layers.Dense(32, activation="relu")(layers.Concatenate()([h, g]))
    model = keras.Model({"vitals": vit_in, "static": stat_in},
                        layers.Dense(1, activation="sigmoid")(z))  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    x, xv = {"vitals": v, "static": s}, {"vitals": vv, "static": vs}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, vy))  # fmt: skip


def product_category(kit: Kit, *, numeric: str = "log_z", title_trainable: bool = True,
                     title_dropout: float = 0.0, epochs: int = 15) -> Any:  # fmt: skip
    """A product's category (6) from its title's token ids -> Embedding(500, 32, mask_zero)
    + GlobalAveragePooling1D, and four numeric attributes (price, weight, rating, reviews:
    log1p then standardised on the training rows) -> Dense(16, relu); concatenated ->
    Dense(32, relu) -> softmax 6; sparse CE; Adam(2e-3), batch 64, 15 epochs. Options:
    `numeric="raw"` (cents, grams, stars and review counts concatenated as they are),
    `title_trainable=False` (the title embedding frozen at its random init, copied from a
    fine-tuning recipe), `title_dropout` (a Dropout after the title's pooling)."""
    d = product_catalogue()
    n, vn = d["numeric"], d["val_numeric"]
    if numeric == "log_z":
        n, vn = _z(np.log1p(n), np.log1p(vn))
    keras.utils.set_random_seed(kit.seed)
    title_in = keras.Input((8,), dtype="int64", name="title")
    num_in = keras.Input((4,), name="numeric")
    emb = layers.Embedding(PRODUCT_VOCAB, 32, mask_zero=True, trainable=title_trainable)
    h = layers.GlobalAveragePooling1D()(emb(title_in))
    if title_dropout:
        h = layers.Dropout(title_dropout)(h)
    g = layers.Dense(16, activation="relu")(num_in)
    z = layers.Dense(32, activation="relu")(layers.Concatenate()([h, g]))
    model = keras.Model([title_in, num_in], layers.Dense(6, activation="softmax")(z))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    x = {"title": d["title"], "numeric": n}
    xv = {"title": d["val_title"], "numeric": vn}
    return kit.fit(model, x, d["category"], probe_data=(x, d["category"]), epochs=epochs,
                   batch_size=64, validation_data=(xv, d["val_category"]))  # fmt: skip


def click_model(kit: Kit, *, order: str = "matched", context: str = "z",
                epochs: int = 12) -> Any:  # fmt: skip
    """Click-through from a user id and an item id (Embedding(100, 8) each), their dot
    product, and three context columns (hour as sin / cos, position, log1p past clicks,
    standardised) -> Dense(16, relu); concatenated -> Dense(32, relu) -> sigmoid; BCE +
    accuracy; Adam(2e-3), batch 128, 12 epochs; the inputs passed as a list in the model's
    order. Options: `order="swapped"` (the item ids passed where the user ids go and back,
    in training and validation alike), `context="raw"` (hour 0-23, position 1-10 and the raw
    past click count, up to ~2000, concatenated with the embeddings as they are)."""
    d = click_log()
    c, vc = d["context"], d["val_context"]
    if context == "z":
        def feats(a: np.ndarray) -> np.ndarray:
            h = 2 * np.pi * a[:, 0] / 24
            return np.stack([np.sin(h), np.cos(h), a[:, 1], np.log1p(a[:, 2])], axis=1)

        c, vc = _z(feats(c), feats(vc))
    keras.utils.set_random_seed(kit.seed)
    user_in = keras.Input((1,), dtype="int64", name="user_id")
    item_in = keras.Input((1,), dtype="int64", name="item_id")
    ctx_in = keras.Input((c.shape[1],), name="context")
    u = layers.Flatten()(layers.Embedding(100, 8)(user_in))
    i = layers.Flatten()(layers.Embedding(100, 8)(item_in))
    dot = layers.Dot(axes=1)([u, i])
    g = layers.Dense(16, activation="relu")(ctx_in)
    z = layers.Dense(32, activation="relu")(layers.Concatenate()([u, i, dot, g]))
    model = keras.Model([user_in, item_in, ctx_in], layers.Dense(1, activation="sigmoid")(z))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    ids = (d["item"], d["user"]) if order == "swapped" else (d["user"], d["item"])
    vids = (d["val_item"], d["val_user"]) if order == "swapped" else (d["val_user"],
                                                                       d["val_item"])
    x = [ids[0][:, None], ids[1][:, None], c]
    xv = [vids[0][:, None], vids[1][:, None], vc]
    return kit.fit(model, x, d["click"], probe_data=(x, d["click"]), epochs=epochs,
                   batch_size=128, validation_data=(xv, d["val_click"]))  # fmt: skip


def activity_fusion(kit: Kit, *, val_order: str = "dict", norm_fit: str = "own",
                    freeze: str = "", speed_missing: float = 0.0, gyro_end: str = "pool",
                    epochs: int = 15) -> Any:  # fmt: skip
    """An activity (5 classes) from three inputs: the accelerometer and the gyroscope windows
    (64 x 3 each), each through its own `Normalization` adapted on its training windows ->
    Conv1D(16, 5) + MaxPool + Conv1D(16, 5) + GlobalAveragePooling1D, and the GPS speed
    (Normalization) -> Dense(8, relu); concatenated -> Dense(32, relu) -> softmax 5; sparse
    CE; Adam(2e-3), batch 64, 15 epochs; the model's inputs are [gyro, acc, speed], the data
    passed as dicts by name. Options: `val_order="list"` (the validation data passed as a
    list [acc, gyro, speed], the order the author thought: the two windows swapped),
    `norm_fit="gyro"` (the accelerometer's Normalization adapted on the gyroscope windows,
    a copy-paste), `freeze="acc"` (the accelerometer branch's conv layers trainable=False,
    left at their random init), `speed_missing` (that fraction of the training rows' speed
    set to 0: no GPS fix, no indicator), `gyro_end="relu1"` (the gyro branch ends in
    Dense(1, relu))."""
    d = activity_windows()
    speed = d["speed"].copy()
    if speed_missing:
        rng = np.random.default_rng(kit.seed)
        speed[rng.random(len(speed)) < speed_missing] = 0.0
    keras.utils.set_random_seed(kit.seed)

    def branch(inp: Any, norm_data: np.ndarray, trainable: bool, end: str) -> Any:
        norm = layers.Normalization(axis=-1)
        norm.adapt(norm_data)
        h = norm(inp)
        h = layers.Conv1D(16, 5, activation="relu", trainable=trainable)(h)
        h = layers.MaxPooling1D(2)(h)
        h = layers.Conv1D(16, 5, activation="relu", trainable=trainable)(h)
        h = layers.GlobalAveragePooling1D()(h)
        return layers.Dense(1, activation="relu")(h) if end == "relu1" else h

    gyro_in = keras.Input((64, 3), name="gyro")
    acc_in = keras.Input((64, 3), name="acc")
    speed_in = keras.Input((1,), name="speed")
    g = branch(gyro_in, d["gyro"], True, gyro_end)
    a = branch(acc_in, d["gyro"] if norm_fit == "gyro" else d["acc"], freeze != "acc", "pool")
    norm = layers.Normalization(axis=-1)
    norm.adapt(speed)
    s = layers.Dense(8, activation="relu")(norm(speed_in))
    z = layers.Dense(32, activation="relu")(layers.Concatenate()([g, a, s]))
    model = keras.Model([gyro_in, acc_in, speed_in], layers.Dense(5, activation="softmax")(z))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    x = {"gyro": d["gyro"], "acc": d["acc"], "speed": speed}
    if val_order == "list":
        xv: Any = [d["val_acc"], d["val_gyro"], d["val_speed"]]
    else:
        xv = {"gyro": d["val_gyro"], "acc": d["val_acc"], "speed": d["val_speed"]}
    return kit.fit(model, x, d["activity"], probe_data=(x, d["activity"]), epochs=epochs,
                   batch_size=64, validation_data=(xv, d["val_activity"]))  # fmt: skip
