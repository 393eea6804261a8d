"""Reductions of the probe batch's layer outputs: hidden activation scale, stuck units, and
the model's outputs next to the labels. Pure numpy; the Keras adapter
(`measure.activation_probe`) collects the arrays.

    stats = output_stats(pred, y_probe, "sigmoid")
    hidden = activation_stats("dense", "relu", mean_sq, mins, maxs)
"""

from __future__ import annotations

import math

import numpy as np

from autotrainer_keras.measure.history import ActivationStats, OutputStats

BOUNDS: dict[str, tuple[float, float]] = {
    "sigmoid": (0.0, 1.0),
    "hard_sigmoid": (0.0, 1.0),
    "softmax": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "softsign": (-1.0, 1.0),
}
"""Activations whose outputs are bounded, with their bounds."""

PROBABILITY_OUTPUTS = frozenset({"sigmoid", "softmax"})
AT_BOUND = 1e-3  # an output this close to a bound (relative to the bounds' distance) sits on it


def input_scale(x: np.ndarray) -> float | None:
    """Largest root mean square of one input feature (last axis) over the probe rows; None
    for text inputs (no magnitudes)."""
    if np.asarray(x).dtype.kind in "OUS":
        return None
    features = np.asarray(x, dtype=np.float64)
    features = features.reshape(-1, features.shape[-1]) if features.ndim > 1 else features[:, None]
    if features.size == 0:
        return 0.0
    return float(np.sqrt(np.mean(np.square(features), axis=0)).max())


def stuck_fraction(mins: np.ndarray, maxs: np.ndarray, activation: str) -> float | None:
    """Fraction of units of a bounded activation whose output, for every probe row, lies
    within `AT_BOUND` of the same bound; None for an unbounded activation."""
    if activation not in BOUNDS or len(mins) == 0:
        return None
    low, high = BOUNDS[activation]
    margin = AT_BOUND * (high - low)
    stuck = (np.asarray(maxs) <= low + margin) | (np.asarray(mins) >= high - margin)
    return float(np.mean(stuck))


def activation_stats(
    layer: str, activation: str, mean_sq: np.ndarray, mins: np.ndarray, maxs: np.ndarray
) -> ActivationStats:
    """One hidden layer's statistics from its per-unit mean square, minimum and maximum over
    the probe rows."""
    mean_sq = np.asarray(mean_sq, dtype=np.float64)
    rms = math.sqrt(float(np.mean(mean_sq))) if mean_sq.size else 0.0
    spread = float(np.max(np.asarray(maxs) - np.asarray(mins))) if mean_sq.size else 0.0
    return ActivationStats(layer, activation, rms, spread, stuck_fraction(mins, maxs, activation))


def label_matrix(y: np.ndarray, units: int) -> np.ndarray:
    """The labels as one row per sample with one column per output unit (integer classes
    one-hot when the model outputs one unit per class)."""
    y = np.asarray(y, dtype=np.float64)
    rows = len(y)
    flat = y.reshape(rows, -1)
    if units > 1 and flat.shape[1] == 1:
        classes = np.clip(np.rint(flat[:, 0]).astype(np.int64), 0, units - 1)
        return np.eye(units)[classes]
    return flat


def output_stats(pred: np.ndarray, y: np.ndarray, activation: str) -> OutputStats:
    """The outputs' saturation, range and spread relative to the labels' spread."""
    pred = np.asarray(pred, dtype=np.float64)
    rows = len(pred)
    flat = pred.reshape(rows, -1)
    units = flat.shape[1]
    saturated = None
    if activation in PROBABILITY_OUTPUTS and flat.size:
        saturated = float(np.mean((flat <= AT_BOUND) | (flat >= 1.0 - AT_BOUND)))
    spread = float(np.max(flat.max(axis=0) - flat.min(axis=0))) if flat.size else 0.0
    labels = label_matrix(y, units)
    label_std = labels.std(axis=0) if labels.shape == flat.shape else np.zeros(0)
    varying = label_std > 0
    ratio = (  # labels of another layout, or constant: unknown, never "collapsed"
        float(np.mean(flat.std(axis=0)[varying] / label_std[varying])) if varying.any() else 1.0
    )
    return OutputStats(activation, saturated, spread, ratio, label_correlation(flat, labels))


def label_correlation(pred: np.ndarray, labels: np.ndarray) -> float | None:
    """Mean Pearson correlation of each prediction column with its label column, over the
    columns where both vary; None when there is none (or the layouts differ)."""
    if labels.shape != pred.shape:
        return None
    pred_std, label_std = pred.std(axis=0), labels.std(axis=0)
    both = (pred_std > 0) & (label_std > 0)
    if not both.any():
        return None
    p, y = pred[:, both], labels[:, both]
    cov = ((p - p.mean(axis=0)) * (y - y.mean(axis=0))).mean(axis=0)
    return float(np.mean(cov / (pred_std[both] * label_std[both])))
