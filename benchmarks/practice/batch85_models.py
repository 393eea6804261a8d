"""Batch-85 patch-based vision scripts (keyword options are the faults, the defaults the healthy
choice): a small Vision Transformer (patch embedding by a strided Conv2D or a Patches layer,
a class token, learned position embeddings, pre-norm blocks with MultiHeadAttention and a GELU
MLP, stochastic depth) and an MLP-Mixer on sklearn digits upscaled to 16 x 16, and a
ConvMixer on generated shape images; AdamW under linear warm-up and cosine decay, label smoothing on
one-hot targets, augmentation layers in the model. Each script calls `kit.fit` once.
"""

from __future__ import annotations

import math
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch85_data import digits16, shapes
from benchmarks.practice.kit import Kit


class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warm-up to `peak` over `warmup` steps, then cosine decay to 0 at `total`."""

    def __init__(self, peak: float, warmup: int, total: int) -> None:
        self.peak, self.warmup, self.total = peak, warmup, total

    def __call__(self, step: Any) -> Any:
        step = ops.cast(step, "float32")
        warm = self.peak * step / max(self.warmup, 1)
        progress = ops.clip((step - self.warmup) / max(self.total - self.warmup, 1), 0.0, 1.0)
        cosine = 0.5 * self.peak * (1.0 + ops.cos(math.pi * progress))
        return ops.where(step < self.warmup, warm, cosine)

    def get_config(self) -> dict[str, Any]:
        return {"peak": self.peak, "warmup": self.warmup, "total": self.total}


@keras.saving.register_keras_serializable(package="batch85")
class Patches(layers.Layer):
    """Non-overlapping patch_size x patch_size patches, flattened: (B, N, p * p * C)."""

    def __init__(self, patch_size: int, method: str = "extract", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.patch_size, self.method = patch_size, method

    def call(self, images: Any) -> Any:
        p = self.patch_size
        _, h, w, c = images.shape
        if self.method == "reshape":  # a plain reshape: tokens are runs of consecutive pixels
            return ops.reshape(images, (-1, (h // p) * (w // p), p * p * c))
        patches = ops.image.extract_patches(images, p)
        return ops.reshape(patches, (-1, (h // p) * (w // p), p * p * c))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "patch_size": self.patch_size, "method": self.method}


@keras.saving.register_keras_serializable(package="batch85")
class ClassToken(layers.Layer):
    """Prepends a learned [CLS] token to the patch tokens."""

    def build(self, input_shape: Any) -> None:
        self.cls = self.add_weight(shape=(1, 1, input_shape[-1]), initializer="zeros",
                                   name="cls")  # fmt: skip

    def call(self, tokens: Any) -> Any:
        cls = ops.broadcast_to(self.cls, (ops.shape(tokens)[0], 1, tokens.shape[-1]))
        return ops.concatenate([ops.cast(cls, tokens.dtype), tokens], axis=1)


@keras.saving.register_keras_serializable(package="batch85")
class PositionEmbedding(layers.Layer):
    """Adds a learned position embedding (one vector per token)."""

    def __init__(self, length: int, dim: int, stddev: float = 0.02, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.length, self.dim, self.stddev = length, dim, stddev

    def build(self, input_shape: Any) -> None:
        self.pos = self.add_weight(
            shape=(1, self.length, self.dim), name="pos",
            initializer=keras.initializers.RandomNormal(stddev=self.stddev))  # fmt: skip

    def call(self, tokens: Any) -> Any:
        return tokens + self.pos

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "length": self.length, "dim": self.dim,
                "stddev": self.stddev}  # fmt: skip


@keras.saving.register_keras_serializable(package="batch85")
class StochasticDepth(layers.Layer):
    """Drops the whole residual branch per sample with probability `rate` in training."""

    def __init__(self, rate: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rate = rate
        self.seed_generator = keras.random.SeedGenerator(85)

    def call(self, x: Any, training: bool = False) -> Any:
        if not training or self.rate == 0.0:
            return x
        keep = 1.0 - self.rate
        shape = (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)
        mask = ops.floor(keep + keras.random.uniform(shape, seed=self.seed_generator))
        return x / keep * mask

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "rate": self.rate}


def _optimizer(name: str, schedule: Any, weight_decay: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(schedule, momentum=0.9)
    if name == "adam":
        return keras.optimizers.Adam(schedule)
    return keras.optimizers.AdamW(schedule, weight_decay=weight_decay)


def _schedule(lr: float, warmup_epochs: float, epochs: int, steps: int, total_in: str) -> Any:
    """Warm-up + cosine in optimizer steps; total_in="epochs" counts the decay in epochs (the
    step count forgotten), "constant" a fixed rate."""
    if total_in == "constant":
        return lr
    unit = 1 if total_in == "epochs" else steps
    return WarmupCosine(lr, int(warmup_epochs * unit), epochs * unit)


def _augment(kind: str) -> list[layers.Layer]:
    if kind == "flip":
        return [layers.RandomFlip("horizontal")]
    if kind == "flip_rotate":
        return [layers.RandomFlip("horizontal"), layers.RandomRotation(0.05)]
    if kind == "both_flips":
        return [layers.RandomFlip("horizontal_and_vertical")]
    return []


def _labels(y: np.ndarray, yval: np.ndarray, n: int, targets: str, seed: int,
            shuffle_labels: bool) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    if shuffle_labels:
        y = y[np.random.default_rng(seed).permutation(len(y))]
    if targets == "onehot":
        return keras.utils.to_categorical(y, n), keras.utils.to_categorical(yval, n)
    return y, yval


def _loss(targets: str, smoothing: float, from_logits: bool) -> keras.losses.Loss:
    if targets == "onehot":
        return keras.losses.CategoricalCrossentropy(from_logits=from_logits,
                                                    label_smoothing=smoothing)  # fmt: skip
    return keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)


def _transformer_block(h: Any, dim: int, heads: int, mlp: int, dropout: float, drop: float,
                       norm: str, hidden: str) -> Any:  # fmt: skip
    """Pre-norm ("pre"), post-norm ("post") or no LayerNormalization ("none")."""
    a = layers.LayerNormalization(epsilon=1e-6)(h) if norm == "pre" else h
    a = layers.MultiHeadAttention(heads, dim // heads, dropout=dropout)(a, a)
    h = layers.Add()([h, StochasticDepth(drop)(a)])
    if norm == "post":
        h = layers.LayerNormalization(epsilon=1e-6)(h)
    m = layers.LayerNormalization(epsilon=1e-6)(h) if norm == "pre" else h
    m = layers.Dense(mlp, activation=hidden)(m)
    m = layers.Dropout(dropout)(m)
    m = layers.Dense(dim)(m)
    m = layers.Dropout(dropout)(m)
    h = layers.Add()([h, StochasticDepth(drop)(m)])
    if norm == "post":
        h = layers.LayerNormalization(epsilon=1e-6)(h)
    return h


def vit_digits(kit: Kit, *, patch: str = "conv", patch_size: int = 4, dim: int = 64,
               depth: int = 2, heads: int = 4, mlp: int = 128, pool: str = "cls",
               positions: str = "learned", norm: str = "pre", hidden: str = "gelu",
               dropout: float = 0.0, drop_path: float = 0.1, augment: str = "none",
               pixels: str = "unit", val_pixels: str = "same", targets: str = "onehot",
               smoothing: float = 0.1, head: str = "linear", from_logits: bool = True,
               shuffle_labels: bool = False, optimizer: str = "adamw", lr: float = 2e-3,
               weight_decay: float = 0.05, warmup_epochs: float = 1.0,
               total_in: str = "steps", epochs: int = 15, batch_size: int = 64) -> Any:  # fmt: skip
    """A small ViT on sklearn digits upscaled to 16 x 16 (10 classes; 1437 train, 360
    validate): Conv2D(64, 4, strides 4) patch embedding (16 tokens) -> [CLS] token ->
    learned position embedding -> 2 pre-norm blocks (4 heads, GELU MLP 128, stochastic depth
    0.1) -> LayerNorm -> the [CLS] token -> Dense 10 logits; one-hot targets,
    CategoricalCrossentropy(from_logits, label_smoothing 0.1), AdamW(2e-3, weight decay 0.05)
    under a 1-epoch linear warm-up and cosine decay, batch 64, 15 epochs. Options: `patch`
    ("conv"; "extract": a Patches layer + Dense; "reshape": the Patches layer by a plain
    reshape), `pool` ("cls"; "gap": mean of the tokens, no class token; "first_patch": the
    class token kept but the head reads token 1), `positions` ("learned"; "none"), `norm`,
    `hidden` (the MLP activation), dropout, `drop_path`, `augment` (in-model augmentation
    layers), `pixels` ("unit"; "raw": the / 16 forgotten, 0..16), `val_pixels` ("same"; "raw":
    only the validation images left at 0..16),
    `targets` ("onehot"; "sparse"), `smoothing`, `head` (the last Dense's activation) with
    `from_logits`, `shuffle_labels` (the training labels permuted apart from their images),
    the optimizer, peak rate, weight decay, warm-up epochs, `total_in` ("steps"; "epochs": the
    schedule's lengths counted in epochs, not steps; "constant": no schedule), epochs and
    batch size."""
    x, y, xval, yval = digits16()
    if pixels == "raw":
        x, xval = x * 16.0, xval * 16.0
    if val_pixels == "raw" and pixels != "raw":
        xval = xval * 16.0
    y, yval = _labels(y, yval, 10, targets, kit.seed, shuffle_labels)
    keras.utils.set_random_seed(kit.seed)
    n = (16 // patch_size) ** 2
    inputs = keras.Input((16, 16, 1))
    h = inputs
    for layer in _augment(augment):
        h = layer(h)
    if patch == "conv":
        h = layers.Conv2D(dim, patch_size, strides=patch_size)(h)
        h = layers.Reshape((n, dim))(h)
    else:
        h = Patches(patch_size, method=patch)(h)
        h = layers.Dense(dim)(h)
    length = n
    if pool != "gap":
        h = ClassToken()(h)
        length = n + 1
    if positions == "learned":
        h = PositionEmbedding(length, dim)(h)
    for i in range(depth):
        h = _transformer_block(h, dim, heads, mlp, dropout, drop_path * (i + 1) / depth, norm,
                               hidden)  # fmt: skip
    if norm == "pre":
        h = layers.LayerNormalization(epsilon=1e-6)(h)
    if pool == "gap":
        h = layers.GlobalAveragePooling1D()(h)
    else:
        index = 1 if pool == "first_patch" else 0
        h = layers.Lambda(lambda t: t[:, index], output_shape=(dim,))(h)
    outputs = layers.Dense(10, activation=head)(h)
    model = keras.Model(inputs, outputs)
    steps = math.ceil(len(x) / batch_size)
    schedule = _schedule(lr, warmup_epochs, epochs, steps, total_in)
    model.compile(_optimizer(optimizer, schedule, weight_decay),
                  _loss(targets, smoothing, from_logits), metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _mixer_block(h: Any, tokens: int, dim: int, token_mlp: int, channel_mlp: int,
                 token_mixing: str, hidden: str, drop: float) -> Any:  # fmt: skip
    t = layers.LayerNormalization(epsilon=1e-6)(h)
    if token_mixing == "transpose":
        t = layers.Permute((2, 1))(t)
        t = layers.Dense(token_mlp, activation=hidden)(t)
        t = layers.Dense(tokens)(t)
        t = layers.Permute((2, 1))(t)
    else:  # the transpose forgotten: the "token" MLP mixes channels again
        t = layers.Dense(token_mlp, activation=hidden)(t)
        t = layers.Dense(dim)(t)
    h = layers.Add()([h, StochasticDepth(drop)(t)])
    c = layers.LayerNormalization(epsilon=1e-6)(h)
    c = layers.Dense(channel_mlp, activation=hidden)(c)
    c = layers.Dense(dim)(c)
    return layers.Add()([h, StochasticDepth(drop)(c)])


def mixer_digits(kit: Kit, *, patch_size: int = 4, dim: int = 64, depth: int = 4,
                 token_mlp: int = 32, channel_mlp: int = 128, token_mixing: str = "transpose",
                 hidden: str = "gelu", drop_path: float = 0.0, augment: str = "none",
                 scale: float = 1.0, targets: str = "onehot", smoothing: float = 0.1,
                 head: str = "softmax", from_logits: bool = False, val_split: str = "given",
                 optimizer: str = "adamw", lr: float = 2e-3, weight_decay: float = 0.05,
                 warmup_epochs: float = 1.0, total_in: str = "steps", epochs: int = 12,
                 batch_size: int = 64) -> Any:  # fmt: skip
    """An MLP-Mixer on sklearn digits upscaled to 16 x 16 (1437 train, 360 validate): Conv2D(64,
    4, strides 4) per-patch projection (16 tokens) -> 4 Mixer blocks (LayerNorm, token-mixing
    MLP 32 over the transposed tokens, LayerNorm, channel-mixing MLP 128, GELU, residuals) ->
    LayerNorm -> GlobalAveragePooling1D -> Dense 10 softmax; one-hot targets with label
    smoothing 0.1, AdamW(2e-3, weight decay 0.05) under a 1-epoch warm-up and cosine decay,
    batch 64, 12 epochs. Options: `token_mixing` ("transpose"; "channels": the Permute
    forgotten, so the token MLP runs over the channels), `hidden`, `drop_path`, `augment`,
    `scale` (the pixels multiplied, e.g. 16 when the / 16 is forgotten), `targets`,
    `smoothing`, `head` and `from_logits`, `val_split` ("given"; "tail": validation_split=0.2
    on training arrays sorted by label, so the held-out fifth is digits 8 and 9 only),
    optimizer, rate, weight decay, warm-up, `total_in`, epochs and batch size."""
    x, y, xval, yval = digits16()
    x, xval = x * scale, xval * scale
    if val_split == "tail":
        order = np.argsort(y, kind="stable")
        x, y = x[order], y[order]
    y, yval = _labels(y, yval, 10, targets, kit.seed, False)
    keras.utils.set_random_seed(kit.seed)
    tokens = (16 // patch_size) ** 2
    inputs = keras.Input((16, 16, 1))
    h = inputs
    for layer in _augment(augment):
        h = layer(h)
    h = layers.Conv2D(dim, patch_size, strides=patch_size)(h)
    h = layers.Reshape((tokens, dim))(h)
    for i in range(depth):
        h = _mixer_block(h, tokens, dim, token_mlp, channel_mlp, token_mixing, hidden,
                         drop_path * (i + 1) / depth)  # fmt: skip
    h = layers.LayerNormalization(epsilon=1e-6)(h)
    h = layers.GlobalAveragePooling1D()(h)
    outputs = layers.Dense(10, activation=head)(h)
    model = keras.Model(inputs, outputs)
    fit_size = int(len(x) * 0.8) if val_split == "tail" else len(x)
    steps = math.ceil(fit_size / batch_size)
    schedule = _schedule(lr, warmup_epochs, epochs, steps, total_in)
    model.compile(_optimizer(optimizer, schedule, weight_decay),
                  _loss(targets, smoothing, from_logits), metrics=["accuracy"])  # fmt: skip
    if val_split == "tail":
        return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                       validation_split=0.2)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def convmixer_shapes(kit: Kit, *, dim: int = 64, depth: int = 4, kernel: int = 5,
                     patch_size: int = 4, activation: str = "gelu", batchnorm: bool = True,
                     bn_momentum: float = 0.9,
                     residual: bool = True, augment: str = "flip", pixels: str = "unit",
                     targets: str = "sparse", smoothing: float = 0.0, head: str = "softmax",
                     from_logits: bool = False, optimizer: str = "adamw", lr: float = 2e-3,
                     weight_decay: float = 1e-4, warmup_epochs: float = 1.0,
                     total_in: str = "steps", epochs: int = 10,
                     batch_size: int = 64) -> Any:  # fmt: skip
    """ConvMixer-64/4 on the generated shapes (4 classes): RandomFlip -> Conv2D(64, 4, strides
    4) stem, GELU, BatchNorm(momentum 0.9, PyTorch's 0.1) -> 4 x [DepthwiseConv2D 5x5 GELU BN
    + residual, Conv 1x1 GELU BN] -> GlobalAveragePooling2D -> Dense 4 softmax; sparse CE,
    AdamW(2e-3, weight decay 1e-4) under warm-up and cosine decay, batch 64, 10 epochs.
    Options: dim, depth, kernel, patch_size, `activation`, `batchnorm` (False: no BatchNorm
    anywhere), `bn_momentum` (0.99: the Keras default), `residual` (False:
    the depthwise branch not added back), `augment`, `pixels` ("unit"; "byte"), targets /
    smoothing / head / from_logits, optimizer, rate, weight decay, warm-up, `total_in`,
    epochs and batch size."""
    x, y, xval, yval = shapes()
    if pixels == "byte":
        x, xval = x * 255.0, xval * 255.0
    y, yval = _labels(y, yval, 4, targets, kit.seed, False)
    keras.utils.set_random_seed(kit.seed)

    def act_bn(t: Any) -> Any:
        t = layers.Activation(activation)(t)
        return layers.BatchNormalization(momentum=bn_momentum)(t) if batchnorm else t

    inputs = keras.Input((32, 32, 1))
    h = inputs
    for layer in _augment(augment):
        h = layer(h)
    h = act_bn(layers.Conv2D(dim, patch_size, strides=patch_size)(h))
    for _ in range(depth):
        r = act_bn(layers.DepthwiseConv2D(kernel, padding="same")(h))
        h = layers.Add()([r, h]) if residual else r
        h = act_bn(layers.Conv2D(dim, 1)(h))
    h = layers.GlobalAveragePooling2D()(h)
    outputs = layers.Dense(4, activation=head)(h)
    model = keras.Model(inputs, outputs)
    steps = math.ceil(len(x) / batch_size)
    schedule = _schedule(lr, warmup_epochs, epochs, steps, total_in)
    model.compile(_optimizer(optimizer, schedule, weight_decay),
                  _loss(targets, smoothing, from_logits), metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
