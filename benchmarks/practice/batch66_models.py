"""Batch-66 multiple-instance learning scripts (keyword options are the faults, the defaults
the healthy choice): bags of sklearn digits labelled by whether they hold a 7 (an instance
encoder, max / mean / log-sum-exp / attention / instance-probability pooling, a bag-level
sigmoid head) and generated variable-size bags padded to 40 with a mask (a gated-attention
MIL network after Ilse et al. 2018, masked softmax over the instances). Each script calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch66_data import FEATURES, MAX_BAG, digit_bags, feature_bags
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    return keras.optimizers.Adam(lr)


def _encoder(width: int, depth: int, activation: str, dropout: float,
             bias: float = 0.0) -> keras.Sequential:  # fmt: skip
    encoder = keras.Sequential(name="instance_encoder")
    for _ in range(depth):
        encoder.add(layers.Dense(width, activation=activation,
                                 bias_initializer=keras.initializers.Constant(bias)))  # fmt: skip
        if dropout:
            encoder.add(layers.Dropout(dropout))
    return encoder


def digits_mil(kit: Kit, *, bag_size: int = 24, pooling: str = "max",
               encoder: str = "time_distributed", width: int = 64, depth: int = 2,
               activation: str = "relu", dropout: float = 0.0, scale: str = "divide",
               labels: str = "aligned", head: str = "sigmoid", optimizer: str = "adam",
               lr: float = 1e-3, batch_size: int = 32, epochs: int = 15) -> Any:  # fmt: skip
    """Bags of `bag_size` sklearn digits (1000 training, 400 validation bags; a bag is
    positive when one of its instances is a 7), pixels / 16: an instance encoder (Dense 64
    ReLU x 2) applied with TimeDistributed -> MIL pooling over the instances -> Dense 1
    sigmoid, binary CE, Adam(1e-3), batch 32, 15 ep; the bags shuffled once before fit.
    Options: `pooling` ("max": GlobalMaxPooling1D; "mean": GlobalAveragePooling1D; "lse":
    log-sum-exp with r = 5; "attention": softmax(Dense 1(Dense 32 tanh)) over the instances,
    a weighted sum; "instance_max": a per-instance sigmoid, the bag probability the max of
    the instances'), `encoder` ("time_distributed"; "direct": Dense layers on the (batch,
    bag, 64) tensor), width / depth / activation / dropout of the encoder, `scale`
    ("divide": / 16; "none": raw 0..16), `labels` ("aligned"; "unpermuted": the bags shuffled
    with a permutation the labels never got), `head` ("sigmoid"; "softmax1": Dense(1,
    softmax)), the optimizer ("adam" / "sgd" with momentum 0.9), rate, batch and epochs."""
    x, xval, y, yval, _ = digit_bags(bag_size)
    if scale == "divide":
        x, xval = x / 16.0, xval / 16.0
    perm = np.random.default_rng(DATA_SEED + 664).permutation(len(y))
    x = x[perm]
    if labels == "aligned":
        y = y[perm]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((bag_size, 64))
    enc = _encoder(width, depth, activation, dropout)
    h = layers.TimeDistributed(enc)(inputs) if encoder == "time_distributed" else enc(inputs)
    if pooling == "max":
        z = layers.GlobalMaxPooling1D()(h)
    elif pooling == "mean":
        z = layers.GlobalAveragePooling1D()(h)
    elif pooling == "lse":
        z = (ops.logsumexp(5.0 * h, axis=1) - float(np.log(bag_size))) / 5.0
    elif pooling == "attention":
        a = ops.softmax(layers.Dense(1)(layers.Dense(32, activation="tanh")(h)), axis=1)
        z = ops.sum(a * h, axis=1)
    if pooling == "instance_max":
        p = layers.Dense(1, activation="sigmoid")(h)
        outputs = layers.Flatten()(layers.GlobalMaxPooling1D()(p))
    else:
        outputs = layers.Dense(1, activation="softmax" if head == "softmax1" else "sigmoid")(z)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x[:256], y[:256]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip


def feature_attention_mil(kit: Kit, *, scale: str = "instances", mask: bool = True,
                          pooling: str = "gated", softmax_axis: int = 1,
                          score_activation: str | None = None, score_bias: float = 0.0,
                          width: int = 64, depth: int = 2, activation: str = "relu",
                          encoder_bias: float = 0.0, dropout: float = 0.0,
                          optimizer: str = "adam", lr: float = 1e-3, batch_size: int = 32,
                          epochs: int = 20) -> Any:  # fmt: skip
    """Generated bags of 4-40 instances (1200 training, 400 validation), 16 features in raw
    units, zero-padded to 40 with a 0 / 1 mask passed as a second input: standardised with
    the real instances' mean / sd (the padding set back to 0), an instance encoder Dense 64
    ReLU x 2 on the (batch, 40, 16) tensor, gated attention (Dense 32 tanh * Dense 32
    sigmoid -> Dense 1 score, the padding's scores -1e9, softmax over the instances, axis
    1), the weighted sum -> Dense 1 sigmoid, binary CE, Adam(1e-3), batch 32, 20 ep. Options:
    `scale` ("instances"; "none": raw units; "with_padding": StandardScaler fitted on the
    padded array, zeros included, applied to the padding too), `mask` (False: the mask
    never used, the padding slots pooled as instances), `pooling` ("gated"; "plain": Dense 32
    tanh -> Dense 1 attention; "mean" / "max": masked mean / max of the instance
    embeddings), `softmax_axis` (-1: the softmax over the size-1 score axis, every weight 1),
    `score_activation` / `score_bias` on the score layer (relu with a negative bias: a dead
    score), the encoder's width / depth / activation / dropout, `encoder_bias` (the
    encoder's bias initialiser, a constant: -10 puts every ReLU unit off), the optimizer
    ("adam" / "sgd" with momentum 0.9), rate, batch and epochs."""
    x, m, xval, mval, y, yval = feature_bags()
    if scale == "instances":
        real = x[m > 0]
        mean, sd = real.mean(axis=0), real.std(axis=0)
        x, xval = (x - mean) / sd * m[..., None], (xval - mean) / sd * mval[..., None]
    elif scale == "with_padding":
        flat = x.reshape(-1, FEATURES)
        mean, sd = flat.mean(axis=0), flat.std(axis=0)
        x, xval = (x - mean) / sd, (xval - mean) / sd
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    bags = keras.Input((MAX_BAG, FEATURES), name="bags")
    weights = keras.Input((MAX_BAG,), name="mask")
    h = _encoder(width, depth, activation, dropout, encoder_bias)(bags)
    slot = ops.expand_dims(weights, -1) if mask else None
    if pooling in ("gated", "plain"):
        v = layers.Dense(32, activation="tanh")(h)
        if pooling == "gated":
            v = v * layers.Dense(32, activation="sigmoid")(h)
        bias = keras.initializers.Constant(score_bias)
        score = layers.Dense(1, activation=score_activation, bias_initializer=bias)(v)
        if slot is not None:
            score = score + (1.0 - slot) * -1e9
        a = ops.softmax(score, axis=softmax_axis)
        z = ops.sum(a * h, axis=1)
    elif pooling == "mean":
        z = (ops.sum(h * slot, axis=1) / ops.sum(slot, axis=1) if slot is not None
             else ops.mean(h, axis=1))  # fmt: skip
    else:
        z = ops.max(h + (1.0 - slot) * -1e9 if slot is not None else h, axis=1)
    outputs = layers.Dense(1, activation="sigmoid")(z)
    model = keras.Model([bags, weights], outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, [x, m], y, probe_data=([x[:256], m[:256]], y[:256]), epochs=epochs,
                   batch_size=batch_size, validation_data=([xval, mval], yval))  # fmt: skip
