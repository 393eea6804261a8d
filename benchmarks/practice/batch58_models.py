"""Batch-58 deep tabular scripts (keyword options are the faults, the defaults the healthy
choice): wide-and-deep, a Deep & Cross network with hand-written cross layers, a
feature-tokenizer transformer, a TabNet-like model with attentive feature masks, an
ensemble of soft (differentiable) decision trees, an MLP on periodic or piecewise-linear
numeric embeddings and a residual MLP with LayerNorm. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch58_data import (
    CATEGORIES,
    customer_table,
    multiclass_table,
    sharp_regression,
)
from benchmarks.practice.kit import Kit


def _numeric(scale: str) -> tuple[np.ndarray, np.ndarray]:
    """The customer table's numeric columns: "standard" (log1p of income, then the
    training rows' mean / sd, as a tutorial's preprocessing cell) or "none" (raw units)."""
    t = customer_table()
    x, xval = t["num"].copy(), t["num_val"].copy()
    if scale == "none":
        return x, xval
    x[:, 1], xval[:, 1] = np.log1p(x[:, 1]), np.log1p(xval[:, 1])
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / sd, (xval - mean) / sd


def _one_hot(cat: np.ndarray, crosses: bool) -> np.ndarray:
    """The wide part's sparse features: each category one-hot, and (with `crosses`) the
    product x channel and region x product crosses one-hot."""
    sizes = list(CATEGORIES.values())
    blocks = [np.eye(k, dtype="float32")[cat[:, i]] for i, k in enumerate(sizes)]
    if crosses:
        product_channel = cat[:, 1] * sizes[2] + cat[:, 2]
        region_product = cat[:, 0] * sizes[1] + cat[:, 1]
        blocks.append(np.eye(sizes[1] * sizes[2], dtype="float32")[product_channel])
        blocks.append(np.eye(sizes[0] * sizes[1], dtype="float32")[region_product])
    return np.concatenate(blocks, axis=1)


def _embedded_inputs(dim: int) -> tuple[list[keras.KerasTensor], keras.KerasTensor]:
    """Inputs (numeric (6,), categories (3,) int) and the numeric columns concatenated with
    one Embedding(dim) per category."""
    num_in = keras.Input((6,), name="numeric")
    cat_in = keras.Input((3,), dtype="int32", name="categories")
    parts = [num_in]
    for i, (name, size) in enumerate(CATEGORIES.items()):
        column = layers.Lambda(lambda c, i=i: c[:, i])(cat_in)
        parts.append(layers.Embedding(size, dim, name=f"emb_{name}")(column))
    return [num_in, cat_in], layers.Concatenate()(parts)


def wide_deep(kit: Kit, *, crosses: bool = True, leak: str = "none", head: str = "sigmoid",
              scale: str = "standard", lr: float = 1e-3, batch_size: int = 64,
              epochs: int = 15) -> Any:  # fmt: skip
    """Wide & deep on the customer table (3000 train, 1000 validate): the wide part a
    Dense(1) on the one-hot categories and their product x channel / region x product
    crosses, the deep part Embedding(4) per category + the standardised numeric columns ->
    Dense 64 ReLU -> Dense 32 ReLU -> Dense(1); the two logits added -> sigmoid, binary CE,
    Adam(1e-3), batch 64, 15 epochs. Options: `crosses` (False: the wide part one-hot only),
    `leak` ("none"; "target_filled": the Kaggle concat of train and test frames, the churn
    column not dropped from the wide columns: the training rows carry their label, the
    validation rows (the "test" frame) a fillna(0); "id": a customer id column in the wide
    part, numbered after the export sorted the training rows by churn, the validation rows
    numbered after them), `head` ("sigmoid"; "softmax1": Dense(1) then softmax), `scale`,
    the rate, batch size and epochs."""
    t = customer_table()
    x_num, xv_num = _numeric(scale)
    wide, wide_val = _one_hot(t["cat"], crosses), _one_hot(t["cat_val"], crosses)
    y, yval = t["y"], t["y_val"]
    if leak == "target_filled":
        wide = np.concatenate([wide, y[:, None].astype("float32")], axis=1)
        wide_val = np.concatenate([wide_val, np.zeros((len(yval), 1), "float32")], axis=1)
    elif leak == "id":
        rank = np.empty(len(y))
        rank[np.argsort(y, kind="stable")] = np.arange(len(y))
        ids = np.concatenate([rank, len(y) + np.arange(len(yval))])
        ids = ((ids - rank.mean()) / rank.std()).astype("float32")[:, None]
        wide = np.concatenate([wide, ids[:len(y)]], axis=1)
        wide_val = np.concatenate([wide_val, ids[len(y):]], axis=1)
    keras.utils.set_random_seed(kit.seed)
    inputs, deep = _embedded_inputs(4)
    wide_in = keras.Input((wide.shape[1],), name="wide")
    deep = layers.Dense(64, activation="relu")(deep)
    deep = layers.Dense(32, activation="relu")(deep)
    logit = layers.Add()([layers.Dense(1)(wide_in), layers.Dense(1)(deep)])
    if head == "softmax1":
        out = layers.Activation("softmax")(logit)
    else:
        out = layers.Activation("sigmoid")(logit)
    model = keras.Model([wide_in, *inputs], out)
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    x = [wide, x_num, t["cat"]]
    xval = [wide_val, xv_num, t["cat_val"]]
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class CrossLayer(layers.Layer):
    """DCN-v2 cross layer: x_{l+1} = x_0 * (W x_l + b) + x_l (`kind="matrix"`), or DCN-v1's
    x_0 (x_l . w) + b + x_l (`kind="vector"`)."""

    def __init__(self, kind: str = "matrix", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = kind

    def build(self, input_shape: Any) -> None:
        dim = input_shape[0][-1]
        shape = (dim, dim) if self.kind == "matrix" else (dim, 1)
        self.w = self.add_weight(shape=shape, initializer="glorot_uniform", name="w")
        self.b = self.add_weight(shape=(dim,), initializer="zeros", name="b")

    def call(self, inputs: Any) -> Any:
        x0, xl = inputs
        if self.kind == "matrix":
            return x0 * (ops.matmul(xl, self.w) + self.b) + xl
        return x0 * ops.matmul(xl, self.w) + self.b + xl


def deep_cross(kit: Kit, *, cross_layers: int = 3, kind: str = "matrix", norm: str = "none",
               scale: str = "standard", optimizer: str = "adam", lr: float = 1e-3,
               batch_size: int = 64, epochs: int = 15) -> Any:  # fmt: skip
    """Deep & Cross (DCN-v2, stacked) on the customer table: x0 = standardised numeric +
    Embedding(4) per category (18 columns), `cross_layers` hand-written cross layers, then
    Dense 64 ReLU -> Dense 32 ReLU -> Dense 1 sigmoid, binary CE, Adam(1e-3), batch 64, 15
    epochs. Options: `cross_layers`, `kind` ("matrix": DCN-v2; "vector": DCN-v1), `norm`
    ("none"; "layer": LayerNormalization after each cross), `scale` ("none": the raw units
    into the crosses), `optimizer` ("adam" / "sgd"), the rate, batch size and epochs."""
    t = customer_table()
    x_num, xv_num = _numeric(scale)
    keras.utils.set_random_seed(kit.seed)
    inputs, x0 = _embedded_inputs(4)
    h = x0
    for _ in range(cross_layers):
        h = CrossLayer(kind)([x0, h])
        if norm == "layer":
            h = layers.LayerNormalization()(h)
    h = layers.Dense(64, activation="relu")(h)
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(h))
    opt = keras.optimizers.Adam(lr) if optimizer == "adam" else keras.optimizers.SGD(lr, 0.9)
    model.compile(opt, "binary_crossentropy", metrics=["accuracy"])
    x, xval = [x_num, t["cat"]], [xv_num, t["cat_val"]]
    return kit.fit(model, x, t["y"], probe_data=(x, t["y"]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, t["y_val"]))  # fmt: skip


class NumericTokenizer(layers.Layer):
    """FT-Transformer's numeric tokens: token_j = x_j * W_j + b_j, one d-vector pair a
    feature; `initializer` for W and b."""

    def __init__(self, dim: int, initializer: str = "random_normal", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dim = dim
        self.initializer = initializer

    def build(self, input_shape: Any) -> None:
        features = input_shape[-1]
        self.w = self.add_weight(shape=(features, self.dim), initializer=self.initializer,
                                 name="w")  # fmt: skip
        self.b = self.add_weight(shape=(features, self.dim), initializer=self.initializer,
                                 name="b")  # fmt: skip

    def call(self, x: Any) -> Any:
        return x[..., None] * self.w + self.b


class ClsToken(layers.Layer):
    """Prepends a learned [CLS] token to the token sequence."""

    def build(self, input_shape: Any) -> None:
        self.cls = self.add_weight(shape=(1, 1, input_shape[-1]), initializer="random_normal",
                                   name="cls")  # fmt: skip

    def call(self, tokens: Any) -> Any:
        cls = ops.broadcast_to(self.cls, (ops.shape(tokens)[0], 1, ops.shape(tokens)[-1]))
        return ops.concatenate([cls, tokens], axis=1)


def ft_transformer(kit: Kit, *, dim: int = 16, blocks: int = 2, heads: int = 4,
                   dropout: float = 0.1, token_init: str = "random_normal",
                   token_activation: str = "linear", scale: str = "standard",
                   per_class: int = 0, lr: float = 1e-3, batch_size: int = 64,
                   epochs: int = 15) -> Any:  # fmt: skip
    """FT-Transformer on the customer table: a numeric tokenizer (x_j W_j + b_j) and an
    Embedding(16) per category -> 9 tokens + [CLS]; `blocks` pre-LN blocks (MultiHeadAttention
    4 heads, key_dim 4; FFN 32 ReLU; dropout 0.1 on attention and FFN); LayerNorm(CLS) ->
    ReLU -> Dense 1 sigmoid; binary CE, Adam(1e-3), batch 64, 15 epochs. Options:
    `token_init` ("random_normal"; "zeros": the tokenizer's W, b and the category
    embeddings all initialised at 0), `token_activation` ("linear"; "relu" on the tokens),
    `scale` ("none": raw units into the tokenizer), `per_class` (> 0: only that many training
    rows of each class, e.g. 30), `dropout`, the rate, batch size and epochs."""
    t = customer_table()
    x_num, xv_num = _numeric(scale)
    cat, y = t["cat"], t["y"]
    if per_class:
        rows = np.sort(np.concatenate([np.flatnonzero(y == k)[:per_class] for k in (0, 1)]))
        x_num, cat, y = x_num[rows], cat[rows], y[rows]
    keras.utils.set_random_seed(kit.seed)
    num_in = keras.Input((6,), name="numeric")
    cat_in = keras.Input((3,), dtype="int32", name="categories")
    embed_init = "zeros" if token_init == "zeros" else "uniform"
    tokens = [NumericTokenizer(dim, token_init)(num_in),
              layers.Embedding(sum(CATEGORIES.values()), dim,
                               embeddings_initializer=embed_init)(
                  layers.Lambda(lambda c: c + np.array([0, 6, 14], "int32"))(cat_in))]  # fmt: skip
    h = layers.Concatenate(axis=1)(tokens)
    h = layers.Activation(token_activation)(h)
    h = ClsToken()(h)
    for _ in range(blocks):
        a = layers.LayerNormalization()(h)
        a = layers.MultiHeadAttention(heads, dim // heads, dropout=dropout)(a, a)
        h = layers.Add()([h, layers.Dropout(dropout)(a)])
        f = layers.LayerNormalization()(h)
        f = layers.Dense(2 * dim, activation="relu")(f)
        f = layers.Dropout(dropout)(f)
        h = layers.Add()([h, layers.Dense(dim)(f)])
    cls = layers.Lambda(lambda s: s[:, 0])(h)
    out = layers.Dense(1, activation="sigmoid")(layers.ReLU()(layers.LayerNormalization()(cls)))
    model = keras.Model([num_in, cat_in], out)
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    x, xval = [x_num, cat], [xv_num, t["cat_val"]]
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, t["y_val"]))  # fmt: skip


def _glu_block(h: Any, units: int) -> Any:
    h = layers.Dense(2 * units, use_bias=False)(h)
    h = layers.BatchNormalization(momentum=0.9)(h)
    value, gate = layers.Lambda(lambda z: ops.split(z, 2, axis=-1))(h)
    return layers.Multiply()([value, layers.Activation("sigmoid")(gate)])


def tabnet(kit: Kit, *, steps: int = 3, mask: str = "sparsemax", mask_axis: int = -1,
           gamma: float = 1.3, units: int = 16, lr: float = 2e-2, batch_size: int = 256,
           epochs: int = 30) -> Any:  # fmt: skip
    """A TabNet-like model on the `make_classification` table (24 features, 4 classes; 2400
    train, 600 validate): BatchNorm on the inputs, `steps` decision steps, each an attentive
    transformer (Dense(24) -> BatchNorm -> x prior -> sparsemax over the features: the mask
    M) and a feature transformer on M * x (two GLU blocks of 2 x 16 with a sqrt(0.5)
    residual); relu(the decision half) summed over steps -> softmax 4; prior *= (gamma - M),
    gamma 1.3; sparse CE, Adam(2e-2), batch 256, 30 epochs. Options: `mask` ("sparsemax" /
    "softmax"), `mask_axis` (-1: over the features; 0: over the batch, the axis a copied
    snippet left at 0), `gamma`, `steps`, `units`, the rate, batch size and epochs."""
    x, xval, y, yval = multiclass_table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((24,))
    features = layers.BatchNormalization(momentum=0.9)(inputs)
    prior = layers.Lambda(lambda f: ops.ones_like(f))(features)
    attention = _glu_block(features, units)
    decision = []
    normalise = ops.sparsemax if mask == "sparsemax" else ops.softmax
    masker = layers.Activation(lambda z: normalise(z, axis=mask_axis))
    for _ in range(steps):
        logits = layers.Dense(24, use_bias=False)(attention)
        logits = layers.BatchNormalization(momentum=0.9)(logits)
        m = masker(layers.Multiply()([logits, prior]))
        prior = layers.Lambda(lambda p: p[0] * (gamma - p[1]))([prior, m])
        h = _glu_block(layers.Multiply()([m, features]), units)
        h2 = _glu_block(h, units)
        h = layers.Lambda(lambda p: (p[0] + p[1]) * np.sqrt(0.5).astype("float32"))([h, h2])
        d, attention = layers.Lambda(lambda z: ops.split(z, 2, axis=-1))(h)
        decision.append(layers.ReLU()(d))
    h = layers.Add()(decision) if len(decision) > 1 else decision[0]
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class SoftTrees(layers.Layer):
    """An ensemble of `trees` soft oblique decision trees of depth `depth`: each inner node
    routes right with sigmoid((w . x + b) / temperature); a leaf's weight is the product
    along its path; the output is the mean over trees of the leaves' weighted values."""

    def __init__(self, trees: int, depth: int, outputs: int, temperature: float,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.trees, self.depth, self.outputs, self.temperature = trees, depth, outputs, temperature

    def build(self, input_shape: Any) -> None:
        inner, leaves = 2 ** self.depth - 1, 2 ** self.depth
        self.router = layers.Dense(self.trees * inner)
        self.router.build(input_shape)
        self.leaf = self.add_weight(shape=(self.trees, leaves, self.outputs),
                                    initializer="random_normal", name="leaf")  # fmt: skip

    def call(self, x: Any) -> Any:
        inner = 2 ** self.depth - 1
        p = ops.sigmoid(self.router(x) / self.temperature)
        p = ops.reshape(p, (-1, self.trees, inner))
        mu = ops.ones_like(p[:, :, :1])
        for level in range(self.depth):
            start = 2 ** level - 1
            p_level = p[:, :, start:start + 2 ** level]
            mu = ops.reshape(ops.stack([mu * p_level, mu * (1 - p_level)], axis=-1),
                             (-1, self.trees, 2 ** (level + 1)))  # fmt: skip
        return ops.einsum("btl,tlc->bc", mu, self.leaf) / self.trees


def soft_trees(kit: Kit, *, trees: int = 16, depth: int = 4, temperature: float = 1.0,
               scale: str = "standard", lr: float = 1e-2, batch_size: int = 64,
               epochs: int = 15) -> Any:  # fmt: skip
    """A NODE-like ensemble of 16 soft oblique trees of depth 4 on the customer table
    (standardised numeric + one-hot categories and crosses), the trees' mean logit ->
    sigmoid, binary CE, Adam(1e-2), batch 64, 15 epochs. Options: `temperature` of the
    routing sigmoid (1.0; 0.001: saturated, every routing 0 or 1), `trees`, `depth`,
    `scale` ("none": the raw units into the routers), the rate, batch size and epochs."""
    t = customer_table()
    x_num, xv_num = _numeric(scale)
    x = np.concatenate([x_num, _one_hot(t["cat"], True)], axis=1)
    xval = np.concatenate([xv_num, _one_hot(t["cat_val"], True)], axis=1)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    logit = SoftTrees(trees, depth, 1, temperature)(inputs)
    model = keras.Model(inputs, layers.Activation("sigmoid")(logit))
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, t["y"], probe_data=(x, t["y"]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, t["y_val"]))  # fmt: skip


