"""Batch-26 set, point-cloud and graph scripts (keyword options are the faults, the defaults
the healthy choice): a PointNet-style shape classifier on 3-D scans, a DeepSets counter on
zero-padded sets with a mask, an attention pooling over a set, and a graph convolution
network (a small custom layer, `keras.ops.matmul` on a normalised adjacency) for node
classification on community graphs. Custom layers are registered with `get_config`, so the
models save and load. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch26_data import (
    community_graphs,
    disc_count_sets,
    marked_sets,
    point_clouds,
)
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice26")
class MaskedPool(layers.Layer):
    """Pools per-element features (batch, n, d) over the set axis, counting only the elements
    whose mask is 1: "sum", "mean" or "max". `use_mask=False` pools every slot."""

    def __init__(self, mode: str = "sum", use_mask: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mode, self.use_mask = mode, use_mask

    def call(self, inputs: Any) -> Any:
        h, mask = inputs
        m = ops.expand_dims(mask if self.use_mask else ops.ones_like(mask), -1)
        if self.mode == "max":
            return ops.max(h * m - 1e9 * (1.0 - m), axis=1)
        total = ops.sum(h * m, axis=1)
        if self.mode == "mean":
            return total / ops.maximum(ops.sum(m, axis=1), 1.0)
        return total

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "mode": self.mode, "use_mask": self.use_mask}


@keras.saving.register_keras_serializable(package="practice26")
class AttentionPool(layers.Layer):
    """A learned weighted sum over a set: a score per element (Dense(1)), a softmax over
    the set axis (`axis=1`), the scores' weighted sum of the element features."""

    def __init__(self, axis: int = 1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis
        self.score = layers.Dense(1)

    def build(self, input_shape: Any) -> None:
        self.score.build(input_shape)

    def call(self, h: Any) -> Any:
        weights = ops.softmax(self.score(h), axis=self.axis)
        return ops.sum(weights * h, axis=1)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "axis": self.axis}


@keras.saving.register_keras_serializable(package="practice26")
class GraphConv(layers.Layer):
    """Kipf-Welling graph convolution: activation(A_hat @ X @ W + b), for inputs
    [X (batch, nodes, features), A_hat (batch, nodes, nodes)]."""

    def __init__(self, units: int, activation: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape: Any) -> None:
        features = input_shape[0][-1]
        self.kernel = self.add_weight(shape=(features, self.units),
                                      initializer="glorot_uniform", name="kernel")  # fmt: skip
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs: Any) -> Any:
        x, a = inputs
        return self.activation(ops.matmul(a, ops.matmul(x, self.kernel)) + self.bias)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units,
                "activation": keras.activations.serialize(self.activation)}  # fmt: skip


def pointnet_shapes(kit: Kit, *, centre: bool = True, scale: bool = True,
                    batchnorm: bool = False, bn_axis: int = -1, input_dropout: float = 0.0,
                    learning_rate: float = 1e-3, shuffle_apart: bool = False,
                    epochs: int = 10) -> Any:  # fmt: skip
    """3-D scans (128 points, millimetres, ~2 m from the scanner) of four shapes; each cloud
    centred on its mean point and divided by the training set's largest radius (the
    PointNet unit-sphere recipe); a shared per-point MLP, Conv1D(64, 1) -> Conv1D(128, 1)
    (ReLU) -> GlobalMaxPooling1D -> Dense 64 -> Dropout 0.3 -> softmax 4; sparse CE;
    Adam(1e-3), batch 32, 10 epochs. Options: `batchnorm` (BatchNormalization after each
    Conv1D, on `bn_axis`). Faults: `centre=False` (the 2 m offset kept), `centre=False,
    scale=False` (raw millimetres), `bn_axis=1` (BatchNormalization over the point axis),
    `input_dropout` (Dropout on the coordinates), `learning_rate`, `shuffle_apart`
    (`rng.shuffle(x)` and `rng.shuffle(y)` as two calls)."""
    x, xval, y, yval = point_clouds()
    if shuffle_apart:
        rng = np.random.default_rng(kit.seed)
        x, y = x.copy(), y.copy()
        rng.shuffle(x)
        rng.shuffle(y)
    if centre:
        x = x - x.mean(axis=1, keepdims=True)
        xval = xval - xval.mean(axis=1, keepdims=True)
    if scale:
        radius = float(np.linalg.norm(x, axis=-1).max())
        x, xval = x / radius, xval / radius
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((128, 3))
    h = layers.Dropout(input_dropout)(inputs) if input_dropout else inputs
    for width in (64, 128):
        h = layers.Conv1D(width, 1, activation=None if batchnorm else "relu")(h)
        if batchnorm:
            h = layers.Activation("relu")(layers.BatchNormalization(axis=bn_axis)(h))
    h = layers.GlobalMaxPooling1D()(h)
    h = layers.Dropout(0.3)(layers.Dense(64, activation="relu")(h))
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(learning_rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xval, yval))  # fmt: skip


