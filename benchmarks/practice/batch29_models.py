"""Batch-29 dense and structured-output vision scripts (keyword options are the faults, the
defaults the healthy choice): a small U-Net for per-pixel classes (softmax + sparse CE, a
Conv2DTranspose or UpSampling2D decoder, skip connections by Concatenate, a practitioner's
dice loss), a binary foreground mask (sigmoid + BCE, a dice metric), one object's box and
class (two heads), triangle landmarks (coordinates, or Gaussian heatmaps with a keypoint
accuracy), counting by a density map, and 2x super-resolution. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch29_data import (
    SIZE,
    blob_counts,
    boxed_shapes,
    heatmaps,
    low_res_pairs,
    shape_scenes,
    triangle_landmarks,
)
from benchmarks.practice.kit import Kit


def _block(h: Any, filters: int) -> Any:
    h = layers.Conv2D(filters, 3, padding="same", activation="relu")(h)
    return layers.Conv2D(filters, 3, padding="same", activation="relu")(h)


def _unet(shape: tuple[int, ...], out: int, activation: str | None,
          decoder: str = "transpose") -> keras.Model:  # fmt: skip
    """Conv 8 x 2 -> pool -> Conv 16 x 2 -> pool -> Conv 32 x 2, then two up steps
    (Conv2DTranspose(s2) or UpSampling2D + Conv2D), each concatenated with the encoder's
    map of that size and two convs, then a 1 x 1 Conv2D(out, activation)."""
    inputs = keras.Input(shape)
    e1 = _block(inputs, 8)
    e2 = _block(layers.MaxPooling2D()(e1), 16)
    h = _block(layers.MaxPooling2D()(e2), 32)
    for skip, filters in ((e2, 16), (e1, 8)):
        if decoder == "transpose":
            h = layers.Conv2DTranspose(filters, 2, strides=2, padding="same")(h)
        else:
            h = layers.Conv2D(filters, 3, padding="same", activation="relu")(
                layers.UpSampling2D()(h))
        h = _block(layers.Concatenate()([h, skip]), filters)
    return keras.Model(inputs, layers.Conv2D(out, 1, activation=activation)(h))


def _flip_pairs(x: np.ndarray, m: np.ndarray, together: bool) -> tuple[np.ndarray, np.ndarray]:
    """Left-right flip augmentation, drawn once for the training pairs (each pair flipped by a
    coin): the masks flipped with their images, or, with `together=False`, each mask flipped
    by its own coin (`tf.image.random_flip_left_right` called on the image and on the mask
    separately)."""
    rng = np.random.default_rng(1)
    coin = rng.random(len(x)) < 0.5
    coin_m = coin if together else rng.random(len(x)) < 0.5
    fx = np.where(coin[:, None, None, None], x[:, :, ::-1], x)
    fm = np.where(coin_m[:, None, None, None], m[:, :, ::-1], m)
    return fx, fm


def dice_loss_multiclass(classes: int, smooth: float = 1.0) -> Any:
    """Soft dice over the one-hot masks (per image and class, summed over the pixels),
    1 - its mean, plus the cross-entropy (the 'CE + dice' recipe)."""

    def loss(y_true: Any, y_pred: Any) -> Any:
        onehot = ops.one_hot(ops.cast(ops.squeeze(y_true, -1), "int32"), classes)
        inter = ops.sum(onehot * y_pred, axis=(1, 2))
        total = ops.sum(onehot, axis=(1, 2)) + ops.sum(y_pred, axis=(1, 2))
        dice = ops.mean((2 * inter + smooth) / (total + smooth), axis=-1)
        ce = keras.losses.sparse_categorical_crossentropy(y_true, y_pred)
        return ops.mean(ce, axis=(1, 2)) + 1 - dice

    return loss


def unet_segmentation(kit: Kit, *, decoder: str = "transpose", loss: str = "sparse_ce",
                      masks: str = "ids", resize: str = "nearest", flip: str = "together",
                      lr: float = 1e-3, epochs: int = 10) -> Any:  # fmt: skip
    """Shape scenes (32 x 32, uint8) / 255 with per-pixel class masks (0 background, 1 disc,
    2 square, 3 triangle); flip augmentation (each image and its
    mask flipped together by a coin); the small U-Net with a 4-way per-pixel softmax; sparse
    categorical cross-entropy, pixel accuracy and MeanIoU(4); Adam(1e-3), batch 32, 10
    epochs. Options: `decoder="upsampling"`, `loss="ce_dice"` (the practitioner's CE +
    soft dice). Faults: `masks="onehot"` (one-hot masks under the sparse loss),
    `loss="categorical_ce"` (the class-id masks under categorical cross-entropy),
    `resize="bilinear"` (masks resized like the images: fractional ids at the edges, cast
    down by the loss), `flip="separate"` (image and mask flipped by separate coins), `lr`."""
    x, xval, m, mval = shape_scenes(resize=resize)
    _, _, _, mval = shape_scenes()
    x, xval = x.astype("float32") / 255.0, xval.astype("float32") / 255.0
    x, m = _flip_pairs(x, m, together=flip == "together")
    if masks == "onehot":
        m = keras.utils.to_categorical(m[..., 0].astype(int), 4)
        mval = keras.utils.to_categorical(mval[..., 0].astype(int), 4)
    keras.utils.set_random_seed(kit.seed)
    model = _unet((SIZE, SIZE, 1), 4, "softmax", decoder)
    losses = {"sparse_ce": "sparse_categorical_crossentropy",
              "categorical_ce": "categorical_crossentropy",
              "ce_dice": dice_loss_multiclass(4)}  # fmt: skip
    iou = keras.metrics.MeanIoU(4, sparse_y_pred=False, sparse_y_true=masks == "ids")
    model.compile(keras.optimizers.Adam(lr), losses[loss], metrics=["accuracy", iou])
    return kit.fit(model, x, m, probe_data=(x, m), epochs=epochs, batch_size=32,
                   validation_data=(xval, mval))  # fmt: skip


def dice_coef(y_true: Any, y_pred: Any, smooth: float = 1.0) -> Any:
    """Soft dice of a binary mask, per image, over all pixels (the metric the tutorials
    write)."""
    inter = ops.sum(y_true * y_pred, axis=(1, 2, 3))
    total = ops.sum(y_true, axis=(1, 2, 3)) + ops.sum(y_pred, axis=(1, 2, 3))
    return (2 * inter + smooth) / (total + smooth)


def _bce_dice(axis: tuple[int, ...] | int) -> Any:
    def loss(y_true: Any, y_pred: Any) -> Any:
        inter = ops.sum(y_true * y_pred, axis=axis)
        total = ops.sum(y_true, axis=axis) + ops.sum(y_pred, axis=axis)
        dice = (2 * inter + 1.0) / (total + 1.0)
        bce = ops.mean(keras.losses.binary_crossentropy(y_true, y_pred), axis=(1, 2))
        return bce + ops.mean(ops.reshape(1 - dice, (ops.shape(y_true)[0], -1)), axis=1)

    return loss


def foreground_mask(kit: Kit, *, loss: str = "bce", mask_scale: float = 1.0,
                    dice_axis: str = "image", epochs: int = 10) -> Any:  # fmt: skip
    """The shape scenes as a binary task (foreground = any shape; ~12 % of the pixels):
    images / 255, masks 0/1 float, the same U-Net with Conv2D(1, sigmoid); binary
    cross-entropy, accuracy and a dice coefficient metric; flip augmentation (pairs
    together); Adam(1e-3), batch 32, 10 epochs. Option: `loss="bce_dice"` (BCE + soft dice
    per image). Faults: `mask_scale=255` (the masks as saved to PNG, 0/255, fed to BCE),
    `dice_axis="pixel"` (the dice of the BCE + dice loss summed over the last axis only: a
    per-pixel dice)."""
    x, xval, m, mval = shape_scenes()
    x, xval = x.astype("float32") / 255.0, xval.astype("float32") / 255.0
    m, mval = (m > 0).astype("float32") * mask_scale, (mval > 0).astype("float32") * mask_scale
    x, m = _flip_pairs(x, m, together=True)
    keras.utils.set_random_seed(kit.seed)
    model = _unet((SIZE, SIZE, 1), 1, "sigmoid")
    axis = (1, 2, 3) if dice_axis == "image" else -1
    model.compile(keras.optimizers.Adam(1e-3),
                  "binary_crossentropy" if loss == "bce" else _bce_dice(axis),
                  metrics=["accuracy", dice_coef])  # fmt: skip
    return kit.fit(model, x, m, probe_data=(x, m), epochs=epochs, batch_size=32,
                   validation_data=(xval, mval))  # fmt: skip


def _conv_trunk() -> tuple[Any, Any]:
    """A 32 x 32 grey image -> Conv 16-32-64 (3 x 3, ReLU, each pooled) -> Flatten -> Dense
    128 (ReLU): the box and landmark models' shared trunk (input, features)."""
    inputs = keras.Input((SIZE, SIZE, 1))
    h = inputs
    for filters in (16, 32, 64):
        h = layers.MaxPooling2D()(layers.Conv2D(filters, 3, padding="same",
                                                activation="relu")(h))  # fmt: skip
    return inputs, layers.Dense(128, activation="relu")(layers.Flatten()(h))


