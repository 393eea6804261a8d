"""Batch-74 remote-sensing scripts (keyword options are the faults, the defaults the healthy
choice): a land-cover patch CNN on 8 bands in their delivered units plus spectral indices, a
small U-Net for per-pixel land cover, a TempCNN-style 1D network over a pixel's acquisition
dates (crop types) and a biomass regression CNN. The preprocessing is the script's own, as
practitioners write it: fill values masked, per-band standardisation from the training
patches, NDVI / NDWI / NDBI as extra channels. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch74_data import (
    biomass_patches,
    crop_series,
    landcover_patches,
    segmentation_tiles,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    return keras.optimizers.RMSprop(lr) if name == "rmsprop" else keras.optimizers.Adam(lr)


def _normalized_difference(a: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    return (a - b) / (a + b + eps)


def _band_stats(x: np.ndarray, valid: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel mean and standard deviation over the training pixels (the valid ones when
    a mask is given)."""
    flat = x.reshape(-1, x.shape[-1])
    if valid is not None:
        flat = flat[valid.reshape(-1)]
    return flat.mean(axis=0), flat.std(axis=0) + 1e-6


def landcover_cnn(kit: Kit, *, scale: str = "band", nodata: str = "mask", indices: bool = True,
                  index_eps: float = 1e-6, labels: str = "aligned", activation: str = "relu",
                  blocks: int = 2, output: str = "softmax", optimizer: str = "adam",
                  lr: float = 1e-3, epochs: int = 12, batch_size: int = 32) -> Any:  # fmt: skip
    """Land-cover patches (16 x 16, B2 B3 B4 B8 B11 B12 reflectance 0..10000, B10 in kelvin,
    elevation in metres, swath-edge fill values 0 / -9999; 5 classes; 1500 train, 500
    validate). Preprocessing: valid = B10 > 0; NDVI, NDWI, NDBI as three more channels
    ((a - b) / (a + b + 1e-6)); per-band standardisation with the training patches' valid
    pixels; fill pixels set to 0 afterwards. Model: `blocks` x [Conv 3x3 ReLU x 2 ->
    MaxPool] (32, 64 filters) -> GAP -> Dense 64 ReLU -> softmax 5, sparse CE, Adam(1e-3),
    batch 32, 12 epochs. Options: `scale` ("band"; "raw": the delivered units; "reflectance":
    every band / 10000, kelvin and metres too; "global": one mean / std over all channels),
    `nodata` ("mask"; "keep": the fill values enter the statistics and the network),
    `indices` (False: the 8 bands only), `index_eps` (0: NaN where the fill values give
    0 / 0), `labels` ("aligned"; "sorted": the label table sorted by class while the
    patches stay in extraction order), the conv `activation`, `blocks` (more blocks of 64
    filters, the pooling only in the first two), the `output` activation ("linear": the
    softmax left out under the probability loss), the optimizer and rate, epochs, batch."""
    x, xval, y, yval = landcover_patches()
    if labels == "sorted":
        y = np.sort(y)

    def features(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        valid = raw[..., 6] > 0
        if not indices:
            return raw, valid
        b3, b4, b8, b11 = raw[..., 1], raw[..., 2], raw[..., 3], raw[..., 4]
        extra = np.stack([_normalized_difference(b8, b4, index_eps),
                          _normalized_difference(b3, b8, index_eps),
                          _normalized_difference(b11, b8, index_eps)], axis=-1)  # fmt: skip
        return np.concatenate([raw, extra], axis=-1), valid

    with np.errstate(invalid="ignore", divide="ignore"):
        x, valid = features(x)
        xval, valid_val = features(xval)
    if scale == "band":
        mean, std = _band_stats(x, valid if nodata == "mask" else None)
        x, xval = (x - mean) / std, (xval - mean) / std
    elif scale == "global":
        flat = x[valid] if nodata == "mask" else x
        x, xval = (x - flat.mean()) / flat.std(), (xval - flat.mean()) / flat.std()
    elif scale == "reflectance":
        x, xval = x.copy(), xval.copy()
        x[..., :8] /= 10000.0
        xval[..., :8] /= 10000.0
    if nodata == "mask":
        x[~valid], xval[~valid_val] = 0.0, 0.0
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = inputs
    for b in range(blocks):
        filters = 32 if b == 0 else 64
        h = layers.Conv2D(filters, 3, padding="same", activation=activation)(h)
        h = layers.Conv2D(filters, 3, padding="same", activation=activation)(h)
        if b < 2:
            h = layers.MaxPooling2D()(h)
    h = layers.GlobalAveragePooling2D()(h)
    h = layers.Dense(64, activation=activation)(h)
    outputs = layers.Dense(5, activation=None if output == "linear" else output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _conv_block(h: Any, filters: int, batchnorm: bool) -> Any:
    for _ in range(2):
        h = layers.Conv2D(filters, 3, padding="same", use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation("relu")(h)
    return h


def unet_landcover(kit: Kit, *, scale: str = "band", mask: str = "aligned", skips: bool = True,
                   batchnorm: bool = True, output: str = "softmax", optimizer: str = "adam",
                   lr: float = 1e-3, epochs: int = 8, batch_size: int = 16) -> Any:  # fmt: skip
    """Per-pixel land cover (32 x 32 tiles, B2 B3 B4 B8 B11 B12 reflectance 0..10000 and B10
    in kelvin; 4 classes; 400 train, 200 validate): per-band standardisation with the
    training tiles' statistics; a two-level U-Net (16 / 32 / 64 filters, Conv-BN-ReLU x 2 per
    level, MaxPool down, Conv2DTranspose up, skip concatenations) -> Conv 1x1 softmax 4,
    sparse CE per pixel, Adam(1e-3), batch 16, 8 epochs. Options: `scale` ("band"; "raw";
    "reflectance": every band / 10000, kelvin too), `mask` ("aligned"; "transposed": the
    label rasters read with rows and columns swapped; "shifted": the label raster off by 4
    pixels, a georeferencing offset), `skips` (False: an encoder-decoder without the skip
    connections), `batchnorm`, the `output` activation ("relu"; "sigmoid"), optimizer,
    rate, epochs and batch size."""
    x, xval, y, yval = segmentation_tiles()
    if mask == "transposed":
        y = np.transpose(y, (0, 2, 1))
    elif mask == "shifted":
        y = np.roll(y, (4, 4), axis=(1, 2))
    if scale == "band":
        mean, std = _band_stats(x, None)
        x, xval = (x - mean) / std, (xval - mean) / std
    elif scale == "reflectance":
        x, xval = x / 10000.0, xval / 10000.0
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    c1 = _conv_block(inputs, 16, batchnorm)
    c2 = _conv_block(layers.MaxPooling2D()(c1), 32, batchnorm)
    bottom = _conv_block(layers.MaxPooling2D()(c2), 64, batchnorm)
    u2 = layers.Conv2DTranspose(32, 2, strides=2, padding="same")(bottom)
    u2 = _conv_block(layers.Concatenate()([u2, c2]) if skips else u2, 32, batchnorm)
    u1 = layers.Conv2DTranspose(16, 2, strides=2, padding="same")(u2)
    u1 = _conv_block(layers.Concatenate()([u1, c1]) if skips else u1, 16, batchnorm)
    outputs = layers.Conv2D(4, 1, activation=output)(u1)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def crop_tempcnn(kit: Kit, *, layout: str = "transpose", clouds: str = "mask",
                 scale: str = "reflectance", labels: str = "aligned", batchnorm: bool = True,
                 dropout: float = 0.2, output: str = "softmax", loss: str = "sparse",
                 optimizer: str = "adam", lr: float = 1e-3, epochs: int = 15,
                 batch_size: int = 64) -> Any:  # fmt: skip
    """Crop type from a pixel's time series (24 dates, B4 B8 B11 reflectance 0..10000, cloudy
    dates -9999; stored (pixels, bands, dates); 5 classes; 2000 train, 600 validate),
    TempCNN-style (Pelletier et al.): the stack transposed to (dates, bands); a cloud mask
    from the -9999s; reflectance / 10000 and NDVI; the cloudy dates set to 0 and the mask
    added as a channel (5 channels); 3 x [Conv1D 64 k5 -> BN -> ReLU -> Dropout 0.2] ->
    Flatten -> Dense 128 ReLU -> softmax 5, sparse CE, Adam(1e-3), batch 64, 15 epochs.
    Options: `layout` ("transpose"; "reshape": the (bands, dates) block reshaped to (dates,
    bands) instead of transposed), `clouds` ("mask"; "keep": the -9999s scaled with the
    rest, no mask channel), `scale` ("reflectance"; "raw": the integers as delivered),
    `labels` ("aligned"; "parcel_order": the labels joined from the parcel table in its own
    order, not the pixels'), `batchnorm`, `dropout`, the `output` activation, `loss`
    ("sparse"; "categorical": integer labels under categorical CE), optimizer, rate, epochs,
    batch size."""
    x, xval, y, yval = crop_series()

    def prepare(stack: np.ndarray) -> np.ndarray:
        if layout == "reshape":
            series = stack.reshape(len(stack), stack.shape[2], stack.shape[1])
        else:
            series = np.transpose(stack, (0, 2, 1))
        series = series.astype("float32")
        cloud = series[..., :1] == -9999
        red, nir = series[..., 0:1], series[..., 1:2]
        ndvi = np.where(cloud, 0.0, (nir - red) / (nir + red + 1e-6)) if clouds == "mask" \
            else (nir - red) / (nir + red + 1e-6)
        bands = series / 10000.0 if scale == "reflectance" else series
        if clouds == "mask":
            bands = np.where(cloud, 0.0, bands)
            return np.concatenate([bands, ndvi, cloud.astype("float32")], axis=-1)
        return np.concatenate([bands, ndvi], axis=-1)

    x, xval = prepare(x).astype("float32"), prepare(xval).astype("float32")
    if labels == "parcel_order":
        y = y[np.argsort(np.random.default_rng(7).random(len(y)))]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = inputs
    for _ in range(3):
        h = layers.Conv1D(64, 5, padding="same", use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation("relu")(h)
        h = layers.Dropout(dropout)(h)
    h = layers.Flatten()(h)
    h = layers.Dense(128, activation="relu")(h)
    h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(5, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr),
                  "categorical_crossentropy" if loss == "categorical"
                  else "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def biomass_cnn(kit: Kit, *, scale: str = "band", target: str = "per100",
                output: str = "linear", loss: str = "mse", optimizer: str = "adam",
                lr: float = 1e-3, epochs: int = 20, batch_size: int = 32) -> Any:  # fmt: skip
    """Mean above-ground biomass (t/ha, 5..350) of 16 x 16 patches (B2 B3 B4 B8 B11 B12
    reflectance 0..10000, elevation in metres; 1500 train, 500 validate): per-band
    standardisation with the training patches' statistics; the target / 100; Conv 32 ->
    Conv 32 -> MaxPool -> Conv 64 -> GAP -> Dense 64 ReLU -> Dense 1 linear, MSE, MAE metric,
    Adam(1e-3), batch 32, 20 epochs. Options: `scale` ("band"; "raw"; "reflectance": the
    reflectance / 10000, the elevation left in metres), `target` ("per100"; "raw": t/ha;
    "minmax": scaled to 0..1 with the training minimum and maximum), the `output`
    activation, `loss`, optimizer, rate, epochs and batch size."""
    x, xval, y, yval = biomass_patches()
    if scale == "band":
        mean, std = _band_stats(x, None)
        x, xval = (x - mean) / std, (xval - mean) / std
    elif scale == "reflectance":
        x, xval = x.copy(), xval.copy()
        x[..., :6] /= 10000.0
        xval[..., :6] /= 10000.0
    if target == "per100":
        y, yval = y / 100.0, yval / 100.0
    elif target == "minmax":
        low, high = y.min(), y.max()
        y, yval = (y - low) / (high - low), (yval - low) / (high - low)
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D()(h)
    h = layers.Conv2D(64, 3, padding="same", activation="relu")(h)
    h = layers.GlobalAveragePooling2D()(h)
    h = layers.Dense(64, activation="relu")(h)
    outputs = layers.Dense(1, activation=None if output == "linear" else output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
