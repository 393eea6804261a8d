"""Data for the batch-34 cases: generated tables and token sequences for subclassed Keras 3
models, custom layers and custom training logic (data seed 0, no downloads).

Batch 34 is about the model code, not the data: a nonlinear three-class table, a smooth
regression surface and an order-dependent token task (which of two marker tokens comes
first: a bag of tokens cannot tell, positions are needed). Rows in random order, the first
80 % train, the rest validate; the scripts standardise with the training rows' statistics.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _cut(*arrays: np.ndarray) -> list[np.ndarray]:
    n = len(arrays[0])
    cut = int(0.8 * n)
    out: list[np.ndarray] = []
    for a in arrays:
        out += [a[:cut], a[cut:]]
    return out


@cache
def tabular_classes(n: int = 6000, features: int = 16) -> dict[str, np.ndarray]:
    """Three classes from a hidden two-layer network of 16 features (independent normals,
    then put in uneven units: scales 0.1 to 50 and offsets up to 100, as a sensor table
    has them); the label the argmax of the hidden logits plus Gumbel noise (about 10 % of
    the labels off the noiseless argmax). Returns x, y, val_x, val_y (float64, int)."""
    rng = np.random.default_rng(DATA_SEED + 40)
    z = rng.normal(size=(n, features))
    w1 = rng.normal(size=(features, 24)) / np.sqrt(features)
    w2 = rng.normal(size=(24, 3)) * 1.5
    logits = np.tanh(z @ w1 * 1.5) @ w2
    y = np.argmax(logits + rng.gumbel(size=logits.shape) * 0.35, axis=1)
    scale = np.exp(rng.uniform(np.log(0.1), np.log(50), features))
    offset = rng.uniform(-100, 100, features)
    x = z * scale + offset
    xt, xv, yt, yv = _cut(x, y)
    return {"x": xt, "y": yt, "val_x": xv, "val_y": yv}


@cache
def regression_surface(n: int = 5000, features: int = 8) -> dict[str, np.ndarray]:
    """A smooth target of 8 uniform features in [-2, 2]: sin(x0) x1 + 0.5 x2^2 - x3 x4 +
    tanh(2 x5) + 0.3 x6 (x7 has no effect), plus noise (sd 0.1). Returns x, y, val_x,
    val_y (y shape (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 41)
    x = rng.uniform(-2, 2, size=(n, features))
    y = (np.sin(x[:, 0]) * x[:, 1] + 0.5 * x[:, 2] ** 2 - x[:, 3] * x[:, 4]
         + np.tanh(2 * x[:, 5]) + 0.3 * x[:, 6])  # fmt: skip
    y = y + rng.normal(0, 0.1, n)
    xt, xv, yt, yv = _cut(x, y[:, None])
    return {"x": xt, "y": yt, "val_x": xv, "val_y": yv}


VOCAB = 32
SEQ_LEN = 20


@cache
def marker_order(n: int = 6000) -> dict[str, np.ndarray]:
    """Token sequences of length 20 over a vocabulary of 32 (0 unused): filler tokens 3..31
    uniformly, and the two marker tokens 1 and 2 once each at two random distinct
    positions; the label is 1 when marker 1 comes before marker 2 (balanced). The same
    tokens in another order can have the other label: a model without positions is at
    chance. Returns x, y, val_x, val_y (int)."""
    rng = np.random.default_rng(DATA_SEED + 42)
    x = rng.integers(3, VOCAB, size=(n, SEQ_LEN))
    pos = np.argsort(rng.random((n, SEQ_LEN)), axis=1)[:, :2]
    rows = np.arange(n)
    x[rows, pos[:, 0]] = 1
    x[rows, pos[:, 1]] = 2
    y = (pos[:, 0] < pos[:, 1]).astype(int)
    xt, xv, yt, yv = _cut(x, y)
    return {"x": xt, "y": yt, "val_x": xv, "val_y": yv}
