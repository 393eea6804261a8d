"""How a model's first per-column `Normalization` leaves the training columns' spreads.

A per-column `Normalization` adapted on the training features leaves every column with a
standard deviation near 1. Adapted on something else (the targets: their one mean and
variance broadcast to every column; another table) or given other statistics (a standard
deviation passed as the variance), it leaves the columns as far apart as they came, or
further: the features reach the first weights unscaled although the model "normalises" them
(practice batch 21: a Friedman #2 table normalised with its target's statistics, columns
left with spreads 1.2 to 0.0008).

Read on the first training rows, through the layer itself: each varying column's standard
deviation after it (a column constant in those rows has none to read).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import keras
import numpy as np


@dataclass(frozen=True)
class NormalizedSpread:
    """The columns' spreads after the first Normalization.

    Attributes:
        layer: The layer's name.
        widest, widest_std: The column with the largest standard deviation after the layer,
            and that deviation.
        narrowest, narrowest_std: The varying column with the smallest one, and it.
    """

    layer: str
    widest: int
    widest_std: float
    narrowest: int
    narrowest_std: float


def normalized_spread(model: keras.Model, rows: Any) -> NormalizedSpread | None:
    """The spreads after the model's first layer on `rows` (tabular rows of one input array),
    when that layer is a per-column, forward `Normalization`; None otherwise (images,
    sequences, named inputs, another first layer, fewer than two varying columns)."""
    if not isinstance(rows, np.ndarray) or rows.ndim != 2 or rows.dtype.kind not in "fiu":
        return None
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    first = layers[0] if layers else None
    if not isinstance(first, keras.layers.Normalization) or getattr(first, "invert", False):
        return None
    if not tuple(first.axis or ()):  # axis=None: one scale for every column (feature_spread)
        return None
    x = rows.astype(np.float32)
    try:
        out = np.asarray(first(x), np.float64)
    except Exception:  # noqa: BLE001 - a layer these rows do not fit: nothing to read
        return None
    varying = np.flatnonzero(x.std(axis=0) > 0)
    if out.shape != x.shape or varying.size < 2:
        return None
    spreads = out.std(axis=0)[varying]
    if not np.isfinite(spreads).all():
        return None
    wide, narrow = int(np.argmax(spreads)), int(np.argmin(spreads))
    return NormalizedSpread(first.name, int(varying[wide]), float(spreads[wide]),
                            int(varying[narrow]), float(spreads[narrow]))  # fmt: skip
