"""Batch-37 depth / normalisation / activation / initialisation scripts (keyword options are
the faults, the defaults the healthy choice): a deep plain MLP and a deep residual MLP on a
four-class table of several clusters a class (activations GELU / swish / ELU / SELU /
LeakyReLU, initialisers, BatchNormalization before / after the activation, AlphaDropout, a
GLU-style gated branch), a small residual CNN on sklearn's 8 x 8 digits (BatchNormalization /
GroupNormalization / LayerNormalization), a Transformer-style encoder (pre- / post-norm) and a
stacked LSTM / GRU on generated wave sequences. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch37_data import cluster_table, digit_images, wave_sequences
from benchmarks.practice.kit import Kit


def _initializer(init: str, stddev: float) -> Any:
    if init == "normal":  # the custom RandomNormal(stddev=...) of many tutorials
        return keras.initializers.RandomNormal(stddev=stddev)
    return init


def _activation(h: Any, activation: str, negative_slope: float) -> Any:
    if activation == "leaky_relu":
        return layers.LeakyReLU(negative_slope=negative_slope)(h)
    return layers.Activation(activation)(h)


def deep_mlp(kit: Kit, *, depth: int = 10, width: int = 64, activation: str = "gelu",
             init: str = "he_normal", stddev: float = 0.05, norm: str = "none",
             bias: float = 0.0, negative_slope: float = 0.2, dropout: str = "none",
             rate: float = 0.1, lr: float = 1e-3, epochs: int = 25) -> Any:  # fmt: skip
    """Four-class table (16 standardised features, three clusters a class): `depth` Dense
    `width` layers (no skip connections) -> softmax 4, sparse CE, Adam(1e-3), batch 64, 25
    epochs; by default 10 x Dense 64 GELU, he_normal. Options: `activation` (any Keras name,
    or "leaky_relu": LeakyReLU(negative_slope)), `init` (a Keras initializer name, or
    "normal": RandomNormal(stddev)), `norm` ("none"; "bn_before": Dense -> BN -> act;
    "bn_after": Dense -> act -> BN), `bias` (Constant bias_initializer of the hidden layers),
    `dropout` ("none", "dropout": Dropout(rate), "alpha": AlphaDropout(rate)) after every
    hidden layer."""
    x, xval, y, yval = cluster_table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((16,))
    h = inputs
    for _ in range(depth):
        h = layers.Dense(width, kernel_initializer=_initializer(init, stddev),
                         bias_initializer=keras.initializers.Constant(bias))(h)  # fmt: skip
        if norm == "bn_before":
            h = layers.BatchNormalization()(h)
        h = _activation(h, activation, negative_slope)
        if norm == "bn_after":
            h = layers.BatchNormalization()(h)
        if dropout == "dropout":
            h = layers.Dropout(rate)(h)
        elif dropout == "alpha":
            h = layers.AlphaDropout(rate)(h)
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def residual_mlp(kit: Kit, *, blocks: int = 8, width: int = 64, skip: str = "input",
                 merge: str = "add", norm: str = "pre", branch: str = "mlp",
                 branch_scale: float = 1.0, gate_bias: float = 0.0, lr: float = 1e-3,
                 epochs: int = 25) -> Any:  # fmt: skip
    """The same table: Dense 64 stem -> `blocks` residual blocks (pre-norm: LayerNorm ->
    Dense 128 swish -> Dense 64, added to the block's input) -> LayerNorm -> softmax 4,
    Adam(1e-3), batch 64, 25 epochs. Options: `skip` ("input": x + f(x); "after": the
    shortcut taken from the branch's own output, Add([f(x), f(x)]); "none"), `merge` ("add";
    "concat": Concatenate then Dense 64 back to the width), `norm` ("pre", "post": LayerNorm
    after the addition, "none"), `branch` ("mlp"; "glu": Dense 128 x sigmoid(Dense 128 with
    bias `gate_bias`) -> Dense 64), `branch_scale` (the branch multiplied by it before the
    addition)."""
    x, xval, y, yval = cluster_table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((16,))
    h = layers.Dense(width)(inputs)
    for _ in range(blocks):
        f = layers.LayerNormalization()(h) if norm == "pre" else h
        if branch == "glu":
            closed = keras.initializers.Constant(gate_bias)
            gate = layers.Dense(2 * width, activation="sigmoid", bias_initializer=closed)(f)
            f = layers.Multiply()([layers.Dense(2 * width)(f), gate])
        else:
            f = layers.Dense(2 * width, activation="swish")(f)
        f = layers.Dense(width)(f)
        if branch_scale != 1.0:
            f = layers.Rescaling(branch_scale)(f)
        if skip == "input":
            if merge == "concat":
                h = layers.Dense(width)(layers.Concatenate()([h, f]))
            else:
                h = layers.Add()([h, f])
        elif skip == "after":  # the shortcut written from the branch's output
            h = layers.Add()([f, f])
        else:
            h = f
        if norm == "post":
            h = layers.LayerNormalization()(h)
    if norm == "pre":
        h = layers.LayerNormalization()(h)
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def residual_cnn(kit: Kit, *, norm: str = "bn", bn_axis: int = -1, ln_axis: int = -1,
                 order: str = "before", blocks: int = 3, init: str = "he_normal",
                 epochs: int = 15) -> Any:  # fmt: skip
    """sklearn digits (8 x 8, pixels in [0, 1]): Conv 32 3x3 stem -> `blocks` residual
    blocks (Conv 32 -> norm -> ReLU -> Conv 32 -> norm, added to the input, ReLU) -> GAP ->
    softmax 10, Adam(1e-3), batch 32, 15 epochs. Options: `norm` ("bn":
    BatchNormalization(axis=bn_axis); "group": GroupNormalization(groups=8); "layer":
    LayerNormalization(axis=ln_axis); "none"), `order` ("before": conv -> norm -> ReLU;
    "after": conv -> ReLU -> norm), `init` (the convolutions' kernel_initializer)."""
    x, xval, y, yval = digit_images()
    keras.utils.set_random_seed(kit.seed)

    def normed(t: Any) -> Any:
        if norm == "bn":
            return layers.BatchNormalization(axis=bn_axis)(t)
        if norm == "group":
            return layers.GroupNormalization(groups=8)(t)
        if norm == "layer":
            return layers.LayerNormalization(axis=ln_axis)(t)
        return t

    def conv_norm_relu(t: Any, relu: bool = True) -> Any:
        t = layers.Conv2D(32, 3, padding="same", kernel_initializer=init)(t)
        if order == "after" and relu:
            return normed(layers.ReLU()(t))
        t = normed(t)
        return layers.ReLU()(t) if relu else t

    inputs = keras.Input((8, 8, 1))
    h = conv_norm_relu(inputs)
    for _ in range(blocks):
        f = conv_norm_relu(h)
        f = conv_norm_relu(f, relu=False)
        h = layers.ReLU()(layers.Add()([h, f]))
    h = layers.GlobalAveragePooling2D()(h)
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xval, yval))  # fmt: skip


