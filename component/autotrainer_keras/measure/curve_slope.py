"""The robust slope of a short curve: Theil-Sen, the median of the slopes of all pairs of
points, so one noisy epoch cannot make a flat curve fall or a falling one flat.

    fall = relative_fall([0.9, 0.85, 0.83, 0.80, 0.78])  # ~0.036 per epoch
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def theil_sen_slope(values: Sequence[float]) -> float:
    """Median of (v_j - v_i) / (j - i) over all pairs i < j (values one step apart); NaN with
    fewer than two finite values."""
    points = [(i, float(v)) for i, v in enumerate(values) if math.isfinite(v)]
    slopes = [(vj - vi) / (j - i) for a, (i, vi) in enumerate(points) for j, vj in points[a + 1 :]]
    return float(np.median(slopes)) if slopes else math.nan


def relative_fall(values: Sequence[float]) -> float:
    """How fast the curve falls per step, as a fraction of its median level (> 0 while it
    falls); NaN when unknown (too few finite values, or a level of 0 or below)."""
    finite = [float(v) for v in values if math.isfinite(v)]
    level = float(np.median(finite)) if finite else math.nan
    if not finite or level <= 0:
        return math.nan
    return -theil_sen_slope(values) / level