def box_and_class(kit: Kit, *, units: str = "normalised", head: str = "sigmoid",
                  box_format: str = "xywh", val_format: str = "", box_loss: str = "mse",
                  epochs: int = 15) -> Any:  # fmt: skip
    """One shape a 32 x 32 image (uint8) / 255: its class (disc, square, triangle) and its
    box. The boxes, annotated as (x1, y1, x2, y2) pixels, converted to centre-size (x, y, w,
    h) and divided by 32; Conv 16-32-64 (3 x 3, ReLU, each pooled) -> Flatten -> Dense 128
    -> "cls" Dense(3, softmax) + sparse CE + accuracy and "box" Dense(4, sigmoid) + MSE +
    mae; Adam(1e-3), batch 64, 15 epochs. Options: `box_loss="huber"` (not run). Faults:
    `units="pixels"` (pixel targets under the sigmoid head, or with `head="linear"`: the
    box MSE in px^2 swamps the class loss), `val_format="xyxy"` (the validation boxes left
    as annotated while the training ones were converted)."""
    x, xval, c, cval, box, boxval = boxed_shapes()
    x, xval = x.astype("float32") / 255.0, xval.astype("float32") / 255.0

    def convert(b: np.ndarray, fmt: str) -> np.ndarray:
        if fmt == "xywh":
            b = np.stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2,
                          b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]], axis=1)  # fmt: skip
        return (b / SIZE if units == "normalised" else b).astype("float32")

    box, boxval = convert(box, box_format), convert(boxval, val_format or box_format)
    keras.utils.set_random_seed(kit.seed)
    inputs, h = _conv_trunk()
    cls = layers.Dense(3, activation="softmax", name="cls")(h)
    out = layers.Dense(4, activation=None if head == "linear" else head, name="box")(h)
    model = keras.Model(inputs, {"cls": cls, "box": out})
    model.compile(keras.optimizers.Adam(1e-3),
                  loss={"cls": "sparse_categorical_crossentropy", "box": box_loss},
                  metrics={"cls": ["accuracy"], "box": ["mae"]})  # fmt: skip
    y, yval = {"cls": c, "box": box}, {"cls": cval, "box": boxval}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def landmark_regression(kit: Kit, *, flip: str = "swap", epochs: int = 15) -> Any:
    """Triangles (32 x 32, uint8) / 255 and their corners (apex, left, right) as 6 numbers
    divided by 32; flip augmentation (the training set doubled with mirrored images, x ->
    32 - x, and the left and right corners swapped, as a face model swaps its eyes); Conv
    16-32-64 (each pooled) -> Flatten -> Dense 128 -> Dense(6, linear); MSE + mae;
    Adam(1e-3), batch 64, 15 epochs. Faults: `flip="no_swap"` (x mirrored but the left and
    right corners not swapped), `flip="image_only"` (the images mirrored, the landmarks not
    touched)."""
    x, xval, k, kval = triangle_landmarks()
    x, xval = x.astype("float32") / 255.0, xval.astype("float32") / 255.0
    fk = k.copy()
    if flip != "image_only":
        fk[:, 0::2] = SIZE - fk[:, 0::2]
    if flip == "swap":
        fk = fk[:, [0, 1, 4, 5, 2, 3]]
    x, k = np.concatenate([x, x[:, :, ::-1]]), np.concatenate([k, fk])
    k, kval = k / SIZE, kval / SIZE
    keras.utils.set_random_seed(kit.seed)
    inputs, h = _conv_trunk()
    model = keras.Model(inputs, layers.Dense(6)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, k, probe_data=(x, k), epochs=epochs, batch_size=64,
                   validation_data=(xval, kval))  # fmt: skip


