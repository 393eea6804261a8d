"""Batch-71 continual-learning scripts (keyword options are the faults, the defaults the
healthy choice): class-incremental digits with a replay buffer and a fixed, grown or masked
output head, EWC / L2-SP penalties toward the first task's weights on permuted digits, and
a task-incremental second head on a frozen shared trunk. The earlier stages are plain
`model.fit` calls; the last stage's fit is the watched `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch71_data import digit_tasks, permuted_tasks
from benchmarks.practice.kit import Kit


def _trunk(width: int = 64, dropout: float = 0.0) -> list[layers.Layer]:
    made: list[layers.Layer] = [layers.Dense(width, activation="relu", name="hidden1")]
    if dropout:
        made.append(layers.Dropout(dropout))
    made.append(layers.Dense(width, activation="relu", name="hidden2"))
    if dropout:
        made.append(layers.Dropout(dropout))
    return made


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    return keras.optimizers.Adam(lr)


def _buffer(x: np.ndarray, y: np.ndarray, per_class: int, seed: int) -> np.ndarray:
    """Indices of a class-balanced replay buffer: `per_class` random rows of each class."""
    rng = np.random.default_rng(seed)
    if per_class <= 0:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate([rng.choice(np.flatnonzero(y == c), per_class, replace=False)
                           for c in np.unique(y)])  # fmt: skip


def replay_digits(kit: Kit, *, buffer: int = 20, buffer_scale: str = "scaled",
                  offset: bool = True, head: str = "fixed", copy_head: bool = True,
                  freeze: str = "none", optimizer: str = "adam", lr: float = 1e-3,
                  epochs: int = 20, batch_size: int = 32, dropout: float = 0.0,
                  shuffle_rows: bool = True) -> Any:  # fmt: skip
    """Class-incremental digits: stage 1 (plain fit) on digits 0-4 (628 images / 16), Dense
    64 ReLU x 2 -> softmax head, Adam(1e-3), batch 32, 20 ep; stage 2 (watched) on digits
    5-9 (629 images, labels offset by 5) plus a replay buffer of `buffer` stage-1 images a
    class, recompiled with a fresh Adam(1e-3), batch 32, 20 ep, validated on all 540
    held-out images (10 classes). Options: `buffer` (0: no replay), `buffer_scale`
    ("scaled"; "raw": the buffer filled from the raw 0..16 arrays), `offset` (False: the
    task-B labels left task-local 0..4, colliding with the old classes), `head` ("fixed": a
    10-way softmax from the start; "grow": a 5-way head in stage 1, replaced by a 10-way one
    in stage 2, `copy_head` copying the old columns in), `freeze` ("none"; "trunk": the
    hidden layers frozen; "all": `model.trainable = False`), the stage-2 `optimizer` ("adam",
    "sgd" with momentum 0.9, "keep": no recompile) and `lr`, `epochs`, `batch_size`,
    `dropout` after each hidden layer, `shuffle_rows` (False: the buffer appended after the
    new rows, not shuffled by hand)."""
    d = digit_tasks()
    xa, ya = d["xa"] / 16.0, d["ya"]
    xb = d["xb"] / 16.0
    yb = d["yb_local"] + 5 if offset else d["yb_local"]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = inputs
    for layer in _trunk(dropout=dropout):
        h = layer(h)
    first = layers.Dense(10 if head == "fixed" else 5, activation="softmax", name="head")
    model = keras.Model(inputs, first(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    model.fit(xa, ya, epochs=20, batch_size=32, verbose=0)
    if head == "grow":
        grown = layers.Dense(10, activation="softmax", name="head10")
        model = keras.Model(inputs, grown(h))
        if copy_head:
            kernel, bias = first.get_weights()
            new_kernel, new_bias = grown.get_weights()
            new_kernel[:, :5], new_bias[:5] = kernel, bias
            grown.set_weights([new_kernel, new_bias])
    rows = _buffer(xa, ya, buffer, kit.seed)
    xbuf = d["xa"][rows] if buffer_scale == "raw" else xa[rows]
    x2 = np.concatenate([xb, xbuf]).astype("float32")
    y2 = np.concatenate([yb, ya[rows]])
    if shuffle_rows:
        order = np.random.default_rng(kit.seed + 1).permutation(len(y2))
        x2, y2 = x2[order], y2[order]
    if freeze == "trunk":
        for layer in model.layers[1:-1]:
            layer.trainable = False
    elif freeze == "all":
        model.trainable = False
    if optimizer != "keep" or freeze != "none" or head == "grow":
        opt = model.optimizer if optimizer == "keep" else _optimizer(optimizer, lr)
        model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x2, y2, probe_data=(x2, y2), epochs=epochs, batch_size=batch_size,
                   validation_data=(d["xval"] / 16.0, d["yval"]))  # fmt: skip


class LogitMask(layers.Layer):
    """Adds a fixed mask to the logits: 0 for the classes allowed, `value` for the others
    (the 'seen classes only' softmax of class-incremental code)."""

    def __init__(self, allowed: list[int], value: float = -1e9, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.allowed = list(allowed)
        self.value = value
        mask = np.full((10,), value, dtype="float32")
        mask[self.allowed] = 0.0
        self.mask = mask

    def call(self, logits: Any) -> Any:
        return logits + ops.convert_to_tensor(self.mask)


def masked_head_digits(kit: Kit, *, stage2_mask: str = "seen", stage1_mask: bool = True,
                       value: float = -1e9, buffer: int = 20, lr: float = 1e-3,
                       epochs: int = 20, batch_size: int = 32) -> Any:  # fmt: skip
    """Class-incremental digits with one 10-logit head and a logit mask: stage 1 (plain fit)
    on digits 0-4 with the logits of the unseen classes 5-9 masked to -1e9 (softmax over
    the seen classes, sparse CE from_logits), Dense 64 ReLU x 2, Adam(1e-3), batch 32, 20
    ep; stage 2 (watched) on digits 5-9 plus a replay buffer of 20 images a class, the mask
    opened to the ten seen classes, a fresh Adam(1e-3), 20 ep, validated on all 540
    held-out images. Options: `stage2_mask` ("seen": all ten; "stale": the stage-1 mask
    object reused, the new classes' logits masked out; "new_only": only 5-9 allowed, the
    replayed classes masked out), `stage1_mask` (False: no mask in stage 1), `value` of the
    masked logits, `buffer`, the stage-2 `lr`, `epochs`, `batch_size`."""
    d = digit_tasks()
    xa, ya = d["xa"] / 16.0, d["ya"]
    xb, yb = d["xb"] / 16.0, d["yb_local"] + 5
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = inputs
    for layer in _trunk():
        h = layer(h)
    logits = layers.Dense(10, name="logits")(h)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    old_mask = LogitMask(list(range(5)) if stage1_mask else list(range(10)), value)
    model = keras.Model(inputs, old_mask(logits))
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=["accuracy"])
    model.fit(xa, ya, epochs=20, batch_size=32, verbose=0)
    if stage2_mask == "stale":
        new_mask = old_mask
    else:
        new_mask = LogitMask(list(range(10)) if stage2_mask == "seen" else list(range(5, 10)),
                             value)  # fmt: skip
    model = keras.Model(inputs, new_mask(logits))
    rows = _buffer(xa, ya, buffer, kit.seed)
    x2 = np.concatenate([xb, xa[rows]]).astype("float32")
    y2 = np.concatenate([yb, ya[rows]])
    order = np.random.default_rng(kit.seed + 1).permutation(len(y2))
    x2, y2 = x2[order], y2[order]
    model.compile(keras.optimizers.Adam(lr), loss, metrics=["accuracy"])
    return kit.fit(model, x2, y2, probe_data=(x2, y2), epochs=epochs, batch_size=batch_size,
                   validation_data=(d["xval"] / 16.0, d["yval"]))  # fmt: skip


class AnchorPenalty(keras.regularizers.Regularizer):
    """EWC / L2-SP: `strength / 2 * sum(importance * (w - anchor) ** 2)` toward the first
    task's weights (importance 1 for L2-SP, the diagonal Fisher for EWC)."""

    def __init__(self, anchor: Any, importance: np.ndarray, strength: float) -> None:
        self.anchor = anchor
        self.importance = importance.astype("float32")
        self.strength = strength

    def __call__(self, weight: Any) -> Any:
        return self.strength / 2 * ops.sum(self.importance * ops.square(weight - self.anchor))

    def get_config(self) -> dict[str, Any]:
        return {"strength": self.strength}