class _WarmUp(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warm-up to `peak` over `steps`, then constant."""

    def __init__(self, peak: float, steps: int) -> None:
        self.peak, self.steps = peak, steps

    def __call__(self, step: Any) -> Any:
        step = keras.ops.cast(step, "float32")
        return self.peak * keras.ops.minimum(1.0, (step + 1.0) / self.steps)

    def get_config(self) -> dict[str, Any]:
        return {"peak": self.peak, "steps": self.steps}


def wave_encoder(kit: Kit, *, norm: str = "pre", layers_n: int = 2, lr: float = 1e-3,
                 warmup_epochs: float = 0.0, epochs: int = 12) -> Any:  # fmt: skip
    """Wave sequences (32 steps x 3 channels, four classes): Dense 64 projection + a learned
    position embedding -> `layers_n` (2) encoder blocks (MultiHeadAttention 4 heads x 16, a
    feed-forward Dense 128 GELU -> Dense 64, residual adds; `norm` "pre": LayerNorm before
    each sub-layer and a final LayerNorm; "post": LayerNorm after each addition, the 2017
    layout) -> GAP -> softmax 4, Adam(lr), batch 64, 12 epochs. `warmup_epochs`: a linear
    warm-up of the rate over that many epochs (0: none)."""
    x, xval, y, yval = wave_sequences()
    keras.utils.set_random_seed(kit.seed)
    steps = x.shape[1]
    inputs = keras.Input((steps, 3))
    h = layers.Dense(64)(inputs)
    positions = layers.Embedding(steps, 64)(keras.ops.arange(steps))
    h = h + positions
    for _ in range(layers_n):
        a = layers.LayerNormalization()(h) if norm == "pre" else h
        a = layers.MultiHeadAttention(4, 16)(a, a)
        h = h + a
        if norm == "post":
            h = layers.LayerNormalization()(h)
        f = layers.LayerNormalization()(h) if norm == "pre" else h
        f = layers.Dense(64)(layers.Dense(128, activation="gelu")(f))
        h = h + f
        if norm == "post":
            h = layers.LayerNormalization()(h)
    if norm == "pre":
        h = layers.LayerNormalization()(h)
    h = layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    per_epoch = int(np.ceil(len(x) / 64))
    rate: Any = _WarmUp(lr, int(warmup_epochs * per_epoch)) if warmup_epochs else lr
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def stacked_rnn(kit: Kit, *, cell: str = "lstm", stack: int = 2, units: int = 32,
                activation: str = "tanh", lr: float = 1e-3, clipnorm: float | None = None,
                epochs: int = 15) -> Any:  # fmt: skip
    """Wave sequences: `stack` LSTM (or GRU) layers of 32 units (return_sequences on all but
    the last) -> softmax 4, Adam(lr), batch 64, 15 epochs. Options: `cell` ("lstm", "gru"),
    `activation` (the cells' activation; "relu" is the Stack Overflow copy), `clipnorm`."""
    x, xval, y, yval = wave_sequences()
    keras.utils.set_random_seed(kit.seed)
    kind = layers.LSTM if cell == "lstm" else layers.GRU
    inputs = keras.Input(x.shape[1:])
    h = inputs
    for i in range(stack):
        h = kind(units, activation=activation, return_sequences=i < stack - 1)(h)
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(lr, clipnorm=clipnorm),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip
