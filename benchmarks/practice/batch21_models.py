"""Batch-21 regression scripts with losses of the user's own, each in its fixed form with a
real-world bug as a keyword option (the default is the healthy choice): three quantiles under
a hand-written pinball loss, counts under a hand-written Poisson negative log-likelihood, and
a mean + log-variance model under a hand-written Gaussian negative log-likelihood. Each
calls `kit.fit`; the losses are plain functions passed to `compile`.
"""

from __future__ import annotations

import math
from typing import Any

import keras
from keras import layers, ops

from benchmarks.practice.batch21_data import friedman_hetero_noise, hetero_curve, rental_counts
from benchmarks.practice.kit import Kit

QUANTILES = (0.1, 0.5, 0.9)


def pinball(y_true: Any, y_pred: Any) -> Any:
    """The quantile (pinball) loss of the three outputs against the one target, averaged."""
    q = ops.convert_to_tensor(QUANTILES, dtype=y_pred.dtype)
    error = y_true - y_pred
    return ops.mean(ops.maximum(q * error, (q - 1.0) * error), axis=-1)


def band_coverage(y_true: Any, y_pred: Any) -> Any:
    """Share of targets inside the predicted 10 %-90 % band (0.8 when calibrated)."""
    inside = ops.logical_and(y_true >= y_pred[:, :1], y_true <= y_pred[:, 2:])
    return ops.mean(ops.cast(inside, "float32"), axis=-1)


def quantile_three_heads(kit: Kit, *, epochs: int = 20) -> Any:
    """Friedman #1 inputs whose noise spread grows with an unused feature; the target
    standardised; Dense 64 -> Dense 64 (ReLU) -> Dense 3 (linear): the 10th, 50th and 90th
    percentiles, trained together under a hand-written pinball loss (a `def` passed to
    compile) with a band-coverage metric; Adam(2e-3), batch 64, 20 epochs."""
    x, xv, y, yv = friedman_hetero_noise()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(3)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss=pinball, metrics=[band_coverage])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def poisson_nll(y_true: Any, rate: Any) -> Any:
    """Poisson negative log-likelihood without the log(y!) constant: rate - y log(rate)."""
    return ops.mean(rate - y_true * ops.log(rate), axis=-1)


def poisson_rental_counts(kit: Kit, *, head: str = "softplus", epochs: int = 20) -> Any:
    """Hourly rental counts (mean ~2.6, ~20 % zeros) from 8 standardised features; Dense 32 ->
    Dense 32 (ReLU) -> Dense 1 with a positive rate output (softplus); a hand-written Poisson
    NLL `rate - y * log(rate)` (the textbook formula, as a `def`), mae metric; Adam(2e-3),
    batch 64, 20 epochs. Fault: `head="relu"` (the hidden layers' activation kept on the
    output "to keep the rate non-negative", Stack Overflow "Poisson regression NaN loss"):
    rows whose rate is exactly 0 give log(0) = -inf, and 0 * -inf = NaN on the zero counts."""
    x, xv, y, yv = rental_counts()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss=poisson_nll, metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)


def gaussian_nll(y_true: Any, out: Any) -> Any:
    """Gaussian NLL of a (mean, log-variance) pair: 0.5 (s + (y - mu)^2 exp(-s)) + const."""
    mu, log_var = out[:, :1], out[:, 1:]
    return ops.mean(0.5 * (log_var + ops.square(y_true - mu) * ops.exp(-log_var))
                    + HALF_LOG_2PI, axis=-1)  # fmt: skip


def gaussian_nll_variance(y_true: Any, out: Any) -> Any:
    """The same NLL written from the textbook's variance form: 0.5 log(v) + (y - mu)^2 / 2v."""
    mu, var = out[:, :1], out[:, 1:]
    return ops.mean(0.5 * ops.log(var) + 0.5 * ops.square(y_true - mu) / var + HALF_LOG_2PI,
                    axis=-1)  # fmt: skip


def mean_head_mae(y_true: Any, out: Any) -> Any:
    """Mean absolute error of the mean head only."""
    return ops.mean(ops.abs(y_true - out[:, :1]), axis=-1)


def heteroscedastic_two_heads(kit: Kit, *, variance_form: bool = False,
                              epochs: int = 20) -> Any:  # fmt: skip
    """A 1-D curve whose noise grows with |x| (plus a distractor column); functional model:
    Dense 64 -> Dense 64 (tanh) trunk, a linear mean head and a linear log-variance head,
    concatenated into one (n, 2) output; a hand-written Gaussian NLL on (mean, log-variance)
    and a mean-head mae metric; Adam(3e-3), batch 64, 20 epochs. Fault: `variance_form`, the
    NLL written as 0.5 log(v) + (y - mu)^2 / 2v on the same linear head (the second output
    read as a variance, not a log-variance; "Gaussian NLL loss is NaN" on Stack Overflow and
    the Keras / PyTorch forums): the log of a negative output is NaN in the reported loss
    (its gradient, 1 / v, stays finite), so epochs show NaN losses while the head is pushed
    to positive values, and the (y - mu)^2 / v term with v near 0 stalls the mean head."""
    x, xv, y, yv = hetero_curve()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((2,))
    h = layers.Dense(64, activation="tanh")(inputs)
    h = layers.Dense(64, activation="tanh")(h)
    mean = layers.Dense(1, name="mean")(h)
    log_var = layers.Dense(1, name="log_var")(h)
    model = keras.Model(inputs, layers.Concatenate()([mean, log_var]))
    loss = gaussian_nll_variance if variance_form else gaussian_nll
    model.compile(keras.optimizers.Adam(3e-3), loss=loss, metrics=[mean_head_mae])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
