"""Data for the batch-55 cases: generated tables and small images for gated and conditional
architectures (no downloads; data seed 0 (+550 .. +553)).

Batch 55 is the gating regime: a table whose class rule switches between three regimes (a
mixture of experts, a highway stack or a gate over feature groups has something to route),
a multi-task table whose rule depends on a task id (FiLM conditioning, GLU blocks), small
three-channel images whose class is which channel carries which stripes (squeeze-and-
excitation), and an order-revenue regression whose target is a product of two inputs in
their own units (multiplicative interactions).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

N_TRAIN, N_VAL = 6000, 1500


@cache
def regime_split() -> list[np.ndarray]:
    """A three-regime table (seed 550): 12 standard-normal features in 4 groups of 3; the
    regime is the argmax of features 0..2, and in each regime its own linear rule on features
    3..11 (plus a product term) picks one of 3 classes; 4 % of labels flipped. 6000 train,
    1500 validate. Returns x, xval (float32), y, yval (integer 0..2)."""
    rng = np.random.default_rng(DATA_SEED + 550)
    n = N_TRAIN + N_VAL
    x = rng.normal(size=(n, 12))
    regime = np.argmax(x[:, :3], axis=1)
    weights = rng.normal(size=(3, 9, 3))
    scores = np.einsum("nf,nfc->nc", x[:, 3:], weights[regime])
    scores[:, 0] += 0.8 * x[:, 3] * x[:, 4]
    y = np.argmax(scores, axis=1)
    flip = rng.random(n) < 0.04
    y[flip] = rng.integers(0, 3, size=int(flip.sum()))
    x = x.astype("float32")
    return [x[:N_TRAIN], x[N_TRAIN:], y[:N_TRAIN].astype(np.int64), y[N_TRAIN:].astype(np.int64)]


@cache
def task_split() -> list[np.ndarray]:
    """A four-task table (seed 551): 8 standard-normal features and a task id 0..3 (one-hot,
    4 columns); the binary label is the sign of the task's own linear rule on the features
    plus a task-specific product of two features, 3 % flipped. Without the task the label is
    close to a coin. 6000 train, 1500 validate. Returns x, xval (float32), task, taskval
    (float32 one-hot), y, yval (integer 0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 551)
    n = N_TRAIN + N_VAL
    x = rng.normal(size=(n, 8))
    task = rng.integers(0, 4, size=n)
    weights = rng.normal(size=(4, 8))
    pairs = [(0, 1), (2, 3), (4, 5), (6, 7)]
    product = np.array([x[i, pairs[t][0]] * x[i, pairs[t][1]] for i, t in enumerate(task)])
    score = np.einsum("nf,nf->n", x, weights[task]) + 1.2 * product
    y = (score > 0).astype(np.int64)
    flip = rng.random(n) < 0.03
    y[flip] = 1 - y[flip]
    onehot = np.eye(4, dtype="float32")[task]
    x = x.astype("float32")
    return [x[:N_TRAIN], x[N_TRAIN:], onehot[:N_TRAIN], onehot[N_TRAIN:], y[:N_TRAIN],
            y[N_TRAIN:]]  # fmt: skip


@cache
def stripe_images(n_train: int = 3000, n_val: int = 1000) -> list[np.ndarray]:
    """16 x 16 x 3 images (seed 552), 4 classes: horizontal stripes in channel 0 (class 0) or
    channel 1 (class 1), vertical stripes in channel 0 (class 2) or channel 1 (class 3), at a
    random phase and period 3..5; channel 2 carries distractor stripes of a random
    orientation; Gaussian noise sd 0.6 on every channel. Values about 0..1. Returns x, xval
    (float32, (n, 16, 16, 3)), y, yval (integer 0..3)."""
    rng = np.random.default_rng(DATA_SEED + 552)
    n = n_train + n_val
    y = rng.integers(0, 4, size=n)
    grid = np.arange(16)
    images = np.zeros((n, 16, 16, 3), dtype="float32")

    def stripes(vertical: bool) -> np.ndarray:
        period = rng.integers(3, 6)
        phase = rng.integers(0, period)
        line = ((grid + phase) % period == 0).astype("float32")
        return np.tile(line, (16, 1)) if vertical else np.tile(line[:, None], (1, 16))

    for i in range(n):
        images[i, :, :, y[i] % 2] = stripes(vertical=y[i] >= 2)
        images[i, :, :, 2] = stripes(vertical=bool(rng.integers(0, 2)))
    images += rng.normal(scale=0.6, size=images.shape).astype("float32")
    return [images[:n_train], images[n_train:], y[:n_train].astype(np.int64),
            y[n_train:].astype(np.int64)]  # fmt: skip


@cache
def order_split() -> list[np.ndarray]:
    """Order lines (seed 553), 6 columns in their own units: unit price 5..800 dollars
    (log-uniform), quantity 1..2000 (log-uniform), discount 0..0.3, weekday 0..6, days since
    launch 0..1500, a loyalty score 0..100. The target is the line's revenue in thousands of
    dollars, price x quantity x (1 - discount) / 1000 x a 10 % noise factor (median ~5,
    the top 1 % above ~300), returned as log1p(revenue). 6000 train, 1500 validate. Returns x,
    xval (float32, raw units), y, yval (float32)."""
    rng = np.random.default_rng(DATA_SEED + 553)
    n = N_TRAIN + N_VAL
    price = np.exp(rng.uniform(np.log(5), np.log(800), n))
    quantity = np.round(np.exp(rng.uniform(0, np.log(2000), n)))
    discount = rng.uniform(0, 0.3, n)
    weekday = rng.integers(0, 7, n).astype(float)
    days = rng.uniform(0, 1500, n)
    loyalty = rng.uniform(0, 100, n)
    revenue = price * quantity * (1 - discount) / 1000 * rng.lognormal(0, 0.1, n)
    x = np.stack([price, quantity, discount, weekday, days, loyalty], axis=1).astype("float32")
    y = np.log1p(revenue).astype("float32")
    return [x[:N_TRAIN], x[N_TRAIN:], y[:N_TRAIN], y[N_TRAIN:]]
