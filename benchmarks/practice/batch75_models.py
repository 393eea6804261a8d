"""Batch-75 memory and retrieval scripts (keyword options are the faults, the defaults the
healthy choice): an end-to-end key-value memory network (MemN2N style) on generated bAbI
"where is X?" stories, a classifier that reads a bank of learned memory slots (trainable keys
and values) by attention on the digits, a retrieval-augmented classifier fed the k nearest
training rows' labels and distances (a NumPy cache built from the training set) on generated
clusters, and a pointer network that points into a retrieved set of key / value candidates.
Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch75_data import (
    SLOTS,
    VOCAB,
    babi_where,
    clusters,
    digits_flat,
    knn_cache,
    pointer_sets,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


class MemoryHop(layers.Layer):
    """One MemN2N hop: p = softmax(m . u) over the memory slots (padded slots masked out),
    o = sum_i p_i c_i, returns u + o. `softmax_axis="slots"` the attention over the slots;
    "embed": the softmax taken over the last axis of the (batch, slots, dim) product before
    the sum (a misplaced axis); `mask` False: the padded slots take part."""

    def __init__(self, softmax_axis: str = "slots", mask: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.softmax_axis, self.mask = softmax_axis, mask

    def call(self, u: Any, keys: Any, values: Any, present: Any) -> Any:
        product = keys * u[:, None, :]
        if self.softmax_axis == "embed":
            weights = ops.softmax(product, axis=-1)
            return u + ops.sum(weights * values, axis=1)
        scores = ops.sum(product, axis=-1)
        if self.mask:
            scores = scores - 1e9 * (1.0 - present)
        p = ops.softmax(scores, axis=-1)
        return u + ops.sum(p[:, :, None] * values, axis=1)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "softmax_axis": self.softmax_axis, "mask": self.mask}


def memn2n_babi(kit: Kit, *, dim: int = 32, hops: int = 1, temporal: bool = True,
                softmax_axis: str = "slots", mask: bool = True, labels: str = "aligned",
                output: str = "softmax", loss: str = "sparse_categorical_crossentropy",
                optimizer: str = "adam", lr: float = 5e-3, epochs: int = 20,
                batch_size: int = 32) -> Any:  # fmt: skip
    """bAbI-style "where is X?" (3..10 facts newest first in 10 slots, 3000 train, 600
    validate, 10 places): an end-to-end memory network: the facts' tokens embedded (key
    Embedding A, value Embedding C, bag of words summed) plus a learned temporal embedding per
    slot, the question embedded by B; `hops` = 1 `MemoryHop` (softmax over the slots, padded
    slots masked) -> Dense 10 softmax, sparse CE, Adam(5e-3), batch 32, 20 epochs. Options:
    `temporal` (False: no temporal embedding, the slots' order is lost), `softmax_axis`,
    `mask`, `labels` ("aligned"; "shuffled": the answers permuted apart from the stories, as a
    shuffle of the answer list alone does), `output` (the head's activation), `loss`, the
    optimizer, rate, epochs and batch size, `dim`, `hops` (the hops share A and C)."""
    s, sval, q, qval, y, yval = babi_where()
    keras.utils.set_random_seed(kit.seed)
    if labels == "shuffled":
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    story = keras.Input((SLOTS, 3), dtype="int32", name="story")
    question = keras.Input((2,), dtype="int32", name="question")
    embed_a, embed_c = layers.Embedding(VOCAB, dim), layers.Embedding(VOCAB, dim)
    keys = ops.sum(embed_a(story), axis=2)
    values = ops.sum(embed_c(story), axis=2)
    if temporal:
        slots = ops.arange(SLOTS)
        keys = keys + layers.Embedding(SLOTS, dim)(slots)[None]
        values = values + layers.Embedding(SLOTS, dim)(slots)[None]
    present = ops.cast(ops.greater(ops.max(story, axis=2), 0), "float32")
    u = ops.sum(layers.Embedding(VOCAB, dim)(question), axis=1)
    hop = MemoryHop(softmax_axis, mask)
    for _ in range(hops):
        u = hop(u, keys, values, present)
    outputs = layers.Dense(10, activation=output)(u)
    model = keras.Model([story, question], outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, [s, q], y, probe_data=([s, q], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([sval, qval], yval))  # fmt: skip


class SlotMemory(layers.Layer):
    """A bank of `slots` learned memory slots, keys (slots, key_dim) and values (slots,
    value_dim), read by attention: softmax(q K^T * scale) V. `scale` "sqrt": 1 / sqrt(key_dim);
    a number: that factor. `init` the slots' initializer; `trainable_slots` False: the bank
    stays at its initial values; `axis` of the softmax (-1: over the slots; 0: over the
    batch, a misplaced axis)."""

    def __init__(self, slots: int, key_dim: int, value_dim: int, scale: Any = "sqrt",
                 init: str = "glorot_uniform", trainable_slots: bool = True, axis: int = -1,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.slots, self.key_dim, self.value_dim = slots, key_dim, value_dim
        self.scale, self.init, self.trainable_slots = scale, init, trainable_slots
        self.axis = axis

    def build(self, input_shape: Any) -> None:
        self.keys = self.add_weight((self.slots, self.key_dim), initializer=self.init,
                                    trainable=self.trainable_slots, name="keys")  # fmt: skip
        self.values = self.add_weight((self.slots, self.value_dim), initializer=self.init,
                                      trainable=self.trainable_slots, name="values")  # fmt: skip

    def call(self, q: Any) -> Any:
        factor = self.key_dim**-0.5 if self.scale == "sqrt" else float(self.scale)
        p = ops.softmax(ops.matmul(q, ops.transpose(self.keys)) * factor, axis=self.axis)
        return ops.matmul(p, self.values)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "slots": self.slots, "key_dim": self.key_dim,
                "value_dim": self.value_dim, "scale": self.scale, "init": self.init,
                "trainable_slots": self.trainable_slots, "axis": self.axis}  # fmt: skip


def slot_memory_digits(kit: Kit, *, slots: int = 32, scale: Any = "sqrt",
                       init: str = "glorot_uniform", trainable_slots: bool = True,
                       query_activation: str | None = None, skip: bool = False, axis: int = -1,
                       optimizer: str = "adam", lr: float = 3e-3, epochs: int = 30,
                       batch_size: int = 32) -> Any:  # fmt: skip
    """Digits (64 pixels / 16, 1200 train, 597 validate): Dense 64 ReLU -> Dense 32 (the
    query) -> `SlotMemory` (32 learned slots, keys 32-d, values 64-d, softmax(q K^T /
    sqrt(32)) V) -> Dense 10 softmax, sparse CE, Adam(3e-3), batch 32, 30 epochs; the read is
    the head's only input. Options: `slots`, `scale` ("sqrt" or a factor), `init` of the
    slots, `trainable_slots`, `query_activation`, `skip` (the query concatenated to the read),
    the softmax's `axis`, the optimizer, rate, epochs and batch size."""
    x, xval, y, yval = digits_flat()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(64, activation="relu")(inputs)
    q = layers.Dense(32, activation=query_activation)(h)
    read = SlotMemory(slots, 32, 64, scale, init, trainable_slots, axis)(q)
    if skip:
        read = layers.Concatenate()([q, read])
    outputs = layers.Dense(10, activation="softmax")(read)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def knn_augmented(kit: Kit, *, k: int = 8, exclude_self: bool = True,
                  distances: str = "scaled", neighbour_labels: str = "onehot",
                  label_lookup: str = "aligned", use_x: bool = True, lr: float = 1e-3,
                  epochs: int = 10, batch_size: int = 32) -> Any:  # fmt: skip
    """Generated clusters (20 standardised features, 4 classes of 3 clusters, 5 % of labels
    flipped; 2400 train, 600 validate): a retrieval-augmented classifier. A NumPy cache of the
    k = 8 nearest training rows (leave-one-out for the training rows; the validation rows'
    neighbours from the training set), their labels one-hot (8 x 4, flattened) and their
    distances (divided by the training distances' mean); x -> Dense 64 ReLU, concatenated
    with the neighbours' labels and distances -> Dense 64 ReLU -> Dense 4 softmax, sparse CE,
    Adam(1e-3), batch 32, 10 epochs. Options: `k`, `exclude_self` (False: the training rows'
    caches include the row itself, its own label at distance 0), `distances` ("scaled"; "raw":
    the squared distances as they come, 10-100), `neighbour_labels` ("onehot"; "int": the
    class ids as numbers), `label_lookup` ("aligned"; "shuffled": the neighbours' labels
    looked up in a label array shuffled after the cache was built), `use_x` (False: the
    neighbours alone), the rate, epochs and batch size."""
    x, xval, y, yval = clusters()
    keras.utils.set_random_seed(kit.seed)
    index, dist = knn_cache(x, x, k, exclude_self)
    index_val, dist_val = knn_cache(x, xval, k, False)
    bank = y
    if label_lookup == "shuffled":
        bank = y[np.random.default_rng(kit.seed).permutation(len(y))]
    if distances == "scaled":
        mean = dist.mean()
        dist, dist_val = dist / mean, dist_val / mean

    def labels_of(idx: np.ndarray) -> np.ndarray:
        if neighbour_labels == "int":
            return bank[idx].astype("float32")
        return np.eye(4, dtype="float32")[bank[idx]].reshape(len(idx), -1)

    nb, nb_val = labels_of(index), labels_of(index_val)
    x_in, nb_in, d_in = keras.Input((20,)), keras.Input((nb.shape[1],)), keras.Input((k,))
    parts = [nb_in, d_in]
    if use_x:
        parts.insert(0, layers.Dense(64, activation="relu")(x_in))
    h = layers.Dense(64, activation="relu")(layers.Concatenate()(parts))
    outputs = layers.Dense(4, activation="softmax")(h)
    model = keras.Model([x_in, nb_in, d_in], outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, [x, nb, dist], y, probe_data=([x, nb, dist], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([xval, nb_val, dist_val], yval))


def pointer_net(kit: Kit, *, dim: int = 32, head: str = "pointer", order: str = "aligned",
                temperature: float = 1.0, depth: int = 1, activation: str = "relu",
                lr: float = 1e-3, epochs: int = 15, batch_size: int = 32) -> Any:  # fmt: skip
    """A pointer into a retrieved set (8 candidates of (key, value) tokens, a query token; the
    answer is the position of the candidate whose key is the query's partner, (q + 13) mod 40
    + 1; 3000 train, 600 validate): candidates Embedding(41, 32) summed over key and value ->
    Dense 32 ReLU; the query Embedding -> Dense 32 ReLU -> Dense 32; pointer logits = the dot
    products of the query with each candidate / temperature -> softmax over the 8 positions,
    sparse CE, Adam(1e-3), batch 32, 15 epochs. Options: `head` ("pointer"; "dense_1_softmax":
    a Dense(1, activation="softmax") per candidate, then flattened: the softmax over an axis
    of size 1; "flat": the candidates flattened into a Dense 8 softmax), `order` ("aligned";
    "shuffled": the candidates shuffled within each set after the positions were taken),
    `temperature`, `depth` (Dense layers of the candidate encoder), their `activation`, the
    rate, epochs and batch size."""
    cand, cand_val, query, query_val, pos, pos_val = pointer_sets()
    keras.utils.set_random_seed(kit.seed)
    if order == "shuffled":
        rng = np.random.default_rng(kit.seed)
        cand = np.stack([c[rng.permutation(len(c))] for c in cand])
    c_in = keras.Input((8, 2), dtype="int32", name="candidates")
    q_in = keras.Input((1,), dtype="int32", name="query")
    c = ops.sum(layers.Embedding(41, dim)(c_in), axis=2)
    for _ in range(depth):
        c = layers.Dense(dim, activation=activation)(c)
    qv = layers.Dense(dim, activation="relu")(layers.Flatten()(layers.Embedding(41, dim)(q_in)))
    qv = layers.Dense(dim)(qv)
    if head == "dense_1_softmax":
        merged = c * qv[:, None, :]
        outputs = layers.Flatten()(layers.Dense(1, activation="softmax")(merged))
    elif head == "flat":
        merged = layers.Concatenate()([layers.Flatten()(c), qv])
        outputs = layers.Dense(8, activation="softmax")(layers.Dense(64, activation="relu")(merged))
    else:
        logits = ops.sum(c * qv[:, None, :], axis=-1) / temperature
        outputs = layers.Softmax()(logits)
    model = keras.Model([c_in, q_in], outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, [cand, query], pos, probe_data=([cand, query], pos), epochs=epochs,
                   batch_size=batch_size, validation_data=([cand_val, query_val], pos_val))
