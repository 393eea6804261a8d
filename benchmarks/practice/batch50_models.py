"""Batch-50 video and volume scripts (keyword options are the faults, the defaults the healthy
choice): a TimeDistributed CNN -> LSTM / GRU on moving-square clips, a ConvLSTM2D, a Conv3D
on the raw frames or their differences, and a Conv3D on CT-like 12^3 scans. Each script
calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch50_data import clips, volumes, window_hu
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr)
    if name == "sgd_momentum":
        return keras.optimizers.SGD(lr, momentum=0.9)
    return keras.optimizers.Adam(lr)


def _init(init: str) -> Any:
    if init == "constant":  # "all ones is too big, use 0.5": every filter the same
        return keras.initializers.Constant(0.5)
    return "he_normal"


def _clip_arrays(scale: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x, xval, y, yval = clips()
    if scale == "255":
        return x.astype("float32") / 255.0, xval.astype("float32") / 255.0, y, yval
    return x.astype("float32"), xval.astype("float32"), y, yval  # the decoder's 0..255


def clip_td_cnn(kit: Kit, *, scale: str = "255", layout: str = "frames_first",
                temporal: str = "lstm", head: str = "softmax", optimizer: str = "adam",
                lr: float = 1e-3, init: str = "he", bias: float = 0.0, dropout: float = 0.0,
                epochs: int = 8, batch_size: int = 32) -> Any:  # fmt: skip
    """Moving-square clips (1000 train, 400 validate; 8 frames x 16 x 16 x 1, / 255): a
    TimeDistributed CNN (Conv2D 8 3x3 ReLU -> MaxPool 2 -> Conv2D 16 3x3 ReLU -> MaxPool 2
    -> Flatten) on each frame, LSTM(32) over the frames, softmax 4 (the direction), sparse
    CE, Adam(1e-3), batch 32, 8 epochs. Options: `scale` ("255"; "none": the 0..255 uint8
    values cast to float), `layout` ("frames_first"; "swapped": x.transpose(0, 4, 2, 3, 1),
    frames and channels axes exchanged, so the TimeDistributed CNN sees one 'frame' of 8
    channels), `temporal` ("lstm"; "gru"; "gap_time": GlobalAveragePooling1D over the frames'
    features instead of a recurrent layer; "mean_first": the frames averaged by a Lambda
    before the CNN looks), `head` activation, `optimizer` / `lr`, `init` of the convolutions
    and Dense ("he"; "constant": Constant(0.5)), `bias` (the ReLU convolutions'
    bias_initializer constant), `dropout` before the head, epochs, batch size."""
    x, xval, y, yval = _clip_arrays(scale)
    if layout == "swapped":
        x, xval = x.transpose(0, 4, 2, 3, 1), xval.transpose(0, 4, 2, 3, 1)
    keras.utils.set_random_seed(kit.seed)
    conv = {"kernel_initializer": _init(init),
            "bias_initializer": keras.initializers.Constant(bias)}  # fmt: skip
    inputs = keras.Input(x.shape[1:])
    if temporal == "mean_first":
        h = layers.Lambda(lambda t: keras.ops.mean(t, axis=1))(inputs)
        h = layers.Conv2D(8, 3, padding="same", activation="relu", **conv)(h)
        h = layers.MaxPooling2D()(h)
        h = layers.Conv2D(16, 3, padding="same", activation="relu", **conv)(h)
        h = layers.Flatten()(layers.MaxPooling2D()(h))
        h = layers.Dense(32, activation="relu", kernel_initializer=_init(init))(h)
    else:
        h = layers.TimeDistributed(layers.Conv2D(8, 3, padding="same", activation="relu",
                                                 **conv))(inputs)  # fmt: skip
        h = layers.TimeDistributed(layers.MaxPooling2D())(h)
        h = layers.TimeDistributed(layers.Conv2D(16, 3, padding="same", activation="relu",
                                                 **conv))(h)  # fmt: skip
        h = layers.TimeDistributed(layers.MaxPooling2D())(h)
        h = layers.TimeDistributed(layers.Flatten())(h)
        if temporal == "gap_time":
            h = layers.GlobalAveragePooling1D()(h)
            h = layers.Dense(32, activation="relu", kernel_initializer=_init(init))(h)
        elif temporal == "gru":
            h = layers.GRU(32)(h)
        else:
            h = layers.LSTM(32)(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(4, activation=head, kernel_initializer=_init(init))(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def clip_convlstm(kit: Kit, *, activation: str = "tanh", optimizer: str = "adam",
                  lr: float = 1e-3, filters: int = 8, scale: str = "255", epochs: int = 6,
                  batch_size: int = 32) -> Any:  # fmt: skip
    """The first 600 training clips (the 400 validation clips as the others) through
    ConvLSTM2D(8, 3, padding='same') (the last state) -> MaxPool 2 -> Flatten -> Dense 32
    ReLU -> softmax 4, sparse CE, Adam(1e-3), batch 32, 6 epochs (a ConvLSTM is slow on a
    CPU).
    Options: the ConvLSTM's `activation` ("tanh"; "relu", as in some tutorials), `optimizer`
    / `lr`, `filters`, `scale`, epochs, batch size."""
    x, xval, y, yval = _clip_arrays(scale)
    x, y = x[:600], y[:600]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        layers.ConvLSTM2D(filters, 3, padding="same", activation=activation),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dense(32, activation="relu"),
        layers.Dense(4, activation="softmax"),
    ])
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _differences(x: np.ndarray, inputs: str) -> np.ndarray:
    if inputs == "diff":  # signed differences of the scaled frames, -1..1
        return np.diff(x.astype("float32") / 255.0, axis=1)
    if inputs == "diff_uint8":  # np.diff on the decoder's uint8 frames: negatives wrap
        return np.diff(x, axis=1).astype("float32") / 255.0
    return x.astype("float32") / 255.0


def clip_c3d(kit: Kit, *, inputs: str = "raw", pooling: str = "gap", optimizer: str = "adam",
             lr: float = 1e-3, epochs: int = 8, batch_size: int = 32) -> Any:  # fmt: skip
    """The same clips through a small 3-D CNN: Conv3D 8 3x3x3 ReLU -> MaxPool3D (1, 2, 2) ->
    Conv3D 16 3x3x3 ReLU -> MaxPool3D 2 -> GlobalAveragePooling3D -> softmax 4, sparse CE,
    Adam(1e-3), batch 32, 8 epochs. Options: `inputs` ("raw": the frames / 255; "diff":
    the 7 frame differences of the scaled frames, -1..1; "diff_uint8": np.diff on the uint8
    frames, negatives wrapped to 1..255, then / 255), `pooling` ("gap"; "flatten"),
    `optimizer` / `lr`, epochs, batch size."""
    x, xval, y, yval = clips()
    x, xval = _differences(x, inputs), _differences(xval, inputs)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        layers.Conv3D(8, 3, padding="same", activation="relu"),
        layers.MaxPooling3D((1, 2, 2)),
        layers.Conv3D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling3D(2),
        layers.GlobalAveragePooling3D() if pooling == "gap" else layers.Flatten(),
        layers.Dense(4, activation="softmax"),
    ])
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def volume_cnn(kit: Kit, *, scale: str = "window", blocks: int = 2, pool: int = 2,
               head: str = "softmax", optimizer: str = "adam", lr: float = 1e-3,
               init: str = "he", bias: float = 0.0, dropout: float = 0.0, epochs: int = 10,
               batch_size: int = 32) -> Any:  # fmt: skip
    """CT-like scans (900 train, 300 validate; 12 x 12 x 12 x 1, HU windowed to [0, 1]) of
    a ball, a cube or a rod: `blocks` x (Conv3D 8 / 16 / 32 ... 3x3x3 ReLU ->
    MaxPooling3D(2, padding='same')) -> GlobalAveragePooling3D -> softmax 3, sparse CE,
    Adam(1e-3), batch 32, 10 epochs. Options: `scale` ("window"; "hu": the raw Hounsfield
    units, -1200..+600; "max": divided by the array's max), `blocks` and `pool` (the
    poolings stacked, 12 -> 6 -> 3 -> 2 -> 1 ...), `head` activation, `optimizer` / `lr`,
    `init` of the convolutions and Dense ("he"; "constant": Constant(0.5)), `bias` (the
    ReLU convolutions' bias_initializer constant), `dropout` before the head, epochs, batch
    size."""
    x, xval, y, yval = volumes()
    if scale == "window":
        x, xval = window_hu(x), window_hu(xval)
    elif scale == "max":
        top = float(x.max())
        x, xval = x / top, xval / top
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input(x.shape[1:])])
    for block in range(blocks):
        model.add(layers.Conv3D(8 * 2 ** min(block, 2), 3, padding="same", activation="relu",
                                kernel_initializer=_init(init),
                                bias_initializer=keras.initializers.Constant(bias)))  # fmt: skip
        model.add(layers.MaxPooling3D(pool, padding="same"))
    model.add(layers.GlobalAveragePooling3D())
    if dropout:
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(3, activation=head, kernel_initializer=_init(init)))
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