def keypoint_accuracy(y_true: Any, y_pred: Any) -> Any:
    """Share of keypoints whose heatmap peak is within 2 px of the true peak (PCK@2px)."""
    n = ops.shape(y_true)[0]
    t = ops.argmax(ops.reshape(ops.transpose(y_true, (0, 3, 1, 2)), (n, 3, -1)), axis=-1)
    p = ops.argmax(ops.reshape(ops.transpose(y_pred, (0, 3, 1, 2)), (n, 3, -1)), axis=-1)
    dy = ops.cast(t // SIZE - p // SIZE, "float32")
    dx = ops.cast(t % SIZE - p % SIZE, "float32")
    return ops.mean(ops.cast(dy**2 + dx**2 <= 4.0, "float32"), axis=-1)


def keypoint_heatmaps(kit: Kit, *, out_activation: str | None = None, peak: float = 1.0,
                      lr: float = 1e-3, epochs: int = 10) -> Any:  # fmt: skip
    """The triangles with one Gaussian heatmap per corner (sd 1.5 px, peak 1; 32 x 32 x 3);
    the U-Net with a linear 1 x 1 Conv2D(3); MSE; keypoint accuracy (peak within 2 px);
    Adam(1e-3), batch 32, 10 epochs. Faults: `out_activation="relu"` (a final ReLU on the
    heatmaps), `peak`, `lr`."""
    x, xval, k, kval = triangle_landmarks()
    x, xval = x[:1200].astype("float32") / 255.0, xval.astype("float32") / 255.0
    h, hval = heatmaps(k[:1200]) * peak, heatmaps(kval) * peak
    keras.utils.set_random_seed(kit.seed)
    model = _unet((SIZE, SIZE, 1), 3, out_activation)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=[keypoint_accuracy])
    return kit.fit(model, x, h, probe_data=(x, h), epochs=epochs, batch_size=32,
                   validation_data=(xval, hval))  # fmt: skip


