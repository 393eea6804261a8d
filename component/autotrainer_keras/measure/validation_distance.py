"""How far the validation inputs lie from the training inputs, in training standard deviations.

Two readings per feature (last axis, features that vary in training): the root mean square
distance of the validation values from the training mean, whose median over features is
about 1 for rows drawn like the training rows (a scaler fitted and applied to the training
part only moves every feature); and the median over validation rows of each value's distance,
whose largest feature names one column prepared unlike its training twin (columns in another
order, one column in other units) without being moved by a few outlying rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.sample_rows import evenly_spaced, rows_within

VAL_ROWS = 256
"""Validation rows read (evenly spaced): medians need few."""


def validation_sample(
    x_val: np.ndarray, sample_rows: int, sample_entries: int | None
) -> np.ndarray:
    """At most `VAL_ROWS` evenly spaced validation rows, fewer when they would hold more
    than `sample_entries` values (`sample_rows.rows_within`)."""
    return evenly_spaced(x_val, rows_within(x_val, min(sample_rows, VAL_ROWS), sample_entries))


@dataclass(frozen=True)
class ValidationDistance:
    """`median`: the median over features of the root mean square distance; `worst`: the
    largest per-feature median distance, at feature index `worst_feature` (-1: not measured)."""

    median: float = 0.0
    worst: float = 0.0
    worst_feature: int = -1


def validation_distance(
    features: np.ndarray, x_val: object, sample_rows: int, sample_entries: int | None = None
) -> ValidationDistance:
    """The distances of the validation inputs `x_val` (one array; at most `VAL_ROWS` rows,
    fewer when they hold more than `sample_entries` values: `sample_rows.rows_within`) from
    the training rows' `features` (rows x last axis); zeros when not measurable."""
    if not isinstance(x_val, np.ndarray) or x_val.dtype == object or len(x_val) == 0:
        return ValidationDistance()
    val = np.asarray(validation_sample(x_val, sample_rows, sample_entries), np.float32)
    val = val.reshape(-1, val.shape[-1]) if val.ndim > 1 else val.reshape(-1, 1)
    if val.shape[1] != features.shape[1] or not features.size:
        return ValidationDistance()
    mean = features.mean(axis=0, dtype=np.float64)
    std = features.std(axis=0, dtype=np.float64)
    varying = std > 1e-6 * np.maximum(1.0, np.abs(mean))
    if not varying.any():
        return ValidationDistance()
    centred = val[:, varying] - mean[varying].astype(np.float32)  # float32: large images
    scale = std[varying]
    gaps = np.sqrt(np.mean(np.square(centred), axis=0, dtype=np.float64))
    median = float(np.median(gaps / scale))
    typical = np.median(np.abs(centred), axis=0).astype(np.float64) / scale
    if not np.isfinite(typical).all():
        typical = np.where(np.isfinite(typical), typical, 0.0)
    worst = int(np.argmax(typical))
    return ValidationDistance(
        median=median if math.isfinite(median) else 0.0,
        worst=float(typical[worst]),
        worst_feature=int(np.flatnonzero(varying)[worst]),
    )
