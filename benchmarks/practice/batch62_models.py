"""Batch-62 scripts: generative and density models trained with a plain `fit` (keyword options
are the faults, the defaults the healthy choice): a VAE on binarised digits with the KL term
added by the sampling layer (`self.add_loss`), a conditional VAE, a mixture density network
on Bishop's inverse problem (a hand-written mixture NLL), a MADE (masked autoencoder for
distribution estimation) on binarised digits, a causal Conv1D next-step model on generated
series, a RealNVP-style coupling flow on two moons and a denoising noise-prediction
(score-style) regression on digits. Each script calls `kit.fit` once.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch62_data import (
    ar_series,
    digits_binary,
    digits_unit,
    inverse_sine,
    moons,
)
from benchmarks.practice.kit import Kit

PIXELS = 64


class Sampling(layers.Layer):
    """The reparameterisation trick: z = mean + exp(log_var / 2) * eps; adds the KL term to
    the model's losses (`kl_weight` times the batch mean of the per-sample KL, summed over
    the latent units). `clip`: log_var clipped to [-10, 10] before `exp`."""

    def __init__(self, kl_weight: float = 1.0, clip: bool = True, seed: int = 0,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.kl_weight = kl_weight
        self.clip = clip
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs: Any) -> Any:
        mean, log_var = inputs
        if self.clip:
            log_var = ops.clip(log_var, -10.0, 10.0)
        kl = -0.5 * ops.sum(1.0 + log_var - ops.square(mean) - ops.exp(log_var), axis=-1)
        self.add_loss(self.kl_weight * ops.mean(kl))
        eps = keras.random.normal(ops.shape(mean), seed=self.seed_generator)
        return mean + ops.exp(0.5 * log_var) * eps


def _summed_bce(y_true: Any, y_pred: Any) -> Any:
    """Reconstruction loss summed over the 64 pixels (Keras's BCE averages the last axis)."""
    return PIXELS * keras.losses.binary_crossentropy(y_true, y_pred)


def _vae_data(pixels: str, binary: bool = True) -> list[np.ndarray]:
    x, xval, y, yval = digits_binary() if binary else digits_unit()
    if pixels == "raw255":  # the "/ 255." forgotten: 8-bit pixel values
        x, xval = x * 255.0, xval * 255.0
    return [x, xval, y, yval]


def digits_vae(kit: Kit, *, latent: int = 8, kl_weight: float = 1.0, clip_logvar: bool = True,
               recon: str = "sum", pixels: str = "unit", output: str = "sigmoid",
               dropout: float = 0.0, lr: float = 1e-3, batch_size: int = 64,
               epochs: int = 40) -> Any:  # fmt: skip
    """A VAE on the binarised digits (1400 train, 397 validate, 64 pixels): Dense 128 - 64
    ReLU -> z_mean, z_log_var (`latent`) -> Sampling (KL added with `add_loss`) -> Dense 64
    - 128 ReLU -> Dense 64 sigmoid; loss = 64 x binary CE (summed over pixels, as the Keras 2
    example's `reconstruction_loss *= original_dim`), metric pixel accuracy
    (BinaryAccuracy), Adam(1e-3), batch 64, 40 ep; fit(x, x, validation_data=(xval, xval)).
    Options: `latent`, `kl_weight` (the KL's multiplier), `clip_logvar` (False: exp of the
    raw log-variance), `recon` ("sum"; "mean": the "binary_crossentropy" string, a mean over
    the pixels, against a KL summed over the latent units: 64x the KL's weight), `pixels`
    ("unit"; "raw255": pixel values 0 / 255 in and as targets), `output` ("sigmoid";
    "linear"), `dropout` after each decoder layer, rate, batch size, epochs."""
    x, xval, _, _ = _vae_data(pixels)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((PIXELS,))
    h = layers.Dense(128, activation="relu")(inputs)
    h = layers.Dense(64, activation="relu")(h)
    z_mean = layers.Dense(latent, name="z_mean")(h)
    z_log_var = layers.Dense(latent, name="z_log_var")(h)
    z = Sampling(kl_weight, clip_logvar, seed=kit.seed)([z_mean, z_log_var])
    h = layers.Dense(64, activation="relu")(z)
    if dropout:
        h = layers.Dropout(dropout)(h)
    h = layers.Dense(128, activation="relu")(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(PIXELS, activation=None if output == "linear" else output)(h)
    vae = keras.Model(inputs, outputs)
    loss = _summed_bce if recon == "sum" else "binary_crossentropy"
    vae.compile(keras.optimizers.Adam(lr), loss,
                metrics=[keras.metrics.BinaryAccuracy(name="pixel_accuracy")])  # fmt: skip
    return kit.fit(vae, x, x, probe_data=(x, x), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, xval))  # fmt: skip


def digits_cvae(kit: Kit, *, latent: int = 2, condition: str = "onehot",
                labels: str = "aligned", kl_weight: float = 1.0, lr: float = 1e-3,
                batch_size: int = 64, epochs: int = 40) -> Any:  # fmt: skip
    """A conditional VAE on the binarised digits: inputs (image 64, label one-hot 10); the
    encoder sees the image and the label (Dense 128 - 64 ReLU -> z_mean, z_log_var, latent
    2, Sampling with the KL added in the layer), the decoder z and the label (Dense 64 - 128
    ReLU -> Dense 64 sigmoid); 64 x binary CE, pixel accuracy, Adam(1e-3), batch 64, 40 ep.
    Options: `condition` ("onehot"; "integer": the raw label 0..9 as one float input),
    `labels` ("aligned"; "shuffled": the condition labels permuted apart from the images,
    as `np.random.shuffle(y)` on its own), `latent`, `kl_weight`, rate, batch size,
    epochs."""
    x, xval, y, yval = digits_binary()
    if labels == "shuffled":
        rng = np.random.default_rng(DATA_SEED + 625)
        y, yval = y[rng.permutation(len(y))], yval[rng.permutation(len(yval))]
    if condition == "onehot":
        c, cval = keras.utils.to_categorical(y, 10), keras.utils.to_categorical(yval, 10)
    else:
        c, cval = y[:, None].astype("float32"), yval[:, None].astype("float32")
    keras.utils.set_random_seed(kit.seed)
    image, label = keras.Input((PIXELS,)), keras.Input((c.shape[1],))
    h = layers.Dense(128, activation="relu")(layers.Concatenate()([image, label]))
    h = layers.Dense(64, activation="relu")(h)
    z_mean, z_log_var = layers.Dense(latent)(h), layers.Dense(latent)(h)
    z = Sampling(kl_weight, True, seed=kit.seed)([z_mean, z_log_var])
    h = layers.Dense(64, activation="relu")(layers.Concatenate()([z, label]))
    h = layers.Dense(128, activation="relu")(h)
    outputs = layers.Dense(PIXELS, activation="sigmoid")(h)
    cvae = keras.Model([image, label], outputs)
    cvae.compile(keras.optimizers.Adam(lr), _summed_bce,
                 metrics=[keras.metrics.BinaryAccuracy(name="pixel_accuracy")])  # fmt: skip
    return kit.fit(cvae, [x, c], x, probe_data=([x, c], x), epochs=epochs,
                   batch_size=batch_size, validation_data=([xval, cval], xval))  # fmt: skip


def mdn_nll(k: int, scale: str, weights: str, sign: float) -> Any:
    """The mixture NLL of a head laid out as [weight logits (k), means (k), scales (k)]."""

    def loss(y_true: Any, y_pred: Any) -> Any:
        logits, mu, s = y_pred[:, :k], y_pred[:, k:2 * k], y_pred[:, 2 * k:]
        if scale == "exp":  # the head gives log sigma
            sigma = ops.exp(s)
        elif scale == "softplus":
            sigma = ops.softplus(s) + 1e-6
        else:  # "linear": the head's output used as sigma itself
            sigma = s
        log_w = ops.log_softmax(logits, axis=-1) if weights == "softmax" else logits
        z = (y_true - mu) / sigma
        log_p = -0.5 * ops.square(z) - ops.log(sigma) - 0.5 * math.log(2 * math.pi)
        return sign * -ops.logsumexp(log_w + log_p, axis=-1)

    return loss


def _mode_hit(k: int) -> Any:
    def mode_hit_accuracy(y_true: Any, y_pred: Any) -> Any:
        """1 when the most probable component's mean is within 0.1 of the target."""
        top = ops.argmax(y_pred[:, :k], axis=-1)
        mu = ops.take_along_axis(y_pred[:, k:2 * k], ops.expand_dims(top, -1), axis=-1)
        return ops.cast(ops.abs(y_true - mu) < 0.1, "float32")

    return mode_hit_accuracy


def mdn_inverse(kit: Kit, *, components: int = 5, scale: str = "exp",
                weights: str = "softmax", sign: float = 1.0, hidden: int = 32,
                lr: float = 3e-3, batch_size: int = 64, epochs: int = 60) -> Any:  # fmt: skip
    """A mixture density network on Bishop's inverse problem (t given x; up to three
    branches; 2000 train, 500 validate): Dense 32 tanh x 2 -> Dense 3 k (k = 5: weight
    logits, means, log-scales), the hand-written mixture NLL (log_softmax weights, exp
    scales, logsumexp), metric mode_hit_accuracy (the top component's mean within 0.1 of
    t), Adam(3e-3), batch 64, 60 ep. Options: `components`, `scale` ("exp"; "softplus";
    "linear": the linear output used as the scale, negative half the time), `weights`
    ("softmax"; "raw": the weight logits used as log-weights without normalising), `sign`
    (-1: the NLL's sign flipped, the likelihood minimised), width, rate, batch, epochs."""
    x, xval, t, tval = inverse_sine()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((1,)),
        layers.Dense(hidden, activation="tanh"),
        layers.Dense(hidden, activation="tanh"),
        layers.Dense(3 * components),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), mdn_nll(components, scale, weights, sign),
                  metrics=[_mode_hit(components)])  # fmt: skip
    return kit.fit(model, x, t, probe_data=(x, t), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, tval))  # fmt: skip