def _fisher(model: keras.Model, x: np.ndarray, y: np.ndarray, samples: int,
            seed: int) -> list[np.ndarray]:  # fmt: skip
    """Diagonal empirical Fisher: the mean squared per-sample gradient of the log-likelihood
    of the true label, on `samples` random rows."""
    rows = np.random.default_rng(seed).choice(len(y), samples, replace=False)
    total = [np.zeros(v.shape, dtype="float32") for v in model.trainable_weights]
    for i in rows:
        with tf.GradientTape() as tape:
            prob = model(x[i:i + 1], training=False)
            log_p = tf.math.log(prob[0, int(y[i])] + 1e-8)
        for acc, grad in zip(total, tape.gradient(log_p, model.trainable_weights),
                             strict=True):  # fmt: skip
            acc += np.square(grad.numpy())
    return [t / samples for t in total]


def _dense_mlp(width: int, penalties: list[AnchorPenalty] | None) -> keras.Model:
    def reg(i: int) -> AnchorPenalty | None:
        return penalties[i] if penalties else None

    return keras.Sequential([
        keras.Input((64,)),
        layers.Dense(width, activation="relu", kernel_regularizer=reg(0), bias_regularizer=reg(1)),
        layers.Dense(width, activation="relu", kernel_regularizer=reg(2), bias_regularizer=reg(3)),
        layers.Dense(10, activation="softmax", kernel_regularizer=reg(4),
                     bias_regularizer=reg(5)),
    ])  # fmt: skip


