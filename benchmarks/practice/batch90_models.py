"""Batch-90 sketch and pen-stroke scripts (keyword options are the faults, the defaults the
healthy choice): a QuickDraw-style stroke classifier (stroke-3 deltas of the per-drawing
normalised points, Conv1D x 2 -> Bidirectional LSTM -> softmax, as TensorFlow's QuickDraw RNN
tutorial builds it), the rasterised-drawing CNN as the alternative, and next-point
regression over the pen trajectory (a masked GRU predicting each next (dx, dy)). Each script
calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch90_data import CANVAS, CLASSES, bitmaps, sketches
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float, clipnorm: float | None = None
               ) -> keras.optimizers.Optimizer:  # fmt: skip
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9, clipnorm=clipnorm)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr, clipnorm=clipnorm)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr, clipnorm=clipnorm)
    return keras.optimizers.Adam(lr, clipnorm=clipnorm)


def to_stroke3(points: np.ndarray, lengths: np.ndarray, *, normalise: str = "per_drawing",
               coords: str = "delta", diff_padded: bool = False) -> np.ndarray:  # fmt: skip
    """Padded (x, y, pen) points -> model input. `normalise`: "per_drawing" (each drawing's
    points shifted to its bounding box's corner and divided by its larger side: 0..1),
    "canvas" (/ 255), "none" (canvas pixels). `coords`: "delta" (stroke-3: the first row the
    start point, then the offsets to the previous point) or "absolute". `diff_padded`: the
    offsets taken over the whole padded array (the first padding row becomes minus the last
    point) instead of over each drawing's own points. Padding rows stay zero otherwise."""
    out = np.zeros_like(points)
    valid = np.arange(points.shape[1])[None, :] < lengths[:, None]
    xy = points[..., :2].copy()
    if normalise == "per_drawing":
        big = np.where(valid[..., None], xy, np.inf).min(axis=1, keepdims=True)
        top = np.where(valid[..., None], xy, -np.inf).max(axis=1, keepdims=True)
        extent = np.maximum((top - big).max(axis=2, keepdims=True), 1.0)
        xy = (xy - big) / extent
    elif normalise == "canvas":
        xy = xy / CANVAS
    xy = np.where(valid[..., None], xy, 0.0)
    if coords == "delta":
        prev = np.concatenate([np.zeros_like(xy[:, :1]), xy[:, :-1]], axis=1)
        d = xy - prev
        if not diff_padded:
            d = np.where(valid[..., None], d, 0.0)
        xy = d
    out[..., :2] = xy
    out[..., 2] = points[..., 2]
    return out.astype("float32")


def _offset_sd(x: np.ndarray, lengths: np.ndarray) -> float:
    """The standard deviation of the training set's (dx, dy) over the drawings' own points
    (sketch-rnn's scaling of the offsets)."""
    valid = np.arange(x.shape[1])[None, :] < lengths[:, None]
    return float(x[..., :2][valid].std())


def classify_strokes(kit: Kit, *, normalise: str = "per_drawing", coords: str = "delta",
                     standardise: bool = True, val_normalise: str = "",
                     diff_padded: bool = False, pen: bool = True,
                     conv: bool = True, rnn: str = "lstm", bidirectional: bool = True,
                     units: int = 64, mask: bool = False, padding: str = "post",
                     output: str = "softmax", loss: str = "sparse_categorical_crossentropy",
                     from_logits: bool = False, shuffle_labels: bool = False,
                     sort_by_class: bool = False, dropout: float = 0.0,
                     optimizer: str = "adam", lr: float = 1e-3, clipnorm: float | None = None,
                     epochs: int = 8, batch_size: int = 64) -> Any:  # fmt: skip
    """QuickDraw-style classifier of the generated drawings (6 classes, 2000 train, 500 validate;
    up to 48 points): stroke-3 input (dx, dy, pen) of the per-drawing normalised points, the
    offsets divided by their training-set standard deviation -> Conv1D(48, 5) ReLU -> Conv1D(64,
    5) ReLU -> Bidirectional(LSTM(64)) -> Dense 6 softmax; sparse CE, accuracy, Adam(1e-3),
    batch 64, 8 epochs. Options: `normalise` / `coords` / `diff_padded` (see `to_stroke3`),
    `standardise` (False: the offsets left at their 0..1 per-drawing scale), `val_normalise`
    (the validation drawings normalised another way: the preprocessing changed for the training
    set only), `pen` (False: the pen-lift channel dropped), `conv` (False: the recurrent layer
    on the points directly), `rnn` ("lstm" / "gru"), `bidirectional`, `units`, `mask` (a Masking
    layer over the zero padding; the convs left out, as they do not carry a mask), `padding`
    ("post"; "pre": the drawing moved to the end of the 48 rows), `output` / `loss` /
    `from_logits`, `shuffle_labels` (the labels shuffled apart from the drawings),
    `sort_by_class` (the training set ordered by class and fit with shuffle=False), `dropout`
    before the head, optimizer, rate, `clipnorm`, epochs, batch size."""
    points, lengths, labels, pointsval, lengthsval, labelsval = sketches()
    x = to_stroke3(points, lengths, normalise=normalise, coords=coords, diff_padded=diff_padded)
    xval = to_stroke3(pointsval, lengthsval, normalise=val_normalise or normalise,
                      coords=coords, diff_padded=diff_padded)  # fmt: skip
    if standardise:
        sd = _offset_sd(x, lengths)
        x[..., :2] /= sd
        xval[..., :2] /= sd
    if padding == "pre":
        x = np.stack([np.roll(a, len(a) - k, axis=0) for a, k in zip(x, lengths, strict=True)])
        xval = np.stack([np.roll(a, len(a) - k, axis=0)
                         for a, k in zip(xval, lengthsval, strict=True)])  # fmt: skip
    if not pen:
        x, xval = x[..., :2], xval[..., :2]
    y, yval = labels.copy(), labelsval
    keras.utils.set_random_seed(kit.seed)
    shuffle = True
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    if sort_by_class:
        order = np.argsort(y, kind="stable")
        x, y, shuffle = x[order], y[order], False
    inputs = keras.Input((x.shape[1], x.shape[2]))
    h = inputs
    if mask:
        h = layers.Masking(0.0)(h)
    elif conv:
        h = layers.Conv1D(48, 5, padding="same", activation="relu")(h)
        h = layers.Conv1D(64, 5, padding="same", activation="relu")(h)
    cell = layers.GRU if rnn == "gru" else layers.LSTM
    h = layers.Bidirectional(cell(units))(h) if bidirectional else cell(units)(h)
    return _fit_classifier(kit, inputs, h, x, y, xval, yval, shuffle=shuffle,
                           dropout=dropout, output=output, loss=loss, from_logits=from_logits,
                           optimizer=optimizer, lr=lr, clipnorm=clipnorm, epochs=epochs,
                           batch_size=batch_size)  # fmt: skip


def _fit_classifier(kit: Kit, inputs: Any, h: Any, x: np.ndarray, y: np.ndarray,
                    xval: np.ndarray, yval: np.ndarray, *, shuffle: bool, dropout: float,
                    output: str, loss: str, from_logits: bool, optimizer: str, lr: float,
                    clipnorm: float | None, epochs: int, batch_size: int) -> Any:  # fmt: skip
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(len(CLASSES), activation=output)(h)
    model = keras.Model(inputs, outputs)
    if loss == "sparse_categorical_crossentropy":
        loss_fn: Any = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    elif loss == "categorical_crossentropy":
        loss_fn = keras.losses.CategoricalCrossentropy(from_logits=from_logits)
        y, yval = keras.utils.to_categorical(y, 6), keras.utils.to_categorical(yval, 6)
    else:
        loss_fn = loss
        y, yval = keras.utils.to_categorical(y, 6), keras.utils.to_categorical(yval, 6)
    model.compile(_optimizer(optimizer, lr, clipnorm), loss_fn, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   shuffle=shuffle, validation_data=(xval, yval))  # fmt: skip


def classify_bitmaps(kit: Kit, *, scale: float = 1 / 255.0, val_scale: float | None = None,
                     batchnorm: bool = False, pool: str = "flatten", hidden: str = "relu",
                     output: str = "softmax", loss: str = "sparse_categorical_crossentropy",
                     from_logits: bool = False, invert_val: bool = False,
                     transpose_train: bool = False, dropout: float = 0.3,
                     optimizer: str = "adam", lr: float = 1e-3, epochs: int = 6,
                     batch_size: int = 64) -> Any:  # fmt: skip
    """The rasterised alternative: the drawings as 28 x 28 bitmaps (white strokes on black,
    0..255 as saved), x `scale` (1 / 255) -> Conv 3x3 32 ReLU -> MaxPool -> Conv 3x3 64 ReLU ->
    MaxPool -> Flatten -> Dropout 0.3 -> Dense 128 ReLU -> Dense 6 softmax; sparse CE,
    accuracy, Adam(1e-3), batch 64, 6 epochs. Options: `scale` (1.0: the / 255 forgotten),
    `val_scale` (the validation images scaled another way), `batchnorm` (after each conv),
    `pool` ("flatten" / "gap"), `hidden` activation, `output` / `loss` / `from_logits`,
    `invert_val` (validation images black strokes on white, as a scanned drawing),
    `transpose_train` (the training bitmaps transposed, rows for columns, as from a
    column-major export), dropout, optimizer, rate, epochs, batch size."""
    images, labels, imagesval, labelsval = bitmaps()
    x = images * scale
    xval = imagesval * (scale if val_scale is None else val_scale)
    if invert_val:
        xval = xval.max() - xval
    if transpose_train:
        x = np.transpose(x, (0, 2, 1, 3))
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((28, 28, 1))
    h = inputs
    for filters in (32, 64):
        h = layers.Conv2D(filters, 3, padding="same", use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation(hidden)(h)
        h = layers.MaxPooling2D(2)(h)
    h = layers.GlobalAveragePooling2D()(h) if pool == "gap" else layers.Flatten()(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    h = layers.Dense(128, activation=hidden)(h)
    return _fit_classifier(kit, inputs, h, x, labels, xval, labelsval, shuffle=True,
                           dropout=0.0, output=output, loss=loss, from_logits=from_logits,
                           optimizer=optimizer, lr=lr, clipnorm=None, epochs=epochs,
                           batch_size=batch_size)  # fmt: skip


def predict_next_point(kit: Kit, *, normalise: str = "per_drawing", units: int = 64,
                       layers_n: int = 1, output: str = "linear", target_shift: int = 1,
                       mask: bool = True, loss: str = "mse", optimizer: str = "adam",
                       lr: float = 1e-3, clipnorm: float | None = None, epochs: int = 10,
                       batch_size: int = 64) -> Any:  # fmt: skip
    """Next-point regression over the pen trajectory (2000 drawings train, 500 validate):
    the stroke-3 rows (dx, dy, pen) of the per-drawing normalised points -> Masking(0) ->
    GRU(64, return_sequences) -> Dense 2 linear: the next row's (dx, dy) at every step (the
    targets are the inputs shifted by one; padded steps masked out of the loss); MSE, MAE,
    Adam(1e-3), batch 64, 10 epochs. Options: `normalise` (see `to_stroke3`), `units`,
    `layers_n` (stacked GRUs), `output` activation, `target_shift` (the training targets
    shifted by this many rows; validation always by one), `mask` (False: no Masking layer,
    the padded steps count in the loss), loss, optimizer, rate, `clipnorm`, epochs, batch
    size."""
    points, lengths, _, pointsval, lengthsval, _ = sketches()
    seq = to_stroke3(points, lengths, normalise=normalise)
    seqval = to_stroke3(pointsval, lengthsval, normalise=normalise)
    x, xval = seq[:, :-1], seqval[:, :-1]
    y = np.concatenate([seq, np.zeros_like(seq[:, :target_shift])], axis=1)
    y = y[:, target_shift: target_shift + x.shape[1], :2]
    yval = seqval[:, 1:, :2]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1], 3))
    h = layers.Masking(0.0)(inputs) if mask else inputs
    for _ in range(layers_n):
        h = layers.GRU(units, return_sequences=True)(h)
    outputs = layers.Dense(2, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr, clipnorm), loss, metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
