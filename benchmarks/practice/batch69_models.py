"""Batch-69 physics-informed scripts (keyword options are the faults, the defaults the healthy
choice): a damped oscillator from sparse noisy data plus its ODE residual, the 1-D heat
equation from its initial / boundary points, a 1-D Poisson problem with Fourier-feature
inputs, and an inverse decay problem whose rate is a trainable weight. Each model is a
`keras.Model` subclass whose `call` takes the network's derivatives with `tf.GradientTape` on
a set of collocation points and adds the weighted residual with `self.add_loss` (training
only); the compiled loss is the data / boundary MSE and the validation rows are a dense grid
of the exact solution, so `val_loss` / `val_mae` measure the error of the solution. Each
script calls `kit.fit` (a plain `model.fit`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch69_data import (
    DELTA,
    W0,
    decay_data,
    heat_data,
    oscillator_data,
    poisson_data,
)
from benchmarks.practice.kit import Kit


def _activation(name: str) -> Any:
    return tf.sin if name == "sin" else name


def _mlp(inputs: int, width: int, depth: int, activation: str,
         first: list[layers.Layer] | None = None) -> keras.Sequential:  # fmt: skip
    net = keras.Sequential([keras.Input((inputs,)), *(first or [])])
    for _ in range(depth):
        net.add(layers.Dense(width, activation=_activation(activation),
                             kernel_initializer="glorot_normal"))  # fmt: skip
    net.add(layers.Dense(1))
    return net


class Sampler:
    """Collocation points on a box: "resample" draws fresh uniform points every step, "fixed"
    draws them once, "one_end" draws them once in the first `fraction` of the first axis."""

    def __init__(self, low: list[float], high: list[float], n: int, kind: str, seed: int,
                 fraction: float = 0.15) -> None:  # fmt: skip
        self.low = np.asarray(low, "float32")
        self.high = np.asarray(high, "float32")
        self.n, self.kind = n, kind
        rng = np.random.default_rng(seed)
        top = self.high.copy()
        if kind == "one_end":
            top[0] = self.low[0] + fraction * (self.high[0] - self.low[0])
        self.points = tf.constant(rng.uniform(self.low, top, (n, len(low))).astype("float32"))

    def __call__(self) -> tf.Tensor:
        if self.kind == "resample":
            return tf.random.uniform((self.n, len(self.low)), self.low, self.high)
        return self.points


class PINN(keras.Model):
    """u = net(x); in training the residual of `residual(net, points)` on the sampler's
    collocation points, weighted, goes in with `self.add_loss`."""

    def __init__(self, net: keras.Model, residual: Callable[..., tf.Tensor], sampler: Sampler,
                 phys_weight: float = 1.0, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.net = net
        self.residual = residual
        self.sampler = sampler
        self.phys_weight = phys_weight

    def call(self, x: tf.Tensor, training: bool = False) -> tf.Tensor:
        u = self.net(x)
        if training and self.phys_weight:
            r = self.residual(self.net, self.sampler())
            self.add_loss(self.phys_weight * ops.mean(ops.square(r)))
        return u


def _weighted_mse(weight: float) -> Callable[[tf.Tensor, tf.Tensor], tf.Tensor]:
    def boundary_loss(y_true: tf.Tensor, y_pred: tf.Tensor) -> tf.Tensor:
        return weight * ops.mean(ops.square(y_true - y_pred), axis=-1)

    return boundary_loss


def _compile(model: keras.Model, lr: float, bc_weight: float, schedule: str, steps: int) -> None:
    rate: Any = lr
    if schedule == "exp":
        rate = keras.optimizers.schedules.ExponentialDecay(lr, steps // 4, 0.5)
    loss: Any = "mse" if bc_weight == 1.0 else _weighted_mse(bc_weight)
    model.compile(keras.optimizers.Adam(rate), loss=loss, metrics=["mae"])


def oscillator_pinn(kit: Kit, *, activation: str = "tanh", width: int = 32, depth: int = 3,
                    phys_weight: float = 1.0, bc_weight: float = 1.0, lr: float = 3e-3,
                    colloc: str = "resample", n_colloc: int = 200, sign: float = 1.0,
                    time_unit: str = "s", rescale: bool = True, epochs: int = 80,
                    batch_size: int = 20, schedule: str = "none") -> Any:  # fmt: skip
    """The damped oscillator u'' + 2 delta u' + w0^2 u = 0 (delta 1, w0 10, about 1.6
    periods on t in [0, 1]) learned from 200 noisy measurements on t in [0, 0.4] plus the ODE
    residual (divided by w0^2) on 200 collocation times over [0, 1] resampled every step:
    MLP 3 x 32 tanh, Adam(3e-3), batch 20 (10 steps an epoch), 80 epochs; validation: 200
    times on [0, 1] against the exact solution. Options: `activation` ("tanh"; "sin",
    "gelu", "relu": the second derivative of a ReLU net is zero), `phys_weight` (0: the
    physics term left out), `bc_weight` (a weight on the data MSE), `colloc` ("resample",
    "fixed", "one_end": the collocation times all in the first 15 %), `sign` (-1: the
    stiffness term with the wrong sign, u'' + 2 delta u' - w0^2 u), `time_unit` ("s"; "ms":
    times in milliseconds, t in [0, 1000], the coefficients converted), `rescale` (with "ms":
    a Rescaling(1e-3) first layer), the rate, epochs, batch size, `schedule` ("exp":
    ExponentialDecay halving every quarter of the run)."""
    t, u, tval, uval = oscillator_data()
    scale = 1000.0 if time_unit == "ms" else 1.0
    t, tval = t * scale, tval * scale
    delta, w0 = DELTA / scale, W0 / scale
    keras.utils.set_random_seed(kit.seed)
    first = [layers.Rescaling(1.0 / scale)] if scale != 1.0 and rescale else []
    net = _mlp(1, width, depth, activation, first)

    def residual(model: keras.Model, ts: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as outer:
            outer.watch(ts)
            with tf.GradientTape() as inner:
                inner.watch(ts)
                us = model(ts)
            du = inner.gradient(us, ts)
        d2u = outer.gradient(du, ts)
        return (d2u + 2 * delta * du + sign * w0**2 * us) / w0**2

    sampler = Sampler([0.0], [scale], n_colloc, colloc, kit.seed)
    model = PINN(net, residual, sampler, phys_weight)
    _compile(model, lr, bc_weight, schedule, epochs * (len(t) // batch_size))
    return kit.fit(model, t, u, probe_data=(t, u), epochs=epochs, batch_size=batch_size,
                   validation_data=(tval, uval))  # fmt: skip


def heat_pinn(kit: Kit, *, activation: str = "tanh", width: int = 32, depth: int = 3,
              phys_weight: float = 1.0, bc_weight: float = 1.0, lr: float = 1e-3,
              colloc: str = "resample", n_colloc: int = 256, sign: float = 1.0,
              epochs: int = 40, batch_size: int = 32, schedule: str = "none") -> Any:  # fmt: skip
    """The 1-D heat equation u_t = 0.1 u_xx on [0, 1] x [0, 1] from 256 initial-condition rows
    (u(x, 0) = sin(pi x)) and 256 boundary rows (u = 0) as the fit's data, plus the PDE
    residual on 256 collocation points (x, t) resampled every step: MLP 3 x 32 tanh on (x,
    t), Adam(1e-3), batch 32 (16 steps an epoch), 40 epochs; validation: a 30 x 30 interior
    grid against the exact solution. Options: `activation`, `phys_weight`, `bc_weight` (the
    weight of the initial / boundary MSE, as `w_bc * mse`), `colloc` ("one_end": all
    collocation points at x < 0.15), `sign` (-1: u_t = -0.1 u_xx, the backward heat
    equation), the rate, epochs, batch size, `schedule`."""
    xt, u, xtval, uval = heat_data()
    keras.utils.set_random_seed(kit.seed)
    net = _mlp(2, width, depth, activation)

    def residual(model: keras.Model, pts: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as outer:
            outer.watch(pts)
            with tf.GradientTape() as inner:
                inner.watch(pts)
                us = model(pts)
            grad = inner.gradient(us, pts)
            u_x = grad[:, :1]
        u_xx = outer.gradient(u_x, pts)[:, :1]
        u_t = grad[:, 1:]
        return u_t - sign * 0.1 * u_xx

    sampler = Sampler([0.0, 0.0], [1.0, 1.0], n_colloc, colloc, kit.seed)
    model = PINN(net, residual, sampler, phys_weight)
    _compile(model, lr, bc_weight, schedule, epochs * (len(xt) // batch_size))
    return kit.fit(model, xt, u, probe_data=(xt, u), epochs=epochs, batch_size=batch_size,
                   validation_data=(xtval, uval))  # fmt: skip


class FourierFeatures(layers.Layer):
    """x -> [sin(2 pi x B), cos(2 pi x B)] with a fixed random B ~ N(0, sigma^2)."""

    def __init__(self, features: int, sigma: float, seed: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        rng = np.random.default_rng(seed)
        self.b = tf.constant((sigma * rng.standard_normal((1, features))).astype("float32"))

    def call(self, x: tf.Tensor) -> tf.Tensor:
        z = 2 * np.pi * ops.matmul(x, self.b)
        return ops.concatenate([ops.sin(z), ops.cos(z)], axis=-1)


def poisson_pinn(kit: Kit, *, activation: str = "tanh", width: int = 32, depth: int = 3,
                 fourier_sigma: float = 2.0, features: int = 16, phys_weight: float = 1.0,
                 bc_weight: float = 1.0, lr: float = 1e-3, colloc: str = "resample",
                 n_colloc: int = 200, sign: float = 1.0, epochs: int = 50,
                 batch_size: int = 16, schedule: str = "none") -> Any:  # fmt: skip
    """The 1-D Poisson problem -u'' = f on [0, 1], u(0) = u(1) = 0, with u = sin(pi x) + 0.25
    sin(6 pi x): the two boundary points repeated 128 times are the fit's data (u = 0), the
    residual (u'' + f) / 100 on 200 collocation points resampled every step: Fourier features
    (16 frequencies, sigma 2) -> MLP 3 x 32 tanh, Adam(1e-3), batch 16 (16 steps an epoch),
    50 epochs; validation: 200 points against the exact solution. Options: `fourier_sigma`
    (0: the raw x, no features; 50: frequencies far above the solution's), `activation`,
    `phys_weight`, `bc_weight`, `colloc`, `sign` (-1: u'' = f, the source with the wrong
    sign), the rate, epochs, batch size, `schedule`."""
    x, u, xval, uval = poisson_data()
    keras.utils.set_random_seed(kit.seed)
    first = [FourierFeatures(features, fourier_sigma, seed=kit.seed)] if fourier_sigma else []
    net = _mlp(1, width, depth, activation, first)

    def residual(model: keras.Model, xs: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as outer:
            outer.watch(xs)
            with tf.GradientTape() as inner:
                inner.watch(xs)
                us = model(xs)
            du = inner.gradient(us, xs)
        d2u = outer.gradient(du, xs)
        f = np.pi**2 * tf.sin(np.pi * xs) + 9 * np.pi**2 * tf.sin(6 * np.pi * xs)
        return (d2u + sign * f) / 100.0

    sampler = Sampler([0.0], [1.0], n_colloc, colloc, kit.seed)
    model = PINN(net, residual, sampler, phys_weight)
    _compile(model, lr, bc_weight, schedule, epochs * (len(x) // batch_size))
    return kit.fit(model, x, u, probe_data=(x, u), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, uval))  # fmt: skip


class DecayPINN(PINN):
    """The inverse decay problem: the rate k = exp(log_k) is a trainable weight of the model;
    with `learned_weights` the physics weight is a trainable weight too ("log": exp(s), as
    written in self-adaptive PINN posts but minimised with the rest instead of ascended;
    "raw": the bare variable)."""

    def __init__(self, net: keras.Model, sampler: Sampler, phys_weight: float,
                 learned_weights: str, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(net, self._residual, sampler, phys_weight, **kwargs)
        self.log_k = self.add_weight(shape=(), initializer="zeros", name="log_k")
        self.learned_weights = learned_weights
        if learned_weights != "none":
            start = 0.0 if learned_weights == "log" else 1.0
            self.lam = self.add_weight(shape=(), initializer=keras.initializers.Constant(start),
                                       name="lambda_phys")  # fmt: skip

    def _residual(self, model: keras.Model, ts: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            tape.watch(ts)
            us = model(ts)
        return tape.gradient(us, ts) + ops.exp(self.log_k) * us

    def call(self, x: tf.Tensor, training: bool = False) -> tf.Tensor:
        u = self.net(x)
        if training:
            term = ops.mean(ops.square(self._residual(self.net, self.sampler())))
            if self.learned_weights == "log":
                term = ops.exp(self.lam) * term
            elif self.learned_weights == "raw":
                term = self.lam * term
            self.add_loss(self.phys_weight * term)
        return u


def decay_inverse(kit: Kit, *, activation: str = "tanh", width: int = 32, depth: int = 2,
                  phys_weight: float = 1.0, learned_weights: str = "none", lr: float = 3e-3,
                  t_obs_max: float = 1.5, colloc: str = "resample", n_colloc: int = 128,
                  epochs: int = 60, batch_size: int = 8) -> Any:  # fmt: skip
    """The inverse decay problem u' = -k u with k unknown (a trainable weight, log k
    initialised at 0): noisy measurements on t in [0, 1.5] (those of the 120 on [0, 4]) fit
    by MSE, the ODE residual on 128 collocation times over [0, 4] resampled every step: MLP
    2 x 32 tanh, Adam(3e-3), batch 8, 60 epochs; validation: 200 times on [0, 4] against the
    exact solution (the physics carries the fit past the data). Options: `learned_weights`
    ("none"; "log": a self-adaptive physics weight exp(s) minimised with the model instead
    of maximised; "raw": the bare weight, free to go negative), `phys_weight`, `t_obs_max`,
    `colloc`, the rate, epochs, batch size."""
    t, u, tval, uval = decay_data()
    keep = t[:, 0] <= t_obs_max
    t, u = t[keep], u[keep]
    keras.utils.set_random_seed(kit.seed)
    net = _mlp(1, width, depth, activation, [layers.Rescaling(0.25)])
    sampler = Sampler([0.0], [4.0], n_colloc, colloc, kit.seed)
    model = DecayPINN(net, sampler, phys_weight, learned_weights)
    model.compile(keras.optimizers.Adam(lr), loss="mse", metrics=["mae"])
    return kit.fit(model, t, u, probe_data=(t, u), epochs=epochs, batch_size=batch_size,
                   validation_data=(tval, uval))  # fmt: skip