class MaskedDense(layers.Dense):
    """A Dense layer whose kernel is multiplied by a fixed 0 / 1 mask (MADE)."""

    def __init__(self, units: int, mask: np.ndarray, **kwargs: Any) -> None:
        super().__init__(units, **kwargs)
        self.mask = ops.convert_to_tensor(mask.astype("float32"))

    def call(self, inputs: Any) -> Any:
        out = ops.matmul(inputs, self.kernel * self.mask) + self.bias
        return self.activation(out)


def _made_masks(hidden: int, depth: int, strict: bool) -> list[np.ndarray]:
    """MADE masks for the natural pixel order (input degrees 1..64; hidden degrees drawn in
    1..63 with a fixed seed). `strict`: output d connects to hidden degrees < d (the
    autoregressive rule); False (>=) lets output d see pixel d through a hidden unit."""
    rng = np.random.default_rng(DATA_SEED + 624)
    degrees = [np.arange(1, PIXELS + 1)]
    for _ in range(depth):
        degrees.append(rng.integers(1, PIXELS, size=hidden))
    masks = [(d_out[None, :] >= d_in[:, None]) for d_in, d_out in pairwise(degrees)]
    out = degrees[0]
    last = degrees[-1]
    masks.append(out[None, :] > last[:, None] if strict else out[None, :] >= last[:, None])
    return masks