def deepsets_count(kit: Kit, *, pooling: str = "sum", use_mask: bool = True,
                   target: str = "count", epochs: int = 15) -> Any:  # fmt: skip
    """Zero-padded sets of 8-40 points in [-2, 2]^2 and their mask as two inputs -> phi:
    Dense 64 -> Dense 64 (ReLU, per element) -> masked sum over the set -> rho: Dense 64 ->
    Dense(1); target: how many points lie in the unit disc; MSE + mae; Adam(1e-3), batch 32,
    15 epochs. Faults: `pooling="mean"` (the set size is lost), `use_mask=False` (the padded
    zeros are pooled as points at the origin). Option: `target="fraction"`, the share of the
    set's points in the disc (the healthy pooling for it is "mean")."""
    x, xval, m, mval, y, yval = disc_count_sets()
    if target == "fraction":
        y, yval = y / m.sum(axis=1), yval / mval.sum(axis=1)
    keras.utils.set_random_seed(kit.seed)
    points, mask = keras.Input((40, 2), name="points"), keras.Input((40,), name="mask")
    h = layers.Dense(64, activation="relu")(points)
    h = layers.Dense(64, activation="relu")(h)
    h = MaskedPool(pooling, use_mask=use_mask)([h, mask])
    h = layers.Dense(64, activation="relu")(h)
    model = keras.Model([points, mask], layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, [x, m], y, probe_data=([x, m], y), epochs=epochs, batch_size=32,
                   validation_data=([xval, mval], yval))  # fmt: skip


def set_attention(kit: Kit, *, softmax_axis: int = 1, pooling: str = "attention",
                  input_dropout: float = 0.0, epochs: int = 15) -> Any:  # fmt: skip
    """Sets of 20 elements (value, x, y, noise); the label is the quadrant of the element
    with the largest value. Dense 64 -> Dense 64 (ReLU, per element) -> AttentionPool (a
    softmax over the set axis of a learned score, a weighted sum) -> Dense 64 -> softmax 4;
    sparse CE; Adam(2e-3), batch 32, 15 epochs. Fault: `softmax_axis=-1`, the softmax
    taken over the score's last axis (one unit: every weight 1, a plain sum). Option:
    `pooling="mean"` (GlobalAveragePooling1D instead of the attention). Fault:
    `input_dropout`, Dropout on the raw element features."""
    x, xval, y, yval = marked_sets()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20, 4))
    h = layers.Dropout(input_dropout)(inputs) if input_dropout else inputs
    h = layers.Dense(64, activation="relu")(h)
    h = layers.Dense(64, activation="relu")(h)
    if pooling == "attention":
        h = AttentionPool(axis=softmax_axis)(h)
    else:
        h = layers.GlobalAveragePooling1D()(h)
    h = layers.Dense(64, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xval, yval))  # fmt: skip


def _normalise(a: np.ndarray, how: str) -> np.ndarray:
    """`sym`: D^-1/2 (A + I) D^-1/2 (Kipf-Welling); `row`: D^-1 (A + I); `no_self_loops`:
    D^-1/2 A D^-1/2; `raw`: A as it is."""
    if how == "raw":
        return a
    if how != "no_self_loops":
        a = a + np.eye(a.shape[-1], dtype=a.dtype)
    degree = np.maximum(a.sum(axis=-1), 1.0)
    if how == "row":
        return (a / degree[..., :, None]).astype(np.float32)
    d = 1.0 / np.sqrt(degree)
    return (a * d[..., :, None] * d[..., None, :]).astype(np.float32)


def gcn_communities(kit: Kit, *, adjacency: str = "sym", shuffle_adjacency: bool = False,
                    node_order_mismatch: bool = False, learning_rate: float = 1e-2,
                    epochs: int = 12) -> Any:  # fmt: skip
    """Many small community graphs (40 nodes, 3 communities): node features (8) and the
    normalised adjacency D^-1/2 (A + I) D^-1/2 as two inputs -> GraphConv(32, ReLU) ->
    Dropout 0.2 -> GraphConv(32, ReLU) -> Dense(3, softmax) per node; sparse CE per node;
    Adam(1e-2, the GCN paper's rate), batch 16, 12 epochs. Faults: `adjacency="raw"`
    (the 0/1 matrix: no self-loops, no normalisation), `adjacency="no_self_loops"`,
    `shuffle_adjacency` (features and labels shuffled together, the adjacency matrices not);
    `node_order_mismatch` (each graph's node table, features and labels, re-sorted by
    another key than the one the adjacency was built with: rows no longer match)."""
    x, xval, a, aval, y, yval = community_graphs()
    if node_order_mismatch:
        rng = np.random.default_rng(0)
        orders = [np.stack([rng.permutation(40) for _ in range(len(v))]) for v in (x, xval)]
        pick = np.arange(len(x))[:, None], orders[0]
        x, y = x[pick], y[pick]
        pick = np.arange(len(xval))[:, None], orders[1]
        xval, yval = xval[pick], yval[pick]
    a, aval = _normalise(a, adjacency), _normalise(aval, adjacency)
    if shuffle_adjacency:
        order = np.random.default_rng(kit.seed).permutation(len(x))
        x, y = x[order], y[order]
    keras.utils.set_random_seed(kit.seed)
    feats, adj = keras.Input((40, 8), name="features"), keras.Input((40, 40), name="adjacency")
    h = GraphConv(32, "relu")([feats, adj])
    h = layers.Dropout(0.2)(h)
    h = GraphConv(32, "relu")([h, adj])
    model = keras.Model([feats, adj], layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(learning_rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, [x, a], y, probe_data=([x, a], y), epochs=epochs, batch_size=16,
                   validation_data=([xval, aval], yval))  # fmt: skip