class PeriodicEmbedding(layers.Layer):
    """Periodic numeric embeddings (Gorishniy et al. 2022): for each feature k frequencies
    c ~ N(0, sigma^2) (trainable), [sin(2 pi c x), cos(2 pi c x)], then a shared-per-feature
    Dense(dim) ReLU ("PLR")."""

    def __init__(self, frequencies: int, sigma: float, dim: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.k, self.sigma, self.dim = frequencies, sigma, dim

    def build(self, input_shape: Any) -> None:
        features = input_shape[-1]
        self.c = self.add_weight(shape=(features, self.k), name="c",
                                 initializer=keras.initializers.RandomNormal(0.0, self.sigma))
        self.w = self.add_weight(shape=(features, 2 * self.k, self.dim), name="w",
                                 initializer="glorot_uniform")  # fmt: skip
        self.b = self.add_weight(shape=(features, self.dim), initializer="zeros", name="b")

    def call(self, x: Any) -> Any:
        z = 2 * np.pi * x[..., None] * self.c
        z = ops.concatenate([ops.sin(z), ops.cos(z)], axis=-1)
        z = ops.relu(ops.einsum("bfk,fkd->bfd", z, self.w) + self.b)
        return ops.reshape(z, (-1, z.shape[1] * self.dim))


def _ple(x: np.ndarray, edges: list[np.ndarray]) -> np.ndarray:
    """Piecewise-linear encoding: for each feature and bin [e_t, e_{t+1}) the value
    clip((x - e_t) / (e_{t+1} - e_t), 0, 1)."""
    out = [np.clip((x[:, [j]] - e[:-1]) / np.diff(e), 0.0, 1.0) for j, e in enumerate(edges)]
    return np.concatenate(out, axis=1).astype("float32")


def numeric_embedding_mlp(kit: Kit, *, embedding: str = "periodic", sigma: float = 0.5,
                          bins: int = 16, scale: str = "standard", lr: float = 1e-3,
                          batch_size: int = 64, epochs: int = 25) -> Any:  # fmt: skip
    """An MLP on numeric embeddings for the sharp regression (4000 train, 1000 validate, 8
    features): features standardised on the training rows, then `embedding` ("periodic":
    16 frequencies, sigma 0.5, per-feature Dense 8 ReLU; "ple": piecewise-linear encoding
    on 16 training-quantile bins; "none": the standardised features), -> Dense 128 ReLU x 2
    -> Dense 1, MSE, Adam(1e-3), batch 64, 25 epochs. Options: `sigma`, `bins`, `scale`
    ("none": the raw units (metres, degrees, hours, 0..2e5) into the embedding), the rate,
    batch size and epochs."""
    x, xval, y, yval = sharp_regression()
    if scale != "none":
        mean, sd = x.mean(axis=0), x.std(axis=0)
        x, xval = (x - mean) / sd, (xval - mean) / sd
    if embedding == "ple":
        edges = [np.unique(np.quantile(x[:, j], np.linspace(0, 1, bins + 1)))
                 for j in range(x.shape[1])]  # fmt: skip
        x, xval = _ple(x, edges), _ple(xval, edges)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = PeriodicEmbedding(16, sigma, 8)(inputs) if embedding == "periodic" else inputs
    h = layers.Dense(128, activation="relu")(h)
    h = layers.Dense(128, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def resnet_mlp(kit: Kit, *, blocks: int = 4, width: int = 128, norm: str = "layer",
               dropout: float = 0.1, residual: bool = True, activation: str = "relu",
               optimizer: str = "adamw", lr: float = 1e-3, batch_size: int = 128,
               epochs: int = 25) -> Any:  # fmt: skip
    """A residual MLP (RTDL "ResNet") on the `make_classification` table: Dense 128, then
    `blocks` blocks h + Dropout(Dense(Dropout(ReLU(Dense 256 (LayerNorm(h)))))), a final
    LayerNorm -> ReLU -> softmax 4, sparse CE, AdamW(1e-3, weight decay 1e-4), batch 128, 25
    epochs. Options: `norm` ("layer" / "batch" / "none"), `residual` (False: a plain stack),
    `activation` in the blocks, `dropout`, `blocks`, `width`, `optimizer` ("adamw" / "sgd"
    (momentum 0.9)), the rate, batch size and epochs."""
    x, xval, y, yval = multiclass_table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((24,))
    h = layers.Dense(width)(inputs)
    for _ in range(blocks):
        z = h
        if norm == "layer":
            z = layers.LayerNormalization()(z)
        elif norm == "batch":
            z = layers.BatchNormalization()(z)
        z = layers.Dense(2 * width, activation=activation)(z)
        z = layers.Dropout(dropout)(z)
        z = layers.Dropout(dropout)(layers.Dense(width)(z))
        h = layers.Add()([h, z]) if residual else z
    h = layers.ReLU()(layers.LayerNormalization()(h) if norm == "layer" else h)
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    opt = (keras.optimizers.AdamW(lr, weight_decay=1e-4) if optimizer == "adamw"
           else keras.optimizers.SGD(lr, momentum=0.9))  # fmt: skip
    model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