def made_digits(kit: Kit, *, masked: bool = True, strict: bool = True, hidden: int = 256,
                depth: int = 2, lr: float = 1e-3, batch_size: int = 64,
                epochs: int = 40) -> Any:  # fmt: skip
    """MADE on the binarised digits: masked Dense `hidden` ReLU x 2 -> masked Dense 64
    sigmoid (each pixel's probability from the pixels before it), binary CE (the NLL per
    pixel), pixel accuracy, Adam(1e-3), batch 64, 40 ep; fit(x, x). Options: `masked`
    (False: plain Dense layers, every output sees every pixel including its own), `strict`
    (False: the output mask with >= instead of >, pixel d reaches output d), width, depth,
    rate, batch, epochs."""
    x, xval, _, _ = digits_binary()
    keras.utils.set_random_seed(kit.seed)
    masks = _made_masks(hidden, depth, strict)
    model = keras.Sequential([keras.Input((PIXELS,))])
    for mask in masks[:-1]:
        model.add(MaskedDense(hidden, mask if masked else np.ones_like(mask),
                              activation="relu"))  # fmt: skip
    model.add(MaskedDense(PIXELS, masks[-1] if masked else np.ones_like(masks[-1]),
                          activation="sigmoid"))  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy",
                  metrics=[keras.metrics.BinaryAccuracy(name="pixel_accuracy")])  # fmt: skip
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, xval))  # fmt: skip


