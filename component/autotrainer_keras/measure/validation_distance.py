"""How far the validation inputs lie from the training inputs, in training standard deviations.

Two readings per feature (last axis, features that vary in training): the root mean square
distance of the validation values from the training mean, whose median over features is
about 1 for rows drawn like the training rows (a scaler fitted and applied to the training
part only moves every feature); and the median over validation rows of each value's distance,
whose largest feature names one column prepared unlike its training twin (columns in another
order, one column in other units) without being moved by a few outlying rows.

A transformation that keeps the values within a few standard deviations of the training
mean (bitmaps inverted, 1 - x; a canvas rescaled; values standardised per row in one split
only) moves neither reading far: their distributions show it. Per feature, the
Kolmogorov-Smirnov distance between the validation values and the training values (pooled
over positions: every pixel of a channel, every step of a sequence), its median over
features; against the same distance between the first and the second half of the training
rows, which is what order alone gives (a later period of a drifting series, rows sorted by
class or time) besides the sampling noise.

Some rows of one column prepared otherwise (one site's lab values left in other units in the
validation part only) move neither the medians nor most distributions: per feature, the share
of validation values that lie far outside the training values' range (beyond it by the
range's own width), its largest feature, against the same share of the second half of the
training rows outside the first half's widened range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.column_order import ks_distance
from autotrainer_keras.measure.sample_rows import evenly_spaced, rows_within

VAL_ROWS = 256
"""Validation rows read (evenly spaced): medians need few."""
KS_FEATURES = 64
"""Features whose distributions are compared (evenly spaced over the varying ones)."""
KS_VALUES = 4096
"""Values per feature and split a distribution is read from (a fixed random choice)."""
OUTSIDE_COUNTED = 0.01
"""A feature counts among those with validation values far outside its training range
(`ValidationDistance.outside_columns`) from this share of its values."""


def validation_sample(
    x_val: np.ndarray, sample_rows: int, sample_entries: int | None
) -> np.ndarray:
    """At most `VAL_ROWS` evenly spaced validation rows, fewer when they would hold more
    than `sample_entries` values (`sample_rows.rows_within`)."""
    return evenly_spaced(x_val, rows_within(x_val, min(sample_rows, VAL_ROWS), sample_entries))


@dataclass(frozen=True)
class ValidationDistance:
    """`median`: the median over features of the root mean square distance; `worst`: the
    largest per-feature median distance, at feature index `worst_feature` (-1: not measured);
    `ks`: the median over features of the Kolmogorov-Smirnov distance between the validation
    and the training values, `ks_halves`: the same between the first and the second half of
    the training rows (0 when not measured); `outside`: the largest share over features of
    validation values far outside the training range (`_outside`), at feature index
    `outside_feature`, `outside_halves`: the largest such share of the training rows' second
    half against their first; `outside_columns`: the features with `OUTSIDE_COUNTED` of their
    validation values so far out."""

    median: float = 0.0
    worst: float = 0.0
    worst_feature: int = -1
    ks: float = 0.0
    ks_halves: float = 0.0
    outside: float = 0.0
    outside_feature: int = -1
    outside_halves: float = 0.0
    outside_columns: int = 0


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
    ks, ks_halves = _distributions(features[:, varying], val[:, varying])
    outside, outside_halves = _outside(features[:, varying], val[:, varying])
    far = int(np.argmax(outside))
    return ValidationDistance(
        median=median if math.isfinite(median) else 0.0,
        worst=float(typical[worst]),
        worst_feature=int(np.flatnonzero(varying)[worst]),
        ks=ks,
        ks_halves=ks_halves,
        outside=float(outside[far]),
        outside_feature=int(np.flatnonzero(varying)[far]),
        outside_halves=float(outside_halves.max()),
        outside_columns=int((outside >= OUTSIDE_COUNTED).sum()),
    )


def _outside(train: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per feature, the share of `val`'s values beyond the training values' range by more
    than its width, and the same of the training rows' second half against their first
    (zeros where the values are not finite, or the training rows too few to halve)."""
    half = len(train) // 2
    if half < 2 or not (np.isfinite(train).all() and np.isfinite(val).all()):
        return np.zeros(train.shape[1]), np.zeros(train.shape[1])
    return _share_beyond(train, val), _share_beyond(train[:half], train[half:])


def _share_beyond(reference: np.ndarray, values: np.ndarray) -> np.ndarray:
    low, high = reference.min(axis=0), reference.max(axis=0)
    width = (high - low).astype(np.float64)
    beyond = (values < low - width) | (values > high + width)
    return np.asarray(beyond.mean(axis=0, dtype=np.float64))


def _distributions(train: np.ndarray, val: np.ndarray) -> tuple[float, float]:
    """(validation against training, second half of the training rows against the first):
    the median over features (at most `KS_FEATURES`) of the Kolmogorov-Smirnov distance
    between their values (at most `KS_VALUES` each); zeros when values are not finite or
    the training rows are too few to halve."""
    half = len(train) // 2
    if half < 2 or len(val) < 2:
        return 0.0, 0.0
    columns = np.unique(np.linspace(0, train.shape[1] - 1, KS_FEATURES).astype(int))
    choose = np.random.default_rng(0)
    gaps, halves = [], []
    for column in columns:
        first, second, whole, held = (_values(part[:, column], choose)
                                      for part in (train[:half], train[half:], train, val))
        if not all(np.isfinite(v).all() for v in (whole, held)):
            return 0.0, 0.0
        gaps.append(ks_distance(whole, held, np.concatenate([whole, held])))
        halves.append(ks_distance(first, second, np.concatenate([first, second])))
    return float(np.median(gaps)), float(np.median(halves))


def _values(column: np.ndarray, choose: np.random.Generator) -> np.ndarray:
    """At most `KS_VALUES` of a feature's values (a fixed random choice), sorted."""
    if len(column) > KS_VALUES:
        column = column[choose.choice(len(column), KS_VALUES, replace=False)]
    return np.sort(column.astype(np.float64))
