"""The healthy bases: models built the way practitioners build them, small enough for 2 cores.

A `Base` names its dataset, a builder (`Knobs`, `Data` -> uncompiled functional model), its
default knobs and training, the traits fault operators check before applying (relu, norm,
dropout, tokens, recurrent, pretrained) and its healthy recipes (the default plus schedules
or sizes). Every base is trained under several seeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import keras

from benchmarks.real import blocks
from benchmarks.real.data import SEQ_LEN, VOCAB, Data
from benchmarks.real.pretrained import pretrained_backbone
from benchmarks.real.spec import Knobs, Training

L = keras.layers
Builder = Callable[[Knobs, Data], keras.Model]


def _inputs(data: Data) -> Any:
    return keras.Input(data.x_train.shape[1:], dtype="int32" if data.tokens else "float32")


def resnet(k: Knobs, data: Data) -> keras.Model:
    """Stem conv, two residual blocks (conv-BN-ReLU x2 + skip; the second strided and
    projected), global average pooling."""
    inputs = _inputs(data)
    h = blocks.norm_act(k, blocks.conv2d(k, 16, activate=False)(inputs))
    for filters, strides in ((16, 1), (32, 2)):
        skip = h
        h = blocks.norm_act(k, blocks.conv2d(k, filters, False, strides)(h))
        h = blocks.conv2d(k, filters, activate=False)(h)
        h = L.BatchNormalization(momentum=0.9)(h) if k.norm else h
        if strides != 1:
            skip = L.Conv2D(filters, 1, strides=strides, use_bias=False)(skip)
        h = L.Activation(k.activation)(L.Add()([h, skip]))
    h = L.GlobalAveragePooling2D()(h)
    return keras.Model(inputs, blocks.head(k, data, h, 32), name="resnet")


def vgg(k: Knobs, data: Data) -> keras.Model:
    """Two conv-conv-pool-dropout stages, then Dense-dropout."""
    inputs = _inputs(data)
    h = inputs
    for filters in (16, 32):
        h = blocks.conv2d(k, filters)(h)
        h = blocks.conv2d(k, filters)(h)
        h = blocks.dropout(k, 0.25, L.MaxPooling2D()(h))
    h = blocks.dropout(k, 0.4, blocks.dense(k, 64)(L.Flatten()(h)))
    return keras.Model(inputs, blocks.head(k, data, h, 64), name="vgg")


def separable(k: Knobs, data: Data) -> keras.Model:
    """A conv stem, then depthwise-separable conv-BN-ReLU stages with pooling."""
    inputs = _inputs(data)
    h = blocks.norm_act(k, blocks.conv2d(k, 16, activate=False)(inputs))
    for filters in (32, 64):
        h = L.SeparableConv2D(filters, 3, padding="same", use_bias=not k.norm,
                              depthwise_initializer=blocks.init(k.kernel_init),
                              pointwise_initializer=blocks.init(k.kernel_init))(h)  # fmt: skip
        h = L.MaxPooling2D()(blocks.norm_act(k, h))
    h = L.GlobalAveragePooling2D()(h)
    return keras.Model(inputs, blocks.head(k, data, h, 32), name="separable")


def finetune(k: Knobs, data: Data) -> keras.Model:
    """The pretrained backbone nested as one layer, a new Dense head."""
    inputs = _inputs(data)
    backbone = pretrained_backbone()
    backbone.trainable = not k.freeze_backbone
    h = L.Flatten()(backbone(inputs))
    h = blocks.dropout(k, 0.3, blocks.dense(k, 64)(h))
    return keras.Model(inputs, blocks.head(k, data, h, 64), name="finetune")


def _embed(data: Data, dim: int) -> tuple[Any, Any]:
    inputs = _inputs(data)
    return inputs, L.Embedding(VOCAB, dim)(inputs)


def lstm_text(k: Knobs, data: Data) -> keras.Model:
    """Embedding, LSTM, a Dense layer."""
    inputs, h = _embed(data, 16)
    h = blocks.dense(k, 32)(L.LSTM(32)(h))
    return keras.Model(inputs, blocks.head(k, data, h, 32), name="lstm_text")


def gru_text(k: Knobs, data: Data) -> keras.Model:
    """Embedding, GRU, a Dense layer."""
    inputs, h = _embed(data, 16)
    h = blocks.dense(k, 32)(L.GRU(32)(h))
    return keras.Model(inputs, blocks.head(k, data, h, 32), name="gru_text")


def conv1d_text(k: Knobs, data: Data) -> keras.Model:
    """Embedding, two Conv1D layers, global max pooling, a Dense layer."""
    inputs, h = _embed(data, 16)
    for _ in range(2):
        h = L.Conv1D(32, 3, padding="same", activation=k.activation,
                     kernel_initializer=blocks.init(k.kernel_init),
                     bias_initializer=blocks.init(k.bias_init))(h)  # fmt: skip
    h = blocks.dense(k, 32)(L.GlobalMaxPooling1D()(h))
    return keras.Model(inputs, blocks.head(k, data, h, 32), name="conv1d_text")


def transformer(k: Knobs, data: Data) -> keras.Model:
    """Token + position embeddings, one post-norm encoder block, average pooling."""
    inputs, h = _embed(data, 32)
    h = blocks.PositionEmbedding(SEQ_LEN, 32)(h)
    attended = L.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = L.LayerNormalization()(L.Add()([h, attended]))
    ffn = L.Dense(32, kernel_initializer=blocks.init(k.kernel_init))(blocks.dense(k, 64)(h))
    h = L.LayerNormalization()(L.Add()([h, ffn]))
    h = L.GlobalAveragePooling1D()(h)
    return keras.Model(inputs, blocks.head(k, data, h, 32), name="transformer")


def mlp(widths: tuple[int, ...], drop: float = 0.0) -> Builder:
    """A tabular MLP builder: hidden Dense layers of `widths`, optional dropout after each."""

    def build(k: Knobs, data: Data) -> keras.Model:
        inputs = _inputs(data)
        h = inputs
        for width in widths:
            h = blocks.dense(k, width)(h)
            h = blocks.dropout(k, drop, h) if drop else h
        return keras.Model(inputs, blocks.head(k, data, h, widths[-1]), name="mlp")

    return build


@dataclass(frozen=True)
class Base:
    """One healthy base: its data, builder, defaults, traits and healthy recipes."""

    name: str
    dataset: str
    builder: Builder
    knobs: Knobs = field(default_factory=Knobs)
    training: Training = field(default_factory=Training)
    traits: frozenset[str] = frozenset({"relu"})
    recipes: tuple[tuple[str, dict[str, Any]], ...] = ()  # extra healthy recipes: Training changes

    def healthy(self) -> list[tuple[str, Knobs, Training]]:
        """("default", ...) then each extra recipe; a change key "knobs" holds Knobs changes."""
        out = [("default", self.knobs, self.training)]
        for name, changes in self.recipes:
            knob_changes = changes.get("knobs", {})
            train_changes = {k: v for k, v in changes.items() if k != "knobs"}
            out.append((name, replace(self.knobs, **knob_changes),
                        replace(self.training, **train_changes)))  # fmt: skip
        return out


T = Training
IMAGE, TEXT, TAB = frozenset({"relu", "image"}), frozenset({"relu", "tokens"}), frozenset({"relu"})
REG = frozenset({"relu", "regression"})
BASES: tuple[Base, ...] = (
    Base("resnet", "digits_img", resnet, training=T(epochs=10), traits=IMAGE | {"norm"},
         recipes=(("cosine", {"schedule": "cosine", "learning_rate": 3e-3}),)),
    Base("vgg", "digits_img", vgg, training=T(epochs=12), traits=IMAGE | {"dropout"},
         recipes=(("step", {"schedule": "step", "learning_rate": 2e-3}),)),
    Base("separable", "digits_img", separable, training=T(epochs=12, learning_rate=3e-3),
         traits=IMAGE | {"norm"}, recipes=(("warmup_cosine", {"schedule": "warmup_cosine"}),)),
    Base("finetune", "digits_img", finetune, training=T(epochs=8, learning_rate=5e-4),
         traits=IMAGE | {"pretrained", "dropout"},
         recipes=(("frozen_backbone", {"knobs": {"freeze_backbone": True},
                                       "learning_rate": 2e-3}),)),
    Base("lstm_text", "tokens_count", lstm_text, training=T(epochs=10, learning_rate=3e-3),
         traits=TEXT | {"recurrent"}, recipes=(("batch32", {"batch_size": 32}),)),
    Base("gru_text", "tokens_motif", gru_text, training=T(epochs=10, learning_rate=3e-3),
         traits=TEXT | {"recurrent"}, recipes=(("cyclical", {"schedule": "cyclical"}),)),
    Base("conv1d_text", "tokens_motif", conv1d_text, training=T(epochs=8),
         traits=TEXT, recipes=(("rmsprop", {"optimizer": "rmsprop"}),)),
    Base("transformer", "tokens_order", transformer,
         training=T(epochs=12, schedule="warmup_cosine", learning_rate=2e-3, optimizer="adamw"),
         traits=TEXT, recipes=(("constant", {"schedule": "constant", "learning_rate": 1e-3}),)),
    Base("mlp_imbalanced", "tab_imbalanced", mlp((64, 32)), training=T(epochs=12),
         recipes=(("cyclical", {"schedule": "cyclical", "learning_rate": 3e-3}),)),
    Base("mlp_noisy", "tab_noisy", mlp((64, 32), drop=0.2), training=T(epochs=12),
         traits=TAB | {"dropout"}, recipes=(("step", {"schedule": "step"}),)),
    Base("mlp_diabetes", "diabetes", mlp((32, 16)), training=T(epochs=30, batch_size=32),
         traits=REG,
         recipes=(("cosine", {"schedule": "cosine", "learning_rate": 3e-3}),)),
    Base("mlp_mixed", "friedman", mlp((64, 64)),
         training=T(epochs=15, mixed_precision=True, learning_rate=2e-3), traits=REG,
         recipes=(("batch128", {"batch_size": 128, "learning_rate": 3e-3}),)),
    Base("mlp_sorted", "digits_sorted", mlp((128, 64)), training=T(epochs=12),
         recipes=(("warmup_cosine", {"schedule": "warmup_cosine", "learning_rate": 2e-3}),)),
    Base("mlp_weighted", "tab_weighted", mlp((32, 32)), training=T(epochs=12, sample_weights=True),
         recipes=(("sgd_momentum", {"optimizer": "sgd", "learning_rate": 0.02,
                                    "momentum": 0.9}),)),
    Base("mlp_cosine", "directions", mlp((64, 64)), training=T(epochs=12), traits=REG,
         recipes=(("step", {"schedule": "step", "learning_rate": 2e-3}),)),
)
BY_NAME = {base.name: base for base in BASES}