def causal_series(kit: Kit, *, padding: str = "causal", scale: str = "standard",
                  output: str = "linear", filters: int = 32, lr: float = 1e-3,
                  batch_size: int = 32, epochs: int = 30) -> Any:  # fmt: skip
    """A WaveNet-style next-step model on generated series (450 train, 150 validate, 47
    steps in, the same series shifted by one as targets): Conv1D 32 k3 ReLU with dilations
    1, 2, 4, 8 (padding "causal") -> Conv1D 1 k1, MSE, MAE metric, Adam(1e-3), batch 32,
    30 ep; the series standardised with the training rows' scalar mean / sd. Options:
    `padding` ("causal"; "same": a centred kernel, step t sees t + 1..t + 8, its own
    target), `scale` ("standard"; "none": the raw sensor units ~300..700), `output`
    ("linear"; "sigmoid"), filters, rate, batch, epochs."""
    train, val = ar_series()
    if scale == "standard":
        mean, sd = train.mean(), train.std()
        train, val = (train - mean) / sd, (val - mean) / sd
    x, y = train[:, :-1, None], train[:, 1:, None]
    xval, yval = val[:, :-1, None], val[:, 1:, None]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1], 1))
    h = inputs
    for rate in (1, 2, 4, 8):
        h = layers.Conv1D(filters, 3, padding=padding, dilation_rate=rate, activation="relu")(h)
    outputs = layers.Conv1D(1, 1, activation=None if output == "linear" else output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class AffineCoupling(layers.Layer):
    """A RealNVP affine coupling on 2-D points: one coordinate passes, the other is scaled
    and shifted by s, t from a Dense 64 ReLU x 2 net of the first; returns (y, log-det).
    `scale`: "tanh" (s = tanh(raw), a bounded log-scale) or "exp" (s = raw, unbounded)."""

    def __init__(self, flip: bool, scale: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flip = flip
        self.scale = scale
        self.net = keras.Sequential([layers.Dense(64, activation="relu"),
                                     layers.Dense(64, activation="relu"),
                                     layers.Dense(2, kernel_initializer="zeros")])  # fmt: skip

    def call(self, x: Any, log_det: Any) -> Any:
        a, b = (x[:, 1:], x[:, :1]) if self.flip else (x[:, :1], x[:, 1:])
        st = self.net(a)
        s, t = st[:, :1], st[:, 1:]
        if self.scale == "tanh":
            s = ops.tanh(s)
        b = b * ops.exp(s) + t
        y = ops.concatenate([b, a], axis=-1) if self.flip else ops.concatenate([a, b], axis=-1)
        return y, log_det + ops.sum(s, axis=-1, keepdims=True)


def flow_nll(y_true: Any, y_pred: Any) -> Any:
    """NLL of a 2-D standard-normal base: the model outputs [z (2), log-det (1)]."""
    del y_true
    z, log_det = y_pred[:, :2], y_pred[:, 2]
    return 0.5 * ops.sum(ops.square(z), axis=-1) + math.log(2 * math.pi) - log_det


def moons_flow(kit: Kit, *, couplings: int = 6, scale: str = "tanh", alternate: bool = True,
               lr: float = 1e-3, batch_size: int = 128, epochs: int = 40) -> Any:  # fmt: skip
    """A RealNVP-style flow on two moons (2000 train, 1000 validate, standardised): 6 affine
    couplings alternating which coordinate passes, each a Dense 64 ReLU x 2 net giving a
    tanh-bounded log-scale and a shift; the model outputs [z, log-det], the loss the NLL under
    a standard normal (y a dummy of zeros), Adam(1e-3), batch 128, 40 ep. Options:
    `couplings`, `scale` ("tanh"; "exp": the raw log-scale exponentiated), `alternate`
    (False: every coupling transforms the second coordinate, the first is never changed),
    rate, batch, epochs."""
    x, xval = moons()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((2,))
    z = inputs
    log_det = ops.zeros_like(inputs[:, :1])
    for i in range(couplings):
        z, log_det = AffineCoupling(alternate and i % 2 == 1, scale)(z, log_det)
    model = keras.Model(inputs, layers.Concatenate()([z, log_det]))
    model.compile(keras.optimizers.Adam(lr), flow_nll)
    dummy, dummy_val = np.zeros((len(x), 3), "float32"), np.zeros((len(xval), 3), "float32")
    return kit.fit(model, x, dummy, probe_data=(x, dummy), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, dummy_val))  # fmt: skip


def _noised(x: np.ndarray, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    sigma = np.exp(rng.uniform(np.log(0.1), np.log(1.0), size=(len(x), 1))).astype("float32")
    eps = rng.normal(size=x.shape).astype("float32")
    return [x + sigma * eps, sigma, eps]


def digits_denoise_eps(kit: Kit, *, pixels: str = "unit", sigma_input: bool = True,
                       output: str = "linear", width: int = 256, lr: float = 1e-3,
                       batch_size: int = 64, epochs: int = 40) -> Any:  # fmt: skip
    """Denoising noise prediction (the score-matching / DDPM regression target) on the grey
    digits (pixel / 16; 1400 train, 397 validate): x + sigma eps with sigma log-uniform in
    0.1 .. 1 (one draw a row, fixed with the data seed), the model given the noisy image and
    sigma predicts eps: Dense 256 ReLU x 2 -> Dense 64, MSE, MAE metric, Adam(1e-3), batch
    64, 40 ep. Options: `pixels` ("unit"; "raw": pixel values 0..16 noised with the same
    sigmas), `sigma_input` (False: sigma not given to the model), `output` ("linear";
    "sigmoid"; "relu"), width, rate, batch, epochs."""
    x, xval, _, _ = digits_unit()
    if pixels == "raw":
        x, xval = x * 16.0, xval * 16.0
    noisy, sigma, eps = _noised(x, DATA_SEED + 626)
    noisy_val, sigma_val, eps_val = _noised(xval, DATA_SEED + 627)
    keras.utils.set_random_seed(kit.seed)
    image, level = keras.Input((PIXELS,)), keras.Input((1,))
    h = layers.Concatenate()([image, level]) if sigma_input else image
    h = layers.Dense(width, activation="relu")(h)
    h = layers.Dense(width, activation="relu")(h)
    outputs = layers.Dense(PIXELS, activation=None if output == "linear" else output)(h)
    model = keras.Model([image, level], outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, [noisy, sigma], eps, probe_data=([noisy, sigma], eps),
                   epochs=epochs, batch_size=batch_size,
                   validation_data=([noisy_val, sigma_val], eps_val))  # fmt: skip