def ewc_permuted_digits(kit: Kit, *, penalty: str = "ewc", strength: float = 1000.0,
                        anchor: str = "copy", fisher_samples: int = 200,
                        optimizer: str = "adam", lr: float = 1e-3, epochs: int = 20,
                        batch_size: int = 32, width: int = 128) -> Any:  # fmt: skip
    """Domain-incremental permuted digits: stage 1 (plain fit) on task A (628 images / 16),
    Dense 128 ReLU x 2 -> softmax 10, Adam(1e-3), batch 32, 20 ep; the diagonal Fisher from
    200 per-sample gradients; stage 2 (watched): the same network rebuilt with an EWC
    penalty `strength / 2 * sum(F (w - w_A)^2)` on every kernel and bias (the first task's
    weights copied as the anchor), the stage-1 weights loaded, a fresh Adam(1e-3), batch 32,
    20 ep on task B (629 images, pixels permuted), validated on the 540 held-out images both
    ways (1080 rows). Options: `penalty` ("ewc"; "l2sp": importance 1; "none"), `strength`,
    `anchor` ("copy"; "live": the anchor is the weight variable itself, so w - anchor is
    always 0), `fisher_samples`, the stage-2 `optimizer` / `lr`, `epochs`, `batch_size`,
    `width`."""
    d = permuted_tasks()
    xa, ya, xb, yb = d["xa"] / 16.0, d["ya"], d["xb"] / 16.0, d["yb"]
    keras.utils.set_random_seed(kit.seed)
    first = _dense_mlp(width, None)
    first.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    first.fit(xa, ya, epochs=20, batch_size=32, verbose=0)
    weights = first.get_weights()
    penalties = None
    if penalty != "none":
        if penalty == "ewc":
            importance = _fisher(first, xa, ya, fisher_samples, kit.seed)
        else:
            importance = [np.ones_like(w) for w in weights]
        anchors: list[Any] = [np.array(w, copy=True) for w in weights]
        if anchor == "live":
            anchors = list(first.trainable_weights)  # then overwritten below
        penalties = [AnchorPenalty(a, f, strength)
                     for a, f in zip(anchors, importance, strict=True)]  # fmt: skip
    model = _dense_mlp(width, penalties)
    model.set_weights(weights)
    if penalties and anchor == "live":
        for p, w in zip(penalties, model.trainable_weights, strict=True):
            p.anchor = w  # "anchor = layer.kernel": a reference, not a copy
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, xb, yb, probe_data=(xb, yb), epochs=epochs, batch_size=batch_size,
                   validation_data=(d["xval"] / 16.0, d["yval"]))  # fmt: skip


def multihead_digits(kit: Kit, *, freeze: str = "trunk", head_activation: str = "softmax",
                     optimizer: str = "adam", lr: float = 1e-2, epochs: int = 20,
                     batch_size: int = 32, dropout: float = 0.0,
                     scale_b: bool = True) -> Any:  # fmt: skip
    """Task-incremental digits with one head per task on a shared trunk: stage 1 (plain fit)
    trunk Dense 64 ReLU x 2 + head A (softmax 5) on digits 0-4, Adam(1e-3), batch 32, 20 ep;
    stage 2 (watched): head B (softmax 5, task-local labels) added on the trunk, the trunk
    frozen so task A's head keeps working, Adam(1e-2) (a new head on frozen features),
    batch 32, 20 ep on digits 5-9,
    validated on task B's 270 held-out images. Options: `freeze` ("trunk"; "none": the
    trunk fine-tuned too; "all": `trunk.trainable = False` copied onto the whole new model),
    `head_activation` of head B, the stage-2 `optimizer` / `lr`, `epochs`, `batch_size`,
    `dropout` after each trunk layer, `scale_b` (False: task B's images left 0..16)."""
    d = digit_tasks()
    xa, ya = d["xa"] / 16.0, d["ya"]
    div = 16.0 if scale_b else 1.0
    xb, yb = d["xb"] / div, d["yb_local"]
    xval_b = d["xval_b"] / div
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = inputs
    for layer in _trunk(dropout=dropout):
        h = layer(h)
    trunk = keras.Model(inputs, h, name="trunk")
    model_a = keras.Model(inputs, layers.Dense(5, activation="softmax", name="head_a")(h))
    model_a.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                    metrics=["accuracy"])  # fmt: skip
    model_a.fit(xa, ya, epochs=20, batch_size=32, verbose=0)
    head_b = layers.Dense(5, activation=head_activation, name="head_b")
    model_b = keras.Model(inputs, head_b(trunk(inputs)))
    if freeze == "trunk":
        trunk.trainable = False
    elif freeze == "all":
        model_b.trainable = False
    model_b.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                    metrics=["accuracy"])  # fmt: skip
    return kit.fit(model_b, xb, yb, probe_data=(xb, yb), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval_b, d["yval_b_local"]))  # fmt: skip