def density_counting(kit: Kit, *, scale: float = 100.0, out_activation: str | None = None,
                     epochs: int = 10) -> Any:  # fmt: skip
    """Blob images (32 x 32, uint8) / 255 and density maps (a Gaussian of sum 1 per blob)
    multiplied by 100 (the CSRNet-style scaling); a fully convolutional net (Conv 16-32
    -> pool -> Conv 64 (dilation 2) -> UpSampling2D -> Conv 32 -> Conv2D(1, linear)); MSE;
    a count_mae metric (the map's sum / 100 against the count); Adam(1e-3), batch 32, 10
    epochs. Faults: `scale=1` (the raw density), `out_activation`."""
    x, xval, d, dval, *_ = blob_counts()
    x, xval = x.astype("float32") / 255.0, xval.astype("float32") / 255.0
    d, dval = d * scale, dval * scale

    def count_mae(y_true: Any, y_pred: Any) -> Any:
        return ops.abs(ops.sum(y_true, axis=(1, 2, 3)) - ops.sum(y_pred, axis=(1, 2, 3))) / scale

    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((SIZE, SIZE, 1))
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.Conv2D(64, 3, padding="same", dilation_rate=2,
                      activation="relu")(layers.MaxPooling2D()(h))  # fmt: skip
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(layers.UpSampling2D()(h))
    model = keras.Model(inputs, layers.Conv2D(1, 1, activation=out_activation)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=[count_mae])
    return kit.fit(model, x, d, probe_data=(x, d), epochs=epochs, batch_size=32,
                   validation_data=(xval, dval))  # fmt: skip


def super_resolution(kit: Kit, *, scale_target: bool = True, layout: str = "channels_last",
                     residual: bool = True, epochs: int = 10) -> Any:  # fmt: skip
    """2x super-resolution of the shape scenes: 16 x 16 inputs and 32 x 32 targets, both /
    255; UpSampling2D(bilinear) of the input, Conv 32 -> Conv 32 -> Conv2D(1) on it, added
    to it (a residual); MSE + mae; Adam(1e-3), batch 32, 10 epochs. Option:
    `residual=False`. Faults: `scale_target=False` (the inputs / 255, the targets left
    0..255), `layout="channels_first"` (arrays (n, 1, h, w) from a PyTorch-style loader,
    the model's Input taken from their shape)."""
    lo, loval, hi, hival = low_res_pairs()
    lo, loval = lo.astype("float32") / 255.0, loval.astype("float32") / 255.0
    hi, hival = hi.astype("float32"), hival.astype("float32")
    if scale_target:
        hi, hival = hi / 255.0, hival / 255.0
    if layout == "channels_first":
        lo, loval, hi, hival = (np.transpose(a, (0, 3, 1, 2)) for a in (lo, loval, hi, hival))
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(lo.shape[1:])
    up = layers.UpSampling2D(interpolation="bilinear")(inputs)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(up)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.Conv2D(1, 3, padding="same")(h)
    model = keras.Model(inputs, layers.Add()([up, h]) if residual else h)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, lo, hi, probe_data=(lo, hi), epochs=epochs, batch_size=32,
                   validation_data=(loval, hival))  # fmt: skip
