"""Data for the batch-69 cases: generated points for small physics-informed problems (data
seed 0 (+690 .. +694), no downloads).

Batch 69 is physics-informed and residual-loss training as practitioners write it in Keras 3:
a damped harmonic oscillator with sparse noisy measurements (the "data in the first part,
physics everywhere" tutorial), the 1-D heat equation with initial / boundary points, a 1-D
Poisson problem with a two-frequency solution, and an inverse decay problem (the rate learned
from noisy data). Each problem has a closed-form solution; the validation rows are a dense
grid of it.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

# The damped oscillator u'' + 2 delta u' + w0^2 u = 0, u(0) = 1, u'(0) = 0, on t in [0, 1].
DELTA, W0 = 1.0, 10.0


def oscillator_exact(t: np.ndarray) -> np.ndarray:
    """The under-damped oscillator's closed form on t (any shape), float32."""
    w = np.sqrt(W0**2 - DELTA**2)
    return (np.exp(-DELTA * t) * (np.cos(w * t) + DELTA / w * np.sin(w * t))).astype("float32")


@cache
def oscillator_data(n_obs: int = 200, t_obs_max: float = 0.4,
                    noise: float = 0.02) -> list[np.ndarray]:  # fmt: skip
    """Noisy measurements of the oscillator at `n_obs` random times in [0, t_obs_max] (seed
    690) and a validation grid of 200 times on [0, 1] with the exact solution. Returns t, u
    (shape (n, 1)), tval, uval."""
    rng = np.random.default_rng(DATA_SEED + 690)
    t = np.sort(rng.uniform(0.0, t_obs_max, n_obs)).astype("float32")[:, None]
    u = oscillator_exact(t) + noise * rng.standard_normal(t.shape).astype("float32")
    tval = np.linspace(0.0, 1.0, 200, dtype="float32")[:, None]
    return [t, u.astype("float32"), tval, oscillator_exact(tval)]


# The 1-D heat equation u_t = ALPHA u_xx on x in [0, 1], t in [0, 1], u(x, 0) = sin(pi x),
# u(0, t) = u(1, t) = 0: u = exp(-ALPHA pi^2 t) sin(pi x).
ALPHA = 0.1


def heat_exact(xt: np.ndarray) -> np.ndarray:
    """The heat equation's closed form on rows (x, t), shape (n, 1), float32."""
    x, t = xt[:, :1], xt[:, 1:]
    return (np.exp(-ALPHA * np.pi**2 * t) * np.sin(np.pi * x)).astype("float32")


@cache
def heat_data(n_initial: int = 256, n_boundary: int = 256) -> list[np.ndarray]:
    """Initial-condition rows (x random, t = 0) and boundary rows (x = 0 or 1, t random) with
    their values (seed 691), and a validation grid of 30 x 30 interior points with the exact
    solution. Returns xt, u, xtval, uval (xt rows are (x, t))."""
    rng = np.random.default_rng(DATA_SEED + 691)
    x0 = rng.uniform(0.0, 1.0, n_initial)
    initial = np.stack([x0, np.zeros_like(x0)], axis=1)
    tb = rng.uniform(0.0, 1.0, n_boundary)
    xb = rng.integers(0, 2, n_boundary).astype("float64")
    boundary = np.stack([xb, tb], axis=1)
    xt = np.concatenate([initial, boundary]).astype("float32")
    u = heat_exact(xt)
    u[n_initial:] = 0.0
    order = rng.permutation(len(xt))
    grid = np.linspace(0.02, 0.98, 30)
    gx, gt = np.meshgrid(grid, grid)
    xtval = np.stack([gx.ravel(), gt.ravel()], axis=1).astype("float32")
    return [xt[order], u[order], xtval, heat_exact(xtval)]


# The 1-D Poisson problem -u'' = f on x in [0, 1], u(0) = u(1) = 0, with
# u = sin(pi x) + 0.25 sin(6 pi x).
def poisson_exact(x: np.ndarray) -> np.ndarray:
    """The Poisson problem's closed form on x (any shape), float32."""
    return (np.sin(np.pi * x) + 0.25 * np.sin(6 * np.pi * x)).astype("float32")


@cache
def poisson_data(copies: int = 128) -> list[np.ndarray]:
    """The two boundary points x = 0 and x = 1 (u = 0), each repeated `copies` times so that
    an epoch has a few steps, and a validation grid of 200 points with the exact solution.
    Returns x, u, xval, uval."""
    x = np.tile(np.array([[0.0], [1.0]], dtype="float32"), (copies, 1))
    xval = np.linspace(0.0, 1.0, 200, dtype="float32")[:, None]
    return [x, np.zeros_like(x), xval, poisson_exact(xval)]


# Exponential decay u' = -K u, u(0) = U0, the rate K unknown (the inverse problem).
K_TRUE, U0 = 1.3, 2.0


def decay_exact(t: np.ndarray) -> np.ndarray:
    """The decay's closed form on t (any shape, t in [0, 4]), float32."""
    return (U0 * np.exp(-K_TRUE * t)).astype("float32")


@cache
def decay_data(n_obs: int = 120, noise: float = 0.05) -> list[np.ndarray]:
    """`n_obs` noisy measurements at random times in [0, 4] (seed 692) and a validation grid
    of 200 times on [0, 4] with the exact solution. Returns t, u, tval, uval."""
    rng = np.random.default_rng(DATA_SEED + 692)
    t = np.sort(rng.uniform(0.0, 4.0, n_obs)).astype("float32")[:, None]
    u = decay_exact(t) + noise * rng.standard_normal(t.shape).astype("float32")
    tval = np.linspace(0.0, 4.0, 200, dtype="float32")[:, None]
    return [t, u.astype("float32"), tval, decay_exact(tval)]
