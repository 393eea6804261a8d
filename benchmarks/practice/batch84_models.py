"""Batch-84 image-to-image regression scripts (keyword options are the faults, the defaults the
healthy choice): a DnCNN-style residual denoiser (the net predicts the noise, a Subtract skip
removes it), ESPCN-style 2x super-resolution of upscaled sklearn digits (sub-pixel convolution
by depth_to_space, or Conv2DTranspose / UpSampling2D), and a small U-Net that colourises grey
scenes. MSE on [0, 1] images, PSNR as the metric (and the mean absolute pixel error on the
0..1 scale). Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch84_data import colour_scenes, digit_pairs, noisy_pairs
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    return keras.optimizers.Adam(lr)


def _metrics(low: float = 0.0, high: float = 1.0) -> list[Any]:
    """PSNR (dB, peak = the data's range) and the mean absolute pixel error on the 0..1 scale,
    for images stored in low..high."""
    span = high - low

    def psnr(y_true: Any, y_pred: Any) -> Any:
        mse = ops.mean(ops.square((y_true - y_pred) / span), axis=(1, 2, 3))
        return 10.0 * ops.log(1.0 / (mse + 1e-10)) / np.log(10.0)

    def pixel_mae(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.abs(y_true - y_pred) / span, axis=(1, 2, 3))

    return [psnr, pixel_mae]


def denoise_dncnn(kit: Kit, *, residual: bool = True, depth: int = 4, filters: int = 24,
                  batchnorm: bool = False, output: str = "linear", pixels: str = "unit",
                  target: str = "clean", swap_xy: bool = False, shuffle_pairs: bool = False,
                  clip_input: bool = False, train_sigma: float = 0.15, loss: str = "mse",
                  optimizer: str = "adam", lr: float = 1e-3, epochs: int = 6,
                  batch_size: int = 32) -> Any:  # fmt: skip
    """DnCNN-style denoiser of generated 32 x 32 grey scenes under N(0, 0.15) noise (1200
    train, 300 validate): Conv 3x3 24 ReLU x 3 (depth 4) -> Conv 3x3 1 linear (the noise
    estimate) -> Subtract (noisy - noise); MSE, PSNR, Adam(1e-3), batch 32, 6 epochs.
    Options: `residual` (False: the last conv outputs the clean image), `depth`, `filters`,
    `batchnorm` (BatchNorm after the middle convs, as DnCNN), `output` (the last conv's
    activation), `pixels` ("unit"; "byte": inputs and targets 0..255), `target` ("clean";
    "noisy2": a second independently noised copy, Noise2Noise), `swap_xy` (fit(clean,
    noisy): the pair's order swapped in the training call), `shuffle_pairs` (the clean
    targets shuffled apart from their noisy images), `clip_input` (noisy images clipped to
    0..1), `train_sigma` (the training noise level; validation stays 0.15), the loss,
    optimizer, rate, epochs and batch size."""
    noisy, clean, noisyval, cleanval, second = noisy_pairs(second_copy=True)
    if train_sigma != 0.15:
        noisy = noisy_pairs(sigma=train_sigma)[0]
    if target == "noisy2":
        clean = second
    if clip_input:
        noisy, noisyval = np.clip(noisy, 0.0, 1.0), np.clip(noisyval, 0.0, 1.0)
    high = 1.0
    if pixels == "byte":
        noisy, clean, noisyval, cleanval = (a * 255.0 for a in (noisy, clean, noisyval, cleanval))
        high = 255.0
    if swap_xy:
        noisy, clean = clean, noisy
    keras.utils.set_random_seed(kit.seed)
    if shuffle_pairs:
        clean = clean[np.random.default_rng(kit.seed).permutation(len(clean))]
    inputs = keras.Input((None, None, 1))
    h = layers.Conv2D(filters, 3, padding="same", activation="relu")(inputs)
    for _ in range(depth - 2):
        h = layers.Conv2D(filters, 3, padding="same", use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation("relu")(h)
    h = layers.Conv2D(1, 3, padding="same", activation=output)(h)
    outputs = layers.Subtract()([inputs, h]) if residual else h
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=_metrics(0.0, high))
    return kit.fit(model, noisy, clean, probe_data=(noisy, clean), epochs=epochs,
                   batch_size=batch_size, validation_data=(noisyval, cleanval))  # fmt: skip


def sr_espcn(kit: Kit, *, upsample: str = "subpixel", global_skip: bool = False,
             output: str = "linear", hidden: str = "relu", lr_scale: float = 1.0,
             hr_scale: float = 1.0, shift: int = 0, loss: str = "mse", optimizer: str = "adam",
             lr: float = 1e-3, epochs: int = 8, batch_size: int = 32) -> Any:  # fmt: skip
    """2x super-resolution of sklearn digits (16 x 16 block means -> the 32 x 32 cubic
    upscales; 1437 train, 360 validate), ESPCN-style: Conv 5x5 64 ReLU -> Conv 3x3 32 ReLU ->
    Conv 3x3 4 linear -> depth_to_space(2); MSE, PSNR, Adam(1e-3), batch 32, 8 epochs.
    Options: `upsample` ("subpixel"; "transpose": Conv2DTranspose 32 stride 2 -> Conv 1;
    "upsampling": UpSampling2D(2) -> Conv 3x3 32 -> Conv 1; "reshape": Reshape((32, 32, 1))
    of the 16 x 16 x 4 map instead of depth_to_space), `global_skip` (the bilinear upsample of
    the input added to the output: the net learns the residual), `output` / `hidden`
    activations, `lr_scale` / `hr_scale` (the inputs / targets multiplied, e.g. 255 when the
    / 255 is forgotten), `shift` (the training inputs rolled by this many low-resolution
    pixels down and right against their targets), the loss, optimizer, rate, epochs and batch
    size."""
    x, y, xval, yval = digit_pairs(2)
    x, xval = x * lr_scale, xval * lr_scale
    y, yval = y * hr_scale, yval * hr_scale
    if shift:
        x = np.roll(x, (shift, shift), axis=(1, 2))
    keras.utils.set_random_seed(kit.seed)
    low = x.shape[1]
    inputs = keras.Input((low, low, 1))
    h = layers.Conv2D(64, 5, padding="same", activation=hidden)(inputs)
    h = layers.Conv2D(32, 3, padding="same", activation=hidden)(h)
    if upsample == "transpose":
        h = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation=hidden)(h)
        outputs = layers.Conv2D(1, 3, padding="same", activation=output)(h)
    elif upsample == "upsampling":
        h = layers.UpSampling2D(2)(h)
        h = layers.Conv2D(32, 3, padding="same", activation=hidden)(h)
        outputs = layers.Conv2D(1, 3, padding="same", activation=output)(h)
    else:
        h = layers.Conv2D(4, 3, padding="same", activation=output)(h)
        if upsample == "reshape":
            outputs = layers.Reshape((2 * low, 2 * low, 1))(h)
        else:
            outputs = layers.Lambda(lambda t: ops.depth_to_space(t, 2),
                                    output_shape=(2 * low, 2 * low, 1))(h)  # fmt: skip
    if global_skip:
        base = layers.UpSampling2D(2, interpolation="bilinear")(inputs)
        outputs = layers.Add()([outputs, base])
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=_metrics(0.0, hr_scale))
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _unet_block(h: Any, filters: int, activation: str, batchnorm: bool) -> Any:
    for _ in range(2):
        h = layers.Conv2D(filters, 3, padding="same", use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation(activation)(h)
    return h


def colorize_unet(kit: Kit, *, target_range: str = "unit", output: str = "sigmoid",
                  skips: bool = True, batchnorm: bool = False, activation: str = "relu",
                  decoder: str = "transpose", flip_aug: bool = False, flip_targets: bool = True,
                  train_gray: str = "luma", loss: str = "mse", dropout: float = 0.0,
                  optimizer: str = "adam", lr: float = 1e-3, epochs: int = 6,
                  batch_size: int = 32) -> Any:  # fmt: skip
    """Colourisation of generated 32 x 32 scenes (grey luma -> RGB; each shape kind has its own
    hue; 1200 train, 300 validate) by a small U-Net: [Conv 3x3 ReLU] x 2 at 16 / 32 filters
    with MaxPool, a 64-filter bottleneck at 8 x 8, Conv2DTranspose up with the encoder maps
    concatenated, Conv 1x1 3 sigmoid; MSE, PSNR, Adam(1e-3), batch 32, 6 epochs. Options:
    `target_range` ("unit"; "signed": the RGB targets mapped to -1..1), `output` activation,
    `skips` (False: no concatenated encoder maps), `batchnorm` (after each conv),
    `activation`, `decoder` ("transpose"; "upsampling": UpSampling2D), `flip_aug`
    (horizontal flips added; `flip_targets` False leaves the colour targets unflipped),
    `train_gray` ("luma"; "mean": the training inputs made by averaging R, G, B while
    validation uses the luma), `dropout` at the bottleneck, the loss, optimizer, rate,
    epochs and batch size."""
    gray, rgb, grayval, rgbval = colour_scenes()
    if train_gray == "mean":
        gray = rgb.mean(axis=-1, keepdims=True)
    if flip_aug:
        flipped = rgb[:, :, ::-1] if flip_targets else rgb
        gray = np.concatenate([gray, gray[:, :, ::-1]])
        rgb = np.concatenate([rgb, flipped])
    low, high = 0.0, 1.0
    if target_range == "signed":
        rgb, rgbval, low = rgb * 2.0 - 1.0, rgbval * 2.0 - 1.0, -1.0
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((32, 32, 1))
    e1 = _unet_block(inputs, 16, activation, batchnorm)
    e2 = _unet_block(layers.MaxPooling2D(2)(e1), 32, activation, batchnorm)
    b = _unet_block(layers.MaxPooling2D(2)(e2), 64, activation, batchnorm)
    if dropout:
        b = layers.Dropout(dropout)(b)
    h = b
    for skip, filters in ((e2, 32), (e1, 16)):
        if decoder == "upsampling":
            h = layers.UpSampling2D(2)(h)
        else:
            h = layers.Conv2DTranspose(filters, 2, strides=2, padding="same")(h)
        if skips:
            h = layers.Concatenate()([h, skip])
        h = _unet_block(h, filters, activation, batchnorm)
    outputs = layers.Conv2D(3, 1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=_metrics(low, high))
    return kit.fit(model, gray, rgb, probe_data=(gray, rgb), epochs=epochs,
                   batch_size=batch_size, validation_data=(grayval, rgbval))  # fmt: skip
