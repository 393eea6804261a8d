"""Batch-27 recommendation, ranking and metric-learning scripts (keyword options are the
faults, the defaults the healthy choice): matrix factorisation of star ratings with user and
item Embeddings, biases and a Dot; implicit feedback with sampled negatives under BCE (a
Dot of id Embeddings, and a two-tower model: a user and an item tower, normalised, their
scaled cosine); a siamese encoder on digit pairs under a contrastive loss; a triplet encoder with a
margin loss; a RankNet-style pairwise ranker with one shared scorer. The distance layer is
registered with `get_config`, so the models save and load. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch27_data import (
    ITEMS,
    USERS,
    digit_images,
    implicit_feedback,
    ranking_queries,
    star_ratings,
)
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice27")
class PairDistance(layers.Layer):
    """Euclidean distance between two embeddings, (batch, d) x 2 -> (batch, 1); `squared`
    leaves out the square root."""

    def __init__(self, squared: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.squared = squared

    def call(self, inputs: Any) -> Any:
        a, b = inputs
        d2 = ops.sum(ops.square(a - b), axis=-1, keepdims=True)
        return d2 if self.squared else ops.sqrt(ops.maximum(d2, 1e-9))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "squared": self.squared}


def _ids(x: np.ndarray, column: int) -> np.ndarray:
    return np.ascontiguousarray(x[:, column])


def mf_ratings(kit: Kit, *, centre: bool = True, head: str = "linear", l2: float = 1e-6,
               item_table: int = ITEMS, user_table: int = USERS, id_lookup: str = "int",
               swap_val_columns: bool = False, factors: int = 16,
               epochs: int = 10) -> Any:  # fmt: skip
    """Star ratings (1-5) as [user, item] id rows: user and item Embedding(16) (he_normal,
    `embeddings_regularizer=l2(1e-6)`), a Dot, a user and an item bias Embedding(1), added;
    the targets centred on the training mean (the same l2 penalty on every Embedding); MSE +
    mae; Adam(1e-3), batch 64, 10 epochs.
    Options: `head="sigmoid_scaled"` (1 + 4 * sigmoid, targets in stars, not centred),
    `id_lookup="strings"` (ids as the catalogue's "user_0012" strings through a
    StringLookup). Faults: `centre=False`, `head="sigmoid"` (a sigmoid on the 1-5 stars),
    `l2` (the embedding penalty), `item_table` (the item Embedding sized from an older
    catalogue, the ids past it clipped to its last row), `user_table` (the same for the
    user Embedding, sized from a development extract's users), `id_lookup="unpadded"` (the
    vocabulary built from zero-padded "user_0012" strings, the ratings' ids written
    "user_12": every user is the OOV row), `swap_val_columns` (the validation array stacked
    [item, user])."""
    x, xval, y, yval = star_ratings()
    users, items = _ids(x, 0), _ids(x, 1)
    vusers, vitems = _ids(xval, 0), _ids(xval, 1)
    user_rows = USERS
    if id_lookup != "int":
        vocabulary = [f"user_{k:04d}" for k in range(USERS)]
        lookup = layers.StringLookup(vocabulary=vocabulary, num_oov_indices=1)
        spell = "{:04d}" if id_lookup == "strings" else "{}"
        users, vusers = (np.asarray(lookup(np.array([f"user_{spell.format(k)}" for k in v])))
                         for v in (users, vusers))  # fmt: skip
        user_rows = lookup.vocabulary_size()
    if item_table < ITEMS:
        items, vitems = np.minimum(items, item_table - 1), np.minimum(vitems, item_table - 1)
    if user_table < USERS:
        users, vusers = np.minimum(users, user_table - 1), np.minimum(vusers, user_table - 1)
        user_rows = user_table
    x = np.stack([users, items], axis=1).astype("int32")
    xval = np.stack([vusers, vitems], axis=1).astype("int32")
    if swap_val_columns:
        xval = xval[:, ::-1].copy()
    mean = float(y.mean()) if centre and head == "linear" else 0.0
    y, yval = y - mean, yval - mean
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((2,), dtype="int32")
    u, i = inputs[:, 0], inputs[:, 1]
    penalty = keras.regularizers.l2(l2)
    pu = layers.Embedding(user_rows, factors, embeddings_initializer="he_normal",
                          embeddings_regularizer=penalty)(u)  # fmt: skip
    qi = layers.Embedding(item_table, factors, embeddings_initializer="he_normal",
                          embeddings_regularizer=penalty)(i)  # fmt: skip
    bu = layers.Embedding(user_rows, 1, embeddings_regularizer=penalty)(u)
    bi = layers.Embedding(item_table, 1, embeddings_regularizer=penalty)(i)
    out = layers.Add()([layers.Dot(axes=1)([pu, qi]), bu, bi])
    if head == "sigmoid":
        out = layers.Activation("sigmoid")(out)
    elif head == "sigmoid_scaled":
        out = layers.Rescaling(4.0, offset=1.0)(layers.Activation("sigmoid")(out))
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def _sampled(pos: np.ndarray, seen: np.ndarray, ratio: int, how: str,
             rng: np.random.Generator) -> np.ndarray:  # fmt: skip
    """`ratio` negative [user, item] rows per positive: the positive's user with an item it
    never touched, drawn uniformly ("uniform") or from the positives' item column
    ("popularity"); "from_positives" draws whole positive rows instead (the item never
    replaced)."""
    if how == "from_positives":
        return pos[rng.integers(0, len(pos), size=len(pos) * ratio)]
    users = np.repeat(pos[:, 0], ratio)

    def draw(k: int) -> np.ndarray:
        if how == "popularity":
            return pos[rng.integers(0, len(pos), size=k), 1]
        return rng.integers(0, ITEMS, size=k)

    items = draw(len(users))
    clash = seen[users, items]
    while clash.any():  # draw again where the user had touched the item
        items[clash] = draw(int(clash.sum()))
        clash = seen[users, items]
    return np.stack([users, items], axis=1)


def implicit_ncf(kit: Kit, *, negatives: str = "uniform", ratio: int = 1,
                 epochs: int = 8) -> Any:  # fmt: skip
    """Implicit feedback (positives only): each positive [user, item] row with one sampled
    negative, an item the user never touched drawn uniformly (label 0), rows shuffled by
    fit; user and item Embedding(32), a Dot, Dense(1, sigmoid); BCE, accuracy + AUC;
    Adam(1e-3), batch 256, 8 epochs; validation: the held-out positives, each with one
    unseen item. Options: `negatives="popularity"` (the negative item drawn from the
    positives' item column: popularity-weighted sampling), `ratio` (negatives per
    positive). Fault: `negatives="from_positives"` (negative rows drawn from the positive
    rows and labelled 0, the item never replaced)."""
    pos, seen, xval, yval = implicit_feedback()
    neg = _sampled(pos, seen, ratio, negatives, np.random.default_rng(kit.seed))
    x = np.concatenate([pos, neg]).astype("int32")
    y = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))]).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((2,), dtype="int32")
    pu = layers.Embedding(USERS, 32)(inputs[:, 0])
    qi = layers.Embedding(ITEMS, 32)(inputs[:, 1])
    out = layers.Dense(1, activation="sigmoid")(layers.Dot(axes=1)([pu, qi]))
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=256,
                   validation_data=(xval, yval))  # fmt: skip


def two_tower(kit: Kit, *, shuffle: bool = True, normalise: bool = True,
              l2: float = 0.0, epochs: int = 8) -> Any:  # fmt: skip
    """Two-tower model on implicit feedback: a user tower (Embedding 32 -> Dense 64 ReLU ->
    Dense 32) and an item tower (the same on item ids), each L2-normalised
    (UnitNormalization), their dot product (the cosine) scaled by 10 (a Rescaling, the
    temperature) -> sigmoid; one uniform negative per positive, the positives (the log
    sorted by user) then the negatives concatenated; BCE, accuracy + AUC; Adam(1e-3),
    batch 256, 8 epochs; validation: the held-out positives, each with one unseen item.
    Option: `normalise=False` (the raw dot product, no scaling). Faults: `shuffle=False`
    (the concatenated arrays fed in order: every batch all positives, then all negatives),
    `l2` (`embeddings_regularizer=l2(...)` on both id Embeddings)."""
    pos, seen, xval, yval = implicit_feedback()
    neg = _sampled(pos, seen, 1, "uniform", np.random.default_rng(kit.seed))
    x = np.concatenate([pos, neg]).astype("int32")
    y = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))]).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((2,), dtype="int32")
    towers = []
    for column, rows in ((0, USERS), (1, ITEMS)):
        h = layers.Embedding(rows, 32, embeddings_regularizer=keras.regularizers.l2(l2)
                             if l2 else None)(inputs[:, column])  # fmt: skip
        h = layers.Dense(32)(layers.Dense(64, activation="relu")(h))
        towers.append(layers.UnitNormalization()(h) if normalise else h)
    score = layers.Dot(axes=1)(towers)
    if normalise:
        score = layers.Rescaling(10.0)(score)
    model = keras.Model(inputs, layers.Activation("sigmoid")(score))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=256,
                   shuffle=shuffle, validation_data=(xval, yval))  # fmt: skip


def _pairs(x: np.ndarray, y: np.ndarray, n: int, rng: np.random.Generator) -> tuple:
    """n pairs, half of the same digit (label 1), half of two different digits (0)."""
    by_class = [np.flatnonzero(y == c) for c in range(10)]
    a = rng.integers(0, len(y), size=n)
    same = np.arange(n) % 2 == 0
    b = np.empty(n, dtype=int)
    for k in range(n):
        if same[k]:
            b[k] = rng.choice(by_class[y[a[k]]])
        else:
            other = (y[a[k]] + rng.integers(1, 10)) % 10
            b[k] = rng.choice(by_class[other])
    return x[a], x[b], same.astype("float32")


def _encoder(name: str, normalise: bool) -> keras.Model:
    inputs = keras.Input((64,))
    h = layers.Dense(128, activation="relu")(inputs)
    h = layers.Dense(32)(h)
    if normalise:
        h = layers.UnitNormalization()(h)
    return keras.Model(inputs, h, name=name)


def siamese_contrastive(kit: Kit, *, normalise: bool = True, margin: float = 1.0,
                        scale_pixels: bool = True, flip_labels: bool = False,
                        epochs: int = 10) -> Any:  # fmt: skip
    """Pairs of 8x8 digits (6000 training pairs from 1400 digits, 1500 validation pairs from
    the other 397; half the same digit, label 1), pixels / 16; one shared encoder (Dense 128
    ReLU -> Dense 32 -> UnitNormalization) on both inputs, the Euclidean distance (a
    registered PairDistance layer); contrastive loss y d^2 + (1 - y) max(margin - d, 0)^2,
    margin 1; pair accuracy = (d < margin / 2) == y; Adam(1e-3), batch 64, 10 epochs.
    Faults: `normalise=False` (the margin of 1 on un-normalised embeddings),
    `scale_pixels=False` (0..16), `flip_labels` (the loss written for "1 = different" while
    the pairs say 1 = same)."""
    x, xval, y, yval = digit_images()
    if scale_pixels:
        x, xval = x / 16.0, xval / 16.0
    rng = np.random.default_rng(0)
    a, b, same = _pairs(x, y, 6000, rng)
    va, vb, vsame = _pairs(xval, yval, 1500, rng)

    def contrastive(y_true: Any, d: Any) -> Any:
        t = 1.0 - y_true if flip_labels else y_true
        return ops.mean(t * ops.square(d) + (1 - t) * ops.square(ops.relu(margin - d)), -1)

    def pair_acc(y_true: Any, d: Any) -> Any:
        return ops.cast(ops.equal(ops.cast(d < margin / 2, "float32"), y_true), "float32")

    keras.utils.set_random_seed(kit.seed)
    encoder = _encoder("encoder", normalise)
    left, right = keras.Input((64,), name="left"), keras.Input((64,), name="right")
    d = PairDistance()([encoder(left), encoder(right)])
    model = keras.Model([left, right], d)
    model.compile(keras.optimizers.Adam(1e-3), contrastive, metrics=[pair_acc])
    same, vsame = same[:, None], vsame[:, None]
    return kit.fit(model, [a, b], same, probe_data=([a, b], same), epochs=epochs, batch_size=64,
                   validation_data=([va, vb], vsame))  # fmt: skip


def _triplets(x: np.ndarray, y: np.ndarray, n: int, rng: np.random.Generator,
              positive: str) -> tuple:  # fmt: skip
    by_class = [np.flatnonzero(y == c) for c in range(10)]
    a = rng.integers(0, len(y), size=n)
    p = np.empty(n, dtype=int)
    q = np.empty(n, dtype=int)
    for k in range(n):
        c = y[a[k]]
        p[k] = rng.choice(by_class[c]) if positive == "same_class" else rng.integers(len(y))
        q[k] = rng.choice(by_class[(c + rng.integers(1, 10)) % 10])
    return x[a], x[p], x[q]


def triplet_encoder(kit: Kit, *, positive: str = "same_class", shared: bool = True,
                    normalise: bool = True, margin: float = 0.2,
                    epochs: int = 10) -> Any:  # fmt: skip
    """Triplets of 8x8 digits (anchor, a positive of the same digit, a negative of another;
    5000 for training, 1500 from the held-out digits), pixels / 16; one shared encoder
    (Dense 128 ReLU -> Dense 32 -> UnitNormalization) on the three inputs; squared
    distances (a, p) and (a, n) stacked as the output; loss max(d_ap - d_an + 0.2, 0)
    (FaceNet's margin for unit embeddings); triplet accuracy d_ap < d_an; Adam(1e-3), batch
    64, 10 epochs. Faults: `positive="any"` (the positive drawn from every digit, not the
    anchor's class), `shared=False` (the encoder built three times, once per input),
    `normalise=False` (the 0.2 margin on un-normalised embeddings)."""
    x, xval, y, yval = digit_images()
    x, xval = x / 16.0, xval / 16.0
    rng = np.random.default_rng(0)
    a, p, q = _triplets(x, y, 5000, rng, positive)
    va, vp, vq = _triplets(xval, yval, 1500, rng, "same_class")

    def triplet_loss(y_true: Any, d: Any) -> Any:
        return ops.relu(d[:, 0] - d[:, 1] + margin)

    def triplet_acc(y_true: Any, d: Any) -> Any:
        return ops.cast(d[:, 0] < d[:, 1], "float32")

    keras.utils.set_random_seed(kit.seed)
    names = ("anchor", "positive", "negative")
    inputs = [keras.Input((64,), name=n) for n in names]
    if shared:
        encoder = _encoder("encoder", normalise)
        e = [encoder(t) for t in inputs]
    else:
        e = [_encoder(f"encoder_{n}", normalise)(t) for n, t in zip(names, inputs, strict=True)]
    d = layers.Concatenate()([PairDistance(squared=True)([e[0], e[1]]),
                              PairDistance(squared=True)([e[0], e[2]])])  # fmt: skip
    model = keras.Model(inputs, d)
    model.compile(keras.optimizers.Adam(1e-3), triplet_loss, metrics=[triplet_acc])
    t, vt = np.zeros(len(a), "float32"), np.zeros(len(va), "float32")
    return kit.fit(model, [a, p, q], t, probe_data=([a, p, q], t), epochs=epochs,
                   batch_size=64, validation_data=([va, vp, vq], vt))  # fmt: skip


def _doc_pairs(f: np.ndarray, g: np.ndarray, per_query: int,
               rng: np.random.Generator) -> tuple:  # fmt: skip
    """Pairs of documents of one query with different grades; label 1 when the first is the
    more relevant."""
    left, right, label = [], [], []
    docs = g.shape[1]
    for q in range(len(g)):
        made = 0
        while made < per_query:
            i, j = rng.integers(0, docs, size=2)
            if g[q, i] == g[q, j]:
                continue
            left.append(f[q, i])
            right.append(f[q, j])
            label.append(float(g[q, i] > g[q, j]))
            made += 1
    return np.array(left), np.array(right), np.array(label, dtype="float32")


def ranknet_pairs(kit: Kit, *, log_heavy: bool = True, standardise: bool = True,
                  epochs: int = 10) -> Any:  # fmt: skip
    """RankNet: pairs of one query's documents with different grades (40 a query; label 1
    when the first is more relevant); the heavy-tailed features (views, dwell ms, link
    score) through log1p, then standardised with the training documents' mean and std; one
    shared scorer (Dense 32 ReLU -> Dense 16 ReLU -> Dense 1) on both documents,
    s_first - s_second (Subtract) -> sigmoid; BCE, accuracy; Adam(1e-3), batch 64, 10
    epochs. Faults: `log_heavy=False, standardise=False` (the features in their logged
    units: a link score in the millions next to term matches of 0-30), `log_heavy=False`
    (standardised but not log-scaled)."""
    f, fval, g, gval = ranking_queries()
    if log_heavy:
        f, fval = f.copy(), fval.copy()
        f[..., 2:5], fval[..., 2:5] = np.log1p(f[..., 2:5]), np.log1p(fval[..., 2:5])
    if standardise:
        flat = f.reshape(-1, f.shape[-1])
        mean, std = flat.mean(axis=0), flat.std(axis=0)
        f, fval = (f - mean) / std, (fval - mean) / std
    rng = np.random.default_rng(0)
    a, b, y = _doc_pairs(f, g, 40, rng)
    va, vb, vy = _doc_pairs(fval, gval, 40, rng)
    keras.utils.set_random_seed(kit.seed)
    doc = keras.Input((6,))
    h = layers.Dense(32, activation="relu")(doc)
    h = layers.Dense(16, activation="relu")(h)
    scorer = keras.Model(doc, layers.Dense(1)(h), name="scorer")
    first, second = keras.Input((6,), name="first"), keras.Input((6,), name="second")
    diff = layers.Subtract()([scorer(first), scorer(second)])
    model = keras.Model([first, second], layers.Activation("sigmoid")(diff))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, [a, b], y, probe_data=([a, b], y), epochs=epochs, batch_size=64,
                   validation_data=([va, vb], vy))  # fmt: skip
